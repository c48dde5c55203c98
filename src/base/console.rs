//! The one way briefing writes to the terminal. A message is informational: if its
//! reader went away (`briefing serve | head -1`, a closed terminal), `println!`
//! would panic and take the thread with it — for `serve`, the rebuilder or the
//! server itself. Here a message nobody can read is dropped instead.

use std::fmt;
use std::io::Write as _;

/// Writes a line to standard output; a closed or failing output is ignored.
pub fn out(message: fmt::Arguments) {
    let _ = writeln!(std::io::stdout().lock(), "{message}");
}

/// Writes a line to standard error; a closed or failing output is ignored.
pub fn err(message: fmt::Arguments) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}

/// Writes text to standard error as it is (it ends its own lines), ignoring failure.
pub fn err_text(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// `println!`, through [`out`].
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::base::console::out(format_args!($($arg)*))
    };
}

/// `eprintln!`, through [`err`].
macro_rules! tell {
    ($($arg:tt)*) => {
        $crate::base::console::err(format_args!($($arg)*))
    };
}

pub(crate) use {say, tell};
