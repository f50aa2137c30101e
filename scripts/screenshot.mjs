// `npm run screenshot`: starts the web shell, opens a view in headless Chromium and saves the picture the
// README shows (docs/screenshot.png). Usage: node scripts/screenshot.mjs [route] [out.png]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const [route = 'kalender', out = 'docs/screenshot.png'] = process.argv.slice(2);
const dataDir = await mkdtemp(join(tmpdir(), 'beratungsraum-shot-'));
// The welcome takes the place of every view on a new laptop; the picture is of the view (`first-run` shows it).
if (route !== 'first-run') await writeFile(join(dataDir, 'first-run.json'), JSON.stringify({ completedAt: new Date().toISOString() }));
const host = spawn(process.execPath, ['out/main/web-shell.js', '--no-open', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  createInterface({ input: host.stdout }).on('line', (line) => line.startsWith('WEB_SHELL_URL=') && resolve(line.slice(14)));
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-background-networking', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(url);
  await page.getByRole('navigation').waitFor();
  await page.evaluate((id) => (globalThis.location.hash = `#/${id}`), route);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
  console.log(`Gespeichert: ${out}`);
} finally {
  await browser.close();
  host.kill('SIGTERM');
}
