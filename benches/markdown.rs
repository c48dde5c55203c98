//! Markdown rendering: the passes of `markdown::render` (links, heading ids,
//! footnotes, highlighting) over section bodies, one thread, without glossary
//! linking (benches/glossary.rs measures that pass on its own).

mod common;

use briefing::internals::markdown::{self, Env, Input};
use briefing::internals::model::PageRef;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn render_sections(c: &mut Criterion) {
    let pack = common::pack(200);
    let site = &pack.site;
    let env = Env::new(site, &site.config.markdown, None);
    let bytes: usize = site.sections.iter().map(|s| s.body.text().len()).sum();
    let mut group = c.benchmark_group("markdown");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("render 200 section bodies", |b| {
        b.iter(|| {
            for (i, section) in site.sections.iter().enumerate() {
                let input = Input {
                    markdown: &section.body,
                    page: PageRef::Section(i),
                };
                std::hint::black_box(markdown::render(&env, &input));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, render_sections);
criterion_main!(benches);
