# optout-bot: alles wat een lid ziet, in het Nederlands.
#
# Eén bestand per taal: locales/<code>/bot.ftl. Elke taal heeft elke message-id, met
# dezelfde variabelen. Commandonamen (/ask, /faq list, /optout) blijven zoals ze zijn:
# Discord toont ze onvertaald. Moderatortools blijven in het Engels.

## De antwoordkaart

card-source = Bron
card-reviewed = Laatst nagekeken op { $date }
card-entry = FAQ-onderdeel { $id }
answer-prompt = Had je hier iets aan?
answer-shared = { $user } heeft dit antwoord gedeeld. Had je er iets aan?
button-helpful = Nuttig
button-not-helpful = Niet nuttig
button-post = Openbaar plaatsen
button-see-also = Zie ook: { $question }
vote-thanks-helpful = Bedankt voor je feedback, fijn dat het hielp.
vote-thanks-unhelpful = Bedankt dat je het laat weten. Probeer het met andere woorden via `/ask`, of blader door `/faq list`.
button-expired = Die knop werkt niet meer. Probeer `/ask` opnieuw.

## Regiokoppen vóór de tekst voor een regio ("In Canada: …")

region-heading-eu = In de EU en de EER
region-heading-uk = In het VK
region-heading-ch = In Zwitserland
region-heading-ca = In Canada
region-heading-hk = In Hongkong
region-heading-us = In de VS
region-heading-other = Buiten de EU/EER, het VK, Zwitserland, Canada, Hongkong en de VS
# $in_place: the place with its preposition, from src/region/places.rs.
region-heading-place = { $in_place } ({ $region })
region-general = Algemeen

## Regionamen, in /ask region: en de automatische aanvulling

region-eu = EU/EER
region-uk = VK
region-ch = Zwitserland
region-ca = Canada
region-hk = Hongkong
region-us = VS
region-other = Overal elders
unknown-region = Die regio ken ik niet. Kies een van: { $codes }.

## "Bedoelde je" en "Dat weet ik niet"

suggest-prompt = Bedoelde je een van deze?
decline-asked = Je vroeg: “{ $question }”
decline-unknown = Dat weet ik niet: geen van mijn FAQ-onderdelen beantwoordt die vraag.
decline-other-subject = Dat lijkt over { $other } te gaan, en ik behandel alleen de opt-out voor de generatieve-AI-training van LinkedIn. Kijk in de privacyinstellingen of de hulppagina's van { $other } zelf.
decline-pointers = Bekijk wat ik kan beantwoorden met `/faq list`, of krijg de stappen om je af te melden met `/optout`.

## /faq list en /faq show

list-title = Wat ik kan beantwoorden
list-title-topic = FAQ: { $topic }
list-footer = Bekijk er één met /faq show id, of stel je vraag in je eigen woorden met /ask
list-more = … en nog { $count }: kies een onderwerp om de lijst korter te maken.
list-no-topic = Er is geen onderwerp “{ $topic }”. Onderwerpen: { $topics }.
unknown-entry = Er is geen FAQ-onderdeel “{ $id }”. Bekijk de id's met `/faq list`.

## Onderwerpnamen, zoals /faq list ze toont

topic-overview = Overzicht
topic-opt-out = Afmelden
topic-data = Welke gegevens
topic-regions = Regio's
topic-timeline = Datums en tijdlijn
topic-deletion = Verwijderen en bezwaar
topic-other-settings = Andere instellingen

## /help

help-title = optout-bot
help-body =
    Ik beantwoord vragen over je afmelden voor de generatieve-AI-training van LinkedIn, vanuit een nagekeken FAQ. Vraag het in je eigen taal: English, Deutsch, Français, Español, Italiano, Nederlands of Português.

    - **/ask** vraag: stel je vraag in je eigen woorden
    - **/optout**: meteen de stappen om je af te melden
    - **/faq list** [onderwerp]: alles wat ik kan beantwoorden
    - **/faq show** id: één antwoord
    - **Beantwoorden met FAQ** (rechtsklik op een bericht, dan Apps): beantwoord de vraag van iemand anders

    Je kunt me ook taggen met een vraag, of me een DM sturen.
help-help-channels = In helpkanalen antwoord ik uit mezelf als ik zeker genoeg ben.
help-private = Antwoorden zijn privé tot je op **Openbaar plaatsen** drukt. Ik ping nooit iemand.

## Fouten en limieten

failure = Sorry, er ging aan mijn kant iets mis bij het beantwoorden. Probeer het zo nog eens.
slow-down = Ik beantwoord nu heel veel vragen: vraag het me over { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } seconden
    } nog eens, of gebruik `/ask` voor een privéantwoord.
no-text = Dat bericht bevat geen tekst die ik kan lezen, dus ik kan het niet beantwoorden.
answered-on-behalf = Ik heb dat bericht beantwoord met het FAQ-onderdeel (als reactie erop).

## De opdrachtregel (optout-bot ask en chat)

cli-decline-hint = Probeer het anders te formuleren, of typ `list` om te zien wat ik kan beantwoorden.
cli-ask-decline-hint = Probeer het anders te formuleren, of start `optout-bot chat` en typ `list` om te zien wat ik kan beantwoorden.
cli-pick-number = (typ een nummer om dat antwoord te zien)
cli-see-also = Zie ook: { $entries }

## Slash-commando's: beschrijvingen zoals Discord ze toont (hoogstens 100 tekens)

cmd-ask = Stel een vraag over je afmelden voor de AI-training van LinkedIn
cmd-ask-question = Je vraag, in je eigen woorden
cmd-ask-region = Waar je bent, als de vraag dat niet zegt (EU/EER, VK, Canada, …)
cmd-optout = Zo meld je je stap voor stap af voor de AI-training van LinkedIn
cmd-faq = Blader door de FAQ
cmd-faq-list = Alles wat ik kan beantwoorden
cmd-faq-list-topic = Alleen dit onderwerp tonen
cmd-faq-show = Eén FAQ-antwoord tonen
cmd-faq-show-id = Het id van het onderdeel: typ een paar woorden om de vragen te doorzoeken
cmd-help = Wat ik doe en hoe je me iets vraagt

## Het contextmenu van een bericht (rechtsklik op een bericht → Apps)

menu-answer-with-faq = Beantwoorden met FAQ

# Short answers first, details on demand, follow-ups (issue 17).
card-sources = Bronnen
button-more = Meer details
pick-out-of-range = Kies een nummer van 1 tot en met { $count }.
cli-more-hint = (typ `meer` voor de details en alle bronnen)
cli-ask-full-hint = (details en alle bronnen: voeg `--full` toe)
cli-no-details = Stel eerst een vraag; daarna toont `meer` de details.
