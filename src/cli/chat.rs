//! `optout-bot chat`: one question a line, read in its conversation as Discord reads a
//! member's (follow-ups keep the topic, place and language), and chat's own commands:
//! `list`, `show ID`, `more` (the last answer's details), a number to pick a suggestion,
//! `region CODE` (or `region` alone to go back to detecting it), `lang CODE` (or `lang`
//! alone to go back to each question's own language), `quit`. It answers through the same
//! use-cases as the bot ([`crate::app::reply`], [`crate::app::browse`]) and renders their
//! messages with the command line's renderer.
//!
//! At a terminal the line is read with rustyline (editing, and the session's history on the
//! arrow keys; Ctrl-C drops the line, Ctrl-D quits); piped input is read line by line
//! ([`chat_in`]), with no prompt.

use std::io::{BufRead, Write};
use std::sync::Arc;

use rustyline::error::ReadlineError;
use serde::Serialize;

use super::render::{render, Rendered};
use crate::app::browse;
use crate::app::conversation::{Context, ConversationKey, Conversations};
use crate::app::knowledge::Knowledge;
use crate::app::reply::{self, Reply};
use crate::app::view::{self, Audience};
use crate::clock::{Clock, SystemClock};
use crate::lang::Lang;
use crate::matcher::LangHint;
use crate::region::Region;

const PROMPT: &str = "> ";

/// The words that ask for the last answer's details, in each language: what "More details"
/// is in Discord. Only a line of this word alone counts.
const MORE_WORDS: &[&str] = &["more", "details", "mehr", "plus", "más", "mas", "più", "piu", "meer", "mais"];

/// How a chat session prints.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChatOptions {
    /// Answer in this language instead of each question's own.
    pub lang: Option<Lang>,
    /// One JSON object a turn ([`Turn`]) instead of text, and no greeting.
    pub json: bool,
}

/// Reads questions from `input` and answers them on `output` until `quit` or the end.
pub fn chat(knowledge: &Knowledge, input: impl BufRead, output: impl Write) -> anyhow::Result<()> {
    chat_in(knowledge, ChatOptions::default(), input, output)
}

/// [`chat`] with `options`.
pub fn chat_in(
    knowledge: &Knowledge,
    options: ChatOptions,
    input: impl BufRead,
    mut output: impl Write,
) -> anyhow::Result<()> {
    let mut session = Session::new(knowledge, options, Arc::new(SystemClock));
    if !options.json {
        writeln!(output, "{}", session.greeting())?;
    }
    for line in input.lines() {
        if session.respond(&line?, &mut output)? == Flow::Quit {
            break;
        }
    }
    Ok(())
}

/// [`chat_in`] for a person at a terminal: a prompt, line editing and history.
pub(super) fn chat_at_terminal(knowledge: &Knowledge, options: ChatOptions) -> anyhow::Result<()> {
    let mut session = Session::new(knowledge, options, Arc::new(SystemClock));
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

/// What `chat --json` prints for one input line.
#[derive(Debug, Clone, Serialize)]
pub struct Turn {
    pub input: String,
    /// `answer`, `suggest`, `decline`, `small_talk` or `command`.
    pub decision: &'static str,
    /// The entry answered (or shown by a command), if any.
    pub id: Option<String>,
    /// The language of the reply.
    pub language: Lang,
    /// The first reply's answer text as a person reads it: no sources, "see also" or hints.
    pub answer: String,
    /// Everything printed for the turn.
    pub text: String,
    /// The region the answer is for, when there is one (`CA`, `EU`, …).
    pub region: Option<&'static str>,
    /// The facets the answer was read for, in the question's order.
    pub facets: Vec<String>,
}

impl Turn {
    /// What a chat command (`show`, `more`, `list`, …) printed: no decision of the matcher's.
    fn of_command(
        input: &str,
        id: Option<String>,
        language: Lang,
        answer: String,
        text: String,
        region: Option<&'static str>,
    ) -> Turn {
        Turn { input: input.to_owned(), decision: "command", id, language, answer, text, region, facets: Vec::new() }
    }
}

/// One chat: a conversation as Discord keeps one per member and channel, and chat's own
/// settings.
struct Session<'k> {
    knowledge: &'k Knowledge,
    conversations: Conversations,
    clock: Arc<dyn Clock>,
    /// The language `lang CODE` chose, if any.
    forced: Option<Lang>,
    region: Option<Region>,
    json: bool,
}

/// A chat session is one conversation.
const CONVERSATION: ConversationKey = ConversationKey { channel: 0, user: 0 };

impl<'k> Session<'k> {
    fn new(knowledge: &'k Knowledge, options: ChatOptions, clock: Arc<dyn Clock>) -> Session<'k> {
        Session {
            knowledge,
            conversations: Conversations::new(crate::app::conversation::DEFAULT_IDLE),
            clock,
            forced: options.lang,
            region: None,
            json: options.json,
        }
    }

    fn greeting(&self) -> String {
        let faq = &self.knowledge.faq;
        format!(
            "Ask me about opting out of LinkedIn's AI training, in {}. Commands: list, show ID, more, region CODE, lang CODE, quit. ({} entries)",
            faq.languages().iter().map(|l| l.native_name()).collect::<Vec<_>>().join(", "),
            faq.entries().len()
        )
    }

    fn context(&mut self) -> Option<Context> {
        let now = self.clock.now();
        self.conversations.get(CONVERSATION, now)
    }

    /// The language of the conversation's last reply, or the one `lang CODE` chose.
    fn shown(&mut self) -> Lang {
        self.forced.or_else(|| self.context().map(|c| c.lang)).unwrap_or_default()
    }

    /// Answers one line (a question or a command), followed by a blank line; with `--json`,
    /// one JSON object.
    fn respond(&mut self, line: &str, output: &mut dyn Write) -> std::io::Result<Flow> {
        let line = line.trim();
        let quit = matches!(line, "quit" | "exit" | "q");
        let turn = if quit || line.is_empty() {
            self.command(line, String::new(), None)
        } else if let Some(topic) = argument(line, "list") {
            let lang = self.shown();
            let rendered = render(&browse::list(self.knowledge, Some(topic), lang), &self.knowledge.faq, lang);
            self.command(line, list_text(&rendered), None)
        } else if let Some(code) = argument(line, "region") {
            let text = self.set_region(code);
            self.command(line, text, None)
        } else if let Some(code) = argument(line, "lang") {
            let text = self.set_lang(code);
            self.command(line, text, None)
        } else if let Some(id) = line.strip_prefix("show ").map(str::trim) {
            self.show(line, id)
        } else if MORE_WORDS.contains(&line.to_lowercase().as_str()) {
            self.more(line)
        } else {
            self.ask(line)
        };
        if self.json {
            let json = serde_json::to_string(&turn).map_err(std::io::Error::other)?;
            writeln!(output, "{json}")?;
        } else if !turn.text.is_empty() {
            writeln!(output, "{}\n", turn.text)?;
        }
        output.flush()?;
        Ok(if quit { Flow::Quit } else { Flow::Continue })
    }

    /// A command's turn that prints `text` alone.
    fn command(&mut self, input: &str, text: String, id: Option<String>) -> Turn {
        let language = self.shown();
        Turn::of_command(input, id, language, text.clone(), text, None)
    }

    fn set_region(&mut self, code: &str) -> String {
        if code.is_empty() {
            self.region = None;
            return "region: detected from each question".to_owned();
        }
        match code.parse::<Region>() {
            Ok(chosen) => {
                self.region = Some(chosen);
                format!("region: {} ({})", chosen.code(), chosen.label())
            }
            Err(error) => error.to_string(),
        }
    }

    fn set_lang(&mut self, code: &str) -> String {
        if code.is_empty() {
            self.forced = None;
            return "lang: each question's own".to_owned();
        }
        match code.parse::<Lang>() {
            Ok(chosen) if self.knowledge.faq.languages().contains(&chosen) => {
                self.forced = Some(chosen);
                format!("lang: {} ({})", chosen.code(), chosen.native_name())
            }
            Ok(chosen) => format!("this FAQ has no {} translation", chosen.native_name()),
            Err(error) => error.to_string(),
        }
    }

    /// `show ID`: the entry's answer, as `/faq show` gives it; it becomes the topic.
    fn show(&mut self, input: &str, id: &str) -> Turn {
        let lang = self.shown();
        if self.knowledge.faq.entry(id).is_none() {
            return self.command(input, format!("no entry with id `{id}` (try `list`)"), None);
        }
        let place = self.region.map(crate::region::Place::of).or_else(|| self.context().and_then(|c| c.place));
        let rendered = render(&browse::show(self.knowledge, id, place.as_ref(), lang), &self.knowledge.faq, lang);
        let context = Context { entry: Some(id.to_owned()), place, lang, offered: Vec::new(), at: self.clock.now() };
        self.conversations.put(CONVERSATION, context);
        let text = with_hint(rendered.text, rendered.more.is_some().then(|| crate::tr!(lang, "cli-more-hint")));
        Turn::of_command(input, Some(id.to_owned()), lang, rendered.answer, text, place.map(|p| p.region.code()))
    }

    /// `more`: the last answer's details, as "More details" shows them in Discord.
    fn more(&mut self, input: &str) -> Turn {
        let lang = self.shown();
        match self.context().and_then(|c| c.entry) {
            Some(id) => {
                let rendered = render(&browse::details(self.knowledge, &id, lang), &self.knowledge.faq, lang);
                Turn::of_command(input, Some(id), lang, rendered.answer, rendered.text, None)
            }
            None => self.command(input, crate::tr!(lang, "cli-no-details"), None),
        }
    }

    fn ask(&mut self, question: &str) -> Turn {
        let hint = self.forced.map_or(LangHint::None, LangHint::Forced);
        let context = self.context();
        let asked = reply::ask(self.knowledge, question, self.region, hint, context.as_ref());
        self.conversations.put(CONVERSATION, asked.next_context(context.as_ref(), self.clock.now()));
        let lang = asked.lang;
        let message = view::reply(&self.knowledge.faq, &asked, question, Audience::Private);
        let Rendered { text, answer, offered, more } = render(&message, &self.knowledge.faq, lang);
        let hint = match &asked.reply {
            Reply::Decline(_) => Some(crate::tr!(lang, "cli-decline-hint")),
            Reply::Suggest(_) if !offered.is_empty() => Some(crate::tr!(lang, "cli-pick-number")),
            Reply::Answer(_) if more.is_some() => Some(crate::tr!(lang, "cli-more-hint")),
            _ => None,
        };
        let (decision, id) = match &asked.reply {
            Reply::Answer(entry) if entry.is_small_talk() => ("small_talk", Some(entry.id.clone())),
            Reply::Answer(entry) => ("answer", Some(entry.id.clone())),
            Reply::Suggest(_) => ("suggest", None),
            Reply::Decline(_) | Reply::PickOutOfRange { .. } => ("decline", None),
        };
        // The facets the answer led with, not every one named.
        let facets = match &asked.reply {
            Reply::Answer(entry) => asked.facets.iter().filter(|f| entry.facet(f).is_some()).cloned().collect(),
            _ => Vec::new(),
        };
        Turn {
            input: question.to_owned(),
            decision,
            id,
            language: lang,
            answer,
            text: with_hint(text, hint),
            region: asked.place.map(|p| p.region.code()),
            facets,
        }
    }
}

fn with_hint(text: String, hint: Option<String>) -> String {
    match hint {
        Some(hint) => format!("{text}\n{hint}"),
        None => text,
    }
}

/// `list` in a terminal: each topic as a heading, then its entries one a line with their
/// ids aligned, from the card `/faq list` shows in Discord (`**Topic**`, `` `id` question``).
fn list_text(rendered: &Rendered) -> String {
    let lines = rendered.answer.lines().map(|line| {
        if let Some(topic) = line.strip_prefix("**").and_then(|l| l.strip_suffix("**")) {
            format!("{topic}:")
        } else if let Some((id, question)) = line.strip_prefix('`').and_then(|l| l.split_once("` ")) {
            format!("  {id:<24} {question}")
        } else {
            line.to_owned()
        }
    });
    lines.collect::<Vec<_>>().join("\n")
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

    fn knowledge() -> Knowledge {
        Knowledge::build(crate::faq::Faq::embedded(), &[], &Default::default())
    }

    fn transcript(input: &str) -> String {
        let mut output = Vec::new();
        chat(&knowledge(), input.as_bytes(), &mut output).unwrap();
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
        assert!(
            !text.contains(&crate::faq::Faq::embedded().entry("gdpr").unwrap().question),
            "nothing after quit:\n{text}"
        );
    }

    #[test]
    fn hints_name_chats_own_commands() {
        let text = transcript("best pizza topping\nshow nope\n");
        assert!(text.contains("`list`"), "{text}");
        assert!(!text.contains("optout-bot"), "hints name chat's commands, not the program's: {text}");
    }
}
