// Claims in the real extension: the founding sample's quotes, figures, comparison and tracked links
// in the popup, then a second article that repeats a figure differently and shows the disagreement.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchWithExtension, serve, waitForHighlights, SAMPLES_DIR, type ExtensionBrowser, type Served } from './harness';

async function popupClaims(browser: ExtensionBrowser, page: Page): Promise<Page> {
  const tabId = await browser.tabIdOf(page);
  const popup = await browser.popup(tabId);
  await popup.locator('.page-claims .claim-item').first().waitFor({ timeout: 15_000 });
  const more = popup.getByRole('button', { name: /Show all \d+ claims/ });
  if (await more.count()) await more.click();
  return popup;
}

function claimItem(popup: Page, snippet: string): Locator {
  return popup.locator('.page-claims .claim-item').filter({ hasText: snippet });
}

describe('claims in the popup', () => {
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

  it('shows the founding article’s quotes with speakers, normalised figures, the comparison and tracked links', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.html`);
    await waitForHighlights(page, 5);
    const popup = await popupClaims(browser, page);

    const andreessen = claimItem(popup, 'Andreessen posted on X');
    await expect(andreessen.locator('.claim-badge').textContent()).resolves.toBe('Quote');
    await expect(andreessen.locator('.claim-speaker').textContent()).resolves.toBe('Marc Andreessen');
    await expect(claimItem(popup, 'LeCun wrote that').locator('.claim-speaker').textContent()).resolves.toBe('Yann LeCun');

    // the quotation after "As he put it:" (its own paragraph, after one about Mark “Zuck” Zuckerberg) is his
    await expect(claimItem(popup, 'Llama 4 will become the leading').locator('.claim-speaker').textContent()).resolves.toBe('Mark Zuckerberg');
    const capex = claimItem(popup, '$60-65B in capex');
    await expect(capex.locator('.claim-speaker').textContent()).resolves.toBe('Mark Zuckerberg');
    await expect(capex.locator('.claim-number').allTextContents()).resolves.toContain('$60B–$65B capex');
    await expect(capex.locator('.claim-link.tracked .status-badge').count()).resolves.toBeGreaterThan(0);
    // one claim for the whole quotation: its tracked links include the capex plan among the others it states
    await expect(capex.locator('.claim-link.tracked').filter({ hasText: /\$60.65 billion/ }).count()).resolves.toBeGreaterThan(0);

    const compute = claimItem(popup, 'about 1GW of compute');
    await expect(compute.locator('.claim-speaker').textContent()).resolves.toBe('Mark Zuckerberg');
    const figures = await compute.locator('.claim-number').allTextContents();
    expect(figures).toEqual(expect.arrayContaining(['~1 GW compute', '1.3M+ GPUs']));
    await expect(claimItem(popup, '2GW+ data centre').locator('.claim-number').allTextContents()).resolves.toContain('2 GW+ data centre');

    const matches = claimItem(popup, 'R1 matches OpenAI’s o1');
    await expect(matches.locator('.claim-badge').textContent()).resolves.toBe('Comparison');
    await expect(matches.locator('.claim-link.tracked').count()).resolves.toBeGreaterThan(0);

    // the $5.6M training figure links to what it covered
    const cost = claimItem(popup, 'about $5.6 million');
    await expect(cost.locator('.link-context').first().textContent()).resolves.toMatch(/final training run/);
    await popup.close();
    await page.close();
  });

  it('flags the second article’s figure that differs from what the reader saw before', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-costs.html`);
    await waitForHighlights(page, 3);
    const popup = await popupClaims(browser, page);
    const hardware = claimItem(popup, 'real spend on hardware was about $1.6 billion');
    await expect(hardware.locator('.claim-flag').textContent()).resolves.toBe('Numbers differ');
    const history = hardware.locator('.claim-link.history.disagreement');
    await expect(history.locator('a').textContent()).resolves.toMatch(/Hangzhou lab DeepSeek stuns Silicon Valley/);
    await expect(history.locator('.link-compare').textContent()).resolves.toMatch(/Here: ~\$1\.6B · there: ~\$5\.6M/);
    // the repeat of the $5.6M figure as "about $6 million" agrees within rounding: linked, not flagged
    const repeat = claimItem(popup, 'trained its technology for about $6 million');
    await expect(repeat.locator('.claim-link.history').count()).resolves.toBeGreaterThan(0);
    await expect(repeat.locator('.claim-link.history.disagreement').count()).resolves.toBe(0);
    await popup.close();
    await page.close();
  });
});
