# optout-bot: todo lo que ve un miembro, en español (neutro, tuteo).
#
# Un archivo por idioma: locales/<código>/bot.ftl. Cada idioma tiene todos los
# ids de mensaje, con las mismas variables. Los nombres de los comandos (/ask,
# /faq list, /optout) no se traducen: Discord los muestra tal cual. Las
# herramientas de moderación siguen en inglés.

## La tarjeta de respuesta

card-source = Fuente
card-reviewed = Última revisión: { $date }
card-entry = Entrada { $id } de las preguntas frecuentes
answer-prompt = ¿Te resultó útil?
answer-shared = { $user } compartió esta respuesta. ¿Te resultó útil?
button-helpful = Útil
button-not-helpful = No útil
button-post = Publicar para todos
button-see-also = Ver también: { $question }
vote-thanks-helpful = Gracias por tu opinión, me alegra que te haya servido.
vote-thanks-unhelpful = Gracias por decírmelo. Prueba a preguntar con otras palabras con `/ask`, o mira `/faq list`.
button-expired = Ese botón ya no funciona. Vuelve a probar con `/ask`.

## Encabezados de región antes del texto propio de cada región ("En Canadá: …")

region-heading-eu = En la UE y el EEE
region-heading-uk = En el Reino Unido
region-heading-ch = En Suiza
region-heading-ca = En Canadá
region-heading-hk = En Hong Kong
region-heading-us = En Estados Unidos
region-heading-other = Fuera de la UE/EEE, el Reino Unido, Suiza, Canadá, Hong Kong y Estados Unidos
# $in_place: the place with its preposition, from src/region/places.rs.
region-heading-place = { $in_place } ({ $region })
region-general = En general

## Nombres de región, en /ask region: y su autocompletado

region-eu = UE/EEE
region-uk = Reino Unido
region-ch = Suiza
region-ca = Canadá
region-hk = Hong Kong
region-us = EE. UU.
region-other = Resto del mundo
unknown-region = No conozco esa región. Elige una de estas: { $codes }.

## "¿Te refieres a…?" y "No lo sé"

suggest-prompt = ¿Te refieres a alguna de estas?
decline-asked = Preguntaste: “{ $question }”
decline-unknown = Esa no la sé: ninguna de mis preguntas frecuentes la responde.
decline-other-subject = Parece que eso trata sobre { $other }, y yo solo cubro la exclusión del entrenamiento de IA generativa de LinkedIn. Consulta los ajustes de privacidad o las páginas de ayuda de { $other }.
decline-pointers = Mira lo que puedo responder con `/faq list`, o consulta los pasos para excluirte con `/optout`.

## /faq list y /faq show

list-title = Lo que puedo responder
list-title-topic = Preguntas frecuentes: { $topic }
list-footer = Muestra una con /faq show id, o pregunta con tus propias palabras con /ask
list-more = … y { $count } más: elige un tema para acotar la lista.
list-no-topic = No hay ningún tema “{ $topic }”. Temas: { $topics }.
unknown-entry = No hay ninguna entrada “{ $id }”. Consulta los ids con `/faq list`.

## Nombres de los temas, tal como los muestra /faq list

topic-overview = Panorama general
topic-opt-out = Cómo excluirse
topic-data = Qué datos
topic-regions = Regiones
topic-timeline = Fechas y plazos
topic-deletion = Borrado y oposición
topic-other-settings = Otros ajustes

## /help

help-title = optout-bot
help-body =
    Respondo preguntas sobre cómo excluirte del entrenamiento de IA generativa de LinkedIn, a partir de unas preguntas frecuentes revisadas. Pregunta en tu idioma: English, Deutsch, Français, Español, Italiano, Nederlands o Português.

    - **/ask** pregunta: pregunta con tus propias palabras
    - **/optout**: los pasos para excluirte, directamente
    - **/faq list** [tema]: todo lo que puedo responder
    - **/faq show** id: una respuesta
    - **Responder con la FAQ** (clic derecho en un mensaje y luego Aplicaciones): responde a la pregunta de otra persona

    También puedes mencionarme con una pregunta o enviarme un mensaje directo.
help-help-channels = En los canales de ayuda respondo por mi cuenta cuando estoy seguro.
help-private = Las respuestas son privadas hasta que pulsas **Publicar para todos**. Nunca menciono a nadie.

## Errores y límites

failure = Lo siento, algo falló por mi parte al responder. Inténtalo de nuevo en un momento.
slow-down = Estoy respondiendo mucho ahora mismo: vuelve a preguntarme en { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }, o usa `/ask` para recibir una respuesta privada.
no-text = Ese mensaje no tiene texto que pueda leer, así que no puedo responderlo.
answered-on-behalf = Respondí a ese mensaje con la entrada de las preguntas frecuentes (como respuesta a él).

## La línea de comandos (optout-bot ask y chat)

cli-decline-hint = Prueba a reformular la pregunta o escribe `list` para ver lo que puedo responder.
cli-ask-decline-hint = Prueba a reformular la pregunta, o abre `optout-bot chat` y escribe `list` para ver lo que puedo responder.
cli-pick-number = (escribe un número para ver esa respuesta)
cli-see-also = Ver también: { $entries }

## Comandos de barra: descripciones tal como las muestra Discord (100 caracteres como máximo)

cmd-ask = Haz una pregunta sobre cómo excluirte del entrenamiento de IA de LinkedIn
cmd-ask-question = Tu pregunta, con tus propias palabras
cmd-ask-region = Dónde estás, si la pregunta no lo dice (UE/EEE, Reino Unido, Canadá, …)
cmd-optout = Cómo excluirte del entrenamiento de IA de LinkedIn, paso a paso
cmd-faq = Explora las preguntas frecuentes
cmd-faq-list = Todo lo que puedo responder
cmd-faq-list-topic = Mostrar solo este tema
cmd-faq-show = Muestra una respuesta de las preguntas frecuentes
cmd-faq-show-id = El id de la entrada: escribe unas palabras para buscar entre las preguntas
cmd-help = Qué hago y cómo preguntarme

## El menú contextual de mensajes (clic derecho en un mensaje → Aplicaciones)

menu-answer-with-faq = Responder con la FAQ

# Short answers first, details on demand, follow-ups (issue 17).
card-sources = Fuentes
button-more = Más detalles
pick-out-of-range = Elige un número del 1 al { $count }.
cli-more-hint = (escribe `más` para ver los detalles y todas las fuentes)
cli-ask-full-hint = (detalles y todas las fuentes: añade `--full`)
cli-no-details = Primero haz una pregunta; luego `más` muestra los detalles.
