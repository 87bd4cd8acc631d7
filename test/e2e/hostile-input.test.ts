// Hostile page text next to real names: markup, script-like strings, javascript: URLs, bidi overrides,
// zero-width characters and a 100 KB word. Cards, the popup and the manager must show all of it as
// inert text: no dialog, no element injected, no markup rendered.
import fs from 'node:fs';
import path from 'node:path';
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, ROOT, waitForHighlights, type ExtensionBrowser } from './harness';
import {
  installMainWorldProbe,
  openMessenger,
  readMainWorldProbe,
  servePages,
  waitForReport,
  watchErrors,
  type ExtensionMessenger,
  type PageServer,
} from './probes';

const FIXTURE = path.join(ROOT, 'test/fixtures/hostile/article.html');
const LONG_WORD = 'Ab'.repeat(50_000); // one 100 KB "word"
const MARKUP = '<img src=x onerror=alert(1)>';
const RLO = '\u202E';

/** Elements that must never appear in extension UI built from page text. */
const DANGEROUS =
  'img[src="x"], script, iframe, object, embed, [onerror], [onmouseover], [onclick], a[href^="javascript:" i], b[onmouseover]';

interface UiReport {
  dangerous: string[];
  text: string;
  /** innermost elements holding an RLO whose bidi is not isolated from the text around them */
  unisolatedBidi: string[];
}

/** Reads an extension UI tree (a shadow root or a document) in the page that shows it. */
async function inspect(page: Page, root: 'shadow' | 'document'): Promise<UiReport> {
  return page.evaluate(
    ([where, dangerous, rlo]) => {
      const scope: ParentNode | null | undefined = where === 'shadow' ? document.querySelector('backstory-ui')?.shadowRoot : document.body;
      if (!scope) return { dangerous: ['(no UI root)'], text: '', unisolatedBidi: [] };
      const found = [...scope.querySelectorAll(dangerous)].map((el) => el.outerHTML.slice(0, 120));
      const all = [...scope.querySelectorAll('*')];
      const unisolated: string[] = [];
      for (const el of all) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.includes(rlo));
        if (!own) continue;
        // The override ends with its bidi paragraph (a block box) or an isolating element (<bdi>, dir=auto,
        // unicode-bidi isolate/plaintext). Harm is only possible when an inline run holding it is followed,
        // in the same block, by the extension's own words.
        let ok = false;
        let outer: Element = el;
        for (let e: Element | null = el; e; e = e.parentElement) {
          const style = getComputedStyle(e);
          if (e.tagName === 'BDI' || e.getAttribute('dir') === 'auto' || /isolate|plaintext/.test(style.unicodeBidi)) ok = true;
          if (ok || style.display !== 'inline') break;
          outer = e;
        }
        if (!ok && getComputedStyle(el).display === 'inline' && outer.parentElement) {
          const after = document.createRange();
          after.setStartAfter(outer);
          after.setEnd(outer.parentElement, outer.parentElement.childNodes.length);
          if (after.toString().trim())
            unisolated.push(
              `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> followed by "${after.toString().trim().slice(0, 40)}"`,
            );
        }
      }
      const text =
        (where === 'shadow' ? [...scope.querySelectorAll('.card')].map((c) => c.textContent).join(' ') : document.body.textContent) ?? '';
      return { dangerous: found, text, unisolatedBidi: unisolated };
    },
    [root, DANGEROUS, RLO] as const,
  );
}

describe('hostile page text', () => {
  let browser: ExtensionBrowser;
  let server: PageServer;
  let messenger: ExtensionMessenger;
  const dialogs: string[] = [];
  const watchDialogs = (page: Page) =>
    page.on('dialog', (d: Dialog) => {
      dialogs.push(`${d.type()}: ${d.message()} on ${page.url()}`);
      void d.dismiss();
    });

  beforeAll(async () => {
    const template = fs.readFileSync(FIXTURE, 'utf8');
    const page = (html: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    };
    // No CSP here: if anything were injected as markup, its handlers would really run and open a dialog.
    server = await servePages(
      null,
      {
        '/hostile.html': page(template.replace('<!--LONG-WORD-->', 'more')),
        '/hostile-long-word.html': page(template.replace('<!--LONG-WORD-->', LONG_WORD)),
      },
      null,
    );
    browser = await launchWithExtension();
    browser.context.on('page', watchDialogs);
    messenger = await openMessenger(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens a hostile page, hovers its names, opens the popup: checks that everything stays text. */
  async function checkPage(file: string, { forceScan = false } = {}) {
    const page = await browser.context.newPage();
    watchDialogs(page);
    await installMainWorldProbe(page);
    const errors = await watchErrors(page, browser.extensionId);
    await page.goto(`${server.origin}/${file}`);
    const tabId = await browser.tabIdOf(page);
    if (forceScan) {
      // what "Scan this page anyway" in the popup sends
      await waitForReport(messenger, tabId, `${server.origin}/${file}`);
      await messenger.page.evaluate(
        (id) =>
          (
            globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }
          ).chrome.tabs.sendMessage(id, { type: 'rescan', payload: { force: true } }),
        tabId,
      );
    }
    const counts = await waitForHighlights(page, 5);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);

    // hover the names whose claims carry the hostile strings: each card shows this page's claims about them
    let cardsSeen = 0;
    const cardText: string[] = [];
    for (const name of ['Yann LeCun', 'Sam Altman', 'Mistral AI', 'OpenAI', 'DeepSeek R1']) {
      const p = await page.evaluate((wanted) => {
        for (const [hlName, hl] of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights) {
          if (!hlName.startsWith('backstory-')) continue;
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
      }, name);
      expect(p, `"${name}" is highlighted`).not.toBeNull();
      await page.mouse.move(p!.x - 60, p!.y - 50);
      await page.mouse.move(p!.x, p!.y, { steps: 3 });
      await page.waitForFunction(
        () =>
          !!document
            .querySelector('backstory-ui')
            ?.shadowRoot?.querySelector('.card[data-status="ready"], .card[data-status="missing"], .card[data-status="error"]'),
        null,
        { timeout: 4000 },
      );
      cardsSeen++;
      const ui = await inspect(page, 'shadow');
      expect(ui.dangerous, `card for ${name}`).toEqual([]);
      expect(ui.unisolatedBidi, `card for ${name}: a right-to-left override in page text reorders the card's own words`).toEqual([]);
      cardText.push(ui.text);
      await page.mouse.move(5, 5, { steps: 2 });
      await page.waitForFunction(() => !document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.frame.is-open'), null, {
        timeout: 3000,
      });
    }
    expect(cardsSeen).toBeGreaterThan(0);
    // a claim quoted from this page appears with its markup as literal characters
    expect(cardText.join('\n')).toMatch(
      /<script>alert\(document\.cookie\)<\/script>|<img src=x onerror=alert\(1\)>|<b onmouseover=alert\(3\)>/,
    );

    const probe = await readMainWorldProbe(page);
    expect(probe.foreignMutations, probe.samples.join('; ')).toBe(0);
    expect(probe.hosts).toBeLessThanOrEqual(1);
    expect(errors.errors).toEqual([]);
    expect(dialogs).toEqual([]);

    // the popup: the page's title and its claims, as text
    const popup = await browser.popup(tabId);
    watchDialogs(popup);
    await popup.locator('.page-title').waitFor();
    await popup.waitForTimeout(500);
    // every claim, not only the first few
    for (const more of await popup.getByRole('button', { name: /show all/i }).all()) await more.click();
    expect(await popup.locator('.page-title').textContent()).toContain(MARKUP);
    const ui = await inspect(popup, 'document');
    expect(ui.dangerous).toEqual([]);
    expect(ui.unisolatedBidi, "a right-to-left override in page text reorders the popup's own words").toEqual([]);
    expect(ui.text).toContain('OpenAI');
    expect(dialogs).toEqual([]);
    await popup.close();
    await page.close();
  }

  it('highlights the real names, changes nothing in the page, and cards and the popup show page text as text', async () => {
    await checkPage('hostile.html');
  });

  it('a 100 KB word in a claim: scanned on request, shown clipped and inert', async () => {
    await checkPage('hostile-long-word.html', { forceScan: true });
  });

  it('saved annotations and notes full of markup stay text in the manager', async () => {
    const saved = (await messenger.send({
      type: 'saveAnnotation',
      payload: {
        url: `${server.origin}/hostile.html`,
        title: `${MARKUP} ${RLO}eltit`,
        exact: `OpenAI ${MARKUP} said`,
        note: `<script>alert(6)</script> javascript:alert(7) ${RLO}eton`,
        tags: ['<b onmouseover=alert(8)>tag</b>'],
      },
    })) as { ok: boolean; error?: string };
    expect(saved.ok, saved.error).toBe(true);
    const manager = await browser.context.newPage();
    watchDialogs(manager);
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await manager.getByText(MARKUP, { exact: false }).first().waitFor({ timeout: 8000 });
    const ui = await inspect(manager, 'document');
    expect(ui.dangerous).toEqual([]);
    expect(ui.text).toContain('<script>alert(6)</script>');
    expect(dialogs).toEqual([]);
    await manager.close();
  });
});
