//! Template rendering: compiling the theme's Tera templates, and laying out every
//! page of a 200-section pack from already rendered Markdown.

mod common;

use briefing::Diagnostics;
use briefing::internals::{markdown, render};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn templates(c: &mut Criterion) {
    let pack = common::pack(200);
    let texts = markdown::render_texts(&pack.site, &mut Diagnostics::new());
    let pages = render::render_site(&pack.site, &texts, &pack.theme)
        .expect("fixture pack renders")
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .count();
    let mut group = c.benchmark_group("templates");
    group.bench_function("compile the theme", |b| {
        b.iter(|| std::hint::black_box(render::load_templates(&pack.theme)))
    });
    group.throughput(Throughput::Elements(pages as u64));
    group.bench_function("render every page of 200 sections", |b| {
        b.iter(|| std::hint::black_box(render::render_site(&pack.site, &texts, &pack.theme)))
    });
    group.finish();
}

criterion_group!(benches, templates);
criterion_main!(benches);
