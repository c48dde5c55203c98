//! What the server and the rebuilder share: the site being served, and the pages
//! waiting to hear of the next build.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use crate::commands::serve::snapshot::Snapshot;

/// What request threads and the rebuild thread share.
#[derive(Default)]
pub(super) struct Shared {
    /// The last good build; `None` until there is one.
    site: RwLock<Option<Arc<Snapshot>>>,
    live: Mutex<Live>,
}

/// The state pages are told about. One lock for both fields, so a page that
/// subscribes while a rebuild finishes gets either the old state and the new
/// message, or the new state — never neither.
#[derive(Default)]
pub(super) struct Live {
    /// The problems of the last build, if it failed.
    pub(super) problems: Option<String>,
    pub(super) subscribers: Vec<Sender<String>>,
}

impl Shared {
    pub(super) fn site(&self) -> Option<Arc<Snapshot>> {
        self.site
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(super) fn live(&self) -> std::sync::MutexGuard<'_, Live> {
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records a build's outcome and tells every open page.
    pub(super) fn publish(&self, outcome: Result<Arc<Snapshot>, String>) {
        let (problems, message) = match outcome {
            Ok(site) => {
                *self.site.write().unwrap_or_else(PoisonError::into_inner) = Some(site);
                (None, sse_event("reload", "{}"))
            }
            Err(problems) => {
                let message = problems_event(&problems);
                (Some(problems), message)
            }
        };
        let mut live = self.live();
        live.problems = problems;
        live.subscribers
            .retain(|page| page.send(message.clone()).is_ok());
    }
}

pub(super) fn problems_event(problems: &str) -> String {
    let data = serde_json::to_string(problems).unwrap_or_else(|_| "\"\"".to_string());
    sse_event("problems", &data)
}

/// One server-sent event; `data` must be a single line (JSON is).
pub(super) fn sse_event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}
