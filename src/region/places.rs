//! The place tables: every place a question can name, with its names in each language.
//!
//! One line a place; columns in [`Lang::ALL`] order: en, de, fr, es, it, nl, pt.
//! - [`COUNTRIES`]: a country, or a part of one (England, California), whose answer is
//!   headed by its own name. `at` is the place as a heading says "in" it, with `|`
//!   before the name itself ("in |Germany", "in der |Slowakei", "na |Alemanha", "aux
//!   |Pays-Bas"): the preposition and article are data because German, French,
//!   Italian and Portuguese change them with the place. The name also names the place.
//! - [`REGIONS`]: names of a whole region ("EU", "Suisse", "EUA"); its answer is headed
//!   by the region's own message in `locales/*/bot.ftl`.
//!
//! `also`, and a region's names, are more forms, comma-separated and folded the way
//! questions are (lowercase ASCII, accents removed, "ß" as "ss"): other spellings,
//! demonyms, large cities. A `~` after a form marks it as also that column's name of a
//! language ("german~", "deutsch~", "francais~"): it does not count where it names the
//! language ("in German", "auf Deutsch", "Deutsch-Lehrer", "la version française", see
//! [`SPOKEN`]). [`WRITTEN`] lists the forms that are everyday words somewhere ("eu" is
//! Portuguese for "I"), and how they must be written to count.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Place, Region};
use crate::lang::Lang::{self, De, Es, Fr, It, Nl, Pt};
use Region::{Ca, Ch, Eu, Hk, Other, Uk, Us};

/// A country, or a part of one, with its own heading.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Country {
    pub(super) region: Region,
    at: [&'static str; 7],
    also: [&'static str; 7],
}

impl Country {
    /// The place with the word for "in" in `lang`: "in Deutschland", "na Alemanha".
    pub(super) fn at(&self, lang: Lang) -> String {
        self.at[column(lang)].replacen('|', "", 1)
    }

    /// The place's name in `lang`: "Deutschland", "Alemanha".
    pub(super) fn name(&self, lang: Lang) -> &'static str {
        let at = self.at[column(lang)];
        at.split_once('|').map_or(at, |(_, name)| name)
    }
}

const fn c(region: Region, at: [&'static str; 7], also: [&'static str; 7]) -> Country {
    Country { region, at, also }
}

/// The column of `lang` in the tables.
pub(super) fn column(lang: Lang) -> usize {
    Lang::ALL.iter().position(|&l| l == lang).expect("every language is in Lang::ALL")
}

#[rustfmt::skip]
pub(super) const REGIONS: &[(Region, [&str; 7])] = &[
    (Eu, ["eu, eea, europe, european, europeans, european union, european economic area", "eu, ewr, europa, europaisch, europaische, europaischen, europaer, europaische union, europaischen union, europaischer wirtschaftsraum, europaischen wirtschaftsraum", "ue, eee, europe, europeen, europeenne, europeens, europeennes, union europeenne, espace economique europeen", "ue, eee, europa, europeo, europea, europeos, europeas, union europea, espacio economico europeo", "ue, see, europa, europeo, europea, europei, europee, unione europea, spazio economico europeo", "eu, eer, europa, europees, europese, europeanen, europese unie, europese economische ruimte", "ue, eee, europa, europeu, europeia, europeus, europeias, uniao europeia, espaco economico europeu"]),
    (Uk, ["uk, united kingdom, britain, great britain, british, brit, brits", "vereinigtes konigreich, vereinigten konigreich, grossbritannien, britisch, britische, britischen, brite, britin, briten", "royaume uni, grande bretagne, britannique, britanniques", "reino unido, gran bretana, britanico, britanica, britanicos, britanicas", "regno unito, gran bretagna, britannico, britannica, britannici, britanniche", "vk, verenigd koninkrijk, groot brittannie, brits, britse, britten", "reino unido, gra bretanha, britanico, britanica, britanicos, britanicas"]),
    (Ch, ["switzerland, swiss, ch, zurich, geneva", "schweiz, schweizer, schweizerin, schweizerische, schweizerischen, zurich, genf, basel, bern", "suisse, suisses, geneve, lausanne", "suiza, suizo, suizos, suizas, ginebra", "svizzera, svizzero, svizzeri, svizzere, ginevra, ticino", "zwitserland, zwitser, zwitsers, zwitserse", "suica, suico, suicos, suicas, genebra"]),
    (Ca, ["canada, canadian, canadians, quebec, ontario, alberta, british columbia, toronto, montreal, vancouver", "kanada, kanadier, kanadierin, kanadische, kanadischen, britisch kolumbien", "canada, canadien, canadienne, canadiens, canadiennes, quebecois, quebecoise, colombie britannique", "canada, canadiense, canadienses, columbia britanica", "canada, canadese, canadesi, columbia britannica", "canada, canadees, canadese, canadezen, brits columbia", "canada, canadense, canadenses, quebeque, colombia britanica"]),
    (Hk, ["hong kong, hongkong, hk, hong konger, hongkonger", "hongkong, hongkonger, hongkongerin", "hong kong, hongkongais, hongkongaise", "hong kong, hongkones, hongkonesa", "hong kong, hongkonghese, hongkonghesi", "hongkong, hongkonger, hongkongse", "hong kong, honconguense, honconguenses"]),
    (Us, ["us, usa, united states, america, american, americans, stateside, chicago, seattle, boston", "usa, vereinigte staaten, vereinigten staaten, amerika, amerikaner, amerikanerin, amerikanische, amerikanischen", "etats unis, amerique, americain, americaine, americains, americaines", "estados unidos, eeuu, ee uu, estadounidense, estadounidenses, norteamericano, norteamericana, norteamericanos, america, americano, americanos", "stati uniti, america, americano, americana, americani, statunitense, statunitensi", "vs, verenigde staten, amerika, amerikaan, amerikaans, amerikaanse, amerikanen", "eua, estados unidos, america, americano, americana, americanos, norte americano, norte americana, norte americanos, estadunidense"]),
];

#[rustfmt::skip]
pub(super) static COUNTRIES: &[Country] = &[
    // The 27 EU member states.
    c(Eu, ["in |Austria", "in |Österreich", "en |Autriche", "en |Austria", "in |Austria", "in |Oostenrijk", "na |Áustria"], ["austrian, austrians, vienna", "oesterreich, osterreicher, osterreicherin, osterreichische, osterreichischen, wien", "autrichien, autrichienne, autrichiens, vienne", "austriaco, austriaca, austriacos, viena", "austriaco, austriaca, austriaci, vienna", "oostenrijker, oostenrijkse, oostenrijkers, wenen", "austriaco, austriaca, austriacos, viena"]),
    c(Eu, ["in |Belgium", "in |Belgien", "en |Belgique", "en |Bélgica", "in |Belgio", "in |België", "na |Bélgica"], ["belgian, belgians, brussels", "belgier, belgierin, belgische, belgischen, brussel", "belge, belges, bruxelles", "belga, belgas, bruselas", "belga, belgi, bruxelles", "belg, belgen, belgische, brussel, vlaanderen, wallonie", "belga, belgas, bruxelas"]),
    c(Eu, ["in |Bulgaria", "in |Bulgarien", "en |Bulgarie", "en |Bulgaria", "in |Bulgaria", "in |Bulgarije", "na |Bulgária"], ["bulgarian~", "", "", "", "", "", ""]),
    c(Eu, ["in |Croatia", "in |Kroatien", "en |Croatie", "en |Croacia", "in |Croazia", "in |Kroatië", "na |Croácia"], ["croatian~, hrvatska", "", "", "", "", "", ""]),
    c(Eu, ["in |Cyprus", "auf |Zypern", "à |Chypre", "en |Chipre", "a |Cipro", "op |Cyprus", "em |Chipre"], ["cypriot", "", "", "", "", "", ""]),
    c(Eu, ["in |Czechia", "in |Tschechien", "en |Tchéquie", "en |Chequia", "nella |Repubblica Ceca", "in |Tsjechië", "na |Tchéquia"], ["czech republic, czech~, cesko", "tschechische republik", "republique tcheque", "republica checa", "cechia", "tsjechische republiek", "republica tcheca, republica checa, chequia"]),
    c(Eu, ["in |Denmark", "in |Dänemark", "au |Danemark", "en |Dinamarca", "in |Danimarca", "in |Denemarken", "na |Dinamarca"], ["danish~, dane, danes, danmark, copenhagen", "danisch~, dane, danin, kopenhagen", "danois~, danoise~", "danes~, danesa~, daneses", "danese~, danesi", "deens~, deense~, deen", "dinamarques~, dinamarquesa~"]),
    c(Eu, ["in |Estonia", "in |Estland", "en |Estonie", "en |Estonia", "in |Estonia", "in |Estland", "na |Estônia"], ["estonian~, eesti", "", "", "", "", "", ""]),
    c(Eu, ["in |Finland", "in |Finnland", "en |Finlande", "en |Finlandia", "in |Finlandia", "in |Finland", "na |Finlândia"], ["finnish~, suomi, helsinki", "finnisch~, finne, finnin", "finlandais~, finlandaise~", "finlandes~, finlandesa~", "finlandese~", "fins~, finse~", "finlandes~, finlandesa~"]),
    c(Eu, ["in |France", "in |Frankreich", "en |France", "en |Francia", "in |Francia", "in |Frankrijk", "na |França"], ["french~, paris, lyon, marseille", "franzose, franzosin, franzosen, franzosisch~, franzosische~, franzosischen~", "francais~, francaise~, francaises, marseille", "frances~, francesa~, franceses, francesas", "francese~, francesi, parigi", "fransman, franse~, fransen, parijs", "frances~, francesa~, franceses, francesas"]),
    c(Eu, ["in |Germany", "in |Deutschland", "en |Allemagne", "en |Alemania", "in |Germania", "in |Duitsland", "na |Alemanha"], ["german~, germans, berlin, munich, hamburg, frankfurt", "deutsch~, deutsche~, deutscher~, deutschen~, bundesrepublik, brd, munchen, koln", "allemand~, allemande~, allemands, allemandes", "aleman~, alemana~, alemanes, alemanas", "tedesco~, tedesca~, tedeschi, tedesche", "duits~, duitse~, duitser, duitsers", "alemao~, alema~, alemaes, alemas"]),
    c(Eu, ["in |Greece", "in |Griechenland", "en |Grèce", "en |Grecia", "in |Grecia", "in |Griekenland", "na |Grécia"], ["greek~, hellas, athens", "griechisch~, grieche, griechin", "grec~, grecque~", "griego~, griega~", "greco~, greca~", "grieks~, griekse~", "grego~, grega~"]),
    c(Eu, ["in |Hungary", "in |Ungarn", "en |Hongrie", "en |Hungría", "in |Ungheria", "in |Hongarije", "na |Hungria"], ["hungarian~, magyarorszag", "", "", "", "", "", ""]),
    c(Eu, ["in |Ireland", "in |Irland", "en |Irlande", "en |Irlanda", "in |Irlanda", "in |Ierland", "na |Irlanda"], ["irish, eire, dublin", "irische, irischen", "irlandais, irlandaise", "irlandes, irlandesa, irlandeses", "irlandese, irlandesi", "ierse, ieren", "irlandes, irlandesa, irlandeses"]),
    c(Eu, ["in |Italy", "in |Italien", "en |Italie", "en |Italia", "in |Italia", "in |Italië", "na |Itália"], ["italian~, italians, rome, milan", "italiener, italienerin, italienisch~, italienische~, mailand", "italien~, italienne~, italiens, rome, milan", "italiano~, italiana~, italianos, roma, milan", "italiano~, italiana~, italiani, roma, milano", "italiaan, italiaans~, italiaanse~, italianen, rome", "italiano~, italiana~, italianos, roma, milao"]),
    c(Eu, ["in |Latvia", "in |Lettland", "en |Lettonie", "en |Letonia", "in |Lettonia", "in |Letland", "na |Letônia"], ["latvian~, latvija", "", "", "", "", "", ""]),
    c(Eu, ["in |Lithuania", "in |Litauen", "en |Lituanie", "en |Lituania", "in |Lituania", "in |Litouwen", "na |Lituânia"], ["lithuanian~, lietuva", "", "", "", "", "", ""]),
    c(Eu, ["in |Luxembourg", "in |Luxemburg", "au |Luxembourg", "en |Luxemburgo", "in |Lussemburgo", "in |Luxemburg", "em |Luxemburgo"], ["luxembourgish~", "", "luxembourgeois", "", "", "", ""]),
    c(Eu, ["in |Malta", "auf |Malta", "à |Malte", "en |Malta", "a |Malta", "op |Malta", "em |Malta"], ["maltese~", "", "", "", "", "", ""]),
    c(Eu, ["in the |Netherlands", "in den |Niederlanden", "aux |Pays-Bas", "en los |Países Bajos", "nei |Paesi Bassi", "in |Nederland", "nos |Países Baixos"], ["the netherlands, dutch~, holland, amsterdam, rotterdam", "niederlande, niederlander, niederlanderin, niederlandisch~, niederlandische~, holland", "neerlandais~, neerlandaise~, hollande, hollandais~", "holanda, neerlandes~, holandes~, holandesa~, holandeses", "olanda, olandese~, olandesi", "nederlander, nederlanders, nederlands~, nederlandse~, holland, amsterdam", "holanda, holandes~, holandesa~, holandeses, neerlandes~"]),
    c(Eu, ["in |Poland", "in |Polen", "en |Pologne", "en |Polonia", "in |Polonia", "in |Polen", "na |Polônia"], ["polish~, polska, warsaw", "polnisch~, polnische~", "polonais~, polonaise~", "polaco~, polaca~, polacos", "polacco~, polacca~, polacchi", "poolse~", "polones~, polonesa~, poloneses"]),
    c(Eu, ["in |Portugal", "in |Portugal", "au |Portugal", "en |Portugal", "in |Portogallo", "in |Portugal", "em |Portugal"], ["portuguese~, lisbon", "portugiese, portugiesin, portugiesisch~, portugiesische~, lissabon", "portugais~, portugaise~, lisbonne", "portugues~, portuguesa~, portugueses, lisboa", "portoghese~, portoghesi, lisbona", "portugees~, portugese~, portugezen, lissabon", "portugues~, portuguesa~, portugueses, portuguesas, lisboa"]),
    c(Eu, ["in |Romania", "in |Rumänien", "en |Roumanie", "en |Rumania", "in |Romania", "in |Roemenië", "na |Romênia"], ["romanian~", "", "", "", "", "", ""]),
    c(Eu, ["in |Slovakia", "in der |Slowakei", "en |Slovaquie", "en |Eslovaquia", "in |Slovacchia", "in |Slowakije", "na |Eslováquia"], ["slovak~, slovensko", "", "", "", "", "", ""]),
    c(Eu, ["in |Slovenia", "in |Slowenien", "en |Slovénie", "en |Eslovenia", "in |Slovenia", "in |Slovenië", "na |Eslovênia"], ["slovenian~, slovene~, slovenija", "", "", "", "", "", ""]),
    c(Eu, ["in |Spain", "in |Spanien", "en |Espagne", "en |España", "in |Spagna", "in |Spanje", "na |Espanha"], ["spanish~, madrid, barcelona", "spanier, spanierin, spanisch~, spanische~", "espagnol~, espagnole~, espagnols", "espanol~, espanola~, espanoles, espanolas, castellano~, madrid, barcelona", "spagnolo~, spagnola~, spagnoli", "spanjaard, spanjaarden, spaans~, spaanse~", "espanhol~, espanhola~, espanhois"]),
    c(Eu, ["in |Sweden", "in |Schweden", "en |Suède", "en |Suecia", "in |Svezia", "in |Zweden", "na |Suécia"], ["swedish~, swede, sverige, stockholm", "schwedisch~, schwede, schwedin", "suedois~, suedoise~", "sueco~, sueca~", "svedese~", "zweeds~, zweedse~, zweed", "sueco~, sueca~"]),
    // The EEA states outside the EU.
    c(Eu, ["in |Iceland", "in |Island", "en |Islande", "en |Islandia", "in |Islanda", "in |IJsland", "na |Islândia"], ["icelandic~", "", "", "", "", "", ""]),
    c(Eu, ["in |Liechtenstein", "in |Liechtenstein", "au |Liechtenstein", "en |Liechtenstein", "in |Liechtenstein", "in |Liechtenstein", "no |Liechtenstein"], ["", "", "", "", "", "", ""]),
    c(Eu, ["in |Norway", "in |Norwegen", "en |Norvège", "en |Noruega", "in |Norvegia", "in |Noorwegen", "na |Noruega"], ["norwegian~, norge, oslo", "norwegisch~, norweger", "norvegien~, norvegienne~", "noruego~, noruega~", "norvegese~", "noors~, noorse~", "noruegues~, norueguesa~"]),
    // Parts of the UK.
    c(Uk, ["in |England", "in |England", "en |Angleterre", "en |Inglaterra", "in |Inghilterra", "in |Engeland", "na |Inglaterra"], ["", "", "", "", "", "", ""]),
    c(Uk, ["in |Scotland", "in |Schottland", "en |Écosse", "en |Escocia", "in |Scozia", "in |Schotland", "na |Escócia"], ["scottish, edinburgh, glasgow", "schotte, schottin", "ecossais, ecossaise", "escoces, escocesa", "scozzese, scozzesi", "schot, schotse", "escoces, escocesa"]),
    c(Uk, ["in |Wales", "in |Wales", "au |pays de Galles", "en el |País de Gales", "in |Galles", "in |Wales", "no |País de Gales"], ["welsh~", "", "gallois~, galloise~", "gales~", "gallese~", "", "gales~"]),
    c(Uk, ["in |Northern Ireland", "in |Nordirland", "en |Irlande du Nord", "en |Irlanda del Norte", "in |Irlanda del Nord", "in |Noord-Ierland", "na |Irlanda do Norte"], ["", "", "", "", "", "", ""]),
    c(Uk, ["in |London", "in |London", "à |Londres", "en |Londres", "a |Londra", "in |Londen", "em |Londres"], ["", "", "", "", "", "", ""]),
    // Parts of the US.
    c(Us, ["in |California", "in |Kalifornien", "en |Californie", "en |California", "in |California", "in |Californië", "na |Califórnia"], ["los angeles, san francisco, silicon valley", "", "", "", "", "", ""]),
    c(Us, ["in |New York", "in |New York", "à |New York", "en |Nueva York", "a |New York", "in |New York", "em |Nova York"], ["nyc", "", "", "", "", "", "nova iorque"]),
    c(Us, ["in |Texas", "in |Texas", "au |Texas", "en |Texas", "in |Texas", "in |Texas", "no |Texas"], ["", "", "", "", "", "", ""]),
    // Everywhere else: common countries and continents, so they are recognised as places.
    c(Other, ["in |South America", "in |Südamerika", "en |Amérique du Sud", "en |Sudamérica", "in |Sudamerica", "in |Zuid-Amerika", "na |América do Sul"], ["", "", "", "america del sur", "america del sud", "", ""]),
    c(Other, ["in |Latin America", "in |Lateinamerika", "en |Amérique latine", "en |América Latina", "in |America Latina", "in |Latijns-Amerika", "na |América Latina"], ["latin american, latam", "", "", "latinoamerica, latinoamericano, latinoamericana", "", "", "latino americano"]),
    c(Other, ["in |Central America", "in |Mittelamerika", "en |Amérique centrale", "en |Centroamérica", "in |America centrale", "in |Midden-Amerika", "na |América Central"], ["", "zentralamerika", "", "america central", "", "", ""]),
    c(Other, ["in |India", "in |Indien", "en |Inde", "en |India", "in |India", "in |India", "na |Índia"], ["indian, indians, mumbai, delhi, bangalore", "inder, inderin", "indien, indienne", "", "indiano", "indier", "indiano"]),
    c(Other, ["in |Australia", "in |Australien", "en |Australie", "en |Australia", "in |Australia", "in |Australië", "na |Austrália"], ["australian, australians, sydney, melbourne", "australier, australierin", "australien, australienne", "australiano, australiana", "australiano, australiana", "australier", "australiano, australiana"]),
    c(Other, ["in |New Zealand", "in |Neuseeland", "en |Nouvelle-Zélande", "en |Nueva Zelanda", "in |Nuova Zelanda", "in |Nieuw-Zeeland", "na |Nova Zelândia"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Brazil", "in |Brasilien", "au |Brésil", "en |Brasil", "in |Brasile", "in |Brazilië", "no |Brasil"], ["brazilian, brazilians, sao paulo, rio de janeiro", "brasilianer, brasilianerin", "bresilien, bresilienne", "brasileno, brasilena", "brasiliano, brasiliana", "braziliaan, braziliaanse", "brasileiro~, brasileira~, brasileiros, brasileiras, sao paulo, rio de janeiro, brasilia"]),
    c(Other, ["in |Mexico", "in |Mexiko", "au |Mexique", "en |México", "in |Messico", "in |Mexico", "no |México"], ["mexican, mexicans", "mexikaner, mexikanerin", "mexicain, mexicaine", "mexicano, mexicana, mexicanos, ciudad de mexico, cdmx", "messicano, messicana", "mexicaan, mexicaanse", "mexicano, mexicana"]),
    c(Other, ["in |Argentina", "in |Argentinien", "en |Argentine", "en |Argentina", "in |Argentina", "in |Argentinië", "na |Argentina"], ["argentinian", "argentinier", "argentin, argentine", "argentino, argentinos, buenos aires", "argentino", "argentijn, argentijnse", "argentino"]),
    c(Other, ["in |Chile", "in |Chile", "au |Chili", "en |Chile", "in |Cile", "in |Chili", "no |Chile"], ["chilean", "", "chilien, chilienne", "chileno, chilena, chilenos, santiago de chile", "cileno, cilena", "chileen, chileense", "chileno, chilena"]),
    c(Other, ["in |Colombia", "in |Kolumbien", "en |Colombie", "en |Colombia", "in |Colombia", "in |Colombia", "na |Colômbia"], ["colombian", "kolumbianer", "colombien, colombienne", "colombiano, colombiana, colombianos, bogota, medellin", "colombiano, colombiana", "colombiaan, colombiaanse", "colombiano, colombiana"]),
    c(Other, ["in |Peru", "in |Peru", "au |Pérou", "en |Perú", "in |Perù", "in |Peru", "no |Peru"], ["peruvian", "", "peruvien, peruvienne", "peruano, peruana, peruanos", "peruviano", "peruaans", "peruano, peruana"]),
    c(Other, ["in |Venezuela", "in |Venezuela", "au |Venezuela", "en |Venezuela", "in |Venezuela", "in |Venezuela", "na |Venezuela"], ["venezuelan", "", "venezuelien", "venezolano, venezolana, venezolanos", "venezuelano", "", "venezuelano, venezuelana"]),
    c(Other, ["in |Ecuador", "in |Ecuador", "en |Équateur", "en |Ecuador", "in |Ecuador", "in |Ecuador", "no |Equador"], ["", "", "", "ecuatoriano, ecuatoriana", "ecuadoriano", "", "equatoriano"]),
    c(Other, ["in |Uruguay", "in |Uruguay", "en |Uruguay", "en |Uruguay", "in |Uruguay", "in |Uruguay", "no |Uruguai"], ["", "", "", "uruguayo, uruguaya, montevideo", "", "", "uruguaio"]),
    c(Other, ["in |Paraguay", "in |Paraguay", "au |Paraguay", "en |Paraguay", "in |Paraguay", "in |Paraguay", "no |Paraguai"], ["", "", "", "paraguayo, paraguaya", "", "", "paraguaio"]),
    c(Other, ["in |Bolivia", "in |Bolivien", "en |Bolivie", "en |Bolivia", "in |Bolivia", "in |Bolivia", "na |Bolívia"], ["", "", "", "boliviano, boliviana", "", "", "boliviano"]),
    c(Other, ["in |Suriname", "in |Suriname", "au |Suriname", "en |Surinam", "in |Suriname", "in |Suriname", "no |Suriname"], ["", "", "", "", "", "surinamer, surinaamse", ""]),
    c(Other, ["in |Japan", "in |Japan", "au |Japon", "en |Japón", "in |Giappone", "in |Japan", "no |Japão"], ["japanese~, tokyo", "japanisch~, japaner", "japonais~, japonaise~", "japones~, japonesa~", "giapponese~", "japans~, japanse~", "japones~, japonesa~"]),
    c(Other, ["in |China", "in |China", "en |Chine", "en |China", "in |Cina", "in |China", "na |China"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Singapore", "in |Singapur", "à |Singapour", "en |Singapur", "a |Singapore", "in |Singapore", "em |Singapura"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |South Korea", "in |Südkorea", "en |Corée du Sud", "en |Corea del Sur", "in |Corea del Sud", "in |Zuid-Korea", "na |Coreia do Sul"], ["korea", "korea", "coree", "corea", "corea", "korea", "coreia"]),
    c(Other, ["in |Indonesia", "in |Indonesien", "en |Indonésie", "en |Indonesia", "in |Indonesia", "in |Indonesië", "na |Indonésia"], ["", "", "", "", "", "", ""]),
    c(Other, ["in the |Philippines", "auf den |Philippinen", "aux |Philippines", "en |Filipinas", "nelle |Filippine", "in de |Filipijnen", "nas |Filipinas"], ["filipino~, filipinos", "", "", "filipino~, filipinos", "", "", "filipino~, filipinos"]),
    c(Other, ["in |Malaysia", "in |Malaysia", "en |Malaisie", "en |Malasia", "in |Malesia", "in |Maleisië", "na |Malásia"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Pakistan", "in |Pakistan", "au |Pakistan", "en |Pakistán", "in |Pakistan", "in |Pakistan", "no |Paquistão"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Bangladesh", "in |Bangladesch", "au |Bangladesh", "en |Bangladés", "in |Bangladesh", "in |Bangladesh", "em |Bangladesh"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Vietnam", "in |Vietnam", "au |Viêt Nam", "en |Vietnam", "in |Vietnam", "in |Vietnam", "no |Vietnã"], ["", "", "vietnam", "", "", "", "vietname"]),
    c(Other, ["in |South Africa", "in |Südafrika", "en |Afrique du Sud", "en |Sudáfrica", "in |Sudafrica", "in |Zuid-Afrika", "na |África do Sul"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Nigeria", "in |Nigeria", "au |Nigeria", "en |Nigeria", "in |Nigeria", "in |Nigeria", "na |Nigéria"], ["nigerian", "", "", "", "", "", ""]),
    c(Other, ["in |Kenya", "in |Kenia", "au |Kenya", "en |Kenia", "in |Kenya", "in |Kenia", "no |Quênia"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Egypt", "in |Ägypten", "en |Égypte", "en |Egipto", "in |Egitto", "in |Egypte", "no |Egito"], ["", "", "", "", "", "", "egipto"]),
    c(Other, ["in |Morocco", "in |Marokko", "au |Maroc", "en |Marruecos", "in |Marocco", "in |Marokko", "no |Marrocos"], ["", "", "marocain, marocaine", "marroqui", "", "marokkaan, marokkaanse", ""]),
    c(Other, ["in |Algeria", "in |Algerien", "en |Algérie", "en |Argelia", "in |Algeria", "in |Algerije", "na |Argélia"], ["", "", "algerien, algerienne", "", "", "", ""]),
    c(Other, ["in |Tunisia", "in |Tunesien", "en |Tunisie", "en |Túnez", "in |Tunisia", "in |Tunesië", "na |Tunísia"], ["", "", "tunisien, tunisienne", "", "", "", ""]),
    c(Other, ["in |Senegal", "im |Senegal", "au |Sénégal", "en |Senegal", "in |Senegal", "in |Senegal", "no |Senegal"], ["", "", "senegalais, senegalaise", "", "", "", ""]),
    c(Other, ["in |Angola", "in |Angola", "en |Angola", "en |Angola", "in |Angola", "in |Angola", "em |Angola"], ["", "", "", "", "", "", "angolano, angolana, luanda"]),
    c(Other, ["in |Mozambique", "in |Mosambik", "au |Mozambique", "en |Mozambique", "in |Mozambico", "in |Mozambique", "em |Moçambique"], ["", "", "", "", "", "", "mocambicano, mocambicana, maputo"]),
    c(Other, ["in |Israel", "in |Israel", "en |Israël", "en |Israel", "in |Israele", "in |Israël", "em |Israel"], ["", "", "", "", "", "", ""]),
    c(Other, ["in the |UAE", "in den |Vereinigten Arabischen Emiraten", "aux |Émirats arabes unis", "en los |Emiratos Árabes Unidos", "negli |Emirati Arabi Uniti", "in de |Verenigde Arabische Emiraten", "nos |Emirados Árabes Unidos"], ["united arab emirates, dubai, abu dhabi", "vae, vereinigte arabische emirate", "eau", "eau", "eau", "vae", "eau"]),
    c(Other, ["in |Saudi Arabia", "in |Saudi-Arabien", "en |Arabie saoudite", "en |Arabia Saudita", "in |Arabia Saudita", "in |Saoedi-Arabië", "na |Arábia Saudita"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Turkey", "in der |Türkei", "en |Turquie", "en |Turquía", "in |Turchia", "in |Turkije", "na |Turquia"], ["turkiye", "turkiye", "", "", "", "", ""]),
    c(Other, ["in |Ukraine", "in der |Ukraine", "en |Ukraine", "en |Ucrania", "in |Ucraina", "in |Oekraïne", "na |Ucrânia"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Serbia", "in |Serbien", "en |Serbie", "en |Serbia", "in |Serbia", "in |Servië", "na |Sérvia"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Asia", "in |Asien", "en |Asie", "en |Asia", "in |Asia", "in |Azië", "na |Ásia"], ["", "", "", "", "", "", ""]),
    c(Other, ["in |Africa", "in |Afrika", "en |Afrique", "en |África", "in |Africa", "in |Afrika", "na |África"], ["", "", "", "", "", "", ""]),
    c(Other, ["in the |Middle East", "im |Nahen Osten", "au |Moyen-Orient", "en |Oriente Medio", "in |Medio Oriente", "in het |Midden-Oosten", "no |Oriente Médio"], ["", "naher osten, nahost", "", "", "", "", ""]),
];

/// How a form that is an everyday word somewhere must be written to count as a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// First letter in capitals: "Polish" but not "polish my profile".
    Capitalised,
    /// Every letter in capitals: "EU" but not Portuguese "eu" ("I").
    Capitals,
}

/// Where a form is an everyday word, so that it must be written as its [`Case`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    /// In every language.
    Everywhere,
    /// In these languages, and when the question's language is unknown; elsewhere any
    /// case counts ("eu" in an English question, but only "EU" in a Portuguese one).
    In(&'static [Lang]),
    /// A place only in this language, written as its case says; when the question's
    /// language is unknown, only after one of these words ("de VS" is Dutch for "the US";
    /// elsewhere "VS" is "versus").
    Only(Lang, &'static [&'static str]),
}

/// Forms that are also everyday words. A form written in capitals also counts after
/// English "the" ("the us", "the eu"), whatever the language. In a question written all
/// in capitals, no form counts by how it is written.
#[rustfmt::skip]
pub(super) const WRITTEN: &[(&str, Case, Scope)] = &[
    // Abbreviations.
    ("us", Case::Capitals, Scope::Everywhere),              // the pronoun
    ("ch", Case::Capitals, Scope::Everywhere),
    ("eu", Case::Capitals, Scope::In(&[Fr, Pt])),           // pt "eu" = I, fr "j'ai eu" = I had
    ("ue", Case::Capitals, Scope::In(&[Pt])),               // pt "ué" = huh
    ("usa", Case::Capitals, Scope::In(&[Es, It, Pt])),      // "uses"
    ("eer", Case::Capitals, Scope::Everywhere),             // nl "eer" = honour
    ("eee", Case::Capitals, Scope::Everywhere),             // an interjection
    ("eau", Case::Capitals, Scope::Everywhere),             // fr "eau" = water
    ("vae", Case::Capitals, Scope::Everywhere),
    ("vs", Case::Capitals, Scope::Only(Nl, &["de"])),       // versus
    ("vk", Case::Capitals, Scope::Only(Nl, &["het"])),      // the VK network
    ("see", Case::Capitals, Scope::Only(It, &["il", "nel", "del", "dal", "al"])), // en "see", de "See"
    // Names whose lowercase is an everyday word.
    ("polish", Case::Capitalised, Scope::Everywhere),
    ("china", Case::Capitalised, Scope::Everywhere),        // porcelain; es "china" = Chinese woman
    ("chile", Case::Capitalised, Scope::Everywhere),        // es "chile" = chili
    ("chili", Case::Capitalised, Scope::Everywhere),
    ("dane", Case::Capitalised, Scope::Everywhere),
    ("swede", Case::Capitalised, Scope::Everywhere),
    ("brit", Case::Capitalised, Scope::Everywhere),
    ("malta", Case::Capitalised, Scope::Everywhere),
    ("malte", Case::Capitalised, Scope::Everywhere),        // de "malte" = painted
    ("suede", Case::Capitalised, Scope::Everywhere),        // fr Suède; en suede
    ("franca", Case::Capitalised, Scope::Everywhere),       // pt França; "língua franca"
    ("peru", Case::Capitalised, Scope::Everywhere),         // pt "peru" = turkey
    ("turkey", Case::Capitalised, Scope::Everywhere),
    ("ecuador", Case::Capitalised, Scope::Everywhere),      // es "ecuador" = equator
    ("equador", Case::Capitalised, Scope::Everywhere),
    ("equateur", Case::Capitalised, Scope::Everywhere),
    ("servia", Case::Capitalised, Scope::Everywhere),       // pt Sérvia; es/pt "servía" = served
    ("gales", Case::Capitalised, Scope::Everywhere),        // en gales
    ("island", Case::Capitalised, Scope::Only(De, &[])),    // de Island = Iceland
];

/// Words next to a language's name of a language that show it means the language: just
/// before it ("auf Deutsch", "en français", "I speak German", and in French, Spanish,
/// Italian and Portuguese the noun it follows: "la version française", "aula de
/// português"), and just after it (in English, German and Dutch, the noun it comes
/// before: "German version", "Deutsch Lehrer").
pub(super) struct Spoken {
    pub(super) before: &'static [&'static str],
    pub(super) after: &'static [&'static str],
}

#[rustfmt::skip]
pub(super) const SPOKEN: [Spoken; 7] = [
    Spoken { before: &["in", "into", "speak", "speaks", "speaking"], after: &["version", "translation", "language", "text", "word", "words", "speaker", "speakers", "teacher", "course"] },
    Spoken { before: &["auf", "in", "im", "spreche", "sprichst", "spricht", "sprechen"], after: &["version", "fassung", "ubersetzung", "sprache", "text", "lehrer", "lehrerin", "kurs", "unterricht"] },
    Spoken { before: &["en", "de", "d", "parle", "parles", "parlez", "parlons", "parlent", "parler", "version", "traduction", "langue", "texte"], after: &[] },
    Spoken { before: &["en", "al", "de", "hablo", "hablas", "habla", "hablamos", "hablan", "hablar", "version", "traduccion", "idioma", "lengua", "texto"], after: &[] },
    Spoken { before: &["in", "di", "parlo", "parli", "parla", "parliamo", "parlano", "parlare", "versione", "traduzione", "lingua", "testo"], after: &[] },
    Spoken { before: &["in", "het", "spreek", "spreekt", "spreken"], after: &["versie", "vertaling", "taal", "tekst", "leraar", "lerares", "les", "cursus"] },
    Spoken { before: &["em", "de", "falo", "fala", "falas", "falamos", "falam", "falar", "portugues", "versao", "traducao", "lingua", "idioma", "texto"], after: &[] },
];

/// What a folded form names, and the rules for reading it.
#[derive(Debug)]
pub(super) struct Form {
    pub(super) place: Place,
    /// The languages whose name of a language it also is ("deutsch": German).
    pub(super) language_of: Vec<Lang>,
    pub(super) written: Option<(Case, Scope)>,
}

/// Every form, by its folded words joined with spaces.
#[derive(Debug)]
pub(super) struct Index {
    pub(super) forms: HashMap<String, Form>,
    /// The most words in a form ("espace economique europeen").
    pub(super) longest: usize,
}

pub(super) fn index() -> &'static Index {
    static INDEX: LazyLock<Index> = LazyLock::new(build);
    &INDEX
}

/// The forms of every line; where two lines name a form, the first wins (the tests
/// check that none does).
fn build() -> Index {
    let mut index = Index { forms: HashMap::new(), longest: 1 };
    let mut add = |form: &str, place: Place, lang: Lang| {
        let (form, language) = match form.strip_suffix('~') {
            Some(form) => (form, true),
            None => (form, false),
        };
        let folded = super::fold_phrase(form);
        if folded.is_empty() {
            return;
        }
        index.longest = index.longest.max(folded.split(' ').count());
        let written = WRITTEN.iter().find(|(w, ..)| *w == folded).map(|&(_, case, scope)| (case, scope));
        let entry = index.forms.entry(folded).or_insert(Form { place, language_of: Vec::new(), written });
        if language && entry.place == place && !entry.language_of.contains(&lang) {
            entry.language_of.push(lang);
        }
    };
    for country in COUNTRIES {
        let place = Place { region: country.region, country: Some(country) };
        for lang in Lang::ALL {
            add(country.name(lang), place, lang);
            for form in country.also[column(lang)].split(',') {
                add(form.trim(), place, lang);
            }
        }
    }
    for (region, names) in REGIONS {
        for lang in Lang::ALL {
            for form in names[column(lang)].split(',') {
                add(form.trim(), Place::of(*region), lang);
            }
        }
    }
    index
}

/// Every form as written in the tables, with the place it names: for the tests.
#[cfg(test)]
pub(super) fn every_form() -> Vec<(String, Place)> {
    let mut forms = Vec::new();
    for country in COUNTRIES {
        let place = Place { region: country.region, country: Some(country) };
        for lang in Lang::ALL {
            forms.push((super::fold_phrase(country.name(lang)), place));
            let also = country.also[column(lang)].split(',').map(str::trim).filter(|f| !f.is_empty());
            forms.extend(also.map(|f| (f.trim_end_matches('~').to_owned(), place)));
        }
    }
    for (region, names) in REGIONS {
        for lang in Lang::ALL {
            let names = names[column(lang)].split(',').map(str::trim).filter(|f| !f.is_empty());
            forms.extend(names.map(|f| (f.trim_end_matches('~').to_owned(), Place::of(*region))));
        }
    }
    forms
}
