// Browser test of the web ledger: Debian's chromium driven by playwright-core against a
// real `paike demo`. A villager reports in the simulator, the secretary asks for 台账 and
// gets the link privately, logs in, filters, opens the ticket, sees the photo, the grid leader
// reports it fixed in chat, the secretary confirms (销号) from the page, and the XLSX download's
// cells are read back with unzip.
// Usage: node ledger.test.mjs PATH_TO_PAIKE BEFORE_JPEG AFTER_JPEG
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const paike = process.argv[2];
const jpeg = process.argv[3];
const afterJpeg = process.argv[4];
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const started = Date.now();

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check, what, ms = 15000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting for ' + what);
    await sleep(150);
  }
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const data = mkdtempSync(join(tmpdir(), 'paike-browser-'));
const server = spawn(paike, ['demo', '--port', String(port), '--data', data], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PAIKE_LOG: 'warn' } });
let browser;
let failed = false;
try {
  await waitFor(async () => (await fetch(base + '/healthz').catch(() => null))?.ok, 'paike to start');
  const post = (body) => fetch(base + '/webhook/sim', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const messages = async (group) => (await fetch(`${base}/sim/api/messages?group_id=${encodeURIComponent(group)}`)).json();

  // A villager reports with a photo and words.
  await post({ event_id: 'b1', group_id: 'g-hanjia', user_id: 'sim:handefu', text: '南河桥边垃圾堆了好几天了', image_b64: readFileSync(jpeg).toString('base64') });
  await waitFor(async () => (await messages('g-hanjia')).some((m) => m.text.startsWith('已登记 #1')), 'the ticket to be filed');

  // The secretary asks for the ledger in the group; the link comes privately.
  await post({ event_id: 'b2', group_id: 'g-hanjia', user_id: 'sim:hanjianguo', text: '台账' });
  await waitFor(async () => (await messages('g-hanjia')).some((m) => m.text === '登录链接已私信发给您。'), 'the group answer');
  const dm = await waitFor(async () => (await messages('dm:sim:hanjianguo'))[0], 'the private link');
  const link = dm.text.match(/http\S+\/login\?token=[0-9a-f]{64}/)[0];

  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 390, height: 844 } });  // a phone
  const page = await context.newPage();
  await page.goto(link);
  await page.click('#login');
  await page.waitForURL(base + '/');
  assert.match(await page.textContent('header'), /韩建国/);
  assert.equal(await page.locator('tr.ticket').count(), 1);

  // Filter: a category with nothing, then the right one.
  await page.selectOption('select[name=category]', 'sewage');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/category=sewage/);
  assert.equal(await page.locator('tr.ticket').count(), 0);
  await page.selectOption('select[name=category]', 'household_waste');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/category=household_waste/);
  assert.equal(await page.locator('tr.ticket').count(), 1);

  // Download the XLSX of this filtered list and read its cells back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
  const xlsx = join(data, 'ledger.xlsx');
  await download.saveAs(xlsx);
  const strings = execFileSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml']).toString();
  const sheet = execFileSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml']).toString();
  assert.match(strings, /<t>编号<\/t>/);
  assert.match(strings, /南河桥边垃圾堆了好几天了/);
  assert.match(sheet, /<c r="A2"[^>]*><v>1<\/v><\/c>/);

  // Open the ticket: the before photo is really shown, the map is drawn.
  await page.click('tr.ticket a[href="/tickets/1"] >> nth=0');
  await page.waitForURL(base + '/tickets/1');
  // The image loads lazily (scroll to it), and its display copy is made on the first request
  // (faces pixelated), so give it time to arrive.
  // Polled from here: the page's CSP (no eval) would refuse page.waitForFunction's poller.
  const before = page.locator('figure.photo.before img');
  await before.scrollIntoViewIfNeeded();
  const loaded = await waitFor(() => before.evaluate((img) => img.complete && img.naturalWidth > 0), 'the before photo', 30000)
    .then(() => true, () => false);
  assert.ok(loaded, 'the before photo loads');
  assert.equal(await page.locator('svg.map circle.point, svg.map path.grid.mine').count() >= 1, true);
  assert.equal(await page.textContent('#status'), '整改中');

  // Nothing to confirm before the after-photo: the page offers no 销号 yet.
  assert.equal(await page.locator('#action-confirm').count(), 0);

  // The grid leader reports it fixed in chat, with the after-photo.
  await post({ event_id: 'b3', group_id: 'g-hanjia', user_id: 'sim:zhangguilan', text: '已整改 #1', image_b64: readFileSync(afterJpeg).toString('base64') });
  await waitFor(async () => (await messages('g-hanjia')).some((m) => m.text.startsWith('#1 已整改')), 'the rectified reply');

  // The secretary confirms it from the page; the group hears about it.
  await page.reload();
  assert.equal(await page.textContent('#status'), '待核验');
  await page.click('#action-confirm');
  await page.waitForURL(/done=confirm/);
  assert.equal(await page.textContent('#status'), '已销号');
  assert.match(await page.textContent('.timeline'), /销号/);
  await waitFor(async () => (await messages('g-hanjia')).some((m) => m.text.startsWith('韩建国在台账操作') && m.text.includes('已销号')), 'the close notice');

  // The link was used: opening it again does not log in.
  const again = await browser.newContext();
  const p2 = await again.newPage();
  await p2.goto(link);
  await p2.click('#login');
  assert.match(await p2.textContent('h1'), /链接已失效/);
  console.log(`browser: ledger flow passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log('1 passed, 0 failed');
} catch (e) {
  failed = true;
  console.error(e);
  console.log('0 passed, 1 failed');
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  await sleep(300);
  rmSync(data, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
