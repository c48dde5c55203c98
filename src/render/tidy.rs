//! Tidying of rendered pages: blank lines and trailing spaces left by template tags
//! are dropped (outside `<pre>`), so every page is one block per line and a diff
//! between two builds shows only what changed.
//!
//! [`Tidy`] is a writer: a page is tidied as Tera writes it, a batch of whole lines
//! at a time, and passed on, so a large page (the print edition) is never held twice.

use std::io::{self, Write};

/// How much written output is collected before its whole lines are tidied.
pub(crate) const BATCH: usize = 1 << 16;

/// Tidies what is written to it and writes the result to `out`.
pub(super) struct Tidy<W: Write> {
    out: W,
    /// Written and not yet tidied.
    pending: Vec<u8>,
    in_pre: bool,
    /// The tidied lines of a batch, kept to be reused.
    tidied: String,
}

impl<W: Write> Tidy<W> {
    pub(super) fn new(out: W) -> Self {
        Tidy {
            out,
            // Most pages fit, and are then tidied in one batch without regrowing.
            pending: Vec::with_capacity(1 << 14),
            in_pre: false,
            tidied: String::new(),
        }
    }

    /// Tidies and passes on the whole lines of `pending` (all of it at the end).
    fn drain(&mut self, at_end: bool) -> io::Result<()> {
        let cut = if at_end {
            self.pending.len()
        } else {
            match memchr::memrchr(b'\n', &self.pending) {
                Some(last) => last + 1,
                None => return Ok(()),
            }
        };
        // Pages are UTF-8, and a cut after `\n` never splits a character.
        // (`from_utf8` checks far faster than `from_utf8_lossy`.)
        let text = match std::str::from_utf8(&self.pending[..cut]) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&self.pending[..cut]),
        };
        self.tidied.clear();
        tidy_lines(&text, &mut self.in_pre, &mut self.tidied);
        drop(text);
        self.pending.drain(..cut);
        self.out.write_all(self.tidied.as_bytes())
    }

    /// Tidies what is left and returns the writer.
    pub(super) fn finish(mut self) -> io::Result<W> {
        self.drain(true)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> Write for Tidy<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= BATCH {
            self.drain(false)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Appends the tidied lines of `text` to `out`; `in_pre` says whether a `<pre>`
/// element is open, before and after.
fn tidy_lines(text: &str, in_pre: &mut bool, out: &mut String) {
    // Finders built once per batch: `str::contains` sets up a search per line.
    let pre_open = memchr::memmem::Finder::new("<pre");
    let pre_close = memchr::memmem::Finder::new("</pre>");
    if !*in_pre && pre_open.find(text.as_bytes()).is_none() {
        // Most batches hold no preformatted text: no line needs looking at twice.
        for line in lines(text).map(str::trim_end).filter(|l| !l.is_empty()) {
            out.push_str(line);
            out.push('\n');
        }
        return;
    }
    for line in lines(text) {
        if !*in_pre && pre_open.find(line.as_bytes()).is_some() {
            *in_pre = true;
        }
        if *in_pre || !line.trim().is_empty() {
            out.push_str(if *in_pre { line } else { line.trim_end() });
            out.push('\n');
        }
        if *in_pre && pre_close.find(line.as_bytes()).is_some() {
            *in_pre = false;
        }
    }
}

/// What `str::lines` gives, found with `memchr` rather than a byte at a time.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(Some);
    ends.chain([None]).filter_map(move |end| {
        let line = match end {
            Some(end) => text[start..end]
                .strip_suffix('\r')
                .unwrap_or(&text[start..end]),
            None if start < text.len() => &text[start..],
            None => return None,
        };
        start = end.map_or(text.len(), |end| end + 1);
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tidies a whole page held in memory.
    pub(super) fn tidy(html: &str) -> String {
        let mut tidy = Tidy::new(Vec::with_capacity(html.len()));
        // Writing to a `Vec` cannot fail.
        let bytes = (tidy.write_all(html.as_bytes()))
            .and_then(|()| tidy.finish())
            .unwrap_or_default();
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    #[test]
    fn tidy_drops_blank_lines_and_trailing_spaces_but_keeps_preformatted_text() {
        let html = "<p>a</p>   \n\n  \n<div>\n<pre><code>x  \n\n  y</code></pre>  \n\n<pre>one line</pre>\n\n<p>b</p>";
        assert_eq!(
            tidy(html),
            "<p>a</p>\n<div>\n<pre><code>x  \n\n  y</code></pre>  \n<pre>one line</pre>\n<p>b</p>\n"
        );
    }

    #[test]
    fn tidy_gives_the_same_page_however_its_writes_are_split() {
        let line = "<p>a</p>  \r\n\n<pre>x \r\n\n y</pre>\n  \n<p>café</p>\r\n";
        let html = format!("{}end\r", line.repeat(BATCH / line.len() + 50));
        let expected = format!(
            "{}end\n",
            "<p>a</p>\n<pre>x \n\n y</pre>\n<p>café</p>\n".repeat(BATCH / line.len() + 50)
        );
        assert_eq!(tidy(&html), expected);
        for size in [1, 7, 4096, BATCH + 3] {
            let mut tidy = Tidy::new(Vec::new());
            for chunk in html.as_bytes().chunks(size) {
                tidy.write_all(chunk).unwrap();
            }
            assert_eq!(
                tidy.finish().unwrap(),
                expected.as_bytes(),
                "chunks of {size}"
            );
        }
    }

    #[test]
    fn lines_splits_like_the_standard_library() {
        for text in [
            "", "\n", "a", "a\r", "a\r\n", "\r\n\r\n", "a\nb\r", "a\n\n", "\nb", "a\rb\nc",
        ] {
            let ours: Vec<&str> = lines(text).collect();
            let std: Vec<&str> = text.lines().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }
}
