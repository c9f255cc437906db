// `npm run bench:web`: what the citizen portal's first page costs a phone — JavaScript and CSS
// bytes over the wire (compressed) and the time until the page shows its heading and search box —
// measured in Debian's Chromium against a real server, and whether any staff chunk was loaded.
// Prints the figures and writes them into BENCHMARKS.md between the web markers.
import fs from 'node:fs';
import { launchBrowser } from '../test/browser.ts';
import { startServer } from '../src/server.ts';
import os from 'node:os';
import path from 'node:path';

import { spawnSync } from 'node:child_process';

// Measure what `npm install` / `npm run build` ships: the build with its precompressed assets.
if ((spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }).status ?? 1) !== 0) process.exit(1);
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 15);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-web-'));
const server = await startServer({ config: { port: 0, host: '127.0.0.1', dataDir, jobs: false }, logger: false });
const browser = await launchBrowser();
const results: { ms: number; js: number; css: number; staff: boolean }[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN' });
    const page = await context.newPage();
    let js = 0;
    let css = 0;
    let staff = false;
    page.on('response', async (r) => {
      const url = r.url();
      const len = Number((await r.allHeaders())['content-length'] ?? (await r.body().catch(() => Buffer.alloc(0))).length);
      if (url.endsWith('.js')) js += len;
      if (url.endsWith('.css')) css += len;
      if (/(StaffArea|DeskArea|AdminArea)/.test(url)) staff = true;
    });
    const t0 = Date.now();
    await page.goto(server.url + '/', { waitUntil: 'commit' });
    await page.getByRole('heading', { name: 'Dịch vụ công trực tuyến' }).waitFor();
    await page.getByRole('combobox').waitFor();
    const ms = Date.now() - t0;
    await page.waitForLoadState('networkidle');
    results.push({ ms, js, css, staff });
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
// The first load fills the server's caches; report the warm ones beside it.
const warm = results.slice(1).map((r) => r.ms).sort((a, b) => a - b);
const pct = (p: number) => warm[Math.min(warm.length - 1, Math.floor((p / 100) * warm.length))];
const r0 = results[results.length - 1];
const lines = [
  `- **Command:** \`npm run bench:web\` (${runs} loads of \`/\` in Chromium at 360×780, a fresh browser context each time — nothing cached), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  `- **Bytes over the wire (brotli):** JavaScript ${(r0.js / 1024).toFixed(1)} KiB, CSS ${(r0.css / 1024).toFixed(1)} KiB; staff/desk/admin chunks loaded: ${results.some((r) => r.staff) ? '**yes**' : 'none'}`,
  `- **Time to the heading and search box:** first load ${results[0].ms} ms; then p50 ${pct(50)} ms, p90 ${pct(90)} ms, max ${warm[warm.length - 1]} ms (target: under 1 s)`,
];
console.log(lines.join('\n'));
const file = 'BENCHMARKS.md';
const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
const block = `<!-- BEGIN web -->\n## Web app: the citizen portal's first page\n\n${lines.join('\n')}\n<!-- END web -->`;
fs.writeFileSync(file, /<!-- BEGIN web -->[\s\S]*<!-- END web -->/.test(text) ? text.replace(/<!-- BEGIN web -->[\s\S]*<!-- END web -->/, block) : `${text.trimEnd()}\n\n${block}\n`);
process.exit(0);
