#!/usr/bin/env node
// Gate 2: accessibility. Opens every .html page of the built site from
// file:// in headless Chromium, once with prefers-color-scheme: light and
// once with dark, injects axe-core and runs the WCAG 2.0/2.1 A and AA rules
// plus best practices. Any violation fails.
//
// Checks of our own run beside axe, where axe cannot see:
//   - briefing-skip-link: the first Tab stop is a link to an element on the
//     same page that is, or is inside, or contains <main>, and it is on
//     screen once focused;
//   - briefing-focus-visible: each of the first FOCUS_STOPS Tab stops looks
//     different when focused (outline, box-shadow, colours, border or text
//     decoration change);
//   - briefing-svg-text-contrast: text in inline SVG (the timeline chart),
//     which axe leaves as "needs review", meets 4.5:1 (3:1 when large)
//     against the page background, where nothing else is painted under it.
//
//   node a11y.mjs [SITE_DIR]      (default: public)

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { siteDirFromArg, listHtml, fileUrl, launchBrowser, settle, seconds } from './lib.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const SCHEMES = ['light', 'dark'];
const FOCUS_STOPS = 4;

const start = Date.now();
const siteDir = siteDirFromArg(process.argv[2]);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeVersion = require('axe-core/package.json').version;
const pages = listHtml(siteDir);

const oneLine = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

const violations = []; // {scheme, page, id, impact, help, target, summary, html}
const svgStats = { checked: 0, undecided: 0 };
const incomplete = new Map(); // `rule: reason` -> {n, examples: [`scheme page target`]} for nodes axe could not decide

async function checkPage(page, rel, scheme) {
  await page.goto(fileUrl(path.join(siteDir, rel)), { waitUntil: 'load' });
  await settle(page);
  const matches = await page.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme);
  if (!matches) throw new Error(`colour-scheme emulation failed: ${scheme} not in effect`);
  await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      }),
    TAGS,
  );
  for (const v of result.violations) {
    for (const node of v.nodes) {
      violations.push({
        scheme,
        page: rel,
        id: v.id,
        impact: node.impact || v.impact,
        help: v.help,
        target: node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', '),
        summary: oneLine(node.failureSummary),
        html: oneLine(node.html).slice(0, 160),
      });
    }
  }
  for (const v of result.incomplete) {
    for (const node of v.nodes) {
      const reason = oneLine([...node.any, ...node.all, ...node.none].map((c) => c.message).find(Boolean) || v.help);
      const key = `${v.id}: ${reason}`;
      const entry = incomplete.get(key) || { n: 0, examples: [] };
      entry.n++;
      if (entry.examples.length < 3) entry.examples.push(`[${scheme}] ${rel} ${node.target.join(', ')}`);
      incomplete.set(key, entry);
    }
  }
  for (const f of await keyboardChecks(page)) violations.push({ scheme, page: rel, impact: 'serious', ...f });
  const svg = await page.evaluate(svgTextContrast);
  svgStats.checked += svg.checked;
  svgStats.undecided += svg.undecided;
  for (const f of svg.out) violations.push({ scheme, page: rel, impact: 'serious', ...f });
}

/** Runs in the page: contrast of SVG text against the HTML background under it. */
function svgTextContrast() {
  const parse = (c) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c || '');
    return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const SHAPES = new Set(['rect', 'circle', 'ellipse', 'path', 'polygon', 'polyline', 'image', 'use', 'foreignObject']);
  const out = [];
  const seen = new Set();
  let checked = 0;
  let undecided = 0;
  for (const t of document.querySelectorAll('svg text, svg tspan')) {
    // The innermost element that carries the text decides its colour.
    if ([...t.children].some((c) => c.tagName === 'tspan')) continue;
    const text = t.textContent.trim();
    if (!text) continue;
    const cs = getComputedStyle(t);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    const fg = parse(cs.fill);
    if (!fg || fg.a < 1 || parseFloat(cs.fillOpacity) < 1 || parseFloat(cs.opacity) < 1) continue;
    const r = t.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const stack = document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    let bg = null;
    let unsure = false;
    for (const el of stack) {
      if (el === t || t.contains(el) || el.contains(t)) {
        if (el instanceof SVGElement) continue;
      }
      if (el instanceof SVGElement) {
        if (!SHAPES.has(el.tagName)) continue;
        const scs = getComputedStyle(el);
        const paint = parse(scs.fill);
        // Invisible shapes (hit areas: fill none or fully transparent) paint nothing.
        if (scs.fill === 'none' || (paint && (paint.a === 0 || parseFloat(scs.fillOpacity) === 0 || parseFloat(scs.opacity) === 0))) continue;
        unsure = true; // a visible shape (or a gradient) under the text
        break;
      }
      const ecs = getComputedStyle(el);
      if (ecs.backgroundImage !== 'none') { unsure = true; break; }
      const c = parse(ecs.backgroundColor);
      if (c && c.a > 0) {
        if (c.a < 1) unsure = true;
        else bg = c;
        break;
      }
    }
    if (unsure || !bg) {
      undecided++;
      continue;
    }
    checked++;
    const size = parseFloat(cs.fontSize);
    const bold = parseInt(cs.fontWeight, 10) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const got = ratio(fg, bg);
    if (got + 1e-9 < need) {
      const key = `${cs.fill}|${bg.r},${bg.g},${bg.b}|${need}`;
      if (seen.has(key)) continue; // one report per colour pair per page
      seen.add(key);
      out.push({
        id: 'briefing-svg-text-contrast',
        help: 'SVG text must meet minimum colour contrast',
        target: `svg ${t.tagName}${t.getAttribute('class') ? '.' + t.getAttribute('class').trim().split(/\s+/).join('.') : ''}`,
        html: t.outerHTML.slice(0, 160),
        summary: `contrast ${got.toFixed(2)}:1 (fill ${cs.fill} on rgb(${bg.r}, ${bg.g}, ${bg.b}), ${size}px${bold ? ' bold' : ''}); needs ${need}:1 (first of this colour pair on the page)`,
      });
    }
  }
  return { out, checked, undecided };
}

/** Tab through the first stops; report a missing skip link and invisible focus. */
async function keyboardChecks(page) {
  const out = [];
  // Start from the top of the document with nothing focused.
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  const describe = () => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const sel = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : ''}`;
    return {
      sel,
      html: el.outerHTML.slice(0, 160),
      href: el.getAttribute('href'),
      tag: el.tagName,
      style: [cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ? `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` : 'none',
        cs.boxShadow, cs.backgroundColor, cs.color, cs.textDecorationLine, cs.textDecorationThickness,
        cs.borderTopColor, cs.borderBottomColor, cs.borderBottomWidth].join('|'),
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    };
  };
  for (let i = 0; i < FOCUS_STOPS; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(describe);
    if (!focused) break;
    if (i === 0) {
      const skipOk = await page.evaluate((href) => {
        if (!href || !href.startsWith('#') || href.length < 2) return 'the first Tab stop is not an in-page link';
        const target = document.getElementById(decodeURIComponent(href.slice(1)));
        if (!target) return `its target ${href} does not exist`;
        const main = document.querySelector('main, [role=main]');
        if (!main) return 'the page has no <main>';
        if (target !== main && !main.contains(target) && !target.contains(main)) return `its target ${href} is not the main content`;
        return '';
      }, focused.tag === 'A' ? focused.href : null);
      if (skipOk || !focused.onScreen) {
        out.push({
          id: 'briefing-skip-link', help: 'The first Tab stop must be a visible skip link to the main content',
          target: focused.sel, html: oneLine(focused.html), summary: skipOk || 'it stays off screen when focused',
        });
      }
    }
    // Same element, not focused: compare its look (a skip link that comes on
    // screen only when focused counts as visibly focused).
    const unfocused = await page.evaluate(() => {
      const el = document.activeElement;
      el.blur();
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const style = [cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ? `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` : 'none',
        cs.boxShadow, cs.backgroundColor, cs.color, cs.textDecorationLine, cs.textDecorationThickness,
        cs.borderTopColor, cs.borderBottomColor, cs.borderBottomWidth].join('|');
      const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
      el.focus({ focusVisible: true });
      return { style, onScreen };
    });
    if (unfocused.style === focused.style && unfocused.onScreen === focused.onScreen) {
      out.push({
        id: 'briefing-focus-visible', help: 'Keyboard focus must be visible',
        target: focused.sel, html: oneLine(focused.html),
        summary: `Tab stop ${i + 1} looks the same focused and unfocused (outline, box-shadow, colours, border, text decoration)`,
      });
    }
  }
  return out;
}
const browser = await launchBrowser();
try {
  for (const scheme of SCHEMES) {
    const t0 = Date.now();
    const context = await browser.newContext({ colorScheme: scheme, javaScriptEnabled: true });
    // The a11y gate is about what is rendered; offline behaviour is crawl.mjs's job,
    // but never let a page reach the network from here either.
    await context.route(/^(?!file:|data:|blob:)/, (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    for (const rel of pages) {
      try {
        await checkPage(page, rel, scheme);
      } catch (err) {
        violations.push({
          scheme, page: rel, id: 'gate-error', impact: 'critical', help: 'the page could not be checked',
          target: '-', summary: String(err.message).split('\n')[0], html: '',
        });
      }
    }
    await context.close();
    console.log(`a11y: ${scheme}: ${pages.length} page(s) checked in ${seconds(t0)} s`);
  }
} finally {
  await browser.close();
}

for (const v of violations) {
  console.log(`[${v.scheme}] ${v.page}: ${v.id} (${v.impact}): ${v.help}`);
  console.log(`    target: ${v.target}`);
  console.log(`    html:   ${v.html}`);
  console.log(`    ${v.summary}`);
}
if (incomplete.size) {
  // Not failures: axe could not compute a result (e.g. text over a gradient or
  // an image). Listed so a person can look.
  console.log('a11y: note: axe could not decide these (needs review, not failing):');
  for (const [key, e] of [...incomplete].sort()) {
    console.log(`  ${key} - ${e.n} node(s), e.g. ${e.examples.join('; ')}`);
  }
}
console.log(`a11y: SVG text contrast: ${svgStats.checked} text node(s) checked, ${svgStats.undecided} with something painted under them (not checked)`);
if (violations.length) {
  const byRule = new Map();
  for (const v of violations) {
    const r = byRule.get(v.id) || { n: 0, pages: new Set(), schemes: new Set() };
    r.n++;
    r.pages.add(v.page);
    r.schemes.add(v.scheme);
    byRule.set(v.id, r);
  }
  console.log('a11y: violations by rule:');
  for (const [id, r] of [...byRule].sort()) {
    console.log(`  ${id}: ${r.n} node(s) on ${r.pages.size} page(s), scheme(s): ${[...r.schemes].join(', ')}`);
  }
  console.log(`a11y: FAIL: ${violations.length} violation(s) (axe-core ${axeVersion}, ${seconds(start)} s)`);
  process.exit(1);
}
console.log(
  `a11y: ok: ${pages.length} page(s) x ${SCHEMES.length} colour schemes, 0 violations (axe-core ${axeVersion}, tags ${TAGS.join(' ')}, ${seconds(start)} s)`,
);
