// Page weight of the web UI: for each page, the JavaScript the browser loads before the page can
// show (the entry, the page's own chunk and every chunk they import statically), gzipped. Reads the
// built files in web/dist; prints a Markdown table, then "max_kb=N" (KB of 1024 bytes) for
// scripts/bench's target.
// Usage: node bench/web-weight.mjs [web/dist]
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'web/dist';
const assets = path.join(dist, 'assets');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const entry = /<script[^>]+src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
if (!entry) throw new Error(`no entry script in ${dist}/index.html`);

const files = new Map(readdirSync(assets).filter((name) => name.endsWith('.js')).map((name) => [name, readFileSync(path.join(assets, name), 'utf8')]));
const staticImports = (name) => [...(files.get(name) ?? "").matchAll(/(?:from\s*|import\s*)["`]\.\/([^"`]+\.js)["`]/g)].map((match) => match[1]);
const dynamicImports = (name) => [...(files.get(name) ?? "").matchAll(/import\(\s*[`"]\.\/([^`"]+\.js)[`"]\s*\)/g)].map((match) => match[1]);
const gzipped = (name) => gzipSync(files.get(name) ?? '', { level: 9 }).length;

function closure(start) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || !files.has(name)) return;
    seen.add(name);
    for (const next of staticImports(name)) visit(next);
  };
  for (const name of start) visit(name);
  return seen;
}

const base = closure([entry]);
// Pages built into the entry (redirects, the in-app 404) load only the entry's closure; every
// lazily loaded page (a dynamic import of the entry, named after its route file) adds its own.
const pages = [['entry only (redirects, in-app 404)', base]];
for (const chunk of new Set(dynamicImports(entry))) {
  const page = chunk.replace(/-[\w-]{8}\.js$/, '');
  pages.push([page, closure([entry, chunk])]);
}

// KB of 1024 bytes (the unit of issue 19's budget: its "112 KB" login page measures 110.9 here),
// with kB of 1000 bytes (Vite's unit) beside it.
const kib = (bytes) => (bytes / 1024).toFixed(1);
const kb = (bytes) => (bytes / 1000).toFixed(1);
let max = 0;
console.log('| page | JS files | JS gzip KB (1024) | JS gzip kB (1000) |');
console.log('|---|---:|---:|---:|');
for (const [page, set] of pages) {
  const total = [...set].reduce((sum, name) => sum + gzipped(name), 0);
  max = Math.max(max, total);
  console.log(`| ${page} | ${set.size} | ${kib(total)} | ${kb(total)} |`);
}
console.log(`max_kb=${kib(max)}`);
