# optout-bot : tout ce que voit un membre, en français.
#
# Un fichier par langue : locales/<code>/bot.ftl. Chaque langue a tous les identifiants
# de message, avec les mêmes variables. Les noms de commandes (/ask, /faq list, /optout)
# et de leurs options restent tels quels : Discord les affiche sans traduction.
# On vouvoie le membre.

## La fiche de réponse

card-source = Source
card-reviewed = Dernière relecture : { $date }
card-entry = Entrée de FAQ { $id }
answer-prompt = Cette réponse vous a-t-elle aidé ?
answer-shared = { $user } a partagé cette réponse. Vous a-t-elle aidé ?
button-helpful = Utile
button-not-helpful = Pas utile
button-post = Partager publiquement
button-see-also = Voir aussi : { $question }
vote-thanks-helpful = Merci pour votre retour, ravi que ça vous ait aidé.
vote-thanks-unhelpful = Merci de me l'avoir signalé. Essayez de reformuler avec `/ask`, ou parcourez `/faq list`.
button-expired = Ce bouton ne fonctionne plus. Relancez `/ask`.

## Titres de région avant le texte propre à une région (« Au Canada : … »)

region-heading-eu = Dans l'UE et l'EEE
region-heading-uk = Au Royaume-Uni
region-heading-ch = En Suisse
region-heading-ca = Au Canada
region-heading-hk = À Hong Kong
region-heading-us = Aux États-Unis
region-heading-other = Hors UE/EEE, Royaume-Uni, Suisse, Canada, Hong Kong et États-Unis
# $in_place: the place with its preposition, from src/region/places.rs.
region-heading-place = { $in_place } ({ $region })
region-general = En général

## Noms de région, dans /ask region: et son autocomplétion

region-eu = UE/EEE
region-uk = Royaume-Uni
region-ch = Suisse
region-ca = Canada
region-hk = Hong Kong
region-us = États-Unis
region-other = Reste du monde
unknown-region = Je ne connais pas cette région. Choisissez parmi : { $codes }.

## « Vouliez-vous dire » et « je ne sais pas »

suggest-prompt = Vouliez-vous dire l'une de ces questions ?
decline-asked = Vous avez demandé : « { $question } »
decline-unknown = Je ne sais pas répondre à celle-ci : aucune entrée de ma FAQ n'y répond.
decline-other-subject = On dirait que votre question porte sur { $other }, et je ne couvre que l'opt-out de l'entraînement de l'IA générative de LinkedIn. Consultez les paramètres de confidentialité ou l'aide du service concerné ({ $other }).
decline-pointers = Parcourez ce à quoi je sais répondre avec `/faq list`, ou obtenez les étapes de l'opt-out avec `/optout`.

## /faq list et /faq show

list-title = Ce à quoi je sais répondre
list-title-topic = FAQ : { $topic }
list-footer = Affichez-en une avec /faq show id, ou posez votre question avec /ask
list-more = … et { $count } de plus : choisissez un thème pour affiner la liste.
list-no-topic = Il n'y a pas de thème « { $topic } ». Thèmes : { $topics }.
unknown-entry = Il n'y a pas d'entrée de FAQ « { $id } ». Les identifiants sont dans `/faq list`.

## Noms des thèmes, tels que /faq list les affiche

topic-overview = Vue d'ensemble
topic-opt-out = Se désinscrire (opt-out)
topic-data = Quelles données
topic-regions = Régions
topic-timeline = Dates et calendrier
topic-deletion = Suppression et opposition
topic-other-settings = Autres paramètres

## /help

help-title = optout-bot
help-body =
    Je réponds aux questions sur l'opt-out de l'entraînement de l'IA générative de LinkedIn, à partir d'une FAQ relue par des humains. Posez vos questions dans votre langue : English, Deutsch, Français, Español, Italiano, Nederlands ou Português.

    - **/ask** question : posez votre question avec vos propres mots
    - **/optout** : les étapes de l'opt-out, tout de suite
    - **/faq list** [topic] : tout ce à quoi je sais répondre
    - **/faq show** id : une seule réponse
    - **Répondre avec la FAQ** (clic droit sur un message, puis Applications) : répondre à la question de quelqu'un d'autre

    Vous pouvez aussi me mentionner avec une question, ou m'envoyer un MP.
help-help-channels = Dans les salons d'aide, je réponds de moi-même quand je suis sûr de la réponse.
help-private = Les réponses restent privées tant que vous n'appuyez pas sur **Partager publiquement**. Je ne mentionne (ping) jamais personne.

## Erreurs et limites

failure = Désolé, un problème est survenu de mon côté pendant la réponse. Réessayez dans un instant.
slow-down = Je reçois beaucoup de questions en ce moment : réessayez dans { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    }, ou utilisez `/ask` pour une réponse privée.
no-text = Ce message ne contient aucun texte que je puisse lire, je ne peux donc pas y répondre.
answered-on-behalf = J'ai répondu à ce message avec l'entrée de la FAQ (en réponse à celui-ci).

## La ligne de commande (optout-bot ask et chat)

cli-decline-hint = Essayez de reformuler, ou tapez `list` pour voir ce à quoi je sais répondre.
cli-ask-decline-hint = Essayez de reformuler, ou lancez `optout-bot chat` et tapez `list` pour voir ce à quoi je sais répondre.
cli-pick-number = (tapez un numéro pour voir cette réponse)
cli-see-also = Voir aussi : { $entries }

## Commandes slash : descriptions telles que Discord les affiche (100 caractères au plus)

cmd-ask = Poser une question sur l'opt-out de l'entraînement de l'IA de LinkedIn
cmd-ask-question = Votre question, avec vos propres mots
cmd-ask-region = Où vous êtes, si la question ne le dit pas (UE/EEE, Royaume-Uni, Canada, …)
cmd-optout = Comment désactiver l'entraînement de l'IA de LinkedIn, étape par étape
cmd-faq = Parcourir la FAQ
cmd-faq-list = Tout ce à quoi je sais répondre
cmd-faq-list-topic = N'afficher que ce thème
cmd-faq-show = Afficher une réponse de la FAQ
cmd-faq-show-id = L'identifiant de l'entrée : tapez quelques mots pour chercher parmi les questions
cmd-help = Ce que je fais et comment me poser une question

## Le menu contextuel d'un message (clic droit sur un message → Applications)

menu-answer-with-faq = Répondre avec la FAQ

# Short answers first, details on demand, follow-ups (issue 17).
card-sources = Sources
button-more = Plus de détails
pick-out-of-range = Choisissez un numéro de 1 à { $count }.
cli-more-hint = (tapez `plus` pour les détails et toutes les sources)
cli-ask-full-hint = (détails et toutes les sources : ajoutez `--full`)
cli-no-details = Posez d'abord une question ; `plus` en affiche ensuite les détails.
