//! Stage 6: the only code that writes. The site is written to a staging folder beside
//! the output and swapped into place only when every file was written, so a failed
//! or interrupted build leaves the last good output as it was.
//!
//! - `guard`   — output folders a build must refuse;
//! - `changes` — each file compared with the last output as it is made, and the
//!   added / changed / removed report;
//! - `lock`    — one build at a time per output folder;
//! - `mark`    — how a build recognises a folder it wrote;
//! - `stage`   — the staging folder, its swap into place, and Ctrl-C;
//! - `write`   — writing files, creating each folder only when missing.

pub(crate) mod changes;
mod guard;
mod lock;
pub(crate) mod mark;
pub(crate) mod stage;
mod write;

#[cfg(test)]
mod tests;

pub(crate) use changes::{ChangeReport, changes, link_unchanged, list_files, settle};
pub(crate) use guard::check_output_dir;
pub(crate) use lock::lock_output;
pub(crate) use mark::{BUNDLE_COMMENT, is_marked};
pub(crate) use stage::stage;
pub(crate) use write::{write_file, write_new_files};
