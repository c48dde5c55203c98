#!/usr/bin/env node
// Gate 1: HTML validity. Runs the Nu HTML Checker (npm vnu-jar, on the
// machine's Java) over every .html page of the built site; any error fails.
//
//   node html-validate.mjs [SITE_DIR]      (default: public)

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HERE, siteDirFromArg, listHtml, rel, fail, seconds } from './lib.mjs';

const start = Date.now();
const siteDir = siteDirFromArg(process.argv[2]);
const jar = path.join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
if (!existsSync(jar)) fail(`${jar} missing: run \`npm ci --ignore-scripts\` in tests/browser`);

const pages = listHtml(siteDir);
const java = process.env.JAVA || 'java';
const res = spawnSync(
  java,
  [
    '-Xss8m', // deep documents (print.html) need more than the default stack
    '-jar', jar,
    '--errors-only',
    '--skip-non-html',
    '--format', 'json',
    ...pages.map((p) => path.join(siteDir, p)),
  ],
  { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
if (res.error) fail(`could not run ${java}: ${res.error.message}`);

let report;
try {
  report = JSON.parse(res.stderr);
} catch {
  fail(`could not parse the checker's output (exit ${res.status}):\n${res.stderr}${res.stdout}`);
}

const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
for (const m of errors) {
  const where = m.url ? rel(siteDir, m.url.replace(/^file:(?!\/\/)/, 'file://')) : '(checker)';
  const pos = m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? m.lastColumn}` : '';
  const extract = m.extract ? `\n    ${JSON.stringify(m.extract)}` : '';
  console.log(`${where}${pos}: ${m.type === 'error' ? '' : `${m.type}: `}${m.message}${extract}`);
}

const bad = new Set(errors.map((m) => m.url)).size;
if (errors.length || res.status !== 0) {
  console.log(
    `html-validate: FAIL: ${errors.length} error(s) in ${bad} of ${pages.length} page(s) (${seconds(start)} s)`,
  );
  if (!errors.length) console.log(`(checker exited ${res.status} without messages)\n${res.stdout}`);
  process.exit(1);
}
console.log(`html-validate: ok: ${pages.length} page(s), 0 errors (Nu HTML Checker ${report.version}, ${seconds(start)} s)`);
