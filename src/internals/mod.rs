//! The crate's internals, for its own benchmarks, fuzz targets and tests, grouped by
//! stage. Not a stable interface: nothing here is part of briefing's public API.

pub mod fuzzing;

/// Stage 1.
pub mod config {
    pub use crate::config::{Config, LinkMode, load};
}

/// Stage 2.
pub mod content {
    pub use crate::base::text::SourceText;
    pub use crate::content::front_matter::parse_document;
    pub use crate::content::load;
    pub use crate::content::meta::SectionMeta;
}

/// Stage 3.
pub mod model {
    pub use crate::model::build::build;
    pub use crate::model::markdown::Markdown;
    pub use crate::model::site::{PageRef, Site};
    pub use crate::model::terms::Term;
}

/// Stage 4.
pub mod markdown {
    pub use crate::markdown::input::{Env, Events, Input};
    pub use crate::markdown::passes::glossary::link as link_glossary;
    pub use crate::markdown::passes::glossary::linker::Linker;
    pub use crate::markdown::pipeline::render;
    pub use crate::markdown::rendered::Rendered;
    pub use crate::markdown::texts::{Texts, render_texts};
}

/// Stage 5.
pub mod render {
    pub use crate::render::files::Contents;
    pub use crate::render::plan::render_site;
    pub use crate::render::theme::{Theme, load as load_theme, load_templates};
}

/// Stage 6.
pub mod output {
    pub use crate::output::changes::compare;
}

/// `briefing serve`'s prepared site.
pub use crate::commands::serve::snapshot::Snapshot;
