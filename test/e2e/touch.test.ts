// Touch and pen in real Chromium with touch emulation on a 360 px wide phone viewport: a tap on a
// highlighted name opens its card, a tap outside or on the close button closes it, and the card fits.
// (Chromium only: puppeteer's Firefox over BiDi has no touch emulation for a headless window.)
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, serve, waitForHighlights, ROOT, SAMPLES_DIR, type ExtensionBrowser, type Served } from './harness';

const WIDTH = 360;

async function mentionPoint(page: Page, text: string) {
  const p = await page.evaluate((wanted) => {
    for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights) {
      if (!name.startsWith('backstory-') || name === 'backstory-flash') continue;
      for (const r of hl) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        if (range.toString() !== wanted) continue;
        (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' });
        const rect = range.getClientRects()[0];
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, text);
  if (!p) throw new Error(`no painted mention ${text}`);
  return p;
}

const card = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open .card');
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const close = el.querySelector('button.close')?.getBoundingClientRect();
    return {
      name: el.querySelector('.name')?.textContent ?? '',
      left: r.left,
      right: r.right,
      top: r.top,
      bottom: r.bottom,
      close: close ? { x: close.left + close.width / 2, y: close.top + close.height / 2, width: close.width, height: close.height } : null,
    };
  });

describe('touch: a tap opens the card (Chromium, touch emulation, 360 px viewport)', () => {
  let browser: ExtensionBrowser;
  let server: Served;
  let page: Page;

  beforeAll(async () => {
    server = await serve([SAMPLES_DIR]);
    browser = await launchWithExtension({ viewport: { width: WIDTH, height: 740 }, hasTouch: true });
    page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.html`);
    await waitForHighlights(page, 10);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a tap on a name opens its card, which fits the viewport; a tap on the close button closes it', async () => {
    const p = await mentionPoint(page, 'Liang Wenfeng');
    await page.touchscreen.tap(p.x, p.y);
    await page.waitForFunction(() => !!document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open .card .name'), null, { timeout: 5000 });
    // settles (the card fetches its details), then stays: a finger is not a hover that can end
    await page.waitForTimeout(1200);
    const open = await card(page);
    expect(open?.name).toBe('Liang Wenfeng');
    expect(open!.left).toBeGreaterThanOrEqual(0);
    expect(open!.right).toBeLessThanOrEqual(WIDTH);
    await page.screenshot({ path: path.join(ROOT, 'demo-output', 'touch-card-360.png') });
    expect(open!.close).not.toBeNull();
    // a finger-sized target inside the card (a tap on it must not count as a tap outside)
    expect(open!.close!.width).toBeGreaterThanOrEqual(24);
    expect(open!.close!.height).toBeGreaterThanOrEqual(24);
    expect(open!.close!.x).toBeGreaterThan(open!.left);
    expect(open!.close!.x).toBeLessThan(open!.right);
    await page.screenshot({ path: path.join(ROOT, 'demo-output', 'touch-card-head.png'), clip: { x: open!.left, y: open!.top, width: open!.right - open!.left, height: 60 } });
    await page.touchscreen.tap(open!.close!.x, open!.close!.y);
    await expect.poll(() => card(page)).toBeNull();
  });

  it('a tap outside the card closes it', async () => {
    const p = await mentionPoint(page, 'OpenAI');
    await page.touchscreen.tap(p.x, p.y);
    await expect.poll(async () => (await card(page))?.name).toBe('OpenAI');
    const open = (await card(page))!;
    // below the card, or above it: somewhere on the page that is not the card
    const y = open.bottom + 30 < 740 ? open.bottom + 30 : Math.max(5, open.top - 30);
    await page.touchscreen.tap(5, y);
    await expect.poll(() => card(page)).toBeNull();
    expect(await page.evaluate(() => !!document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open'))).toBe(false);
  });

  it('the mouse still opens cards by hovering, and Esc closes them', async () => {
    const p = await mentionPoint(page, 'Liang Wenfeng');
    await page.mouse.move(p.x - 40, p.y - 40);
    await page.mouse.move(p.x, p.y, { steps: 4 });
    await expect.poll(async () => (await card(page))?.name, { timeout: 5000 }).toBe('Liang Wenfeng');
    await page.keyboard.press('Escape');
    await expect.poll(() => card(page)).toBeNull();
  });
});
