//! The words the bot uses around the FAQ's answers (buttons, "did you mean", declines,
//! `/help`, errors, command descriptions), in every language, from Project Fluent files:
//! `locales/<code>/bot.ftl`, built into the binary.
//!
//! A message missing in a language, or using other variables than the English one, is a
//! test failure (see the tests below), so at run time a lookup falls back to English
//! only for a self-hoster's own edits, and to the message id itself only for a typo in
//! the code, which the tests catch too.

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::lang::Lang;

/// The Fluent source of each language, as shipped.
const SOURCES: &[(Lang, &str)] = &[
    (Lang::En, include_str!("../locales/en/bot.ftl")),
    (Lang::De, include_str!("../locales/de/bot.ftl")),
    (Lang::Fr, include_str!("../locales/fr/bot.ftl")),
    (Lang::Es, include_str!("../locales/es/bot.ftl")),
    (Lang::It, include_str!("../locales/it/bot.ftl")),
    (Lang::Nl, include_str!("../locales/nl/bot.ftl")),
    (Lang::Pt, include_str!("../locales/pt/bot.ftl")),
];

struct Catalog {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    bundles: SOURCES
        .iter()
        .map(|&(lang, source)| {
            let id: LanguageIdentifier = lang.code().parse().expect("language codes are valid identifiers");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Variables are inserted as they are: no Unicode isolation marks, which Discord
            // would show around ids and names.
            bundle.set_use_isolating(false);
            // A broken shipped file fails `cargo test` (below); at run time its good
            // messages still load.
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
            let _ = bundle.add_resource(resource);
            (lang, bundle)
        })
        .collect(),
});

/// Message `id` in `lang`, without variables.
pub fn text(lang: Lang, id: &str) -> String {
    format(lang, id, &[])
}

/// Message `id` in `lang` with `args` (name, value) inserted. Falls back to English when
/// `lang` lacks it, and to the id itself when no language has it.
pub fn format(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(text) => FluentValue::from(text.as_ref()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    [lang, Lang::En]
        .into_iter()
        .find_map(|lang| {
            let bundle = &CATALOG.bundles.iter().find(|(l, _)| *l == lang)?.1;
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            Some(bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned())
        })
        .unwrap_or_else(|| id.to_owned())
}

/// Whether `lang` has message `id` (so a caller can fall back to something else, such
/// as a self-hoster's own topic name).
pub fn has(lang: Lang, id: &str) -> bool {
    CATALOG.bundles.iter().any(|(l, bundle)| *l == lang && bundle.has_message(id))
}

/// A variable's value.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Arg<'a> {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Arg<'static> {
        Arg::Text(Cow::Owned(text))
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Arg<'static> {
        Arg::Number(n as f64)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Arg<'static> {
        Arg::Number(n as f64)
    }
}

/// `id` and its arguments: `tr!(lang, "card-entry", id = entry.id.as_str())`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal) => {
        $crate::i18n::text($lang, $id)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::format($lang, $id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

/// The message ids of a Fluent source and, for each, the variables it uses, sorted.
#[cfg(test)]
fn signatures(source: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    use fluent_syntax::ast;
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| format!("{errors:?}"))?;
    fn walk(pattern: &ast::Pattern<&str>, out: &mut Vec<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }
    fn expression_variables(expression: &ast::Expression<&str>, out: &mut Vec<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for variant in variants {
                    walk(&variant.value, out);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, out),
        }
    }
    fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => out.push(id.name.to_owned()),
            ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
            _ => {}
        }
    }
    let mut messages = Vec::new();
    for entry in resource.body {
        if let ast::Entry::Message(message) = entry {
            let mut variables = Vec::new();
            if let Some(value) = &message.value {
                walk(value, &mut variables);
            }
            variables.sort();
            variables.dedup();
            messages.push((message.id.name.to_owned(), variables));
        }
    }
    messages.sort();
    Ok(messages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message_with_the_same_variables() {
        let shipped: Vec<Lang> = SOURCES.iter().map(|&(lang, _)| lang).collect();
        assert_eq!(shipped, Lang::ALL, "every language the bot answers in has its catalog, English first");
        let english = signatures(SOURCES[0].1).expect("English parses");
        assert!(english.len() > 40, "the English catalog is complete");
        for (lang, source) in &SOURCES[1..] {
            let translated = signatures(source).unwrap_or_else(|e| panic!("locales/{lang}/bot.ftl: {e}"));
            let ids =
                |messages: &[(String, Vec<String>)]| messages.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>();
            let missing: Vec<String> = ids(&english).into_iter().filter(|id| !ids(&translated).contains(id)).collect();
            let extra: Vec<String> = ids(&translated).into_iter().filter(|id| !ids(&english).contains(id)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "locales/{lang}/bot.ftl: missing {missing:?}, extra {extra:?}"
            );
            for ((id, want), (_, got)) in english.iter().zip(&translated) {
                assert_eq!(got, want, "locales/{lang}/bot.ftl: `{id}` uses other variables than English");
            }
        }
    }

    #[test]
    fn the_shipped_files_parse_without_errors() {
        for &(lang, source) in SOURCES {
            if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
                let lines: Vec<String> = errors
                    .iter()
                    .map(|e| format!("line {}: {:?}", source[..e.pos.start].lines().count() + 1, e.kind))
                    .collect();
                panic!("locales/{lang}/bot.ftl: {}", lines.join("; "));
            }
        }
    }

    #[test]
    fn variables_and_plurals_are_filled_in() {
        assert_eq!(tr!(Lang::En, "card-entry", id = "opt-out-how"), "FAQ entry opt-out-how");
        assert!(tr!(Lang::En, "slow-down", seconds = 1u64).contains("1 second,"));
        assert!(tr!(Lang::En, "slow-down", seconds = 5u64).contains("5 seconds"));
        assert_eq!(text(Lang::De, "no-such-message"), "no-such-message");
        for &(lang, _) in &SOURCES[1..] {
            assert_ne!(tr!(lang, "button-helpful"), tr!(Lang::En, "button-helpful"), "{lang} has its own words");
        }
    }

    #[test]
    fn command_descriptions_fit_discord() {
        for &(lang, source) in SOURCES {
            for (id, _) in signatures(source).expect("parses") {
                if id.starts_with("cmd-") {
                    let chars = text(lang, &id).chars().count();
                    assert!(
                        (1..=crate::limits::COMMAND_DESCRIPTION_MAX_CHARS).contains(&chars),
                        "{lang} {id}: {chars} characters"
                    );
                }
            }
        }
    }
}
