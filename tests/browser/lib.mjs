// Shared helpers for the browser quality gates (see README.md in this folder).
//
// Every gate takes the built site folder as its first argument (default
// `public/`), opens pages from file:// exactly as a trainer double-clicking
// index.html would, and exits 1 on any finding.

import { existsSync, readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Chromium flags: no background traffic, no sandbox (CI runs as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Resolve and sanity-check the site folder given on the command line. */
export function siteDirFromArg(arg) {
  const dir = path.resolve(arg || 'public');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    fail(`site folder ${dir} does not exist (build the site first)`);
  }
  if (!existsSync(path.join(dir, 'index.html'))) {
    fail(`site folder ${dir} has no index.html`);
  }
  return dir;
}

export function fail(msg) {
  console.error(`error: ${msg}`);
  process.exit(1);
}

export function isHtmlPath(p) {
  return /\.x?html?$/i.test(p);
}

/** Every .html file under dir, as sorted paths relative to dir with '/' separators. */
export function listHtml(dir) {
  const out = [];
  const walk = (rel) => {
    const abs = path.join(dir, rel);
    for (const ent of readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(r);
      else if (isHtmlPath(ent.name)) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

export function fileUrl(absPath) {
  return pathToFileURL(absPath).href;
}

/** A URL's page part (no #fragment, no ?query), for use as a key. */
export function pageKey(url) {
  const u = new URL(url);
  u.hash = '';
  u.search = '';
  return u.href;
}

/** Path relative to the site for display, or the URL itself when outside it. */
export function rel(siteDir, url) {
  try {
    const u = new URL(url);
    if (u.protocol !== 'file:') return url;
    const p = path.relative(siteDir, fileURLToPath(u));
    if (p.startsWith('..') || path.isAbsolute(p)) return url;
    return (p.split(path.sep).join('/') || '.') + (u.search || '') + (u.hash || '');
  } catch {
    return url;
  }
}

/**
 * Launch Debian's Chromium through playwright-core. Playwright's launch()
 * already gives the browser a fresh temporary profile
 * (--user-data-dir=<tmp>/playwright_chromiumdev_profile-XXXX, removed on
 * close); we additionally point TMPDIR-like state at a private folder so
 * nothing is shared between runs.
 */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const exe = chromiumPath();
  if (!existsSync(exe)) {
    fail(`${exe} not found: install Debian's chromium (apt-get install chromium chromium-driver) or set CHROMIUM_PATH`);
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'briefing-gates-'));
  const browser = await chromium.launch({
    executablePath: exe,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, HOME: scratch, XDG_CONFIG_HOME: scratch, XDG_CACHE_HOME: scratch },
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    rmSync(scratch, { recursive: true, force: true });
  };
  return browser;
}

/** URL schemes that never leave the machine. */
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'about:']);

export function isLocalUrl(url) {
  try {
    return LOCAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * Watch a browser context for anything that breaks offline use: requests to
 * non-file URLs (recorded, then aborted so nothing leaves the machine),
 * failed requests, console errors, uncaught page errors, WebSockets.
 * Problems are attributed to whichever page is current; call take() after
 * each page to collect them.
 */
export async function guardContext(context) {
  let problems = [];
  const add = (kind, detail) => problems.push({ kind, detail });

  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) return route.continue();
    add('external-request', `${route.request().resourceType()} ${url}`);
    return route.abort('blockedbyclient');
  });

  const watch = (page) => {
    page.on('request', (req) => {
      // Belt and braces: report a non-local request even if routing missed it
      // (take() drops the duplicate when both saw it).
      if (!isLocalUrl(req.url())) add('external-request', `${req.resourceType()} ${req.url()}`);
    });
    page.on('requestfailed', (req) => {
      if (!isLocalUrl(req.url())) return; // reported above as external-request
      add('failed-request', `${req.resourceType()} ${req.url()} (${req.failure()?.errorText ?? 'failed'})`);
    });
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const loc = msg.location();
      const where = loc && loc.url ? ` at ${loc.url}:${loc.lineNumber + 1}` : '';
      add('console-error', `${msg.text()}${where}`);
    });
    page.on('pageerror', (err) => add('page-error', String(err && err.stack ? err.stack.split('\n')[0] : err)));
    page.on('websocket', (ws) => add('external-request', `websocket ${ws.url()}`));
  };
  context.on('page', watch);
  for (const p of context.pages()) watch(p);

  return {
    take() {
      const seen = new Set();
      const out = problems.filter((p) => {
        const k = `${p.kind}\n${p.detail}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      problems = [];
      return out;
    },
  };
}

/** Let deferred scripts and their first timers run after the load event. */
export async function settle(page) {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
  );
}

export function seconds(startMs) {
  return ((Date.now() - startMs) / 1000).toFixed(1);
}
