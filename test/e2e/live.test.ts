// Live context and new names in real Chromium, against a fake Wikipedia/Wikidata on 127.0.0.1:
// off by default with no request leaving the extension; turned on in the manager, an enriched card
// with its "as of" time; a new name's card; the same card offline from the IndexedDB cache.
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_USER_AGENT } from '../../lib/live/http';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { startFakeWiki, type FakeWiki } from './fake-wiki-server';
import { launchWithExtension, ROOT, serve, waitForHighlights, type ExtensionBrowser, type Served } from './harness';

const PAGES = path.join(ROOT, 'test/fixtures/discover-labelled/pages');

/** Scrolls the first painted range with this text into view and returns its centre. */
async function pointOn(page: Page, text: string, highlight?: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ([wanted, only]) => {
      for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights) {
        if (only && name !== only) continue;
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
    },
    [text, highlight ?? null] as const,
  );
  if (!point) throw new Error(`"${text}" is not painted${highlight ? ` as ${highlight}` : ''}`);
  return point;
}

async function openCard(page: Page, text: string, highlight?: string) {
  await page.mouse.move(5, 5);
  await page.waitForTimeout(400);
  const p = await pointOn(page, text, highlight);
  await page.mouse.move(p.x - 60, p.y - 40);
  await page.mouse.move(p.x, p.y, { steps: 4 });
  const card = page.locator('backstory-ui .frame.is-open .card');
  await card.waitFor({ timeout: 5000 });
  await expect.poll(() => card.locator('.name').textContent()).toBe(text);
  return card;
}

async function highlightNames(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights) {
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

async function openArticle(browser: ExtensionBrowser, site: Served, { newNames = true } = {}): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${site.origin}/live-article.html`);
  await waitForHighlights(page, 3);
  // discovery runs in an idle slot after the scan
  if (newNames)
    await page.waitForFunction(
      () => ((CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-discovered')?.size ?? 0) > 0,
      null,
      { timeout: 10_000 },
    );
  return page;
}

describe('live context and new names', () => {
  let browser: ExtensionBrowser;
  let site: Served;
  let wiki: FakeWiki;
  const seen: { url: string; from: string }[] = [];

  function from(req: Request): string {
    const worker = req.serviceWorker();
    if (worker) return `service worker ${worker.url()}`;
    try {
      return `frame ${req.frame().url()}`;
    } catch {
      return 'unknown';
    }
  }

  beforeAll(async () => {
    // a newer pack for the manager's "check for pack update": the bundled one plus Calloway Systems
    const bundled = loadPackFromDir();
    const [major, minor, patch] = bundled.version.split('.').map(Number);
    const newer = {
      ...bundled,
      version: `${major}.${minor}.${patch + 1}`,
      entities: [
        ...bundled.entities,
        {
          id: 'calloway-systems',
          type: 'org',
          name: 'Calloway Systems',
          aliases: [{ text: 'Calloway Systems' }],
          description: 'A Paris AI startup (test pack).',
          facts: [],
        },
      ],
    };
    site = await serve([PAGES], {
      '/pack.json': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
        res.end(JSON.stringify(newer));
      },
    });
    wiki = await startFakeWiki();
    browser = await launchWithExtension();
    browser.context.on('request', (req) => seen.push({ url: req.url(), from: from(req) }));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await wiki?.close();
  });

  it('is off by default: cards, new names and the popup work, and no request leaves the extension', async () => {
    const page = await openArticle(browser, site);
    const names = await highlightNames(page);
    expect(names['backstory-org']).toContain('OpenAI');
    expect(new Set(names['backstory-discovered'])).toEqual(new Set(['Calloway Systems', 'Élodie Marchand', 'Marchand', 'Calloway']));

    const card = await openCard(page, 'OpenAI');
    await page.waitForTimeout(800);
    expect(await card.locator('.live').count()).toBe(0);

    const newName = await openCard(page, 'Élodie Marchand', 'backstory-discovered');
    await expect.poll(() => newName.locator('.discovered').count()).toBe(1);
    expect(await newName.locator('.desc').textContent()).toBe('Chief executive, Calloway Systems, as this article describes them.');
    expect(await newName.locator('.discovered-quotes li').first().textContent()).toContain(
      'Élodie Marchand, the chief executive of Calloway Systems',
    );
    expect(await newName.locator('.live').count()).toBe(0);

    const popup = await browser.popup(await browser.tabIdOf(page));
    await popup.getByText('New names').waitFor();
    expect(await popup.locator('.discovered-row .entity-name').allTextContents()).toEqual(['Calloway Systems', 'Élodie Marchand']);
    expect(await popup.getByRole('switch', { name: 'Live context' }).isChecked()).toBe(false);
    await popup.close();
    const manager = await browser.context.newPage();
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#live`);
    await manager.locator('[data-testid=live-switch]').waitFor();
    await manager.close();
    await page.close();

    expect(wiki.requests, 'requests at the fake Wikipedia').toEqual([]);
    const fromExtension = seen.filter((r) => /chrome-extension:/.test(r.from) && /^https?:/.test(r.url));
    expect(fromExtension, 'network requests made by the extension').toEqual([]);
  });

  it('turned on in the manager, a card shows Wikipedia and Wikidata with the time they were fetched', async () => {
    const manager = await browser.context.newPage();
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#live`);
    await manager.locator('input[placeholder="https://en.wikipedia.org"]').fill(wiki.origin);
    await manager.locator('input[placeholder="https://www.wikidata.org"]').fill(wiki.origin);
    await manager.getByRole('button', { name: 'Save endpoints' }).click();
    await manager.locator('.live-settings .section-head [role=status]', { hasText: 'Saved' }).waitFor();
    await manager.locator('[data-testid=live-switch]').click();
    await manager.locator('.live-settings .section-head [role=status]', { hasText: 'Live context is on' }).waitFor();
    expect(await manager.locator('[data-testid=live-switch]').isChecked()).toBe(true);
    await manager.close();

    const page = await openArticle(browser, site);
    const card = await openCard(page, 'OpenAI');
    const live = card.locator('.live');
    await live.locator('.live-desc').waitFor({ timeout: 10_000 });
    expect(await live.locator('.live-desc').textContent()).toBe('Fake-wiki: American artificial intelligence research organisation');
    expect(await live.locator('.live-asof').textContent()).toBe('as of just now');
    expect(await live.locator('.live-facts').textContent()).toContain('Founded11 Dec 2015');
    expect(await live.locator('img.live-thumb').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.close();

    // only the title and the id were asked for, politely identified, with no page address
    expect(wiki.requests).toEqual(
      expect.arrayContaining([
        '/api/rest_v1/page/summary/OpenAI',
        expect.stringMatching(/^\/w\/api\.php\?action=wbgetentities&ids=Q21708200&/),
      ]),
    );
    for (const { path: p, headers } of wiki.headers) {
      expect(p).not.toMatch(/live-article|127\.0\.0\.1/);
      expect(headers['api-user-agent']).toBe(API_USER_AGENT);
      expect(headers.referer).toBeUndefined();
      expect(headers.cookie).toBeUndefined();
    }
  });

  it('a new name is looked up by name; "Add to Backstory" makes it a known person on the next visit', async () => {
    const page = await openArticle(browser, site);
    const card = await openCard(page, 'Élodie Marchand', 'backstory-discovered');
    await card.locator('.live .live-desc').waitFor({ timeout: 10_000 });
    expect(await card.locator('.live .live-desc').textContent()).toBe('Fake-wiki: French computer scientist and entrepreneur');
    expect(await card.locator('.live .live-facts').textContent()).toContain('chief executive officer, Calloway Systems');
    await card.getByRole('button', { name: 'Add to Backstory' }).click();
    await card.getByText('Added to Backstory').waitFor();
    await page.close();

    const again = await openArticle(browser, site);
    const names = await highlightNames(again);
    expect(names['backstory-person']).toEqual(expect.arrayContaining(['Élodie Marchand', 'Marchand']));
    expect(names['backstory-discovered']).not.toContain('Élodie Marchand');

    // dismissed from the popup: unpainted at once, and gone for good
    const popup = await browser.popup(await browser.tabIdOf(again));
    await popup.getByRole('button', { name: 'Dismiss Calloway Systems for good' }).click();
    await popup.getByText('Dismissed').waitFor();
    await popup.close();
    await expect.poll(async () => (await highlightNames(again))['backstory-discovered'] ?? []).toEqual([]);
    await again.reload();
    await waitForHighlights(again, 3);
    await again.waitForTimeout(1500);
    expect((await highlightNames(again))['backstory-discovered'] ?? []).toEqual([]);
    await again.close();
  });

  it('offline, the same card comes from the IndexedDB cache with its "as of" time', async () => {
    await wiki.close();
    const before = wiki.requests.length;
    // the new names were added or dismissed by now
    const page = await openArticle(browser, site, { newNames: false });
    const card = await openCard(page, 'OpenAI');
    const live = card.locator('.live');
    await live.locator('.live-desc').waitFor({ timeout: 10_000 });
    expect(await live.locator('.live-desc').textContent()).toBe('Fake-wiki: American artificial intelligence research organisation');
    expect(await live.locator('.live-asof').textContent()).toMatch(/^as of (just now|\d+ min ago)$/);
    expect(await live.locator('.live-asof').getAttribute('title')).toMatch(/^Fetched /);
    expect(await live.locator('.is-warn').count()).toBe(0);
    // the pack's facts are still there under it
    expect(await card.locator('.facts').count()).toBe(1);
    expect(wiki.requests.length).toBe(before);
    await page.close();
  });

  it('the manager checks a pack address, installs the newer pack, and keeps the reader’s own entity', async () => {
    const manager = await browser.context.newPage();
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html#live`);
    await manager.getByLabel('Pack update address').fill(`${site.origin}/pack.json`);
    await manager.getByRole('button', { name: 'Check for update' }).click();
    const install = manager.getByRole('button', { name: /^Install \d+\.\d+\.\d+$/ });
    await install.waitFor();
    await install.click();
    await manager.locator('.live-settings .section-head [role=status]', { hasText: 'Installed pack' }).waitFor();
    await manager.getByRole('button', { name: 'Check for update' }).click();
    await manager.getByText(/^Up to date: version/).waitFor();
    await manager.close();

    const page = await openArticle(browser, site, { newNames: false });
    const names = await highlightNames(page);
    // the updated pack knows Calloway Systems; the person added from the article is still known
    expect(names['backstory-org']).toContain('Calloway Systems');
    expect(names['backstory-person']).toContain('Élodie Marchand');
    await page.close();
  });
});
