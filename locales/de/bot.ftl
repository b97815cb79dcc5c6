# optout-bot: alles, was ein Mitglied sieht, auf Deutsch (Anrede: du).
#
# Gleiche Nachrichten-IDs und Variablen wie locales/en/bot.ftl. Befehlsnamen
# (/ask, /faq list, /optout) und Optionsnamen (question, topic, id) bleiben
# unübersetzt: Discord zeigt sie so an.

## Die Antwortkarte

card-source = Quelle
card-reviewed = Zuletzt geprüft am { $date }
card-entry = FAQ-Eintrag { $id }
answer-prompt = War das hilfreich?
answer-shared = { $user } hat diese Antwort geteilt. War sie hilfreich?
button-helpful = Hilfreich
button-not-helpful = Nicht hilfreich
button-post = Öffentlich posten
button-see-also = Siehe auch: { $question }
vote-thanks-helpful = Danke für dein Feedback, schön, dass es geholfen hat.
vote-thanks-unhelpful = Danke für den Hinweis. Frag mit `/ask` noch mal in anderen Worten oder schau in `/faq list`.
button-expired = Dieser Button funktioniert nicht mehr. Probier `/ask` noch einmal.

## Überschriften vor dem Text einer Region („In Kanada: …“)

region-heading-eu = In der EU und im EWR
region-heading-uk = Im Vereinigten Königreich
region-heading-ch = In der Schweiz
region-heading-ca = In Kanada
region-heading-hk = In Hongkong
region-heading-us = In den USA
region-heading-other = Außerhalb von EU/EWR, Vereinigtem Königreich, Schweiz, Kanada, Hongkong und USA
# $in_place: the place with its preposition, from src/region/places.rs.
region-heading-place = { $in_place } ({ $region })
region-general = Allgemein

## Regionsnamen, in /ask region: und der Autovervollständigung

region-eu = EU/EWR
region-uk = Vereinigtes Königreich
region-ch = Schweiz
region-ca = Kanada
region-hk = Hongkong
region-us = USA
region-other = Alle anderen Länder
unknown-region = Diese Region kenne ich nicht. Wähl eine davon: { $codes }.

## „Meintest du“ und „Weiß ich nicht“

suggest-prompt = Meintest du eine dieser Fragen?
decline-asked = Du hast gefragt: „{ $question }“
decline-unknown = Das weiß ich leider nicht: Keiner meiner FAQ-Einträge beantwortet das.
decline-other-subject = Das klingt, als ginge es um { $other }, und ich kenne mich nur mit dem Opt-out aus LinkedIns Training für generative KI aus. Schau in die Datenschutzeinstellungen oder Hilfeseiten von { $other }.
decline-pointers = Mit `/faq list` siehst du, was ich beantworten kann, und mit `/optout` bekommst du die Opt-out-Schritte.

## /faq list und /faq show

list-title = Was ich beantworten kann
list-title-topic = FAQ: { $topic }
list-footer = Zeig eine Antwort mit /faq show id an oder frag mit /ask in deinen eigenen Worten
list-more = … und { $count } weitere: Wähl ein Thema, um die Liste einzugrenzen.
list-no-topic = Es gibt kein Thema „{ $topic }“. Themen: { $topics }.
unknown-entry = Es gibt keinen FAQ-Eintrag „{ $id }“. Die IDs findest du mit `/faq list`.

## Themennamen, wie /faq list sie zeigt

topic-overview = Überblick
topic-opt-out = Opt-out
topic-data = Welche Daten
topic-regions = Regionen
topic-timeline = Zeitplan und Fristen
topic-deletion = Löschung und Widerspruch
topic-other-settings = Andere Einstellungen

## /help

help-title = optout-bot
help-body =
    Ich beantworte Fragen zum Opt-out aus LinkedIns Training für generative KI, auf Grundlage einer geprüften FAQ. Frag in deiner eigenen Sprache: English, Deutsch, Français, Español, Italiano, Nederlands oder Português.

    - **/ask** question: frag in deinen eigenen Worten
    - **/optout**: die Opt-out-Schritte, sofort
    - **/faq list** [topic]: alles, was ich beantworten kann
    - **/faq show** id: eine einzelne Antwort
    - **Mit FAQ antworten** (Rechtsklick auf eine Nachricht, dann Apps): die Frage von jemand anderem beantworten

    Du kannst mich auch mit einer Frage erwähnen oder mir eine DM schicken.
help-help-channels = In Hilfe-Kanälen antworte ich von selbst, wenn ich mir sicher bin.
help-private = Antworten sind privat, bis du auf **Öffentlich posten** drückst. Ich pinge niemanden an.

## Fehler und Limits

failure = Sorry, bei mir ist beim Antworten etwas schiefgelaufen. Bitte versuch es gleich noch einmal.
slow-down = Ich beantworte gerade sehr viele Fragen: Frag mich in { $seconds ->
        [one] { $seconds } Sekunde
       *[other] { $seconds } Sekunden
    } noch einmal, oder nutze `/ask` für eine private Antwort.
no-text = Diese Nachricht enthält keinen Text, den ich lesen kann, deshalb kann ich nicht darauf antworten.
answered-on-behalf = Ich habe auf die Nachricht mit dem FAQ-Eintrag geantwortet (als Antwort darauf).

## Die Kommandozeile (optout-bot ask und chat)

cli-decline-hint = Formulier die Frage anders, oder gib `list` ein, um zu sehen, was ich beantworten kann.
cli-ask-decline-hint = Formulier die Frage anders, oder starte `optout-bot chat` und gib `list` ein, um zu sehen, was ich beantworten kann.
cli-pick-number = (gib eine Zahl ein, um diese Antwort zu sehen)
cli-see-also = Siehe auch: { $entries }

## Slash-Befehle: Beschreibungen, wie Discord sie zeigt (höchstens 100 Zeichen)

cmd-ask = Stell eine Frage zum Opt-out aus LinkedIns KI-Training
cmd-ask-question = Deine Frage, in deinen eigenen Worten
cmd-ask-region = Wo du bist, falls die Frage es nicht sagt (EU/EWR, UK, Kanada, …)
cmd-optout = So widersprichst du LinkedIns KI-Training, Schritt für Schritt
cmd-faq = Die FAQ durchsuchen
cmd-faq-list = Alles, was ich beantworten kann
cmd-faq-list-topic = Nur dieses Thema anzeigen
cmd-faq-show = Eine FAQ-Antwort anzeigen
cmd-faq-show-id = Die ID des Eintrags: tipp ein paar Wörter, um die Fragen zu durchsuchen
cmd-help = Was ich mache und wie du mich fragst

## Das Kontextmenü einer Nachricht (Rechtsklick → Apps)

menu-answer-with-faq = Mit FAQ antworten

# Short answers first, details on demand, follow-ups (issue 17).
card-sources = Quellen
button-more = Mehr Details
pick-out-of-range = Wähle eine Zahl von 1 bis { $count }.
cli-more-hint = (gib `mehr` ein für die Details und alle Quellen)
cli-ask-full-hint = (Details und alle Quellen: mit `--full`)
cli-no-details = Stell zuerst eine Frage; dann zeigt `mehr` die Details.
