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
}
