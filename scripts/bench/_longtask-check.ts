// Check (not a bench module): does the Long Tasks API, or the Long Animation Frames API, observed in
// the page's world see 120 ms of work done in an isolated world (a content script's), before and
// after scheduler.yield() and other continuations? Here: only the plain task is seen.
import http from 'node:http';
import { chromium } from 'playwright-core';
const server = http.createServer((_q, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><p>hello</p>');
});
await new Promise<void>((r) => server.listen(0, r));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const page = await browser.newPage();
await page.addInitScript(
  `window.__lt = []; window.__loaf = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true }); new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__loaf.push([Math.round(e.startTime), Math.round(e.duration), Math.round(e.blockingDuration)]); }).observe({ type: 'long-animation-frame', buffered: true });`,
);
await page.goto(`http://localhost:${port}/`);
const cdp = await page.context().newCDPSession(page);
const { frameTree } = await cdp.send('Page.getFrameTree');
const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'iso' });
const busy = 'const busy = (ms) => { const t = performance.now(); while (performance.now() - t < ms); };';
const cases: Record<string, string> = {
  'isolated, plain task': `${busy} setTimeout(() => busy(120), 0); 0`,
  'isolated, after scheduler.yield': `${busy} (async () => { await scheduler.yield(); busy(120); })(); 0`,
  'isolated, after await of a resolved promise': `${busy} (async () => { await Promise.resolve(); await new Promise((r) => setTimeout(r, 0)); busy(120); })(); 0`,
  'isolated, after a MessageChannel round trip': `${busy} (async () => { const c = new MessageChannel(); await new Promise((r) => { c.port1.onmessage = r; c.port2.postMessage(0); }); busy(120); })(); 0`,
};
for (const [name, code] of Object.entries(cases)) {
  await page.evaluate(() => {
    (window as any).__lt = [];
    (window as any).__loaf = [];
  });
  const t0 = await page.evaluate(() => performance.now());
  await cdp.send('Runtime.evaluate', { expression: code, contextId: executionContextId });
  await page.waitForTimeout(600);
  const seen = (await page.evaluate(() => (window as any).__lt)) as [number, number][];
  console.log(
    name.padEnd(48),
    'long tasks seen:',
    JSON.stringify(seen.filter(([s]) => s >= t0 - 5)),
    'LoAF:',
    JSON.stringify(await page.evaluate(() => (window as any).__loaf)),
  );
}
const main = `${busy} (async () => { await scheduler.yield(); busy(120); })(); 0`;
await page.evaluate(() => {
  (window as any).__lt = [];
  (window as any).__loaf = [];
});
await page.evaluate(main);
await page.waitForTimeout(600);
console.log(
  'main world, after scheduler.yield'.padEnd(48),
  'long tasks seen:',
  JSON.stringify(await page.evaluate(() => (window as any).__lt)),
  'LoAF:',
  JSON.stringify(await page.evaluate(() => (window as any).__loaf)),
);
await browser.close();
server.close();
