// The popup's claim actions in the real extension: show a claim on the page, save a claim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, serve, waitForHighlights, SAMPLES_DIR, type ExtensionBrowser, type Served } from './harness';

describe('claim actions in the popup', () => {
  let browser: ExtensionBrowser;
  let server: Served;

  beforeAll(async () => {
    server = await serve([SAMPLES_DIR]);
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('scrolls to and flashes a claim picked in the popup, and saves a claim as an annotation', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.html`);
    await waitForHighlights(page, 5);
    const tabId = await browser.tabIdOf(page);
    const popup = await browser.popup(tabId);
    const claim = popup.locator('.page-claims .claim-item').filter({ hasText: '$60-65B in capex' });
    const more = popup.getByRole('button', { name: /Show all \d+ claims/ });
    await popup.locator('.page-claims .claim-item').first().waitFor({ timeout: 15_000 });
    if (await more.count()) await more.click();

    const scrollBefore = await page.evaluate(() => window.scrollY);
    await claim.locator('.claim-text').click();
    await page.waitForFunction(
      () => ((CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('backstory-flash')?.size ?? 0) > 0,
      undefined,
      { timeout: 5_000 },
    );
    const flashed = await page.evaluate(() => {
      const range = [...(CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('backstory-flash')!][0];
      const r = document.createRange();
      r.setStart(range.startContainer, range.startOffset);
      r.setEnd(range.endContainer, range.endOffset);
      return r.toString();
    });
    expect(flashed).toContain('$60-65B in capex');
    await page.waitForFunction((before) => window.scrollY !== before, scrollBefore, { timeout: 5_000 });

    await claim.getByRole('button', { name: 'Save this claim to Backstory' }).click();
    await claim.getByRole('button', { name: 'Claim saved' }).waitFor();
    const list = await popup.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: {
            runtime: {
              sendMessage(m: unknown): Promise<{
                ok: boolean;
                data: { items: { annotation: { body: unknown[]; target: { selector: { type: string; exact?: string }[] } } }[] };
              }>;
            };
          };
        }
      ).chrome.runtime.sendMessage({ type: 'listAnnotations', payload: {} }),
    );
    expect(list.ok).toBe(true);
    expect(list.data.items).toHaveLength(1);
    const saved = list.data.items[0].annotation;
    expect(saved.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact).toContain('$60-65B in capex');
    expect(saved.body).toEqual(expect.arrayContaining([expect.objectContaining({ purpose: 'classifying', value: 'quote' })]));
    await popup.close();
  });
});
