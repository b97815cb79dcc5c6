//! `optout-bot chat`: one question a line, and chat's own commands: `list`, `show ID`, a
//! number to pick a suggestion, `region CODE` (or `region` alone to go back to detecting
//! it), `lang CODE` (or `lang` alone to go back to each question's own language), `quit`.
//!
//! At a terminal the line is read with rustyline (editing, and the session's history on the
//! arrow keys; Ctrl-C drops the line, Ctrl-D quits); piped input is read line by line
//! ([`chat_in`]), with no prompt.

use std::io::{BufRead, Write};

use rustyline::error::ReadlineError;

use super::render_asked;
use crate::faq::Faq;
use crate::lang::Lang;
use crate::matcher::{LangHint, Matcher};
use crate::region::{Place, Region};
use crate::reply::{self, Reply};

const PROMPT: &str = "> ";

/// Reads questions from `input` and answers them on `output` until `quit` or the end.
pub fn chat(faq: &Faq, input: impl BufRead, output: impl Write) -> anyhow::Result<()> {
    chat_in(faq, None, input, output)
}

/// [`chat`], answering in `lang` when it is given.
pub fn chat_in(faq: &Faq, lang: Option<Lang>, input: impl BufRead, mut output: impl Write) -> anyhow::Result<()> {
    let mut session = Session::new(faq, lang);
    writeln!(output, "{}", session.greeting())?;
    for line in input.lines() {
        if session.respond(&line?, &mut output)? == Flow::Quit {
            break;
        }
    }
    Ok(())
}

/// [`chat_in`] for a person at a terminal: a prompt, line editing and history.
pub(super) fn chat_at_terminal(faq: &Faq, lang: Option<Lang>) -> anyhow::Result<()> {
    let mut session = Session::new(faq, lang);
    let mut editor = rustyline::DefaultEditor::new()?;
    println!("{}", session.greeting());
    loop {
        let line = match editor.readline(PROMPT) {
            Ok(line) => line,
            // Ctrl-C drops the line being typed, as in a shell; Ctrl-D ends the session.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => return Ok(()),
            Err(error) => return Err(error.into()),
        };
        if !line.trim().is_empty() {
            editor.add_history_entry(line.as_str())?;
        }
        if session.respond(&line, &mut std::io::stdout().lock())? == Flow::Quit {
            return Ok(());
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Continue,
    Quit,
}

/// What a chat remembers between lines.
struct Session<'a> {
    faq: &'a Faq,
    matcher: Matcher,
    /// The language `lang CODE` chose, if any.
    forced: Option<Lang>,
    /// The language of the last reply, for `list` and `show`.
    shown: Lang,
    /// The ids the last "did you mean" offered, for a number to pick one.
    offered: Vec<String>,
    region: Option<Region>,
}

impl<'a> Session<'a> {
    fn new(faq: &'a Faq, lang: Option<Lang>) -> Session<'a> {
        Session {
            faq,
            matcher: Matcher::for_faq(faq),
            forced: lang,
            shown: lang.unwrap_or_default(),
            offered: Vec::new(),
            region: None,
        }
    }

    fn greeting(&self) -> String {
        format!(
            "Ask me about opting out of LinkedIn's AI training, in {}. Commands: list, show ID, region CODE, lang CODE, quit. ({} entries)",
            self.faq.languages().iter().map(|l| l.native_name()).collect::<Vec<_>>().join(", "),
            self.faq.entries().len()
        )
    }

    /// Answers one line (a question or a command), followed by a blank line.
    fn respond(&mut self, line: &str, output: &mut dyn Write) -> std::io::Result<Flow> {
        let line = line.trim();
        if matches!(line, "quit" | "exit" | "q") {
            return Ok(Flow::Quit);
        }
        let picked = line.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| self.offered.get(i));
        if line.is_empty() {
        } else if line == "list" {
            self.list(output)?;
        } else if let Some(code) = argument(line, "region") {
            self.set_region(code, output)?;
        } else if let Some(code) = argument(line, "lang") {
            self.set_lang(code, output)?;
        } else if let Some(id) = picked.cloned().or_else(|| line.strip_prefix("show ").map(|s| s.trim().to_owned())) {
            self.show(&id, output)?;
        } else {
            self.ask(line, output)?;
        }
        writeln!(output)?;
        output.flush()?;
        Ok(Flow::Continue)
    }

    fn list(&self, output: &mut dyn Write) -> std::io::Result<()> {
        let faq = self.faq.in_language(self.shown);
        for topic in faq.topics() {
            writeln!(output, "{}:", crate::app::view::topic_name(topic, self.shown))?;
            for entry in faq.entries().iter().filter(|e| e.topic == topic) {
                writeln!(output, "  {:<20} {}", entry.id, entry.question)?;
            }
        }
        Ok(())
    }

    fn set_region(&mut self, code: &str, output: &mut dyn Write) -> std::io::Result<()> {
        if code.is_empty() {
            self.region = None;
            return writeln!(output, "region: detected from each question");
        }
        match code.parse::<Region>() {
            Ok(chosen) => {
                self.region = Some(chosen);
                writeln!(output, "region: {} ({})", chosen.code(), chosen.label())
            }
            Err(error) => writeln!(output, "{error}"),
        }
    }

    fn set_lang(&mut self, code: &str, output: &mut dyn Write) -> std::io::Result<()> {
        if code.is_empty() {
            self.forced = None;
            return writeln!(output, "lang: each question's own");
        }
        match code.parse::<Lang>() {
            Ok(chosen) if self.faq.languages().contains(&chosen) => {
                self.forced = Some(chosen);
                self.shown = chosen;
                writeln!(output, "lang: {} ({})", chosen.code(), chosen.native_name())
            }
            Ok(chosen) => writeln!(output, "this FAQ has no {} translation", chosen.native_name()),
            Err(error) => writeln!(output, "{error}"),
        }
    }

    fn show(&self, id: &str, output: &mut dyn Write) -> std::io::Result<()> {
        let in_language = self.faq.in_language(self.shown);
        match in_language.entry(id) {
            Some(entry) => {
                let place = self.region.map(Place::of);
                let see_also = reply::see_also(in_language, entry);
                writeln!(output, "{}", reply::entry_text_for(entry, place.as_ref(), &see_also, self.shown))
            }
            None => writeln!(output, "no entry with id `{id}` (try `list`)"),
        }
    }

    fn ask(&mut self, question: &str, output: &mut dyn Write) -> std::io::Result<()> {
        let hint = self.forced.map_or(LangHint::None, LangHint::Forced);
        let asked = reply::ask(self.faq, &self.matcher, question, self.region, hint);
        self.shown = asked.lang;
        self.offered = match &asked.reply {
            Reply::Suggest(entries) => entries.iter().map(|e| e.id.clone()).collect(),
            _ => Vec::new(),
        };
        let mut text = render_asked(self.faq, &asked);
        if matches!(asked.reply, Reply::Decline(_)) {
            text = format!("{text}\n{}", crate::tr!(asked.lang, "cli-decline-hint"));
        }
        if !self.offered.is_empty() {
            text = format!("{text}\n{}", crate::tr!(asked.lang, "cli-pick-number"));
        }
        writeln!(output, "{text}")
    }
}

/// The argument of `command` when `line` is that command alone (`""`) or with one word.
fn argument<'l>(line: &'l str, command: &str) -> Option<&'l str> {
    line.strip_prefix(command)
        .filter(|rest| rest.is_empty() || (rest.starts_with(' ') && rest.split_whitespace().count() == 1))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcript(input: &str) -> String {
        let mut output = Vec::new();
        chat(&Faq::embedded(), input.as_bytes(), &mut output).unwrap();
        String::from_utf8(output).unwrap()
    }

    #[test]
    fn commands_take_one_word_or_none() {
        assert_eq!(argument("region UK", "region"), Some("UK"));
        assert_eq!(argument("region", "region"), Some(""));
        for not_the_command in ["regional rules", "region of the EU", "language"] {
            assert_eq!(argument(not_the_command, "region"), None, "{not_the_command:?}");
        }
    }

    #[test]
    fn piped_input_gets_no_prompt_and_quit_ends_the_session() {
        let text = transcript("show no-such-id\nquit\nshow gdpr\n");
        assert!(!text.contains(PROMPT), "no prompt for piped input:\n{text}");
        assert!(text.contains("no entry with id `no-such-id` (try `list`)"), "{text}");
        assert!(!text.contains(&Faq::embedded().entry("gdpr").unwrap().answer), "nothing after quit:\n{text}");
    }

    #[test]
    fn hints_name_chats_own_commands() {
        let text = transcript("best pizza topping\nshow nope\n");
        assert!(text.contains("`list`"), "{text}");
        assert!(!text.contains("optout-bot"), "hints name chat's commands, not the program's: {text}");
    }
}
