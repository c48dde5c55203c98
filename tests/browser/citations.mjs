#!/usr/bin/env node
// Gate 5: paragraph citations. From file://SITE_DIR, on one page of each kind
// that carries paragraph citations (a section page, a glossary entry page, the
// timeline and print.html; the first, in file order, with an `a.para-ref`),
// clicks every `a.para-ref` link and checks where it lands:
//   - the landing URL is the link's target, a file inside the site folder
//     (not a folder, not missing, not outside the site);
//   - the element whose id is the #fragment exists, is visible, was scrolled
//     into the viewport and has non-empty text;
//   - a link to sources/<id>.html#pN, or to a `#source-<id>--pN` anchor in
//     print.html, lands on a `div.para` whose `.para-number` text is the
//     number written in the link, and whose id ends in that number.
// Then, on every section page, each `details.cited-text` must open when its
// <summary> is clicked and show visible, non-empty `.cited-para` text.
// The same offline rules as crawl.mjs apply: no non-file request, no failed
// request, no console or page error.
//
//   node citations.mjs [SITE_DIR] [--all]
//     --all follows the citations on every page of each kind, not just one.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteDirFromArg, listHtml, fileUrl, pageKey, rel, launchBrowser, guardContext, settle, seconds } from './lib.mjs';

const LINK = 'a.para-ref';
const DETAILS = 'details.cited-text';
const TIMEOUT_MS = 5000;

const args = process.argv.slice(2);
const all = args.includes('--all');
const start = Date.now();
const siteDir = siteDirFromArg(args.find((a) => !a.startsWith('--')));
const allHtml = listHtml(siteDir);

const KINDS = [
  { kind: 'section page', pages: allHtml.filter((p) => p.startsWith('sections/')) },
  { kind: 'glossary entry page', pages: allHtml.filter((p) => p.startsWith('glossary/')) },
  { kind: 'timeline page', pages: allHtml.filter((p) => p === 'timeline.html') },
  { kind: 'print edition', pages: allHtml.filter((p) => p === 'print.html') },
];

const findings = []; // {page, kind, detail}
const add = (page, kind, detail) => findings.push({ page, kind, detail });
let linkCount = 0;
let detailsCount = 0;
const checkedPages = [];

/** The site-relative path of a file: URL, or null when it is outside the site. */
function insideSite(url) {
  const abs = fileURLToPath(pageKey(url));
  const r = path.relative(siteDir, abs);
  if (r.startsWith('..') || path.isAbsolute(r)) return null;
  return r.split(path.sep).join('/');
}

const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(TIMEOUT_MS);
  const guard = await guardContext(context);
  const page = await context.newPage();
  const flush = (here) => {
    for (const p of guard.take()) add(here, p.kind, p.detail);
  };

  const open = async (relPath) => {
    try {
      const response = await page.goto(fileUrl(path.join(siteDir, relPath)), { waitUntil: 'load' });
      await settle(page);
      if (response && !response.ok()) {
        add(relPath, 'load-failed', `status ${response.status()}`);
        return false;
      }
      return true;
    } catch (err) {
      add(relPath, 'load-failed', String(err.message).split('\n')[0]);
      return false;
    }
  };

  // ---- follow every a.para-ref on the chosen page(s) of each kind ----
  for (const { kind, pages } of KINDS) {
    if (!pages.length) {
      add('.', 'no-page', `no ${kind} in the site`);
      continue;
    }
    let found = 0;
    for (const here of pages) {
      if (!all && found) break;
      if (!(await open(here))) {
        flush(here);
        continue;
      }
      const links = await page.locator(LINK).evaluateAll((els) => els.map((a) => ({
        raw: a.getAttribute('href'),
        abs: a.href,
        text: a.textContent.trim(),
      })));
      flush(here);
      if (!links.length) continue;
      found++;
      checkedPages.push(here);
      const origin = pageKey(page.url());

      for (let i = 0; i < links.length; i++) {
        const { raw, abs, text } = links[i];
        const label = `${LINK} #${i + 1} "${text}" ${JSON.stringify(raw)}`;
        linkCount++;
        // Back to the page for the next link, unless the last one stayed on it (print.html).
        if (i > 0 && pageKey(page.url()) !== origin && !(await open(here))) break;
        // The link's target, checked before following it.
        let target;
        try {
          target = new URL(abs);
        } catch {
          add(here, 'bad-link', `${label}: unparseable href`);
          continue;
        }
        if (target.protocol !== 'file:') {
          add(here, 'bad-link', `${label}: not a file in the site (${target.protocol} link)`);
          continue;
        }
        const fragment = decodeURIComponent(target.hash.slice(1));
        if (!fragment) {
          add(here, 'no-fragment', `${label}: the link names no paragraph (#pN)`);
          continue;
        }
        // Follow it the way a reader does: click.
        try {
          const link = page.locator(LINK).nth(i);
          await link.scrollIntoViewIfNeeded();
          await link.click();
          await page.waitForURL((u) => u.href === target.href, { waitUntil: 'load' });
          await settle(page);
        } catch (err) {
          add(here, 'not-followed', `${label}: clicking did not reach ${rel(siteDir, target.href)} (now at ${rel(siteDir, page.url())}): ${String(err.message).split('\n')[0]}`);
          flush(here);
          continue;
        }
        const landed = page.url();
        const landedRel = insideSite(landed);
        if (landedRel === null) {
          add(here, 'outside-site', `${label}: landed on ${landed}, outside the site folder`);
          flush(here);
          continue;
        }
        const landedAbs = path.join(siteDir, landedRel);
        if (!existsSync(landedAbs) || statSync(landedAbs).isDirectory()) {
          add(here, 'broken-link', `${label}: landed on ${rel(siteDir, landed)}, which is not a file in the site`);
          flush(here);
          continue;
        }
        const info = await page.evaluate((id) => {
          const el = document.getElementById(id);
          if (!el) return null;
          const box = el.getBoundingClientRect();
          const num = el.querySelector(':scope > .para-number');
          return {
            tag: el.tagName.toLowerCase(),
            isPara: el.matches('div.para'),
            visible: el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && box.width > 0 && box.height > 0,
            inViewport: box.bottom > 0 && box.top < window.innerHeight,
            text: el.innerText.trim(),
            number: num ? num.textContent.trim() : null,
          };
        }, fragment);
        const at = `${rel(siteDir, landed)}`;
        if (!info) {
          add(here, 'missing-target', `${label}: no element with id="${fragment}" on ${rel(siteDir, pageKey(landed))}`);
          flush(here);
          continue;
        }
        if (!info.visible) add(here, 'hidden-target', `${label}: #${fragment} on ${at} is not visible`);
        else if (!info.inViewport) add(here, 'not-scrolled', `${label}: #${fragment} on ${at} is not in the viewport after following the link`);
        if (!info.text) add(here, 'empty-target', `${label}: #${fragment} on ${at} has no text`);
        const toSourceText = /^sources\/[^/]+\.html$/.test(landedRel) || /^source-.+--p\d+$/.test(fragment);
        if (toSourceText) {
          const wanted = (text.match(/\d+/) || [null])[0];
          if (!info.isPara) {
            add(here, 'not-a-paragraph', `${label}: #${fragment} on ${at} is a <${info.tag}>, not a div.para`);
          } else if (wanted === null) {
            add(here, 'no-number', `${label}: the link text names no paragraph number`);
          } else if (info.number !== wanted) {
            add(here, 'wrong-paragraph', `${label}: #${fragment} on ${at} has .para-number ${JSON.stringify(info.number)}, the link says ${wanted}`);
          } else if (!new RegExp(`p${wanted}$`).test(fragment)) {
            add(here, 'wrong-paragraph', `${label}: the fragment #${fragment} does not name paragraph ${wanted}`);
          }
        }
        flush(here);
      }
    }
    if (!found) add('.', 'no-citations', `no ${kind} has an ${LINK} link (${pages.length} checked)`);
  }

  // ---- every section page: the cited text opens and shows text ----
  for (const here of KINDS[0].pages) {
    if (!(await open(here))) {
      flush(here);
      continue;
    }
    const n = await page.locator(DETAILS).count();
    for (let i = 0; i < n; i++) {
      detailsCount++;
      const details = page.locator(DETAILS).nth(i);
      const label = `${DETAILS} #${i + 1}`;
      try {
        const summary = details.locator(':scope > summary');
        if ((await summary.count()) === 0) {
          add(here, 'no-summary', `${label}: has no <summary> to click`);
          continue;
        }
        if (await details.evaluate((d) => d.open)) {
          add(here, 'details-open', `${label}: is already open; it should start closed`);
        } else {
          await summary.first().scrollIntoViewIfNeeded();
          await summary.first().click();
        }
        if (!(await details.evaluate((d) => d.open))) {
          add(here, 'details-closed', `${label}: did not open when its summary was clicked`);
          continue;
        }
        const paras = await details.locator('.cited-para').evaluateAll((els) => els.map((el) => ({
          visible: el.checkVisibility({ checkVisibilityCSS: true, checkOpacity: true }) && el.getBoundingClientRect().height > 0,
          text: el.innerText.trim(),
        })));
        if (!paras.length) add(here, 'no-cited-para', `${label}: opened, but holds no .cited-para`);
        paras.forEach((p, j) => {
          if (!p.text) add(here, 'empty-cited-para', `${label}: .cited-para #${j + 1} has no text`);
          else if (!p.visible) add(here, 'hidden-cited-para', `${label}: .cited-para #${j + 1} is not visible once opened`);
        });
      } catch (err) {
        add(here, 'details-failed', `${label}: ${String(err.message).split('\n')[0]}`);
      }
    }
    flush(here);
  }
  await context.close();
} finally {
  await browser.close();
}

for (const f of findings) console.log(`${f.page}: ${f.kind}: ${f.detail}`);
const summary = `${linkCount} ${LINK} link(s) followed on ${checkedPages.length} page(s) (${checkedPages.length > 4 ? `${checkedPages.slice(0, 4).join(', ')}, …` : checkedPages.join(', ')}), ${detailsCount} ${DETAILS} panel(s) opened on ${KINDS[0].pages.length} section page(s)`;
if (findings.length) {
  const kinds = new Map();
  for (const f of findings) kinds.set(f.kind, (kinds.get(f.kind) || 0) + 1);
  console.log(`citations: FAIL: ${findings.length} finding(s) [${[...kinds].map(([k, n]) => `${k}: ${n}`).join(', ')}]; ${summary} (${seconds(start)} s)`);
  process.exit(1);
}
console.log(`citations: ok: ${summary}; no network request, no failed request, no console error (${seconds(start)} s)`);
