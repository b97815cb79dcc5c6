# optout-bot: tutto quello che un iscritto vede, in italiano.
#
# Stessi id e stesse variabili di locales/en/bot.ftl. I nomi dei comandi (/ask,
# /faq list, /optout) restano in inglese: Discord li mostra non tradotti. Gli strumenti
# per i moderatori restano in inglese. Si dà del tu, come si usa su Discord.

## La scheda della risposta

card-source = Fonte
card-reviewed = Ultima verifica: { $date }
card-entry = Voce della FAQ { $id }
answer-prompt = Ti è stato utile?
answer-shared = { $user } ha condiviso questa risposta. Ti è stata utile?
button-helpful = Utile
button-not-helpful = Non utile
button-post = Pubblica per tutti
button-see-also = Vedi anche: { $question }
vote-thanks-helpful = Grazie del feedback, felice di esserti stato utile.
vote-thanks-unhelpful = Grazie di avermelo detto. Prova a chiedere con altre parole con `/ask`, oppure sfoglia `/faq list`.
button-expired = Questo pulsante non funziona più. Riprova con `/ask`.

## Intestazioni prima del testo di una regione ("In Canada: …")

region-heading-eu = Nell'UE e nel SEE
region-heading-uk = Nel Regno Unito
region-heading-ch = In Svizzera
region-heading-ca = In Canada
region-heading-hk = A Hong Kong
region-heading-us = Negli Stati Uniti
region-heading-other = Fuori da UE/SEE, Regno Unito, Svizzera, Canada, Hong Kong e Stati Uniti
# $in_place: the place with its preposition, from src/region/places.rs.
region-heading-place = { $in_place } ({ $region })
region-general = In generale

## Nomi delle regioni, in /ask region: e nel suo completamento automatico

region-eu = UE/SEE
region-uk = Regno Unito
region-ch = Svizzera
region-ca = Canada
region-hk = Hong Kong
region-us = USA
region-other = Resto del mondo
unknown-region = Non conosco questa regione. Scegline una tra: { $codes }.

## "Forse intendevi" e "Non lo so"

suggest-prompt = Forse intendevi una di queste?
decline-asked = Hai chiesto: “{ $question }”
decline-unknown = Su questo non so risponderti: nessuna voce della mia FAQ ne parla.
decline-other-subject = Sembra una domanda su { $other }, e io mi occupo solo dell'opt-out dal training dell'IA generativa di LinkedIn. Controlla le impostazioni privacy o le pagine di aiuto di { $other }.
decline-pointers = Guarda a cosa so rispondere con `/faq list`, oppure ottieni i passaggi per l'opt-out con `/optout`.

## /faq list e /faq show

list-title = A cosa so rispondere
list-title-topic = FAQ: { $topic }
list-footer = Mostrane una con /faq show id, oppure chiedi con parole tue con /ask
list-more = … e altre { $count }: scegli un argomento per restringere l'elenco.
list-no-topic = L'argomento “{ $topic }” non esiste. Argomenti: { $topics }.
unknown-entry = La voce “{ $id }” non esiste nella FAQ. Trovi gli id con `/faq list`.

## Nomi degli argomenti, come li mostra /faq list

topic-overview = Panoramica
topic-opt-out = Opt-out
topic-data = Quali dati
topic-regions = Regioni
topic-timeline = Date e tempistiche
topic-deletion = Cancellazione e opposizione
topic-other-settings = Altre impostazioni

## /help

help-title = optout-bot
help-body =
    Rispondo alle domande sull'opt-out dal training dell'IA generativa di LinkedIn, in base a una FAQ verificata. Chiedi nella tua lingua: English, Deutsch, Français, Español, Italiano, Nederlands o Português.

    - **/ask** question: chiedi con parole tue
    - **/optout**: i passaggi per l'opt-out, subito
    - **/faq list** [topic]: tutto quello a cui so rispondere
    - **/faq show** id: una sola risposta
    - **Rispondi con la FAQ** (clic destro su un messaggio, poi App): rispondi alla domanda di qualcun altro

    Puoi anche menzionarmi con una domanda, o scrivermi in DM.
help-help-channels = Nei canali di aiuto rispondo da solo quando sono sicuro.
help-private = Le risposte sono private finché non premi **Pubblica per tutti**. Non menziono mai nessuno.

## Errori e limiti

failure = Scusa, qualcosa è andato storto da parte mia mentre rispondevo. Riprova tra un momento.
slow-down = Sto rispondendo a tante domande in questo momento: richiedimelo tra { $seconds ->
        [one] { $seconds } secondo
       *[other] { $seconds } secondi
    }, oppure usa `/ask` per una risposta privata.
no-text = In quel messaggio non c'è testo che io possa leggere, quindi non posso rispondere.
answered-on-behalf = Ho risposto a quel messaggio con la voce della FAQ (in risposta al messaggio).

## La riga di comando (optout-bot ask e chat)

cli-decline-hint = Prova a riformulare, oppure scrivi `list` per vedere a cosa so rispondere.
cli-ask-decline-hint = Prova a riformulare, oppure avvia `optout-bot chat` e scrivi `list` per vedere a cosa so rispondere.
cli-pick-number = (scrivi un numero per vedere quella risposta)
cli-see-also = Vedi anche: { $entries }

## Comandi slash: descrizioni come le mostra Discord (al massimo 100 caratteri)

cmd-ask = Fai una domanda sull'opt-out dal training dell'IA di LinkedIn
cmd-ask-question = La tua domanda, con parole tue
cmd-ask-region = Dove ti trovi, se la domanda non lo dice (UE/SEE, Regno Unito, Canada, …)
cmd-optout = Come fare l'opt-out dal training dell'IA di LinkedIn, passo per passo
cmd-faq = Sfoglia la FAQ
cmd-faq-list = Tutto quello a cui so rispondere
cmd-faq-list-topic = Elenca solo questo argomento
cmd-faq-show = Mostra una risposta della FAQ
cmd-faq-show-id = L'id della voce: scrivi qualche parola per cercare tra le domande
cmd-help = Cosa faccio e come chiedermi le cose

## Il menu contestuale dei messaggi (clic destro su un messaggio → App)

menu-answer-with-faq = Rispondi con la FAQ

# Short answers first, details on demand, follow-ups (issue 17).
card-sources = Fonti
button-more = Più dettagli
pick-out-of-range = Scegli un numero da 1 a { $count }.
cli-more-hint = (scrivi `più` per i dettagli e tutte le fonti)
cli-ask-full-hint = (dettagli e tutte le fonti: aggiungi `--full`)
cli-no-details = Fai prima una domanda; poi `più` ne mostra i dettagli.
