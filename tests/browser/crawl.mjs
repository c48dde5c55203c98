#!/usr/bin/env node
// Gate 3: offline browsing. Starts at file://SITE_DIR/index.html and follows
// every internal <a href> / <area href> (HTML or SVG) breadth-first until no new page is
// found. Fails on:
//   - a request to any non-file: URL (recorded and aborted), a failed
//     request (missing CSS/JS/image), a console error or an uncaught error;
//   - a link whose target is missing, is a directory (under file:// that is a
//     file listing, not a page), or lies outside the site folder;
//   - a link #fragment that names no id (or <a name>) on its target page;
//   - an .html file in the folder that no link reaches (orphan).
//
// With --no-js the pages are opened with JavaScript disabled, to show that
// every page is reachable from the plain HTML navigation alone.
//
//   node crawl.mjs [SITE_DIR] [--no-js]      (SITE_DIR default: public)

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  siteDirFromArg, listHtml, fileUrl, pageKey, rel, isHtmlPath, launchBrowser, guardContext, settle, seconds,
} from './lib.mjs';

const start = Date.now();
const noJs = process.argv.includes('--no-js');
const siteDir = siteDirFromArg(process.argv.slice(2).find((a) => !a.startsWith('--')));
const label = noJs ? 'crawl (no JS)' : 'crawl';
const allHtml = listHtml(siteDir);

const findings = []; // {page, kind, detail}
const add = (page, kind, detail) => findings.push({ page, kind, detail });

const startUrl = fileUrl(path.join(siteDir, 'index.html'));
const queue = [startUrl];
const queued = new Set([startUrl]);
const visited = []; // site-relative paths, in visit order
const anchors = new Map(); // page key -> Set of ids/names on that page
const fragmentLinks = []; // {from, to (page key), fragment}
let linkCount = 0;
const external = new Set(); // outbound <a> links (not followed, just counted)

const browser = await launchBrowser();
try {
  const context = await browser.newContext({ javaScriptEnabled: !noJs });
  const guard = await guardContext(context);
  const page = await context.newPage();

  while (queue.length) {
    const url = queue.shift();
    const here = rel(siteDir, url);
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load' });
      if (!noJs) await settle(page); // (page timers never run with JS off)
    } catch (err) {
      add(here, 'load-failed', String(err.message).split('\n')[0]);
      for (const p of guard.take()) add(here, p.kind, p.detail);
      continue;
    }
    if (response && !response.ok()) add(here, 'load-failed', `status ${response.status()}`);
    visited.push(here);

    const info = await page.evaluate(() => ({
      finalUrl: location.href,
      ids: [
        ...[...document.querySelectorAll('[id]')].map((e) => e.id),
        ...[...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')),
      ],
      // HTML <a>/<area> and SVG <a> (href or xlink:href), resolved against the
      // document base URL (honours <base>); the attribute is kept for messages.
      links: [...document.querySelectorAll('a, area')]
        .map((a) => a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'))
        .filter((raw) => raw !== null)
        .map((raw) => {
          let abs = null;
          try {
            abs = new URL(raw, document.baseURI).href;
          } catch { /* reported below as unparseable */ }
          return { raw, abs };
        }),
    }));
    anchors.set(pageKey(info.finalUrl), new Set(info.ids));

    for (const { raw, abs: resolved } of info.links) {
      linkCount++;
      let target;
      try {
        target = new URL(resolved || raw, info.finalUrl);
      } catch {
        add(here, 'bad-link', `unparseable href ${JSON.stringify(raw)}`);
        continue;
      }
      if (target.protocol !== 'file:') {
        if (target.protocol === 'javascript:') add(here, 'bad-link', `javascript: link ${JSON.stringify(raw)}`);
        else external.add(target.href);
        continue;
      }
      const key = pageKey(target.href);
      const abs = fileURLToPath(key);
      const relPath = path.relative(siteDir, abs);
      if (relPath.startsWith('..') || path.isAbsolute(relPath)) {
        add(here, 'link-outside-site', `${JSON.stringify(raw)} -> ${abs}`);
        continue;
      }
      if (!existsSync(abs)) {
        add(here, 'broken-link', `${JSON.stringify(raw)} -> ${rel(siteDir, key)} does not exist`);
        continue;
      }
      if (statSync(abs).isDirectory()) {
        add(here, 'directory-link', `${JSON.stringify(raw)} -> ${rel(siteDir, key) || '.'}/ is a folder (a file listing under file://); link a file such as index.html`);
        continue;
      }
      if (target.hash.length > 1) fragmentLinks.push({ from: here, raw, to: key, fragment: target.hash.slice(1) });
      if (isHtmlPath(abs) && !queued.has(key)) {
        queued.add(key);
        queue.push(key);
      }
    }
    for (const p of guard.take()) add(here, p.kind, p.detail);
  }
  await context.close();
} finally {
  await browser.close();
}

// #fragment targets
for (const l of fragmentLinks) {
  const ids = anchors.get(l.to);
  if (!ids) continue; // a non-HTML target: nothing to check
  let frag = l.fragment;
  try {
    frag = decodeURIComponent(frag);
  } catch { /* keep raw */ }
  if (!ids.has(frag) && frag.toLowerCase() !== 'top') {
    add(l.from, 'broken-fragment', `${JSON.stringify(l.raw)}: no id="${frag}" on ${rel(siteDir, l.to)}`);
  }
}

// orphans
const reached = new Set(visited);
for (const p of allHtml) {
  if (!reached.has(p)) add(p, 'orphan', 'no link from the site reaches this page');
}

for (const f of findings) console.log(`${f.page}: ${f.kind}: ${f.detail}`);
const summary = `${visited.length} page(s) reached of ${allHtml.length} .html file(s), ${linkCount} link(s) checked, ${external.size} outbound link(s) not followed`;
if (findings.length) {
  const kinds = new Map();
  for (const f of findings) kinds.set(f.kind, (kinds.get(f.kind) || 0) + 1);
  console.log(`${label}: FAIL: ${findings.length} finding(s) [${[...kinds].map(([k, n]) => `${k}: ${n}`).join(', ')}]; ${summary} (${seconds(start)} s)`);
  process.exit(1);
}
console.log(`${label}: ok: ${summary}; no network request, no failed request, no console error (${seconds(start)} s)`);
