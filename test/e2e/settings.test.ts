// Settings reach every open tab: a change made in the manager (or in the popup of another tab) is
// applied in each page within a second, without a reload — pause, the reader's colours, site switches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { highlightCounts, launchWithExtension, serve, waitForHighlights, SAMPLES_DIR, type ExtensionBrowser, type Served } from './harness';

const typeTotal = async (page: Page) => {
  const c = await highlightCounts(page);
  return (c['backstory-model'] ?? 0) + (c['backstory-org'] ?? 0) + (c['backstory-person'] ?? 0);
};

/** Colours of the pixels under the first painted model mention (its underline included). */
async function modelMentionPixels(page: Page): Promise<Buffer> {
  const box = await page.evaluate(() => {
    const hl = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('backstory-model');
    const first = hl && [...hl][0];
    if (!first) return null;
    const range = document.createRange();
    range.setStart(first.startContainer, first.startOffset);
    range.setEnd(first.endContainer, first.endOffset);
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    const r = range.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height + 6 };
  });
  if (!box) throw new Error('no model highlight');
  return page.screenshot({ clip: box, type: 'png' });
}

/** How many pixels of a PNG screenshot are strongly red (the test colour), decoded in the page itself. */
async function redPixels(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const img = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const canvas = new OffscreenCanvas(img.width, img.height);
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, img.width, img.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 200 && data[i + 1] < 60 && data[i + 2] < 60) n++;
    return n;
  }, png.toString('base64'));
}

describe('settings reach every tab', () => {
  let browser: ExtensionBrowser;
  let server: Served;
  let first: Page;
  let second: Page;
  let manager: Page;

  beforeAll(async () => {
    server = await serve([SAMPLES_DIR]);
    browser = await launchWithExtension();
    first = await browser.context.newPage();
    await first.goto(`${server.origin}/deepseek-r1.html`);
    second = await browser.context.newPage();
    await second.goto(`${server.origin}/frontier-race.html`);
    await waitForHighlights(first, 10);
    await waitForHighlights(second, 10);
    manager = await browser.context.newPage();
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#settings`);
    await manager.getByText('Pause Backstory everywhere').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('pausing in the manager clears every tab, and resuming paints them again', async () => {
    const toggle = manager.locator('label.setting-row', { hasText: 'Pause Backstory everywhere' }).locator('input');
    await toggle.check();
    for (const page of [first, second]) {
      await page.waitForFunction(
        () => !(CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-model')?.size,
        null,
        { timeout: 1500 },
      );
    }
    expect(await typeTotal(first)).toBe(0);
    expect(await typeTotal(second)).toBe(0);
    await toggle.uncheck();
    await waitForHighlights(first, 10, 3000);
    await waitForHighlights(second, 10, 3000);
  });

  it("the reader's highlight colour is painted in open pages", async () => {
    expect(await redPixels(manager, await modelMentionPixels(second))).toBe(0);
    await manager.locator('.colour', { hasText: 'AI models' }).locator('input[type=color]').fill('#ff0000');
    await second
      .waitForFunction(
        () =>
          [...document.styleSheets].some((s) =>
            [...s.cssRules].some((r) => r.cssText.includes('backstory-model') && r.cssText.includes('255, 0, 0')),
          ),
        null,
        { timeout: 1500 },
      )
      .catch(() => undefined);
    await second.waitForTimeout(100);
    expect(await redPixels(manager, await modelMentionPixels(second))).toBeGreaterThan(10);
    // back to the default: the red is gone again
    await manager.locator('.colour', { hasText: 'AI models' }).getByRole('button', { name: 'Default' }).click();
    await second.waitForTimeout(500);
    expect(await redPixels(manager, await modelMentionPixels(second))).toBe(0);
  });

  it('a site turned off in the manager goes quiet in its open tab', async () => {
    const host = new URL(server.origin).hostname;
    await manager.getByLabel('Site to turn off').fill(host);
    await manager.getByRole('button', { name: 'Turn off on this site' }).click();
    await first.waitForFunction(
      () => !(CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-model')?.size,
      null,
      { timeout: 1500 },
    );
    await manager.getByRole('button', { name: `Turn Backstory back on for ${host}` }).click();
    await waitForHighlights(first, 10, 3000);
  });

  it('pausing from the popup of one tab reaches the other tab too', async () => {
    const popup = await browser.popup(await browser.tabIdOf(first));
    const pause = popup.getByRole('switch', { name: 'Pause everywhere' });
    await pause.click({ force: true });
    await second.waitForFunction(
      () => !(CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-model')?.size,
      null,
      { timeout: 1500 },
    );
    await pause.click({ force: true });
    await waitForHighlights(second, 10, 3000);
    await popup.close();
  });
});
