#!/usr/bin/env node
// Builds the stand-alone HTML verifier (part of `npm run build`): the verifier in shared/ with the browser's zip reader
// and crypto (verifier-web/), bundled and inlined with its styles into one HTML file that needs nothing installed and
// may make no connection (its Content-Security-Policy allows only its own inline script and styles, by hash).
// The build is reproducible: the same sources give the same bytes, whose SHA-256 is written beside the file.
//   node scripts/build-web-verifier.mjs [--out DIR]   (default out/verifier)
import { createHash } from 'node:crypto';
import console from 'node:console';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const VERIFIER_FILE = 'countersign-verifier.html';
const at = process.argv.indexOf('--out');
const outDir = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : join(root, 'out', 'verifier');

const hashOf = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const bundled = await build({
  absWorkingDir: root,
  entryPoints: ['verifier-web/verifier-page.ts'],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  // Edge and Chrome since 2022, Firefox ESR 115, Safari 16: what a police force's computers may still run.
  target: ['chrome105', 'edge105', 'firefox115', 'safari16'],
  tsconfig: 'tsconfig.base.json',
  minify: true,
  charset: 'ascii',
  legalComments: 'eof',
  logLevel: 'warning',
});
const script = bundled.outputFiles[0].text.trim();
const style = (await readFile(join(root, 'verifier-web', 'verifier.css'), 'utf8')).trim();
// Inline, the script must not end its own <script> element or open an HTML comment.
if (/<\/script|<!--/i.test(script)) throw new Error('the bundled verifier holds "</script" or "<!--"');
const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
// No connect-src, img-src, font-src or form-action: nothing may be fetched, loaded or sent, from anywhere.
const csp = [
  "default-src 'none'",
  `script-src ${hashOf(script)}`,
  `style-src ${hashOf(style)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const template = await readFile(join(root, 'verifier-web', 'verifier.html'), 'utf8');
const html = [
  ['{{CSP}}', csp],
  ['{{VERSION}}', version],
  ['{{STYLE}}', style],
  ['{{SCRIPT}}', script],
].reduce((text, [token, value]) => text.split(token).join(value), template);
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, VERIFIER_FILE), html);
const sha256 = createHash('sha256').update(html, 'utf8').digest('hex');
await writeFile(join(outDir, `${VERIFIER_FILE}.sha256`), `${sha256}  ${VERIFIER_FILE}\n`);
console.log(
  `Built the stand-alone verifier: ${join(outDir, VERIFIER_FILE)} (${html.length} bytes, SHA-256 ${sha256}).`,
);
