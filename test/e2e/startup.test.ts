// Start-up from the copy in storage.local: a page reads the table and its packed detector there
// (the background keeps them as soon as it starts), and asks the background only for its site's
// part. When the copy is out of date (a custom entity added since), the page takes the newer table
// from the background and rescans: the new name is highlighted all the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, serve, waitForHighlights, SAMPLES_DIR, type ExtensionBrowser, type Served } from './harness';

// Written for this test: an AI news paragraph naming a lab the pack does not know.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Quillmoor</title></head><body><main><article>
<h1>A small lab takes on the frontier</h1>
<p>Quillmoor Labs, a start-up of twelve researchers, says its new language model matches GPT-4o on
several reasoning benchmarks while costing a fraction to train. OpenAI and DeepSeek have both cut
prices this year, and Quillmoor Labs argues that open weights will push them further.</p>
<p>The team trained the model on rented Nvidia GPUs over six weeks. Investors compared the effort with
DeepSeek's R1, which surprised the industry with its low training cost.</p>
</article></main></body></html>`;

const stored = (browser: ExtensionBrowser) =>
  browser.serviceWorker.evaluate(async () => {
    const got = await (
      globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }
    ).chrome.storage.local.get('packedDetector');
    const value = got.packedDetector;
    return typeof value === 'string' ? (JSON.parse(value) as { key: string }).key : null;
  });

describe('start-up from the stored detector', () => {
  let browser: ExtensionBrowser;
  let server: Served;

  beforeAll(async () => {
    server = await serve([SAMPLES_DIR], {
      '/quillmoor.html': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(PAGE);
      },
    });
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('pages start from the stored copy, and a newer table (a custom entity) reaches them', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/deepseek-r1.html`);
    await waitForHighlights(page, 10);
    await expect.poll(() => stored(browser), { timeout: 10_000 }).not.toBeNull();
    const before = await stored(browser);

    const manager = await browser.context.newPage();
    await manager.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const saved = await manager.evaluate(async () => {
      const entity = {
        id: 'quillmoor-labs',
        type: 'org',
        name: 'Quillmoor Labs',
        description: 'A small AI lab (test entity).',
        facts: [],
        relations: [],
        aliases: [{ text: 'Quillmoor Labs', case: 'sensitive', ambiguous: false, shortForm: false }],
      };
      return (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } }
      ).chrome.runtime.sendMessage({ type: 'saveCustomEntity', payload: { entity } });
    });
    expect(saved.ok, saved.error).toBe(true);

    // the stored copy still holds the old table when this page starts: it must learn of the new one
    const next = await browser.context.newPage();
    await next.goto(`${server.origin}/quillmoor.html`);
    await expect
      .poll(
        () =>
          next.evaluate(() => {
            const hl = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('backstory-org');
            return [...(hl ?? [])].filter((r) => r.startContainer.textContent?.slice(r.startOffset, r.endOffset) === 'Quillmoor Labs')
              .length;
          }),
        { timeout: 15_000 },
      )
      .toBe(2);
    // and the background stored the newer table for the pages after it
    expect(await stored(browser)).not.toBe(before);
  });
});
