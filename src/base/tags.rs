//! The start tags of a piece of raw HTML and their attributes, read as a browser
//! reads them: names in lower case, values with their character references decoded
//! (`&#106;avascript:` is `javascript:` to a browser), comments and the text of
//! `<script>`, `<style>` and the like skipped. Enough to find every address that
//! markup gives the browser; not a validator.

use std::borrow::Cow;

/// One start tag.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Tag<'a> {
    /// The element's name, in lower case.
    pub(crate) name: String,
    pub(crate) attributes: Vec<Attribute<'a>>,
}

/// One attribute of a start tag.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Attribute<'a> {
    /// The name, in lower case.
    pub(crate) name: String,
    /// The value, character references decoded; empty if it has none.
    pub(crate) value: Cow<'a, str>,
    /// Byte offset of the attribute's name in the HTML.
    pub(crate) at: usize,
}

impl Tag<'_> {
    /// The value of attribute `name`, if the tag has it.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        (self.attributes.iter())
            .find(|a| a.name == name)
            .map(|a| a.value.as_ref())
    }
}

/// Elements whose content a browser reads as text up to their end tag, not as markup.
const RAW_TEXT: [&str; 9] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Every start tag of `html`, in order.
pub(crate) fn start_tags(html: &str) -> Vec<Tag<'_>> {
    let mut reader = Reader { html, at: 0 };
    let mut tags = Vec::new();
    while let Some(tag) = reader.next_tag() {
        if RAW_TEXT.contains(&tag.name.as_str()) {
            reader.skip_past_end_tag(&tag.name);
        }
        tags.push(tag);
    }
    tags
}

/// A position in the HTML being read.
struct Reader<'a> {
    html: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        self.html.get(self.at..).unwrap_or("")
    }

    /// Moves past the first `end` from here, or to the end of the HTML.
    fn skip_past(&mut self, end: &str) {
        self.at = match self.rest().find(end) {
            Some(i) => self.at + i + end.len(),
            None => self.html.len(),
        };
    }

    /// Moves past the next `</name`, in any case, or to the end of the HTML.
    fn skip_past_end_tag(&mut self, name: &str) {
        let rest = self.rest();
        let found = rest.match_indices("</").find(|&(i, _)| {
            let after = rest.as_bytes().get(i + 2..i + 2 + name.len());
            after.is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        });
        self.at = match found {
            Some((i, _)) => self.at + i + 2 + name.len(),
            None => self.html.len(),
        };
    }

    /// Reads up to and through the next start tag.
    fn next_tag(&mut self) -> Option<Tag<'a>> {
        loop {
            let open = self.rest().find('<')?;
            self.at += open + 1;
            let rest = self.rest();
            if rest.starts_with("!--") {
                self.skip_past("-->");
            } else if rest.starts_with(['!', '?', '/']) {
                // A doctype, a bogus comment or an end tag, whose attributes are ignored.
                self.skip_past(">");
            } else if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let name = self.take_while(|c| !is_space(c) && c != '/' && c != '>');
                let attributes = self.attributes();
                return Some(Tag {
                    name: name.to_ascii_lowercase(),
                    attributes,
                });
            }
        }
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let len = rest.find(|c| !keep(c)).unwrap_or(rest.len());
        self.at += len;
        &rest[..len]
    }

    /// The attributes of the tag being read, up to and through its `>`.
    fn attributes(&mut self) -> Vec<Attribute<'a>> {
        let mut attributes = Vec::new();
        loop {
            self.take_while(|c| is_space(c) || c == '/');
            match self.rest().chars().next() {
                None => return attributes,
                Some('>') => {
                    self.at += 1;
                    return attributes;
                }
                Some(_) => {}
            }
            let at = self.at;
            // A name may start with `=`; after that, `=` ends it.
            let first = self.rest().chars().next().map_or(0, char::len_utf8);
            self.at += first;
            let tail = self.take_while(|c| !is_space(c) && !matches!(c, '/' | '>' | '='));
            let name = self.html[at..at + first + tail.len()].to_ascii_lowercase();
            self.take_while(is_space);
            let value = match self.rest().strip_prefix('=') {
                Some(_) => {
                    self.at += 1;
                    self.take_while(is_space);
                    decode(self.value())
                }
                None => Cow::Borrowed(""),
            };
            attributes.push(Attribute { name, value, at });
        }
    }

    /// An attribute's value as written: quoted, or up to a space or `>`.
    fn value(&mut self) -> &'a str {
        match self.rest().chars().next() {
            Some(quote @ ('"' | '\'')) => {
                self.at += 1;
                let value = self.take_while(|c| c != quote);
                self.at = (self.at + 1).min(self.html.len());
                value
            }
            _ => self.take_while(|c| !is_space(c) && c != '>'),
        }
    }
}

/// HTML's whitespace between attributes.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// Named references that stand for a character an address's meaning turns on (its
/// scheme's `:`, spaces a browser drops, separators of lists of addresses), and the
/// common ones.
const NAMED: [(&str, char); 16] = [
    ("Tab", '\t'),
    ("NewLine", '\n'),
    ("colon", ':'),
    ("semi", ';'),
    ("comma", ','),
    ("equals", '='),
    ("sol", '/'),
    ("num", '#'),
    ("quest", '?'),
    ("lpar", '('),
    ("rpar", ')'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
];

/// `value` with its character references decoded as a browser decodes them in an
/// attribute (numeric ones with or without `;`, the named ones above).
pub(crate) fn decode(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference (after its `&`) stands for, and its length.
fn reference(text: &str) -> Option<(char, usize)> {
    if let Some(number) = text.strip_prefix('#') {
        let (digits, radix, prefix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (number, 10, 1),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 {
            return None;
        }
        let code = u32::from_str_radix(&digits[..len], radix).unwrap_or(u32::MAX);
        let c = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((c, prefix + len + semicolon));
    }
    let (name, c) = NAMED.iter().find(|(name, _)| {
        text.strip_prefix(name)
            .is_some_and(|after| after.starts_with(';'))
    })?;
    Some((*c, name.len() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
        (start_tags(html).into_iter())
            .map(|t| {
                let attributes = (t.attributes.into_iter())
                    .map(|a| (a.name, a.value.into_owned()))
                    .collect();
                (t.name, attributes)
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        (list.iter())
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn tags_and_attributes_are_read_as_a_browser_reads_them() {
        let html = "<A HREF=' JaVa&#x53;cript&colon;x' title=\"a > b\">t</a><img\nsrc=javascript:y alt><br/>";
        assert_eq!(
            tags(html),
            [
                (
                    "a".into(),
                    pairs(&[("href", " JaVaScript:x"), ("title", "a > b")])
                ),
                ("img".into(), pairs(&[("src", "javascript:y"), ("alt", "")])),
                ("br".into(), pairs(&[])),
            ]
        );
    }

    #[test]
    fn comments_end_tags_and_raw_text_hold_no_tags() {
        let html = "<!-- <a href=x> --></p x=1><script>\"<a href='y'>\"</SCRIPT ><b id=z>";
        assert_eq!(
            tags(html),
            [
                ("script".into(), pairs(&[])),
                ("b".into(), pairs(&[("id", "z")])),
            ]
        );
    }

    #[test]
    fn references_are_decoded_with_or_without_semicolons() {
        assert_eq!(decode("&#106;ava&#x09;script&#58x"), "java\tscript:x");
        assert_eq!(decode("a &amp; b &unknown; &#;"), "a & b &unknown; &#;");
        assert_eq!(decode("&#0;&#xFFFFFFFF;"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn an_unfinished_tag_is_read_to_the_end() {
        assert_eq!(tags("<a href=\"x"), [("a".into(), pairs(&[("href", "x")]))]);
        assert!(tags("a < b and <3").is_empty());
    }
}
