//! One dependency rule (issue 18): the core ← `app` ← the adapters ← `main`, and no import
//! cycles.
//!
//! The test reads every `src/**/*.rs` and `fake-discord/src/**/*.rs`, collects the module paths
//! each module names through `crate::…`, `super::…` and `self::…` (in `use` items and inline,
//! outside comments and `#[cfg(test)]` items), and checks two things:
//!
//! - **Layers.** Each top-level module of `optout-bot` has a layer in [`LAYERS`]; a module may
//!   import its own layer or a lower one, never a higher one.
//! - **No cycles.** At every level of nesting (the crate's top-level modules, `app`'s
//!   submodules, `faq`'s, `fake-discord`'s, ...), the sibling modules' imports form no cycle,
//!   direct or through others. A module's parent owning it is not an import, so edges between a
//!   parent's own file and its children do not count; only edges between siblings do.
//!
//! A failure names the file and line of each offending import.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first, and each top-level module's place with the reason it is there.
const LAYERS: &[(&str, u8, &str)] = &[
    // 0: the core. Plain data and pure rules; nothing here knows storage, Discord or a runtime.
    ("lang", 0, "languages and their detection: the vocabulary every other module speaks"),
    ("limits", 0, "Discord's limits, named once: constants only"),
    ("clock", 0, "the time seam: a trait and two clocks, used from the core up"),
    ("i18n", 0, "member-facing text from the Fluent files, looked up by message id"),
    ("text", 0, "normalization and tokenization shared by indexing and questions"),
    ("region", 0, "the regions LinkedIn treats differently, a pure classification"),
    ("facet", 0, "what a question names (platform, data item, ...), pure functions over text"),
    ("faq", 0, "the FAQ as plain data: loading and validating entries"),
    ("matcher", 0, "ranking entries for a question: a pure function of the FAQ and the text"),
    ("announce", 0, "announcement rules: parsing times, repeats, recovery, allowed mentions"),
    ("stats", 0, "usage figures and their PNG chart: pure functions over counts"),
    ("moderation", 0, "who counts as a moderator: a pure function of permissions and roles"),
    // 1: the application. The use-cases, given their dependencies; storage traits beside them.
    ("app", 1, "the use-cases; knows the core and the traits it owns, never an adapter"),
    // 2: the adapters. Each connects the application to something outside the process.
    ("config", 2, "the configuration file and token: read from disk, checked at start-up"),
    ("store", 2, "SQLite and PostgreSQL, implementing the application's storage traits"),
    ("ops", 2, "the /metrics and /healthz HTTP server"),
    ("export", 2, "writes moderators' variants back into the FAQ files on disk"),
    ("eval", 2, "measures a matcher on labelled question sets from files"),
    ("discord", 2, "the Discord edge: poise commands, events, rendering"),
    ("cli", 2, "the command line: parses arguments and prints"),
    // 3: the binary, which wires everything.
    ("main", 3, "the binary: parses the command line and runs it"),
];

/// Imports that break the rule today and are still to be removed (issue 18). The test fails
/// if one of them no longer occurs, so this list only shrinks.
/// Each is `(from, to)`: a layer violation between top-level modules, or a cycle edge between
/// siblings, written as full module paths.
/// None are left: keep it empty.
const KNOWN: &[(&str, &str)] = &[];

/// One import: which file and line, from which module to which module path.
#[derive(Debug, Clone)]
struct Import {
    file: PathBuf,
    line: usize,
    from: Vec<String>,
    to: Vec<String>,
}

/// A crate: its name, the modules its files define and their imports.
struct Crate {
    name: &'static str,
    modules: BTreeSet<Vec<String>>,
    imports: Vec<Import>,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/app/view/mod.rs` is `app::view`; `src/region.rs` is `region`; `src/lib.rs` is the root.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut path: Vec<String> = relative.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if path.last().is_some_and(|s| s == "mod" || s == "lib") {
        path.pop();
    }
    path
}

/// The code of a file with comments, string literals and `#[cfg(test)]` items blanked out,
/// line breaks kept so that positions still give line numbers.
fn code_only(source: &str) -> String {
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(source.len(), |n| i + n);
            i = end;
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(source.len(), |n| i + n + 2);
            out.extend(source[i..end].chars().filter(|c| *c == '\n'));
            i = end;
        } else if rest.starts_with("r#\"") || rest.starts_with("r\"") {
            let hashes = rest[1..].chars().take_while(|c| *c == '#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let start = i + 2 + hashes;
            let end = source[start..].find(&close).map_or(source.len(), |n| start + n + close.len());
            out.push_str("\"\"");
            out.extend(source[i..end].chars().filter(|c| *c == '\n'));
            i = end;
        } else if rest.starts_with('"') {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            out.extend(source[i..j.min(source.len())].chars().filter(|c| *c == '\n'));
            i = (j + 1).min(source.len());
        } else if rest.starts_with("'") && rest.len() > 2 && (rest.as_bytes()[2] == b'\'' || rest.starts_with("'\\")) {
            // A char literal ('"' in particular); lifetimes have no closing quote.
            let end = rest[1..].find('\'').map_or(source.len(), |n| i + n + 2);
            out.push_str("' '");
            i = end;
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    blank_test_items(&out)
}

/// Blanks each item marked `#[cfg(test)]`: test code may reach anywhere to build its fixtures.
fn blank_test_items(code: &str) -> String {
    let mut out = code.to_owned();
    let mut from = 0;
    while let Some(at) = out[from..].find("#[cfg(test)]").map(|n| from + n) {
        let bytes = out.as_bytes();
        let mut i = at;
        let mut depth = 0usize;
        let mut end = out.len();
        while i < bytes.len() {
            match bytes[i] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                b';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        let blanked: String =
            out[at..end].chars().map(|c| if c == '\n' { "\n".to_owned() } else { " ".repeat(c.len_utf8()) }).collect();
        out.replace_range(at..end, &blanked);
        from = end;
    }
    out
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`) into full paths.
fn expand_use(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap().trim();
        return vec![path.to_owned()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    let mut out = Vec::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        for path in expand_use(part) {
            if path == "self" {
                out.push(prefix.trim_end_matches("::").to_owned());
            } else {
                out.push(format!("{prefix}{path}"));
            }
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Resolves a path as written in module `module` to an absolute path from the crate root, or
/// `None` when it does not start at the crate (`std::…`, a local name).
fn resolve(path: &str, module: &[String], crate_names: &[&str]) -> Option<Vec<String>> {
    let segments: Vec<&str> = path.split("::").map(str::trim).filter(|s| !s.is_empty()).collect();
    let (first, rest) = segments.split_first()?;
    let mut absolute: Vec<String> = match *first {
        "crate" | "$crate" => Vec::new(),
        "self" => module.to_vec(),
        "super" => module[..module.len().checked_sub(1)?].to_vec(),
        name if crate_names.contains(&name) => Vec::new(),
        _ => return None,
    };
    for segment in rest {
        if *segment == "super" {
            absolute.pop()?;
        } else if *segment == "*" || !segment.chars().all(is_ident) {
            break;
        } else {
            absolute.push((*segment).to_owned());
        }
    }
    Some(absolute)
}

fn read_crate(name: &'static str, src: PathBuf, crate_names: &[&str]) -> Crate {
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut imports = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        let source = fs::read_to_string(file).unwrap();
        let code = code_only(&source);
        let line_of = |offset: usize| code[..offset].matches('\n').count() + 1;
        let mut push = |offset: usize, path: &str| {
            if let Some(to) = resolve(path, &module, crate_names) {
                imports.push(Import { file: file.clone(), line: line_of(offset), from: module.clone(), to });
            }
        };
        // `use` items, whose braces group several paths.
        let mut use_spans = Vec::new();
        let mut from = 0;
        while let Some(at) = code[from..].find("use ").map(|n| from + n) {
            from = at + 4;
            if at > 0 && code[..at].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            let Some(end) = code[at..].find(';').map(|n| at + n) else { break };
            for path in expand_use(&code[at + 4..end]) {
                push(at, &path);
            }
            use_spans.push(at..end);
            from = end;
        }
        // Inline paths: `crate::x::y`, `super::x`, `$crate::x`, outside `use` items.
        let mut from = 0;
        while let Some(at) =
            ["crate::", "super::", "self::"].iter().filter_map(|p| code[from..].find(p).map(|n| from + n)).min()
        {
            let start = if at > 0 && code.as_bytes()[at - 1] == b'$' { at - 1 } else { at };
            let end = code[at..]
                .char_indices()
                .find(|(_, c)| !(is_ident(*c) || *c == ':'))
                .map_or(code.len(), |(n, _)| at + n);
            from = end.max(at + 1);
            let preceded = start > 0 && code[..start].chars().next_back().is_some_and(|c| is_ident(c) || c == ':');
            if preceded || use_spans.iter().any(|s| s.contains(&at)) {
                continue;
            }
            push(at, code[start..end].trim_end_matches(':'));
        }
    }
    Crate { name, modules, imports }
}

/// The module an absolute path lands in: its longest prefix that is a module. A macro
/// exported at the root (`crate::tr!`) belongs to the module that defines it.
fn target_module(krate: &Crate, path: &[String]) -> Vec<String> {
    if krate.name == "optout-bot" && path.len() == 1 && path[0] == "tr" {
        return vec!["i18n".to_owned()];
    }
    (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| krate.modules.contains(p)).unwrap_or_default()
}

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(name, _, _)| *name == module).map(|(_, layer, _)| *layer)
}

fn show(path: &[String]) -> String {
    if path.is_empty() {
        "crate".to_owned()
    } else {
        path.join("::")
    }
}

/// Every cycle among siblings: for each parent, the strongly connected components (of two or
/// more children) of the graph its children's imports of each other make.
fn sibling_edges(krate: &Crate) -> BTreeMap<(Vec<String>, Vec<String>), Vec<Import>> {
    let mut edges: BTreeMap<(Vec<String>, Vec<String>), Vec<Import>> = BTreeMap::new();
    for import in &krate.imports {
        let to = target_module(krate, &import.to);
        let common = import.from.iter().zip(&to).take_while(|(a, b)| a == b).count();
        // Edges from or to the parent itself are ownership, not a sibling's import.
        if common >= import.from.len() || common >= to.len() {
            continue;
        }
        let a = import.from[..=common].to_vec();
        let b = to[..=common].to_vec();
        edges.entry((a, b)).or_default().push(import.clone());
    }
    edges
}

fn cycles(edges: &BTreeMap<(Vec<String>, Vec<String>), Vec<Import>>) -> Vec<BTreeSet<Vec<String>>> {
    let nodes: BTreeSet<Vec<String>> = edges.keys().flat_map(|(a, b)| [a.clone(), b.clone()]).collect();
    let reaches = |from: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(node) = stack.pop() {
            for (a, b) in edges.keys() {
                if *a == node && seen.insert(b.clone()) {
                    stack.push(b.clone());
                }
            }
        }
        seen
    };
    let reach: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = nodes.iter().map(|n| (n.clone(), reaches(n))).collect();
    let mut components: Vec<BTreeSet<Vec<String>>> = Vec::new();
    for node in &nodes {
        if components.iter().any(|c| c.contains(node)) || !reach[node].contains(node) {
            continue;
        }
        let component: BTreeSet<Vec<String>> =
            nodes.iter().filter(|m| reach[node].contains(*m) && reach[*m].contains(node)).cloned().collect();
        components.push(component);
    }
    components
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn crates() -> Vec<Crate> {
    vec![
        read_crate("optout-bot", root().join("src"), &["optout_bot"]),
        read_crate("fake-discord", root().join("fake-discord/src"), &["fake_discord"]),
    ]
}

fn at(import: &Import) -> String {
    format!("{}:{}", import.file.strip_prefix(root()).unwrap_or(&import.file).display(), import.line)
}

/// Every violation, each as `(from, to)` module paths with the lines that make it.
fn violations() -> BTreeMap<(String, String), (String, Vec<String>)> {
    let mut found: BTreeMap<(String, String), (String, Vec<String>)> = BTreeMap::new();
    for krate in crates() {
        let qualify = |path: &[String]| format!("{}/{}", krate.name, show(path));
        if krate.name == "optout-bot" {
            for import in &krate.imports {
                let to = target_module(&krate, &import.to);
                let (Some(from_top), Some(to_top)) = (import.from.first(), to.first()) else { continue };
                if from_top == to_top {
                    continue;
                }
                let from_layer = layer(from_top).unwrap_or_else(|| panic!("{from_top} has no layer in LAYERS"));
                let to_layer = layer(to_top).unwrap_or_else(|| panic!("{to_top} has no layer in LAYERS"));
                if to_layer > from_layer {
                    let key = (qualify(&import.from[..1]), qualify(&to[..1]));
                    let entry = found.entry(key).or_insert_with(|| {
                        (
                            format!(
                                "upward import: {from_top} (layer {from_layer}) imports {to_top} (layer {to_layer})"
                            ),
                            Vec::new(),
                        )
                    });
                    entry.1.push(format!("{} ({})", at(import), show(&import.to)));
                }
            }
        }
        let edges = sibling_edges(&krate);
        for component in cycles(&edges) {
            let names: Vec<String> = component.iter().map(|m| qualify(m)).collect();
            for ((a, b), imports) in &edges {
                if component.contains(a) && component.contains(b) {
                    let entry = found.entry((qualify(a), qualify(b))).or_insert_with(|| {
                        (format!("cycle among {}: {} imports {}", names.join(", "), show(a), show(b)), Vec::new())
                    });
                    entry.1.extend(imports.iter().map(|i| format!("{} ({})", at(i), show(&i.to))));
                }
            }
        }
    }
    found
}

#[test]
fn every_top_level_module_has_a_layer() {
    let krate = read_crate("optout-bot", root().join("src"), &["optout_bot"]);
    let tops: BTreeSet<&String> = krate.modules.iter().filter_map(|m| m.first()).collect();
    let missing: Vec<&&String> = tops.iter().filter(|m| layer(m).is_none()).collect();
    assert!(missing.is_empty(), "these top-level modules need a layer in LAYERS: {missing:?}");
    let stale: Vec<&str> =
        LAYERS.iter().map(|(name, _, _)| *name).filter(|name| !tops.iter().any(|t| t == name)).collect();
    assert!(stale.is_empty(), "LAYERS names modules that do not exist: {stale:?}");
}

#[test]
fn imports_follow_the_layers_and_form_no_cycle() {
    let found = violations();
    let known: BTreeSet<(String, String)> = KNOWN.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
    let mut report = String::new();
    for ((from, to), (why, lines)) in &found {
        if !known.contains(&(from.clone(), to.clone())) {
            report.push_str(&format!("{why}\n  {}\n", lines.join("\n  ")));
        }
    }
    for (from, to) in &known {
        if !found.contains_key(&(from.clone(), to.clone())) {
            report.push_str(&format!("({from:?}, {to:?}) is in KNOWN but no longer occurs: remove it\n"));
        }
    }
    assert!(report.is_empty(), "the dependency rule is broken:\n{report}");
}

#[test]
fn the_reader_sees_grouped_nested_and_inline_imports() {
    assert_eq!(
        expand_use("crate::app::{view::{self, Message}, App}"),
        ["crate::app::view", "crate::app::view::Message", "crate::app::App"]
    );
    let module = vec!["app".to_owned(), "answer".to_owned()];
    assert_eq!(resolve("super::super::faq::Faq", &module, &[]), Some(vec!["faq".to_owned(), "Faq".to_owned()]));
    assert_eq!(resolve("std::fmt", &module, &[]), None);
    let code = code_only(
        "// use crate::a;\nlet s = \"crate::b\";\n#[cfg(test)]\nmod tests { use crate::c; }\nx(crate::d::e);",
    );
    assert!(!code.contains("crate::a") && !code.contains("crate::b") && !code.contains("crate::c"), "{code}");
    assert!(code.contains("crate::d::e"), "{code}");
}
