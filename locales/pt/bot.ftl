# optout-bot: tudo o que um membro vê, em português (pt-BR, compreensível em Portugal).
#
# Um arquivo por língua: locales/<código>/bot.ftl. Cada língua tem todos os ids de
# mensagem, com as mesmas variáveis. Os nomes dos comandos (/ask, /faq list, /optout)
# não são traduzidos: o Discord os mostra assim. Tratamento: "você".

## O cartão da resposta

card-source = Fonte
card-reviewed = Revisado em { $date }
card-entry = Entrada do FAQ { $id }
answer-prompt = Isto foi útil?
answer-shared = { $user } compartilhou esta resposta. Foi útil?
button-helpful = Útil
button-not-helpful = Não foi útil
button-post = Publicar para todos
button-see-also = Veja também: { $question }
vote-thanks-helpful = Obrigado pelo feedback, que bom que ajudou.
vote-thanks-unhelpful = Obrigado por avisar. Tente perguntar com outras palavras em `/ask`, ou veja `/faq list`.
button-expired = Esse botão não funciona mais. Tente `/ask` de novo.

## Títulos de região antes do texto próprio de uma região ("No Canadá: …")

region-heading-eu = Na UE e no EEE
region-heading-uk = No Reino Unido
region-heading-ch = Na Suíça
region-heading-ca = No Canadá
region-heading-hk = Em Hong Kong
region-heading-us = Nos EUA
region-heading-other = Fora da UE/EEE, do Reino Unido, da Suíça, do Canadá, de Hong Kong e dos EUA
# $in_place: the place with its preposition, from src/region/places.rs.
region-heading-place = { $in_place } ({ $region })
region-general = Em geral

## Nomes das regiões, em /ask region: e no seu preenchimento automático

region-eu = UE/EEE
region-uk = Reino Unido
region-ch = Suíça
region-ca = Canadá
region-hk = Hong Kong
region-us = EUA
region-other = Resto do mundo
unknown-region = Não conheço essa região. Escolha uma destas: { $codes }.

## "Você quis dizer" e "não sei"

suggest-prompt = Você quis dizer uma destas?
decline-asked = Você perguntou: “{ $question }”
decline-unknown = Essa eu não sei: nenhuma entrada do meu FAQ responde a ela.
decline-other-subject = Parece que isso é sobre { $other }, e eu só trato do opt-out do treinamento de IA generativa do LinkedIn. Veja as configurações de privacidade ou as páginas de ajuda de { $other }.
decline-pointers = Veja o que eu sei responder com `/faq list`, ou receba os passos do opt-out com `/optout`.

## /faq list e /faq show

list-title = O que eu sei responder
list-title-topic = FAQ: { $topic }
list-footer = Veja uma com /faq show id, ou pergunte com as suas palavras com /ask
list-more = … e mais { $count }: escolha um tema para filtrar a lista.
list-no-topic = Não existe o tema “{ $topic }”. Temas: { $topics }.
unknown-entry = Não existe a entrada “{ $id }” no FAQ. Veja os ids com `/faq list`.

## Nomes dos temas, como /faq list os mostra

topic-overview = Visão geral
topic-opt-out = Como sair (opt-out)
topic-data = Quais dados
topic-regions = Regiões
topic-timeline = Datas e prazos
topic-deletion = Exclusão e oposição
topic-other-settings = Outras configurações

## /help

help-title = optout-bot
help-body =
    Eu respondo a perguntas sobre como sair do treinamento de IA generativa do LinkedIn, a partir de um FAQ revisado. Pergunte na sua língua: English, Deutsch, Français, Español, Italiano, Nederlands ou Português.

    - **/ask** question: pergunte com as suas palavras
    - **/optout**: os passos do opt-out, na hora
    - **/faq list** [topic]: tudo o que eu sei responder
    - **/faq show** id: uma resposta
    - **Responder com o FAQ** (clique com o botão direito numa mensagem e depois em Apps): responda à pergunta de outra pessoa

    Você também pode me mencionar com uma pergunta, ou me mandar uma DM.
help-help-channels = Nos canais de ajuda, eu respondo sozinho quando tenho certeza.
help-private = As respostas são privadas até você clicar em **Publicar para todos**. Eu nunca marco ninguém.

## Erros e limites

failure = Desculpe, algo deu errado do meu lado ao responder. Tente de novo daqui a pouco.
slow-down = Estou respondendo a muitas perguntas agora: pergunte de novo em { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }, ou use `/ask` para receber uma resposta privada.
no-text = Essa mensagem não tem texto que eu consiga ler, então não posso respondê-la.
answered-on-behalf = Respondi a essa mensagem com a entrada do FAQ (como resposta a ela).

## A linha de comando (optout-bot ask e chat)

cli-decline-hint = Tente reformular, ou digite `list` para ver o que eu sei responder.
cli-ask-decline-hint = Tente reformular, ou abra `optout-bot chat` e digite `list` para ver o que eu sei responder.
cli-pick-number = (digite um número para ver essa resposta)
cli-see-also = Veja também: { $entries }

## Comandos de barra: descrições como o Discord as mostra (no máximo 100 caracteres)

cmd-ask = Faça uma pergunta sobre como sair do treinamento de IA do LinkedIn
cmd-ask-question = A sua pergunta, com as suas palavras
cmd-ask-region = Onde você está, se a pergunta não disser (UE/EEE, Reino Unido, Canadá, …)
cmd-optout = Como sair do treinamento de IA do LinkedIn, passo a passo
cmd-faq = Navegar pelo FAQ
cmd-faq-list = Tudo o que eu sei responder
cmd-faq-list-topic = Listar só este tema
cmd-faq-show = Mostrar uma resposta do FAQ
cmd-faq-show-id = O id da entrada: digite algumas palavras para buscar nas perguntas
cmd-help = O que eu faço e como perguntar

## O menu de contexto da mensagem (botão direito numa mensagem → Apps)

menu-answer-with-faq = Responder com o FAQ

# Short answers first, details on demand, follow-ups (issue 17).
card-sources = Fontes
button-more = Mais detalhes
pick-out-of-range = Escolha um número de 1 a { $count }.
cli-more-hint = (digite `mais` para ver os detalhes e todas as fontes)
cli-ask-full-hint = (detalhes e todas as fontes: acrescente `--full`)
cli-no-details = Faça primeiro uma pergunta; depois `mais` mostra os detalhes.
