//! The pipeline, written down and enforced: every `crate::…` and `super::…` path in
//! `src/` is read, resolved to the file that defines it, and checked against the
//! order of the stages. A stage may use the stages above it, never one below, and no
//! two files may depend on each other, however indirectly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stages in pipeline order: a module may import only from its own stage and the
/// ones before it. `base` imports nothing of the crate. The crate root, `main` and
/// `internals` sit above everything.
const STAGES: &[&str] = &[
    "base",
    "config",
    "content",
    "model",
    "markdown",
    "render",
    "output",
    "commands",
    "internals",
];

/// One source file: its module path (`["render", "urls"]`) and text.
struct File {
    path: String,
    module: Vec<String>,
    text: String,
}

/// A reference from one file to a module, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    line: usize,
    target: Vec<String>,
}

#[test]
fn no_stage_imports_a_later_one_and_no_module_cycle_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = read_tree(&root);
    assert!(files.len() > 20, "read only {} files", files.len());
    let problems = check(&files);
    assert!(
        problems.is_empty(),
        "the pipeline is broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_catches_a_backward_import_and_a_cycle() {
    let files = vec![
        file("src/base/mod.rs", &["base"], "pub mod a;\n"),
        file("src/base/a.rs", &["base", "a"], "use crate::model::Site;\n"),
        file("src/model/mod.rs", &["model"], "mod x;\nmod y;\n"),
        file("src/model/x.rs", &["model", "x"], "use super::y::Thing;\n"),
        file(
            "src/model/y.rs",
            &["model", "y"],
            "fn f() { crate::model::x::g() }\n",
        ),
        file(
            "src/render/mod.rs",
            &["render"],
            "use crate::{base::a, model::x};\n",
        ),
    ];
    let problems = check(&files);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("src/base/a.rs:1:") && p.contains("`base` imports `model`")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("cycle") && p.contains("model::x") && p.contains("model::y")),
        "{problems:#?}"
    );
    // Imports in the allowed direction, grouped or not, are no problem.
    assert!(
        !problems.iter().any(|p| p.starts_with("src/render")),
        "{problems:#?}"
    );
}

fn file(path: &str, module: &[&str], text: &str) -> File {
    File {
        path: path.to_string(),
        module: module.iter().map(|m| m.to_string()).collect(),
        text: text.to_string(),
    }
}

fn read_tree(root: &Path) -> Vec<File> {
    let mut files = Vec::new();
    for entry in walkdir(root) {
        let rel = entry.strip_prefix(root).expect("inside src");
        let mut module: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
            module.pop();
        }
        let text = std::fs::read_to_string(&entry).expect("source is UTF-8");
        let text = without_tests(&text);
        let path = format!("src/{}", rel.to_string_lossy().replace('\\', "/"));
        files.push(File { path, module, text });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The file's text up to its inline unit tests: their `super::*` means the file
/// itself, and tests may use what they like.
fn without_tests(text: &str) -> String {
    match text.find("#[cfg(test)]\nmod ") {
        Some(at) => text[..at].to_string(),
        None => text.to_string(),
    }
}

/// Every `.rs` file under `dir`, but the binary's `main.rs` (it is not in the crate's
/// module tree) and the sample pack `init` embeds.
fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && path != dir.join("main.rs") {
                out.push(path);
            }
        }
    }
    out
}

/// Every problem, as `path:line: message`.
fn check(files: &[File]) -> Vec<String> {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let mut problems = Vec::new();
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for f in files {
        let edges = graph.entry(f.module.clone()).or_default();
        for import in imports(f, &modules) {
            let target = resolve(&import.target, &modules);
            if target.is_empty() || target == f.module {
                continue;
            }
            if let Some(problem) = layering(f, &target) {
                problems.push(format!("{}:{}: {problem}", f.path, import.line));
            }
            edges.insert(target);
        }
    }
    for cycle in cycles(&graph) {
        let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
        problems.push(format!("import cycle: {}", names.join(" → ")));
    }
    problems
}

/// Why `f` may not use `target`, if it may not.
fn layering(f: &File, target: &[String]) -> Option<String> {
    let rank = |module: &[String]| {
        let stage = module.first()?;
        STAGES.iter().position(|s| s == stage)
    };
    let (from, to) = (rank(&f.module)?, rank(target)?);
    let from_stage = STAGES[from];
    let to_stage = STAGES[to];
    if from_stage == "base" && to_stage != "base" {
        return Some(format!(
            "`base` imports `{to_stage}`: the base layer imports nothing of the crate"
        ));
    }
    (to > from).then(|| {
        format!(
            "`{from_stage}` imports `{to_stage}`, a later stage (`{}`): data flows one way, {}",
            target.join("::"),
            STAGES.join(" → ")
        )
    })
}

/// The longest module path that `path` starts with.
fn resolve(path: &[String], modules: &BTreeSet<Vec<String>>) -> Vec<String> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| modules.contains(prefix))
        .unwrap_or_default()
}

/// Every module path the file refers to: `use` items (with `{…}` groups expanded)
/// and `crate::…` paths written inline, as absolute paths.
fn imports(f: &File, modules: &BTreeSet<Vec<String>>) -> Vec<Import> {
    let mut found = BTreeSet::new();
    for (line, statement) in use_statements(&f.text) {
        for path in expand(&statement) {
            // A path that starts with a child module's name (`use walk::Kind`).
            let child = [f.module.clone(), path.clone()].concat();
            let target = absolute(&f.module, &path)
                .or_else(|| (resolve(&child, modules).len() > f.module.len()).then_some(child));
            if let Some(target) = target {
                found.insert(Import { line, target });
            }
        }
    }
    for (n, text) in f.text.lines().enumerate() {
        let code = text.split("//").next().unwrap_or("");
        for (at, _) in code.match_indices("crate::") {
            let before = code[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let written = code[at..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("");
            // A `{…}` group is only written in a `use`, read above.
            if code[at + written.len()..].starts_with('{') {
                continue;
            }
            let path: Vec<String> = written
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if let Some(target) = absolute(&f.module, &path) {
                found.insert(Import {
                    line: n + 1,
                    target,
                });
            }
        }
    }
    found.into_iter().collect()
}

/// `use` statements (possibly over several lines), with the line each starts on.
fn use_statements(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("").trim();
        if current.is_none() {
            let rest = code
                .strip_prefix("pub(crate) use ")
                .or_else(|| code.strip_prefix("pub(super) use "))
                .or_else(|| code.strip_prefix("pub use "))
                .or_else(|| code.strip_prefix("use "));
            if let Some(rest) = rest {
                current = Some((n + 1, rest.to_string()));
            }
        } else if let Some((_, s)) = &mut current {
            s.push_str(code);
        }
        if let Some((start, s)) = current.take() {
            match s.find(';') {
                Some(end) => out.push((start, s[..end].to_string())),
                None => current = Some((start, s)),
            }
        }
    }
    out
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`, each split into segments;
/// `self` names the group's own path, and `x as y` keeps `x`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    // `x as y` names `x`: drop the rename before the spaces go.
    let words: Vec<&str> = tree.split_whitespace().collect();
    let mut kept = String::new();
    let mut i = 0;
    while i < words.len() {
        if words[i] == "as" {
            i += 2;
            // The rename may carry the separator that follows it.
            if let Some(w) = words.get(i - 1) {
                kept.extend(w.chars().filter(|c| matches!(c, ',' | '}')));
            }
            continue;
        }
        kept.push_str(words[i]);
        i += 1;
    }
    let tree = kept;
    let mut out = Vec::new();
    expand_into(&tree, &mut Vec::new(), &mut out);
    if std::env::var_os("ARCH_DEBUG").is_some() {
        eprintln!("{tree} -> {out:?}");
    }
    out
}

fn expand_into(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let Some(open) = tree.find('{') else {
        let mut path = prefix.clone();
        path.extend(
            tree.split("::")
                .filter(|s| !s.is_empty() && *s != "self" && *s != "*")
                .map(str::to_string),
        );
        out.push(path);
        return;
    };
    let head: Vec<String> = tree[..open]
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let depth = prefix.len();
    prefix.extend(head);
    for part in split_top_level(inner) {
        expand_into(part, prefix, out);
    }
    prefix.truncate(depth);
}

/// Splits at commas outside braces.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// A path as seen from `module`, made absolute; `None` for paths that do not start
/// with `crate`, `super` or `self`.
fn absolute(module: &[String], path: &[String]) -> Option<Vec<String>> {
    let (first, rest) = path.split_first()?;
    match first.as_str() {
        "crate" => Some(rest.to_vec()),
        "super" => {
            let mut base = module.to_vec();
            base.pop()?;
            let mut rest = rest;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            Some(base)
        }
        "self" => {
            let mut base = module.to_vec();
            base.extend(rest.iter().cloned());
            Some(base)
        }
        _ => None,
    }
}

/// Every set of modules that depend on each other (strongly connected components of
/// more than one module), each sorted.
fn cycles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    let nodes: Vec<&Vec<String>> = graph.keys().collect();
    let reach = |from: &Vec<String>| -> BTreeSet<Vec<String>> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for next in graph.get(&n).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut found: BTreeSet<Vec<Vec<String>>> = BTreeSet::new();
    for n in &nodes {
        let mut component: Vec<Vec<String>> = nodes
            .iter()
            .filter(|m| reachable[n].contains(**m) && reachable[**m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if component.len() > 1 {
            component.sort();
            found.insert(component);
        }
    }
    found.into_iter().collect()
}
