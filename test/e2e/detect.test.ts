// Detection in real Chromium with the built extension: highlights on an AI article, none on a
// control page, highlights on content added after load, a rescan after single-page-app navigation,
// back-off on a page that never stops changing, and no page DOM changes while doing it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  highlightCounts,
  launchWithExtension,
  serve,
  waitForHighlights,
  ROOT,
  SAMPLES_DIR,
  type ExtensionBrowser,
  type Served,
} from './harness';

const ARTICLE = fs.existsSync(path.join(SAMPLES_DIR, 'deepseek-r1.html')) ? 'deepseek-r1.html' : 'smoke.html';
const CONTROL = fs.existsSync(path.join(SAMPLES_DIR, 'control-nature.html')) ? 'control-nature.html' : null;

/** Texts of the ranges in every Backstory highlight, read in the page. */
function highlightedTexts(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights) {
      out[name] = [...hl].map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString();
      });
    }
    return out;
  });
}

/** Resolves once the content script has marked `count` scans as painted (performance marks are shared with the page). */
function waitForScans(page: Page, count: number, timeout = 15_000): Promise<unknown> {
  return page.waitForFunction((n) => performance.getEntriesByName('backstory:annotated').length >= n, count, { timeout });
}

function recordMutations(page: Page): Promise<unknown> {
  return page.addInitScript(() => {
    const w = window as unknown as { __mutations: number; __mutationLog: string[] };
    w.__mutations = 0;
    w.__mutationLog = [];
    document.addEventListener('DOMContentLoaded', () => {
      new MutationObserver((records) => {
        w.__mutations += records.length;
        // the extension's one shadow host (hover cards) is its own node, not the page's
        for (const r of records) {
          if (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => n.nodeName === 'BACKSTORY-UI')) continue;
          w.__mutationLog.push(
            `${r.type} on <${(r.target as Element).nodeName}> +${Array.from(r.addedNodes)
              .map((n) => n.nodeName)
              .join(',')} ${r.attributeName ?? ''}`,
          );
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  });
}

describe('detection in Chromium', () => {
  let browser: ExtensionBrowser;
  let server: Served;

  beforeAll(async () => {
    server = await serve([SAMPLES_DIR, path.join(ROOT, 'test/fixtures/pages')]);
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`highlights the sample article (${ARTICLE}) without touching its DOM`, async () => {
    const page = await browser.context.newPage();
    await recordMutations(page);
    await page.goto(`${server.origin}/${ARTICLE}`);
    await waitForScans(page, 1);
    const counts = await highlightCounts(page);
    const texts = await highlightedTexts(page);
    expect(counts['backstory-model']).toBeGreaterThanOrEqual(3);
    expect(counts['backstory-org']).toBeGreaterThanOrEqual(3);
    expect(counts['backstory-person']).toBeGreaterThanOrEqual(2);
    expect(texts['backstory-org']).toContain('DeepSeek');
    expect(texts['backstory-model'].some((t) => /^DeepSeek[- ]R1$/.test(t))).toBe(true);
    // every form the founding article gives Zuckerberg: the nickname inside his name, then the nickname alone
    if (ARTICLE === 'deepseek-r1.html')
      expect(texts['backstory-person']).toEqual(expect.arrayContaining(['Mark “Zuck” Zuckerberg', 'Zuck']));
    // the site's navigation and footer are not scanned
    const inChrome = await page.evaluate(() => {
      let n = 0;
      for (const [, hl] of (CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights) {
        for (const r of hl) if (r.startContainer.parentElement?.closest('nav, header, footer, aside')) n++;
      }
      return n;
    });
    expect(inChrome).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __mutationLog: string[] }).__mutationLog)).toEqual([]);
    await page.close();
  });

  it.runIf(CONTROL)('stays quiet on the control page (not about AI)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/${CONTROL}`);
    await waitForScans(page, 1);
    const counts = await highlightCounts(page);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    const detail = await page.evaluate(() => (performance.getEntriesByName('backstory:annotated')[0] as PerformanceMark).detail);
    expect(detail).toMatchObject({ mentions: 0, gated: true });
    await page.close();
  });

  it('highlights content added after load, and only scans the added part', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/dynamic.html`);
    await waitForHighlights(page, 4);
    const before = await highlightedTexts(page);
    expect(before['backstory-person']).toEqual(['Dario Amodei']);
    await page.evaluate(() =>
      (window as unknown as { appendEntry(h: string): void }).appendEntry(
        '<b>Update:</b> Google DeepMind released Gemini 2.5 Pro, and Demis Hassabis called it the lab’s best model.',
      ),
    );
    await page.waitForFunction(
      () => {
        const hl = (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-person');
        return (hl?.size ?? 0) >= 2;
      },
      undefined,
      { timeout: 10_000 },
    );
    const after = await highlightedTexts(page);
    expect(after['backstory-person']).toEqual(expect.arrayContaining(['Dario Amodei', 'Demis Hassabis']));
    expect(after['backstory-model']).toEqual(expect.arrayContaining(['Gemini 2.5 Pro']));
    expect(after['backstory-org']).toEqual(expect.arrayContaining(['OpenAI', 'Anthropic', 'Google DeepMind']));
    // earlier highlights stay; nothing is painted twice
    expect(after['backstory-org'].filter((t) => t === 'OpenAI')).toHaveLength(before['backstory-org'].filter((t) => t === 'OpenAI').length);
    // one full scan at load; the addition came as a batch holding only its own three names
    const scans = await page.evaluate(() => ({
      full: performance.getEntriesByName('backstory:scan-start').length,
      last: (performance.getEntriesByName('backstory:annotated').at(-1) as PerformanceMark).detail as { added?: number },
    }));
    expect(scans.full).toBe(1);
    expect(scans.last.added).toBe(3);
    await page.close();
  });

  it('rescans after a single-page-app navigation (pushState + content swap)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/dynamic.html`);
    await waitForHighlights(page, 4);
    await page.evaluate(() =>
      (window as unknown as { navigateTo(p: string, t: string, ps: string[]): void }).navigateTo('/story/2', 'Meta bets on open models', [
        'Mark Zuckerberg said Meta would keep releasing Llama models with open weights, even as rivals kept their best AI systems closed.',
        'Yann LeCun, the company’s chief AI scientist, argued that open-source AI is safer because more researchers can inspect it.',
      ]),
    );
    await page.waitForFunction(
      () => {
        const person = (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-person');
        return (person?.size ?? 0) >= 2;
      },
      undefined,
      { timeout: 10_000 },
    );
    const texts = await highlightedTexts(page);
    expect(texts['backstory-person']).toEqual(expect.arrayContaining(['Mark Zuckerberg', 'Yann LeCun']));
    expect(texts['backstory-person']).not.toContain('Dario Amodei');
    expect(texts['backstory-org'] ?? []).not.toContain('OpenAI');
    expect(page.url()).toMatch(/\/story\/2$/);
    await page.close();
  });

  it('backs off on a page that never stops changing and says so in its report', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/dynamic.html`);
    await waitForHighlights(page, 4);
    await page.evaluate(() => (window as unknown as { churn(): void }).churn());
    const tabId = await browser.tabIdOf(page);
    const popup = await browser.popup(tabId);
    // more than 40 rewrite-only batches within 15 s, at one batch per ~120 ms: about 5 s of churn
    const backedOff = async () => {
      const reply = await popup.evaluate(
        (id) =>
          (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
            type: 'getTabState',
            payload: { tabId: id },
          }) as Promise<{
            ok: boolean;
            data: { backedOff: boolean } | null;
          }>,
        tabId,
      );
      return reply.ok && reply.data?.backedOff === true;
    };
    const deadline = Date.now() + 30_000;
    while (!(await backedOff()) && Date.now() < deadline) await popup.waitForTimeout(500);
    expect(await backedOff()).toBe(true);
    // after backing off, added content is left alone
    await page.evaluate(() =>
      (window as unknown as { appendEntry(h: string): void }).appendEntry('Sam Altman said OpenAI would open a new office.'),
    );
    await page.waitForTimeout(800);
    const texts = await highlightedTexts(page);
    expect(texts['backstory-person'] ?? []).not.toContain('Sam Altman');
    await popup.close();
    await page.close();
  });
});
