// Drives Debian's headless Chromium (playwright-core, no browser download) for DashboardBrowserIT.
// Usage: node dashboard.mjs <dashboard URL> <screenshot dir>
// Protocol on stdout (read by the Java test): "READY <json>" once the charts show data -> the test sends a new reading ->
// this script waits until the page shows it without a reload, saves screenshots, prints "OK <json>" (exit 0) or
// "FAIL <reason>" (exit 1). Every wait has a deadline.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [url, shotDir] = process.argv.slice(2);
const CHROMIUM = process.env.KLIMAFLOW_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const WAIT_MS = Number(process.env.KLIMAFLOW_BROWSER_WAIT_MS || 120000);

function fail(reason) {
  console.log('FAIL ' + reason);
  process.exit(1);
}

if (!url || !shotDir) fail('usage: node dashboard.mjs <url> <screenshot dir>');
if (!fs.existsSync(CHROMIUM)) fail(CHROMIUM + ' not found: apt-get install -y chromium (or set KLIMAFLOW_CHROMIUM)');
fs.mkdirSync(shotDir, { recursive: true });
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'klimaflow-chromium-'));
// process.exit (on success and in fail) skips `finally`: remove the profile on exit, or every run leaves one in the temp dir
process.on('exit', () => fs.rmSync(userDataDir, { recursive: true, force: true }));

let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  page.on('requestfailed', (r) => { if (!r.url().includes('/api/stream')) errors.push('request failed: ' + r.url()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push('HTTP ' + r.status() + ' for ' + r.url()); });

  await page.goto(url + '?granularity=hour', { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: WAIT_MS });
  // the stacked sector chart has data and pixels
  await page.waitForFunction(() => {
    const c = window.klimaflow.charts.sectors;
    return c.data.datasets.length > 0 && c.data.datasets.some((d) => d.data.some((v) => v > 0));
  }, null, { timeout: WAIT_MS });
  await page.waitForSelector('#live.on', { timeout: WAIT_MS });
  await page.evaluate(() => {
    window.countPixels = () => {
      const out = {};
      for (const id of ['chart-sectors', 'chart-muni', 'chart-dk2020']) {
        const c = document.getElementById(id), g = c.getContext('2d');
        const px = g.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
        out[id] = n;
      }
      return out;
    };
  });
  // charts animate in and fill as windows arrive: poll until every chart has painted, then report what each painted
  await page.waitForFunction(() => Object.values(window.countPixels()).every((n) => n >= 500), null, { timeout: WAIT_MS })
    .catch(() => {});
  const painted = await page.evaluate(() => window.countPixels());
  for (const [id, n] of Object.entries(painted)) if (n < 500) fail('chart ' + id + ' drew only ' + n + ' pixels');

  const before = await page.evaluate(() => {
    window.__noReload = 'still the same page';
    const sum = window.klimaflow.charts.sectors.data.datasets.reduce((a, d) => a + d.data.reduce((x, y) => x + y, 0), 0);
    return { kpis: ['kpi-today', 'kpi-today-energy', 'kpi-ytd', 'kpi-ytd-energy'].map((id) => document.getElementById(id).textContent),
      chartSum: sum, updates: Number(document.body.dataset.updates || 0) };
  });
  console.log('READY ' + JSON.stringify({ painted, before }));

  await page.waitForFunction((b) => {
    if (window.__noReload !== 'still the same page') return false;
    const kpis = ['kpi-today', 'kpi-today-energy', 'kpi-ytd', 'kpi-ytd-energy'].map((id) => document.getElementById(id).textContent);
    const sum = window.klimaflow.charts.sectors.data.datasets.reduce((a, d) => a + d.data.reduce((x, y) => x + y, 0), 0);
    return Number(document.body.dataset.updates || 0) > b.updates && (kpis.some((k, i) => k !== b.kpis[i]) || Math.abs(sum - b.chartSum) > 1e-9);
  }, before, { timeout: WAIT_MS });
  const after = await page.evaluate(() => ({
    noReload: window.__noReload === 'still the same page',
    kpis: ['kpi-today', 'kpi-today-energy', 'kpi-ytd', 'kpi-ytd-energy'].map((id) => document.getElementById(id).textContent),
    updates: Number(document.body.dataset.updates || 0)
  }));
  // let the health event and the flash settle, then take the pictures: laptop, wall screen, narrow
  await page.waitForFunction(() => document.getElementById('h-in').textContent !== '–', null, { timeout: WAIT_MS });
  await page.evaluate(() => Object.values(window.klimaflow.charts).forEach((c) => { c.options.animation = false; c.update('none'); }));
  const settled = () => !document.querySelector('.flash') && Object.values(window.klimaflow.charts).every((c) =>
    Math.abs(c.width - c.canvas.parentElement.clientWidth) < 2);
  await page.waitForFunction(settled, null, { timeout: WAIT_MS });
  await page.screenshot({ path: path.join(shotDir, 'dashboard.png'), fullPage: true });
  await page.setViewportSize({ width: 2560, height: 1440 });
  await page.waitForFunction(settled, null, { timeout: WAIT_MS });
  await page.screenshot({ path: path.join(shotDir, 'dashboard-wall.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.click('#granularity button[data-v="day"]');
  await page.waitForFunction(() => window.klimaflow.state.granularity === 'day' && window.klimaflow.charts.sectors.data.labels.length > 0
    && window.klimaflow.charts.sectors.data.labels.every((l) => !l.includes(':')), null, { timeout: WAIT_MS });
  await page.waitForFunction(settled, null, { timeout: WAIT_MS });
  await page.screenshot({ path: path.join(shotDir, 'dashboard-laptop-day.png'), fullPage: true });
  // the annual GPC report download: the link follows the chosen year and format and answers with a file
  await page.selectOption('#report-format', 'csv');
  const href = await page.getAttribute('#report-link', 'href');
  const year = await page.inputValue('#report-year');
  if (href !== '/api/report?municipality=0187&year=' + year + '&format=csv') fail('report link is ' + href);
  const download = await page.request.get(new URL(href, url).toString());
  const disposition = download.headers()['content-disposition'] || '';
  const csv = await download.text();
  if (download.status() !== 200 || disposition !== 'attachment; filename="klimaflow-gpc-0187-' + year + '.csv"'
    || !csv.startsWith('municipality,year,gpc_reference,')) fail('report download: ' + download.status() + ' ' + disposition + ' ' + csv.slice(0, 200));
  const report = { href, disposition, lines: csv.trim().split('\n').length };
  if (errors.length) fail(errors.join(' | '));
  console.log('OK ' + JSON.stringify({ before, after, report }));
  await context.close();
  process.exit(0);
} catch (e) {
  if (context) {
    try { await context.pages()[0].screenshot({ path: path.join(shotDir, 'dashboard-failure.png'), fullPage: true }); } catch (ignored) { /* no page */ }
  }
  fail(String(e && e.message || e).split('\n')[0]);
} finally {
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
