#!/usr/bin/env node
// Gate 4: offline search. From file://SITE_DIR/index.html (and from one page
// in a sub-folder, where relative result links are easiest to get wrong):
// type WORD into input[type=search], wait for result links
// (`#search-results a`), click the first, and check that the new page is a
// file inside the site whose main text (the <main> element, else <body>)
// contains WORD, case-insensitively. The same offline rules as crawl.mjs
// apply: no non-file request, no failed request, no console or page error.
//
//   node search.mjs [SITE_DIR] [WORD] [--from PAGE]...
//     SITE_DIR default public; WORD default trafficking; each --from names a
//     start page relative to SITE_DIR (default: index.html and the first page
//     in a sub-folder).

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteDirFromArg, listHtml, fileUrl, rel, launchBrowser, guardContext, settle, seconds, fail } from './lib.mjs';

const INPUT = 'input[type=search]';
const RESULT = '#search-results a';
const TIMEOUT_MS = 5000;

const args = process.argv.slice(2);
const from = [];
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--from') from.push(args[++i]);
  else positional.push(args[i]);
}
const start = Date.now();
const siteDir = siteDirFromArg(positional[0]);
const word = positional[1] || 'trafficking';
if (!from.length) {
  from.push('index.html');
  const nested = listHtml(siteDir).find((p) => p.includes('/'));
  if (nested) from.push(nested);
}
for (const f of from) {
  if (!existsSync(path.join(siteDir, f))) fail(`--from ${f}: no such page in ${siteDir}`);
}

const findings = [];
const browser = await launchBrowser();
try {
  const context = await browser.newContext();
  context.setDefaultTimeout(TIMEOUT_MS);
  const guard = await guardContext(context);
  const page = await context.newPage();

  for (const startPage of from) {
    const t0 = Date.now();
    const problems = [];
    const step = async (what, fn) => {
      try {
        return await fn();
      } catch (err) {
        problems.push(`${what}: ${String(err.message).split('\n')[0]}`);
        return undefined;
      }
    };
    await (async () => {
      if (!(await step('open', () => page.goto(fileUrl(path.join(siteDir, startPage)), { waitUntil: 'load' })))) return;
      await settle(page);
      const input = page.locator(INPUT).first();
      if ((await page.locator(INPUT).count()) === 0) {
        problems.push(`no ${INPUT} on the page`);
        return;
      }
      if (!(await step('type', async () => {
        await input.click();
        await input.pressSequentially(word, { delay: 10 });
        return true;
      }))) return;
      const first = page.locator(RESULT).first();
      if (!(await step(`wait for results (${RESULT})`, async () => {
        await first.waitFor({ state: 'visible' });
        return true;
      }))) return;
      const count = await page.locator(RESULT).count();
      const href = await first.getAttribute('href');
      const before = page.url();
      const target = rel(siteDir, new URL(href ?? '', before).href);
      const navigated = await step(`click first result (${JSON.stringify(href)} -> ${target})`, async () => {
        await Promise.all([
          page.waitForURL((u) => u.href !== before, { waitUntil: 'load' }),
          first.click(),
        ]);
        return true;
      });
      if (!navigated) return;
      await settle(page);
      const url = page.url();
      const shown = rel(siteDir, url);
      if (!url.startsWith('file:')) {
        problems.push(`first result led to ${url}, not a file`);
        return;
      }
      const abs = fileURLToPath(new URL(url.split('#')[0].split('?')[0]));
      const r = path.relative(siteDir, abs);
      if (r.startsWith('..') || path.isAbsolute(r)) problems.push(`first result led outside the site: ${abs}`);
      else if (!existsSync(abs) || statSync(abs).isDirectory()) problems.push(`first result led to ${shown}, which is not a file`);
      const text = await page.evaluate(() => (document.querySelector('main') || document.body).innerText);
      if (!text.toLowerCase().includes(word.toLowerCase())) {
        problems.push(`first result ${shown} does not contain "${word}" in its main text`);
      }
      if (!problems.length) {
        console.log(`search: ${startPage}: "${word}" -> ${count} result(s); first -> ${shown} contains it (${seconds(t0)} s)`);
      }
    })();
    for (const p of guard.take()) problems.push(`${p.kind}: ${p.detail}`);
    for (const p of problems) findings.push(`${startPage}: ${p}`);
  }
  await context.close();
} finally {
  await browser.close();
}

for (const f of findings) console.log(f);
if (findings.length) {
  console.log(`search: FAIL: ${findings.length} finding(s) (${seconds(start)} s)`);
  process.exit(1);
}
console.log(`search: ok: searched "${word}" from ${from.join(', ')} (${seconds(start)} s)`);
