//! The commands, each running the stages below it: `build` and `check` (with the
//! in-memory `generate` behind `bundle`), `serve`, `init` and `bundle`. `prepared`
//! is what they all start from.

pub(crate) mod build;
pub(crate) mod bundle;
pub(crate) mod init;
pub(crate) mod prepared;
pub(crate) mod serve;
