//! Code highlighting for fenced code blocks.

use crate::markdown::Events;

/// Replaces fenced code blocks with highlighted HTML.
pub fn highlight_code(_events: &mut Events) {}
