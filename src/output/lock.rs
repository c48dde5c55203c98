//! One build at a time per output: two builds writing the same folder would leave a
//! mix of both. The lock is taken on the folder that holds the output, so it leaves
//! no file behind and is released by the system however the build ends.

use std::fs::{self, File, TryLockError};
use std::path::Path;

use anyhow::{Context as _, Result};

/// Held while a build reads and replaces its output; dropping it lets the next one in.
#[derive(Debug)]
pub(crate) struct OutputLock {
    _folder: File,
}

/// Locks the folder holding `output` (created if missing); if another build holds
/// it, calls `on_wait` once and waits for it to finish.
pub(crate) fn lock_output(output: &Path, on_wait: impl FnOnce()) -> Result<OutputLock> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let folder = File::open(parent).with_context(|| format!("opening {}", parent.display()))?;
    match folder.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            on_wait();
            folder
                .lock()
                .with_context(|| format!("waiting for the lock on {}", parent.display()))?;
        }
        Err(TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("locking {}", parent.display()));
        }
    }
    Ok(OutputLock { _folder: folder })
}
