# optout-bot: everything a member sees, in English.
#
# One file a language: locales/<code>/bot.ftl (de, fr, es, it, nl, pt). Every
# language has every message id, with the same variables: `cargo test` fails
# otherwise. Command names (/ask, /faq list, /optout) stay as they are: Discord
# shows them untranslated. Moderator tools stay in English.

## The answer card

card-source = Source
card-reviewed = Last reviewed { $date }
card-entry = FAQ entry { $id }
answer-prompt = Was this helpful?
answer-shared = { $user } shared this answer. Was it helpful?
button-helpful = Helpful
button-not-helpful = Not helpful
button-post = Post publicly
button-see-also = See also: { $question }
vote-thanks-helpful = Thanks for the feedback, glad it helped.
vote-thanks-unhelpful = Thanks for telling me. Try asking in other words with `/ask`, or browse `/faq list`.
button-expired = That button no longer works. Try `/ask` again.

## Region headings before a region's own text ("In Canada: …")

region-heading-eu = In the EU and EEA
region-heading-uk = In the UK
region-heading-ch = In Switzerland
region-heading-ca = In Canada
region-heading-hk = In Hong Kong
region-heading-us = In the US
region-heading-other = Outside the EU/EEA, the UK, Switzerland, Canada, Hong Kong and the US
# A place the question named, with its region: "In Germany (EU/EEA)". $in_place is the
# place with the word for "in" its name takes in this language, from the place tables
# (src/region/places.rs): "in Germany"; de "in der Slowakei", fr "aux Pays-Bas", it "nei
# Paesi Bassi", pt "na Alemanha". The heading's first letter is made a capital. A place
# outside the named regions, or in the US, is headed by $in_place alone ("In Brazil").
region-heading-place = { $in_place } ({ $region })
region-general = In general

## Region names, in /ask region: and its autocomplete

region-eu = EU/EEA
region-uk = UK
region-ch = Switzerland
region-ca = Canada
region-hk = Hong Kong
region-us = US
region-other = Everywhere else
unknown-region = I don't know that region. Pick one of: { $codes }.

## "Did you mean" and "I don't know"

suggest-prompt = Did you mean one of these?
decline-asked = You asked: “{ $question }”
decline-unknown = I don't know that one: none of my FAQ entries answers it.
decline-other-subject = That sounds like it is about { $other }, and I only cover LinkedIn's generative-AI training opt-out. Check { $other }'s own privacy settings or help pages.
decline-pointers = Browse what I can answer with `/faq list`, or get the opt-out steps with `/optout`.

## /faq list and /faq show

list-title = What I can answer
list-title-topic = FAQ: { $topic }
list-footer = Show one with /faq show id, or ask in your own words with /ask
list-more = … and { $count } more: pick a topic to narrow the list.
list-no-topic = There is no topic “{ $topic }”. Topics: { $topics }.
unknown-entry = There is no FAQ entry “{ $id }”. See the ids with `/faq list`.

## Topic names, as /faq list shows them

topic-overview = Overview
topic-opt-out = Opting out
topic-data = Which data
topic-regions = Regions
topic-timeline = Dates and timing
topic-deletion = Deletion and objection
topic-other-settings = Other settings

## /help

help-title = optout-bot
help-body =
    I answer questions about opting out of LinkedIn's generative-AI training, from a reviewed FAQ. Ask in your own language: English, Deutsch, Français, Español, Italiano, Nederlands or Português.

    - **/ask** question: ask in your own words
    - **/optout**: the opt-out steps, straight away
    - **/faq list** [topic]: everything I can answer
    - **/faq show** id: one answer
    - **Answer with FAQ** (right-click a message, then Apps): answer someone else's question

    You can also mention me with a question, or send me a DM.
help-help-channels = In help channels I answer on my own when I am confident.
help-private = Answers are private until you press **Post publicly**. I never ping anyone.

## Errors and limits

failure = Sorry, something went wrong on my side while answering. Please try again in a moment.
slow-down = I'm answering a lot right now: ask me again in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }, or use `/ask` for a private answer.
no-text = That message has no text I can read, so I can't answer it.
answered-on-behalf = Answered that message with the FAQ entry (as a reply to it).

## The command line (optout-bot ask and chat)

cli-decline-hint = Try rephrasing, or type `list` to see what I can answer.
cli-ask-decline-hint = Try rephrasing, or run `optout-bot chat` and type `list` to see what I can answer.
cli-pick-number = (type a number to see that answer)
cli-see-also = See also: { $entries }

## Slash commands: descriptions as Discord shows them (at most 100 characters)

cmd-ask = Ask a question about opting out of LinkedIn's AI training
cmd-ask-question = Your question, in your own words
cmd-ask-region = Where you are, if the question doesn't say (EU/EEA, UK, Canada, …)
cmd-optout = How to opt out of LinkedIn's AI training, step by step
cmd-faq = Browse the FAQ
cmd-faq-list = Everything I can answer
cmd-faq-list-topic = Only list this topic
cmd-faq-show = Show one FAQ answer
cmd-faq-show-id = The entry's id: type a few words to search the questions
cmd-help = What I do and how to ask

## The message context menu (right-click a message → Apps)

menu-answer-with-faq = Answer with FAQ

# Short answers first, details on demand, follow-ups (issue 17).
card-sources = Sources
button-more = More details
pick-out-of-range = Pick a number from 1 to { $count }.
cli-more-hint = (type `more` for the details and every source)
cli-ask-full-hint = (details and every source: add `--full`)
cli-no-details = Ask a question first; then `more` shows its details.
