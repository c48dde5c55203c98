//! Reading a pack: splitting and deserialising the TOML front matter of each file,
//! and the whole `content` stage (walk, read, parse) on a 200-section pack.

mod common;

use std::sync::Arc;

use briefing::Diagnostics;
use briefing::internals::content::{self, SectionMeta, SourceText};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn front_matter(c: &mut Criterion) {
    let pack = common::pack(200);
    let files: Vec<Arc<SourceText>> = pack
        .site
        .sections
        .iter()
        .map(|s| s.body.file.clone())
        .collect();
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let mut group = c.benchmark_group("front_matter");
    // Parsing reads only up to the closing `+++`: count files, not bytes.
    group.throughput(Throughput::Elements(files.len() as u64));
    group.bench_function("parse 200 sections", |b| {
        b.iter(|| {
            let mut diags = Diagnostics::new();
            for file in &files {
                let doc = content::parse_document::<SectionMeta>(file.clone(), &mut diags);
                std::hint::black_box(doc);
            }
        })
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("load content/ of 200 sections", |b| {
        b.iter(|| {
            let mut diags = Diagnostics::new();
            std::hint::black_box(content::load(pack.dir.path(), &mut diags))
        })
    });
    group.finish();
}

criterion_group!(benches, front_matter);
criterion_main!(benches);
