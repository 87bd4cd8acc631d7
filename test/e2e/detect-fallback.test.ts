// The fallback painter (for browsers without the CSS Custom Highlight API) in real Chromium:
// the detection and painting modules are bundled and run in a page, boxes must sit on the
// mentioned words, live only inside the extension's shadow host, and follow a resize.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { readPackFromDir } from '../../lib/kb/node-pack';
import { findChromium, serve, ROOT, type Served } from './harness';

const ENTRY = `
import { createDetector } from './lib/detect/detector';
import { extractText } from './lib/detect/extract';
import { createBoxPainter } from './lib/highlight/fallback';
import { rangeSteps } from './lib/highlight/paint';
window.paintWithBoxes = (table) => {
  const index = extractText(document);
  const { mentions } = createDetector(table).detect(index.text, { force: true });
  const painter = createBoxPainter(document, window);
  const steps = rangeSteps(index, mentions, painter);
  let step = steps.next();
  while (!step.done) step = steps.next();
  painter.add(step.value);
  painter.layoutNow();
  window.fallbackPainter = painter;
  return mentions.map((m) => m.text);
};
`;

describe('fallback highlight boxes in Chromium', () => {
  let browser: Browser;
  let server: Served;
  let bundle: string;
  const mini = readPackFromDir(path.join(ROOT, 'test/fixtures/mini-pack'));
  if (!mini.ok) throw new Error(mini.errors.join('\n'));
  const table = compileAliasTable(mini.value);

  beforeAll(async () => {
    const out = await build({
      stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      format: 'iife',
      write: false,
      target: 'chrome120',
    });
    bundle = out.outputFiles[0].text;
    server = await serve([path.join(ROOT, 'test/fixtures/pages')]);
    browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.addInitScript(() => {
      const log: string[] = [];
      (window as unknown as { __pageMutations: string[] }).__pageMutations = log;
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver((records) => {
          for (const r of records) {
            if (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => n.nodeName === 'BACKSTORY-UI')) continue;
            log.push(`${r.type} <${r.target.nodeName}>`);
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    });
    // the bundle only defines a function; loading it before the page keeps the mutation log clean
    await page.addInitScript({ content: bundle });
    await page.goto(`${server.origin}/smoke.html`);
    return page;
  }

  /** For each box: does it overlap the rectangle of some occurrence of a painted word? */
  function boxesOnWords(page: Page, words: string[]) {
    return page.evaluate((list) => {
      const shadow = document.querySelector('backstory-ui')!.shadowRoot!;
      const boxes = Array.from(shadow.querySelectorAll('.box')).map((b) => b.getBoundingClientRect());
      const wordRects: DOMRect[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (const w of list) {
          for (let at = (n as Text).data.indexOf(w); at >= 0; at = (n as Text).data.indexOf(w, at + 1)) {
            const r = document.createRange();
            r.setStart(n, at);
            r.setEnd(n, at + w.length);
            wordRects.push(...Array.from(r.getClientRects()));
          }
        }
      }
      const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return { boxes: boxes.length, onWords: boxes.filter((b) => wordRects.some((w) => overlaps(b, w))).length };
    }, words);
  }

  it('draws boxes on the mentioned words inside the shadow host, leaving the page DOM alone', async () => {
    const page = await open();
    const mentions = await page.evaluate((t) => (window as unknown as { paintWithBoxes(t: unknown): string[] }).paintWithBoxes(t), table);
    expect(mentions).toEqual(expect.arrayContaining(['DeepSeek R1', 'OpenAI', 'Yann LeCun', 'Mark Zuckerberg']));
    const placed = await boxesOnWords(page, mentions);
    expect(placed.boxes).toBeGreaterThanOrEqual(mentions.length);
    expect(placed.onWords).toBe(placed.boxes);
    expect(await page.evaluate(() => document.querySelectorAll('backstory-ui').length)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pageMutations: string[] }).__pageMutations)).toEqual([]);
    await page.screenshot({ path: path.join(ROOT, 'test-results/fallback-boxes.png') }).catch(() => undefined);
    await page.close();
  });

  it('moves the boxes with the text when the layout changes', async () => {
    const page = await open();
    const mentions = await page.evaluate((t) => (window as unknown as { paintWithBoxes(t: unknown): string[] }).paintWithBoxes(t), table);
    await page.setViewportSize({ width: 480, height: 700 });
    // the painter relayouts on resize, in the next animation frame
    await page.waitForTimeout(200);
    const placed = await boxesOnWords(page, mentions);
    expect(placed.boxes).toBeGreaterThan(0);
    expect(placed.onWords).toBe(placed.boxes);
    await page.evaluate(() => (window as unknown as { fallbackPainter: { clear(): void } }).fallbackPainter.clear());
    expect(await page.evaluate(() => document.querySelector('backstory-ui')!.shadowRoot!.querySelectorAll('.box').length)).toBe(0);
    await page.close();
  });

  it("keeps the boxes on their words once a card's stylesheet has joined the host on a scrolled page", async () => {
    const page = await open();
    await page.setViewportSize({ width: 900, height: 260 });
    // room to scroll below the article (the page's own test markup, added before anything is painted)
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { style: 'height: 2000px' })));
    const mentions = await page.evaluate((t) => (window as unknown as { paintWithBoxes(t: unknown): string[] }).paintWithBoxes(t), table);
    await page.evaluate(() => window.scrollTo(0, 200));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(50);
    // what the content script does when the first card opens: the card's CSS goes into the same shadow root
    const cardCss = fs.readFileSync(path.join(ROOT, 'lib/card/card.css'), 'utf8');
    await page.evaluate((css) => {
      const style = document.createElement('style');
      style.textContent = css;
      document.querySelector('backstory-ui')!.shadowRoot!.append(style);
      (window as unknown as { fallbackPainter: { layoutNow(): void } }).fallbackPainter.layoutNow();
    }, cardCss);
    const placed = await boxesOnWords(page, mentions);
    expect(placed.boxes).toBeGreaterThan(0);
    expect(placed.onWords).toBe(placed.boxes);
    await page.close();
  });
});
