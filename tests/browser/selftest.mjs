#!/usr/bin/env node
// Self-test of the gates: builds a small clean site and broken copies of it in
// a temporary folder, then checks that every gate passes on the clean site
// and that each gate fails, naming the fault, on the copy made to break it.
// A gate that passes everything would otherwise go unnoticed.
//
//   node selftest.mjs [FILTER]   (two to three minutes, two gates at a time;
//                                FILTER runs only cases whose site or gate contains it)

import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, cpSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HERE } from './lib.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'briefing-selftest-'));

// ---- the clean site -------------------------------------------------------
const CSS = `:root { color-scheme: light dark; --bg: #ffffff; --fg: #1a1a1a; --link: #0645ad; }
@media (prefers-color-scheme: dark) { :root { --bg: #121212; --fg: #e8e8e8; --link: #8ab4f8; } }
body { background: var(--bg); color: var(--fg); font-family: sans-serif; }
a { color: var(--link); }
svg text { fill: var(--fg); }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; }
:focus-visible { outline: 3px solid var(--link); }
`;
const INDEX_JS = `window.BRIEFING_SEARCH = [
  {"url": "sections/reflex.html", "title": "Reflex", "text": "Reflex was a taskforce on human trafficking."},
  {"url": "sections/pentameter.html", "title": "Pentameter", "text": "Operation Pentameter targeted trafficking."},
  {"url": "glossary/ukhtc.html", "title": "UK Human Trafficking Centre", "text": "The UKHTC coordinated the response to trafficking."}
];
`;
const SEARCH_JS = `(function () {
  var input = document.querySelector('input[type=search]');
  var out = document.getElementById('search-results');
  var root = document.documentElement.getAttribute('data-root') || '';
  input.addEventListener('input', function () {
    var q = input.value.trim().toLowerCase();
    out.textContent = '';
    window.BRIEFING_SEARCH.forEach(function (d) {
      if (!q || (d.text + ' ' + d.title).toLowerCase().indexOf(q) === -1) return;
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + d.url;
      a.textContent = d.title;
      li.appendChild(a);
      out.appendChild(li);
    });
  });
})();
`;
const page = (root, title, body, head = '') => `<!DOCTYPE html>
<html lang="en-GB" data-root="${root}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - test pack</title>
<link rel="stylesheet" href="${root}assets/style.css">
<script src="${root}assets/search-index.js" defer></script>
<script src="${root}assets/search.js" defer></script>
${head}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<nav aria-label="Main">
<ul>
<li><a href="${root}index.html">Home</a></li>
<li><a href="${root}sections/reflex.html">Reflex</a></li>
<li><a href="${root}sections/pentameter.html">Pentameter</a></li>
<li><a href="${root}glossary.html">Glossary</a></li>
</ul>
</nav>
<form role="search" onsubmit="return false">
<label for="q">Search the pack</label>
<input type="search" id="q" name="q" autocomplete="off">
</form>
<ul id="search-results"></ul>
</header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
<footer><p>Built by briefing.</p></footer>
</body>
</html>
`;
function cleanSite(dir) {
  for (const d of ['sections', 'glossary', 'assets']) mkdirSync(path.join(dir, d), { recursive: true });
  const w = (p, s) => writeFileSync(path.join(dir, p), s);
  w('assets/style.css', CSS);
  w('assets/search-index.js', INDEX_JS);
  w('assets/search.js', SEARCH_JS);
  w('assets/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#0645ad"/></svg>\n');
  w('index.html', page('', 'Home', `<p>A pack on human trafficking. See <a href="sections/reflex.html#history">Reflex history</a>.</p>
<p><img src="assets/logo.svg" alt="Logo" width="40" height="40"></p>
<svg width="200" height="30" role="group" aria-label="Timeline"><a href="sections/reflex.html"><text x="0" y="20">2000: Reflex</text><rect width="200" height="30" fill="transparent"/></a></svg>`));
  w('sections/reflex.html', page('../', 'Reflex', '<h2 id="history">History</h2><p>Reflex was a taskforce on human trafficking, with the <a href="../glossary/ukhtc.html">UKHTC</a>.</p>'));
  w('sections/pentameter.html', page('../', 'Pentameter', '<p>Operation Pentameter targeted trafficking. <a href="https://www.example.org/report">The report</a>.</p>'));
  w('glossary.html', page('', 'Glossary', '<ul><li><a href="glossary/ukhtc.html">UK Human Trafficking Centre</a></li></ul>'));
  w('glossary/ukhtc.html', page('../', 'UK Human Trafficking Centre', '<p>The UKHTC coordinated the response to trafficking.</p>'));
}

// ---- broken copies: name -> edits ----------------------------------------
const edit = (dir, file, from, to) => {
  const p = path.join(dir, file);
  const s = readFileSync(p, 'utf8');
  if (!s.includes(from)) throw new Error(`selftest fixture: ${from} not in ${file}`);
  writeFileSync(p, s.replace(from, to));
};
const allPages = (dir) => ['index.html', 'glossary.html', 'sections/reflex.html', 'sections/pentameter.html', 'glossary/ukhtc.html']
  .filter((p) => readdirSync(path.join(dir, path.dirname(p))).includes(path.basename(p)));
const BROKEN = {
  'invalid-html': (d) => edit(d, 'index.html', '<h1>Home</h1>', '<h1>Home</h2><div><p>unclosed'),
  'missing-alt': (d) => edit(d, 'index.html', ' alt="Logo"', ''),
  'missing-label': (d) => edit(d, 'glossary.html', '<label for="q">Search the pack</label>', ''),
  'no-lang': (d) => edit(d, 'glossary.html', ' lang="en-GB"', ''),
  'dark-contrast': (d) => edit(d, 'assets/style.css', '--fg: #e8e8e8;', '--fg: #444444;'),
  'svg-contrast': (d) => edit(d, 'assets/style.css', 'svg text { fill: var(--fg); }', '@media (prefers-color-scheme: dark) { svg text { fill: #333333; } }'),
  'no-skip-link': (d) => allPages(d).forEach((p) => edit(d, p, '<a class="skip" href="#main">Skip to content</a>', '')),
  'no-focus-style': (d) => edit(d, 'assets/style.css', ':focus-visible { outline: 3px solid var(--link); }', '*:focus, *:focus-visible { outline: none; }'),
  'external-script': (d) => edit(d, 'sections/reflex.html', '</head>', '<script src="https://cdn.example.com/analytics.js"></script>\n</head>'),
  'external-font': (d) => writeFileSync(path.join(d, 'assets/style.css'), `${CSS}@font-face { font-family: X; src: url(https://fonts.example.com/x.woff2); }\nbody { font-family: X, sans-serif; }\n`),
  'fetch-index': (d) => writeFileSync(path.join(d, 'assets/search.js'), `${SEARCH_JS}fetch('search-index.json').then((r) => r.json());\n`),
  'script-error': (d) => edit(d, 'glossary.html', '</main>', '<script>undefinedFunction();</script>\n</main>'),
  'missing-css': (d) => edit(d, 'glossary.html', 'assets/style.css', 'assets/styles.css'),
  'broken-link': (d) => edit(d, 'index.html', '<li><a href="glossary.html">Glossary</a></li>', '<li><a href="glossary.html">Glossary</a></li>\n<li><a href="timeline.html">Timeline</a></li>'),
  'directory-link': (d) => edit(d, 'index.html', '<li><a href="glossary.html">Glossary</a></li>', '<li><a href="glossary.html">Glossary</a></li>\n<li><a href="sections/">Sections</a></li>'),
  'broken-fragment': (d) => edit(d, 'index.html', 'reflex.html#history', 'reflex.html#histroy'),
  'broken-svg-link': (d) => edit(d, 'index.html', '<a href="sections/reflex.html"><text', '<a href="sections/reflx.html"><text'),
  orphan: (d) => cpSync(path.join(d, 'glossary.html'), path.join(d, 'orphan.html')),
  'js-only-link': (d) => {
    for (const p of allPages(d)) edit(d, p, /<li><a href="(\.\.\/)?glossary\.html">Glossary<\/a><\/li>/.exec(readFileSync(path.join(d, p), 'utf8'))[0], '');
    edit(d, 'index.html', '</main>', '<script>document.querySelector("main").insertAdjacentHTML("beforeend", "<p><a href=\\"glossary.html\\">Glossary</a></p>");</script>\n</main>');
  },
  'search-bad-root': (d) => edit(d, 'assets/search.js', "document.documentElement.getAttribute('data-root') || ''", "''"),
  'search-no-input': (d) => allPages(d).forEach((p) => edit(d, p, 'type="search"', 'type="text"')),
};

// ---- expectations: [site, gate script, extra args, expect pass?, substring] --
const G = { html: ['html-validate.mjs'], a11y: ['a11y.mjs'], crawl: ['crawl.mjs'], nojs: ['crawl.mjs', '--no-js'], search: ['search.mjs'] };
const ALL_CASES = [
  ['clean', 'html', true, 'html-validate: ok'],
  ['clean', 'a11y', true, 'a11y: ok'],
  ['clean', 'crawl', true, 'crawl: ok'],
  ['clean', 'nojs', true, 'crawl (no JS): ok'],
  ['clean', 'search', true, 'search: ok'],
  ['invalid-html', 'html', false, 'Unclosed element'],
  ['missing-alt', 'a11y', false, 'image-alt'],
  ['missing-label', 'a11y', false, 'label'],
  ['no-lang', 'a11y', false, 'html-has-lang'],
  ['dark-contrast', 'a11y', false, '[dark] index.html: color-contrast'],
  ['svg-contrast', 'a11y', false, '[dark] index.html: briefing-svg-text-contrast'],
  ['no-skip-link', 'a11y', false, 'briefing-skip-link'],
  ['no-focus-style', 'a11y', false, 'briefing-focus-visible'],
  ['external-script', 'crawl', false, 'sections/reflex.html: external-request: script https://cdn.example.com/analytics.js'],
  ['external-font', 'crawl', false, 'external-request: font https://fonts.example.com/x.woff2'],
  ['fetch-index', 'crawl', false, 'page-error'],
  ['script-error', 'crawl', false, 'glossary.html: page-error: ReferenceError'],
  ['missing-css', 'crawl', false, 'failed-request: stylesheet'],
  ['broken-link', 'crawl', false, 'broken-link: "timeline.html"'],
  ['directory-link', 'crawl', false, 'directory-link: "sections/"'],
  ['broken-fragment', 'crawl', false, 'broken-fragment: "sections/reflex.html#histroy"'],
  ['broken-svg-link', 'crawl', false, 'broken-link: "sections/reflx.html"'],
  ['orphan', 'crawl', false, 'orphan.html: orphan'],
  ['js-only-link', 'crawl', true, 'crawl: ok'],
  ['js-only-link', 'nojs', false, 'glossary.html: orphan'],
  ['external-script', 'search', false, 'external-request'],
  ['search-bad-root', 'search', false, 'ERR_FILE_NOT_FOUND'],
  ['search-no-input', 'search', false, 'no input[type=search]'],
];
const filter = process.argv[2];
const CASES = filter ? ALL_CASES.filter(([site, gate]) => site.includes(filter) || gate === filter) : ALL_CASES;

let failures = 0;
let passed = 0;
const t0 = Date.now();
try {
  const sites = {};
  const clean = path.join(work, 'clean');
  cleanSite(clean);
  sites.clean = clean;
  for (const [name, breakIt] of Object.entries(BROKEN)) {
    const d = path.join(work, name);
    cpSync(clean, d, { recursive: true });
    breakIt(d);
    sites[name] = d;
  }
  const run = (args) => new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => { out += b; });
    child.stderr.on('data', (b) => { out += b; });
    child.on('close', (status) => resolve({ status, out }));
  });
  const results = new Array(CASES.length);
  let next = 0;
  const worker = async () => {
    while (next < CASES.length) {
      const i = next++;
      const [site, gate, expectPass, needle] = CASES[i];
      const [script, ...extra] = G[gate];
      const { status, out } = await run([path.join(HERE, script), sites[site], ...extra]);
      const ok = (status === 0) === expectPass && out.includes(needle);
      const label = `${gate} on ${site}: expect ${expectPass ? 'pass' : 'FAIL'} mentioning ${JSON.stringify(needle)}`;
      results[i] = ok ? `ok   ${label}` : `FAIL ${label}: exit ${status}\n${out.replace(/^/gm, '     | ')}`;
      if (ok) passed++;
      else failures++;
    }
  };
  await Promise.all([worker(), worker()]);
  for (const r of results) console.log(r);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`selftest: ${passed} passed, ${failures} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
process.exit(failures ? 1 : 0);
