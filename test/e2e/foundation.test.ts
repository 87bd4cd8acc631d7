import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { launchWithExtension, serve, waitForHighlights, ROOT, type ExtensionBrowser, type Served } from './harness';

describe('foundation: the built extension in Chromium', () => {
  let browser: ExtensionBrowser;
  let server: Served;

  beforeAll(async () => {
    server = await serve([path.join(ROOT, 'test/fixtures/pages'), path.join(ROOT, 'assets/samples')]);
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('paints highlights without changing the page DOM and lists the entities in the popup', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      // main-world observer, started once the parser is done: records any later mutation of the page DOM
      (window as unknown as { __mutations: number }).__mutations = 0;
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver((records) => {
          (window as unknown as { __mutations: number }).__mutations += records.length;
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    });
    await page.goto(`${server.origin}/smoke.html`);
    const counts = await waitForHighlights(page, 5);
    expect(counts['backstory-model']).toBeGreaterThanOrEqual(2);
    expect(counts['backstory-org']).toBeGreaterThanOrEqual(2);
    expect(counts['backstory-person']).toBeGreaterThanOrEqual(3);
    const mutations = await page.evaluate(() => (window as unknown as { __mutations: number }).__mutations);
    expect(mutations).toBe(0);

    const tabId = await browser.tabIdOf(page);
    const popup = await browser.popup(tabId);
    await popup.locator('[data-entity="deepseek-r1"]').waitFor();
    const ids = await popup.locator('[data-entity]').evaluateAll((els) => els.map((el) => el.getAttribute('data-entity')));
    expect(ids).toEqual(
      expect.arrayContaining([
        'deepseek-r1',
        'deepseek',
        'openai',
        'o1',
        'yann-lecun',
        'mark-zuckerberg',
        'llama-4',
        'high-flyer',
        'marc-andreessen',
        'meta',
      ]),
    );
    await popup.close();
  });
});
