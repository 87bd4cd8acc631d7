// Malformed messages sent from the extension's own page to the background and to a content script:
// every one gets an error reply, none crashes anything, and web pages cannot reach the extension at all.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, ROOT, SAMPLES_DIR, serve, waitForHighlights, type ExtensionBrowser, type Served } from './harness';
import { openMessenger, type ExtensionMessenger } from './probes';

type Reply = { ok: boolean; error?: string; data?: unknown } | undefined;

describe('hostile messages', () => {
  let browser: ExtensionBrowser;
  let server: Served;
  let messenger: ExtensionMessenger;

  beforeAll(async () => {
    server = await serve([path.join(ROOT, 'test/fixtures/pages'), SAMPLES_DIR]);
    browser = await launchWithExtension();
    messenger = await openMessenger(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the background answers every malformed message with an error and keeps working', async () => {
    const long = 'x'.repeat(20_000);
    const cases: [string, unknown][] = [
      ['null', null],
      ['a string', 'getSettings'],
      ['a number', 42],
      ['an array', [{ type: 'getSettings' }]],
      ['no type', { payload: {} }],
      ['numeric type', { type: 7, payload: {} }],
      ['unknown type', { type: 'deleteEverything', payload: {} }],
      ['inherited property as type', { type: 'toString', payload: {} }],
      ['__proto__ as type', { type: '__proto__', payload: {} }],
      ['constructor as type', { type: 'constructor', payload: {} }],
      ['wrong payload type', { type: 'getTabState', payload: { tabId: 'seven' } }],
      ['payload is a string', { type: 'getEntity', payload: 'openai' }],
      ['oversized id', { type: 'getEntity', payload: { id: long } }],
      ['negative limit', { type: 'listPages', payload: { limit: -1 } }],
      ['out-of-range setting', { type: 'updateSettings', payload: { patch: { hoverDelayMs: 1e9 } } }],
      ['setting of the wrong type', { type: 'updateSettings', payload: { patch: { paused: 'yes' } } }],
      [
        'report without mentions',
        { type: 'reportPage', payload: { url: 'http://x/', title: '', relevance: 1, gated: false, forced: false, text: '' } },
      ],
      [
        'report with a bad mention',
        {
          type: 'reportPage',
          payload: {
            url: 'http://x/',
            title: '',
            relevance: 1,
            gated: false,
            forced: false,
            text: '',
            mentions: [{ start: -5, end: 2, text: 'a', entityId: 'a', name: 'a', type: 'spaceship' }],
          },
        },
      ],
      [
        'report with an oversized title',
        {
          type: 'reportPage',
          payload: { url: 'http://x/', title: long, relevance: 1, gated: false, forced: false, text: '', mentions: [] },
        },
      ],
      ['suppression with a missing host', { type: 'suppressMatch', payload: { entityId: 'openai', text: 'OpenAI' } }],
    ];
    const failures: string[] = [];
    for (const [name, message] of cases) {
      const reply = (await messenger.send(message)) as Reply;
      if (reply?.ok !== false || typeof reply.error !== 'string' || !reply.error.length)
        failures.push(`${name}: ${JSON.stringify(reply)?.slice(0, 200)}`);
      else expect(reply.error.length, `${name}: error message too long to show`).toBeLessThan(300);
    }
    expect(failures).toEqual([]);

    // still serving, and nothing was changed by the rejected messages
    const settings = (await messenger.send({ type: 'getSettings', payload: {} })) as Reply;
    expect(settings?.ok).toBe(true);
    expect((settings?.data as { hoverDelayMs: number; paused: boolean }).paused).toBe(false);
    expect((settings?.data as { hoverDelayMs: number }).hoverDelayMs).toBeLessThanOrEqual(1000);
    const info = (await messenger.send({ type: 'getPackInfo', payload: {} })) as Reply;
    expect(info?.ok).toBe(true);
    expect((info?.data as { entities: number }).entities).toBeGreaterThan(10);
    const pages = (await messenger.send({ type: 'listPages', payload: {} })) as Reply;
    expect(pages?.ok).toBe(true);
    expect((pages?.data as { url: string }[]).filter((p) => p.url === 'http://x/')).toEqual([]);
  });

  it('a content script answers malformed messages with an error and keeps working', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/smoke.html`);
    await waitForHighlights(page, 3);
    const tabId = await browser.tabIdOf(page);
    const toTab = (message: unknown) =>
      messenger.page.evaluate(
        ([id, m]) =>
          (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome.tabs
            .sendMessage(id as number, m)
            .then(
              (r) => r ?? 'no reply',
              (e: Error) => `rejected: ${e.message}`,
            ),
        [tabId, message] as const,
      );
    const cases: unknown[] = [
      null,
      'rescan',
      { type: 'scrollToEntity', payload: { entityId: 42, occurrence: 'first' } },
      { type: 'scrollToEntity', payload: null },
      { type: 'rescan', payload: 'force' },
      { type: 'hasOwnProperty', payload: {} },
    ];
    for (const message of cases) {
      const reply = await toTab(message);
      // no crash: either an error Result, "not mine" (no reply), or a well-formed answer
      const ok =
        reply === 'no reply' ||
        (typeof reply === 'string' && reply.startsWith('rejected')) ||
        (typeof reply === 'object' && reply !== null && 'ok' in reply);
      expect(ok, `reply to ${JSON.stringify(message)}: ${JSON.stringify(reply)}`).toBe(true);
    }
    const state = (await toTab({ type: 'getState', payload: {} })) as Reply;
    expect(state?.ok).toBe(true);
    expect((state?.data as { mentions: number }).mentions).toBeGreaterThan(0);
    await page.close();
  });

  it('a web page cannot message the extension', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/smoke.html`);
    const outcome = await page.evaluate(async (id) => {
      const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } } })
        .chrome?.runtime;
      if (!runtime?.sendMessage) return 'no runtime.sendMessage in the page';
      try {
        return `answered: ${JSON.stringify(await runtime.sendMessage(id, { type: 'getSettings', payload: {} }))}`;
      } catch (err) {
        return `refused: ${(err as Error).message}`;
      }
    }, browser.extensionId);
    expect(outcome).not.toMatch(/^answered/);
    await page.close();
  });
});
