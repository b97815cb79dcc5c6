//! User text made safe to quote: capped, and unable to break out of its formatting or to
//! ping anyone. Plain string functions, used wherever the bot echoes what someone typed.

/// How much of a user's own text the bot quotes back (before escaping).
pub const ECHO_MAX_CHARS: usize = 200;
/// Zero-width space: placed after `@` and `<` it stops Discord from reading a mention,
/// while the text still reads the same.
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// The characters Discord's markdown gives meaning to; a backslash before each shows it as is.
const MARKDOWN: &[char] = &['\\', '*', '_', '~', '`', '|', '>', '#', '[', ']', '(', ')', ':'];

/// `text` made safe to quote inline: at most [`ECHO_MAX_CHARS`] characters of it, on one line,
/// with markdown shown literally and mentions (`@everyone`, `<@id>`, `<#id>`, `<@&id>`) broken
/// so they neither ping nor render.
pub fn echo(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let capped = cap(&one_line, ECHO_MAX_CHARS);
    let mut out = String::with_capacity(capped.len() + 16);
    for c in capped.chars() {
        if MARKDOWN.contains(&c) {
            out.push('\\');
            out.push(c);
        } else if c == '@' || c == '<' {
            out.push(c);
            out.push(ZERO_WIDTH_SPACE);
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` cut to at most `max` characters (not bytes), ending with `…` when cut.
pub fn cap(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `text` without the bot's mention (`<@id>` or `<@!id>`), trimmed: what the person asked.
pub fn strip_mention(text: &str, bot_id: u64) -> String {
    text.replace(&format!("<@{bot_id}>"), " ").replace(&format!("<@!{bot_id}>"), " ").trim().to_owned()
}

/// Whether `text` mentions the bot.
pub fn mentions(text: &str, bot_id: u64) -> bool {
    text.contains(&format!("<@{bot_id}>")) || text.contains(&format!("<@!{bot_id}>"))
}

/// `lines` joined, as many as fit in `max` characters, then "… and N more".
pub fn lines_within(lines: &[String], max: usize) -> String {
    let mut out = String::new();
    for (index, line) in lines.iter().enumerate() {
        let more = lines.len() - index;
        let tail = format!("\n… and {more} more");
        let needed = out.chars().count() + usize::from(!out.is_empty()) + line.chars().count();
        let room_for_tail = if more > 1 { tail.chars().count() } else { 0 };
        if needed + room_for_tail > max {
            if out.chars().count() + tail.chars().count() <= max {
                out.push_str(if out.is_empty() { tail.trim_start() } else { &tail });
            }
            return out;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn echo_breaks_mentions_and_markdown() {
        let cases: &[(&str, &str)] = &[
            ("@everyone help", "@\u{200B}everyone help"),
            ("@here", "@\u{200B}here"),
            (
                "ping <@6000> and <@&7000> in <#5000>",
                "ping <\u{200B}@\u{200B}6000\\> and <\u{200B}@\u{200B}&7000\\> in <\u{200B}\\#5000\\>",
            ),
            ("`code` **bold** ~~x~~ ||spoiler||", "\\`code\\` \\*\\*bold\\*\\* \\~\\~x\\~\\~ \\|\\|spoiler\\|\\|"),
            ("[click](https://evil.example)", "\\[click\\]\\(https\\://evil.example\\)"),
            ("```\nbreak out\n```", "\\`\\`\\` break out \\`\\`\\`"),
            ("> quote\n# heading", "\\> quote \\# heading"),
            ("back\\slash", "back\\\\slash"),
        ];
        for (input, expected) in cases {
            assert_eq!(echo(input), *expected, "echo({input:?})");
        }
    }

    #[test]
    fn echo_is_capped_in_characters() {
        let long = "é".repeat(ECHO_MAX_CHARS * 3);
        let echoed = echo(&long);
        assert_eq!(echoed.chars().count(), ECHO_MAX_CHARS);
        assert!(echoed.ends_with('…'));
    }

    #[test]
    fn cap_keeps_short_text_and_cuts_long_text() {
        assert_eq!(cap("short", 10), "short");
        assert_eq!(cap("exactly10!", 10), "exactly10!");
        assert_eq!(cap("a bit too long", 10), "a bit too…");
        assert_eq!(cap("a bit too long", 10).chars().count(), 10);
    }

    #[test]
    fn the_bot_mention_is_stripped_in_both_forms() {
        assert_eq!(strip_mention("<@1000> how do I opt out?", 1000), "how do I opt out?");
        assert_eq!(strip_mention("hey <@!1000>, is it on by default", 1000), "hey  , is it on by default");
        assert_eq!(strip_mention("<@1001> hi", 1000), "<@1001> hi");
        assert!(mentions("<@!1000> hi", 1000) && !mentions("<@10000> hi", 1000));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Text people type, weighted towards what could break out: markdown, mentions,
        /// line breaks, long runs.
        fn hostile_text() -> impl Strategy<Value = String> {
            let pieces = prop_oneof![
                Just("@everyone".to_owned()),
                Just("@here".to_owned()),
                Just("<@6000>".to_owned()),
                Just("<@&7001>".to_owned()),
                Just("<#5000>".to_owned()),
                Just("[click](https://evil.example)".to_owned()),
                Just("```".to_owned()),
                Just("\\".to_owned()),
                Just("\n".to_owned()),
                Just("\u{2028}".to_owned()),
                "[*_~`|>#\\[\\]():@<\\\\ \n\r\t]{1,4}",
                "\\PC{0,30}",
            ];
            prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
        }

        /// `echoed` with its escapes undone: the characters a reader sees.
        fn unescaped(echoed: &str) -> String {
            let mut out = String::new();
            let mut chars = echoed.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => out.extend(chars.next()),
                    ZERO_WIDTH_SPACE => {}
                    c => out.push(c),
                }
            }
            out
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn echoed_text_cannot_ping_link_or_break_out(text in hostile_text()) {
                let echoed = echo(&text);
                prop_assert!(!echoed.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']), "one line: {echoed:?}");
                let mut chars = echoed.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '\\' {
                        prop_assert!(chars.next().is_some_and(|e| MARKDOWN.contains(&e)), "a backslash escapes markdown: {echoed:?}");
                    } else if c == '@' || c == '<' {
                        // No `@everyone`, `@here`, `<@id>`, `<@&id>` or `<#id>` can form.
                        prop_assert_eq!(chars.peek(), Some(&ZERO_WIDTH_SPACE), "a mention is broken: {:?}", echoed);
                    } else {
                        // No code span or block, masked link, spoiler, quote or heading.
                        prop_assert!(!MARKDOWN.contains(&c), "{c:?} is escaped in {echoed:?}");
                    }
                }
                let seen = unescaped(&echoed);
                prop_assert!(seen.chars().count() <= ECHO_MAX_CHARS);
                let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ").replace(ZERO_WIDTH_SPACE, "");
                prop_assert_eq!(seen, cap(&one_line, ECHO_MAX_CHARS).replace(ZERO_WIDTH_SPACE, ""), "nothing else changes");
            }

            #[test]
            fn cap_counts_characters(text in "\\PC{0,300}", max in 1usize..250) {
                let capped = cap(&text, max);
                prop_assert!(capped.chars().count() <= max);
                prop_assert_eq!(capped == text, text.chars().count() <= max);
            }
        }
    }
}
