//! Code highlighting for fenced code blocks, and the stylesheet that colours it.
//!
//! Highlighted code is marked up with syntect scope names as `hl-` classes, never
//! inline styles, so one generated stylesheet (`assets/highlight.css`) can colour it
//! for both light and dark schemes. The grammars (bat's maintained set, via
//! `two-face`) take tens of milliseconds to load, so they are loaded on first use: a
//! pack without a fenced block naming a language never pays for them.

use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use syntect::highlighting::{Color, Theme};
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedThemeName;

use crate::markdown::input::Events;

/// Every class the highlighter writes starts with `hl-`, so none can clash with the
/// theme's own classes.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The class of a highlighted `<pre>`: the stylesheet gives it the scheme's colours.
const BLOCK_CLASS: &str = "hl-code";

/// WCAG 2 AA for normal text, with a little room for rounding to 8-bit colours.
const AA_CONTRAST: f64 = 4.6;

/// The themes the stylesheet is made from. Coldark was designed for legibility; every
/// colour is still checked (and corrected) against its background.
const LIGHT_THEME: EmbeddedThemeName = EmbeddedThemeName::ColdarkCold;
const DARK_THEME: EmbeddedThemeName = EmbeddedThemeName::ColdarkDark;

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(two_face::syntax::extra_newlines)
}

/// Replaces each code block (its `Start(CodeBlock)`, text and `End`) with one raw HTML
/// event: highlighted if the fence names a language the grammars know, plain escaped
/// text otherwise.
pub(crate) fn highlight_code(events: &mut Events) {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_))))
    {
        return;
    }
    let mut rest = std::mem::take(events).into_iter();
    while let Some((event, range)) = rest.next() {
        let Event::Start(Tag::CodeBlock(kind)) = event else {
            events.push((event, range));
            continue;
        };
        let mut code = String::new();
        for (inner, _) in rest.by_ref() {
            match inner {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(text) => code.push_str(&text),
                _ => {}
            }
        }
        let html = code_block_html(language(&kind), &code);
        events.push((Event::Html(html.into()), range));
    }
}

/// The language a fence names: the first word of its info string (`rust,ignore` and
/// `rust {.class}` both name `rust`).
fn language<'k>(kind: &'k CodeBlockKind) -> Option<&'k str> {
    let CodeBlockKind::Fenced(info) = kind else {
        return None;
    };
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .filter(|word| !word.is_empty())
}

/// The HTML of one code block, ending in a newline (one block per line).
pub(crate) fn code_block_html(language: Option<&str>, code: &str) -> String {
    let highlighted = language
        .and_then(find_syntax)
        .and_then(|syntax| highlight(syntax, code));
    let mut html = String::with_capacity(code.len() * 2 + 64);
    if highlighted.is_some() {
        html.push_str(&format!("<pre class=\"{BLOCK_CLASS}\">"));
    } else {
        html.push_str("<pre>");
    }
    html.push_str("<code");
    if let Some(language) = language {
        html.push_str(" class=\"language-");
        escape_html(&mut html, language).ok();
        html.push('"');
    }
    html.push('>');
    match highlighted {
        Some(body) => html.push_str(&body),
        None => {
            escape_html(&mut html, code).ok();
        }
    }
    html.push_str("</code></pre>\n");
    html
}

fn find_syntax(token: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
    set.find_syntax_by_token(token)
        .or_else(|| set.find_syntax_by_token(&token.to_ascii_lowercase()))
        // Plain text has nothing to colour; it is shown like an unknown language.
        .filter(|syntax| syntax.name != set.find_syntax_plain_text().name)
}

/// Classed spans for `code`, or `None` if the grammar fails on it.
fn highlight(syntax: &SyntaxReference, code: &str) -> Option<String> {
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes(), CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// `assets/highlight.css`: the light theme's rules, then the dark theme's inside a
/// `prefers-color-scheme: dark` query. Made once per process.
pub(crate) fn stylesheet() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        let themes = two_face::theme::extra();
        let light = theme_css(themes.get(LIGHT_THEME));
        let dark = theme_css(themes.get(DARK_THEME));
        format!(
            "/* Code highlighting for briefing, generated from the {} and {} themes;\n   every colour meets WCAG AA contrast on its background. */\n\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}}}\n",
            LIGHT_THEME.as_name(),
            DARK_THEME.as_name(),
        )
    })
}

fn theme_css(theme: &Theme) -> String {
    let mut theme = theme.clone();
    make_legible(&mut theme);
    css_for_theme_with_class_style(&theme, CLASS_STYLE)
        .unwrap_or_else(|e| format!("/* highlighting styles unavailable: {e} */\n"))
}

/// Puts every text colour of `theme` at AA contrast or better on the theme's
/// background. Per-scope backgrounds are dropped, so the check against the one
/// block background holds for every span.
fn make_legible(theme: &mut Theme) {
    let background = opaque(
        theme.settings.background.unwrap_or(Color::WHITE),
        Color::WHITE,
    );
    theme.settings.background = Some(background);
    let foreground = theme.settings.foreground.unwrap_or(Color::BLACK);
    theme.settings.foreground = Some(legible(foreground, background));
    for item in &mut theme.scopes {
        item.style.background = None;
        if let Some(fg) = item.style.foreground {
            item.style.foreground = Some(legible(fg, background));
        }
    }
}

/// `fg` (blended onto `bg` if translucent), moved towards black or white, whichever
/// `bg` contrasts with more, until it reaches AA contrast on `bg`.
fn legible(fg: Color, bg: Color) -> Color {
    let target = if contrast(Color::BLACK, bg) > contrast(Color::WHITE, bg) {
        Color::BLACK
    } else {
        Color::WHITE
    };
    let mut colour = opaque(fg, bg);
    for step in 1..=20 {
        if contrast(colour, bg) >= AA_CONTRAST {
            break;
        }
        colour = mix(opaque(fg, bg), target, f64::from(step) / 20.0);
    }
    colour
}

fn opaque(colour: Color, under: Color) -> Color {
    let alpha = f64::from(colour.a) / 255.0;
    let blend = |top: u8, bottom: u8| {
        (f64::from(top) * alpha + f64::from(bottom) * (1.0 - alpha)).round() as u8
    };
    Color {
        r: blend(colour.r, under.r),
        g: blend(colour.g, under.g),
        b: blend(colour.b, under.b),
        a: 0xff,
    }
}

fn mix(from: Color, to: Color, amount: f64) -> Color {
    let channel =
        |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * amount).round() as u8;
    Color {
        r: channel(from.r, to.r),
        g: channel(from.g, to.g),
        b: channel(from.b, to.b),
        a: 0xff,
    }
}

/// WCAG 2 contrast ratio of two opaque colours.
pub(crate) fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn luminance(c: Color) -> f64 {
    let linear = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, TextMergeWithOffset};
    use scraper::{Html, Selector};

    fn render(markdown: &str) -> String {
        let parser = Parser::new(markdown).into_offset_iter();
        let mut events: Events = TextMergeWithOffset::new(parser).collect();
        highlight_code(&mut events);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        html
    }

    fn spans_with_class(html: &str, class: &str) -> Vec<String> {
        let doc = Html::parse_fragment(html);
        let selector = Selector::parse("pre.hl-code > code.language-rust span").unwrap();
        doc.select(&selector)
            .filter(|span| span.value().classes().any(|c| c == class))
            .map(|span| span.text().collect())
            .collect()
    }

    #[test]
    fn a_rust_block_is_highlighted_with_prefixed_classes() {
        let html =
            render("Before.\n\n```rust\nfn main() {\n    let x = \"<hi>\";\n}\n```\n\nAfter.\n");
        assert!(spans_with_class(&html, "hl-storage").contains(&"fn".to_string()));
        assert!(
            spans_with_class(&html, "hl-string")
                .iter()
                .any(|s| s == "\"<hi>\"")
        );
        assert!(!html.contains("style="), "no inline styles: {html}");
        assert!(html.contains("&lt;hi&gt;"), "code text is escaped: {html}");
        let doc = Html::parse_fragment(&html);
        let spans = Selector::parse("span").unwrap();
        for span in doc.select(&spans) {
            assert!(
                span.value().classes().all(|c| c.starts_with("hl-")),
                "{html}"
            );
        }
        assert!(
            html.starts_with("<p>Before.</p>\n<pre class=\"hl-code\">"),
            "{html}"
        );
        assert!(html.ends_with("</code></pre>\n<p>After.</p>\n"), "{html}");
    }

    #[test]
    fn an_unknown_language_is_plain_escaped_text() {
        let html = render("```no-such-language\nif a < b && c > d {}\n```\n");
        assert_eq!(
            html,
            "<pre><code class=\"language-no-such-language\">if a &lt; b &amp;&amp; c &gt; d {}\n</code></pre>\n"
        );
    }

    #[test]
    fn a_block_without_a_language_is_plain_escaped_text() {
        assert_eq!(
            render("```\n<b>bold?</b>\n```\n"),
            "<pre><code>&lt;b&gt;bold?&lt;/b&gt;\n</code></pre>\n"
        );
        assert_eq!(
            render("    indented <code>\n"),
            "<pre><code>indented &lt;code&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn the_language_is_the_first_word_of_the_info_string() {
        let html = render("```Rust,ignore\nfn f() {}\n```\n");
        assert!(
            html.starts_with("<pre class=\"hl-code\"><code class=\"language-Rust\">"),
            "{html}"
        );
        let html = render("```text\nplain\n```\n");
        assert_eq!(
            html,
            "<pre><code class=\"language-text\">plain\n</code></pre>\n"
        );
    }

    /// Every `color` in a block of rules, with the block's background.
    fn colours(css: &str) -> (Color, Vec<Color>) {
        let hex = |value: &str| {
            let v = value.trim().trim_start_matches('#').trim_end_matches(';');
            let byte = |i: usize| u8::from_str_radix(&v[i..i + 2], 16).unwrap();
            Color {
                r: byte(0),
                g: byte(2),
                b: byte(4),
                a: 0xff,
            }
        };
        let mut background = None;
        let mut fgs = Vec::new();
        for line in css.lines() {
            if let Some(v) = line.trim().strip_prefix("background-color:") {
                background.get_or_insert(hex(v));
            } else if let Some(v) = line.trim().strip_prefix("color:") {
                fgs.push(hex(v));
            }
        }
        (background.expect("a background colour"), fgs)
    }

    #[test]
    fn every_colour_meets_aa_contrast_in_both_schemes() {
        let css = stylesheet();
        let (light, dark) = css
            .split_once("@media (prefers-color-scheme: dark)")
            .expect("a dark-scheme block");
        for half in [light, dark] {
            assert!(half.contains(".hl-code {"), "{half}");
            let (bg, fgs) = colours(half);
            assert!(fgs.len() > 10, "{half}");
            for fg in fgs {
                let ratio = contrast(fg, bg);
                assert!(ratio >= 4.5, "{fg:?} on {bg:?}: {ratio:.2}");
            }
        }
        let (light_bg, _) = colours(light);
        let (dark_bg, _) = colours(dark);
        assert!(luminance(light_bg) > 0.5 && luminance(dark_bg) < 0.1);
    }

    #[test]
    fn legible_keeps_good_colours_and_fixes_poor_ones() {
        let white = Color::WHITE;
        let navy = Color {
            r: 0,
            g: 0,
            b: 0x80,
            a: 0xff,
        };
        assert_eq!(legible(navy, white), navy);
        let pale = Color {
            r: 0xcc,
            g: 0xcc,
            b: 0xcc,
            a: 0xff,
        };
        assert!(contrast(legible(pale, white), white) >= 4.5);
        let faint = Color {
            r: 0xff,
            g: 0xff,
            b: 0xff,
            a: 0x20,
        };
        let black = Color::BLACK;
        assert!(contrast(legible(faint, black), black) >= 4.5);
    }
}
