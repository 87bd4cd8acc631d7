// The content side's page session (lib/content/session.ts): one router, one schedule, the text
// indexes walked once, and an end that stops everything the page started.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAnnotator, type AskBackground } from '../../lib/content/annotator';
import { createPageSession, spanStillThere } from '../../lib/content/session';
import type { ContentUi } from '../../lib/content/types';
import { pageText } from '../../lib/anchor/text';
import { createAnnotation, selectorsForText } from '../../lib/annotations/model';
import { Cancelled } from '../../lib/detect/schedule';
import { compileAliasTable } from '../../lib/kb/alias-table';
import { readPackFromDir } from '../../lib/kb/node-pack';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { createCardSections } from '../../entrypoints/content/card-section';
import { createCardUi } from '../../entrypoints/content/card-ui';
import { createNoteEditorUi } from '../../entrypoints/content/note-editor-ui';

const mini = readPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
if (!mini.ok) throw new Error(mini.errors.join('\n'));
const table = compileAliasTable(mini.value);
const ui: ContentUi = { createCardUi, createCardSections, createNoteEditorUi };

// Written for these tests.
const PAGE = `<nav><a href="/">Home</a> <a href="/ai">AI</a></nav>
<main><article><h1>Open models</h1><p>Mark Zuckerberg said Meta would keep Llama open. DeepSeek R1 is an AI model;
OpenAI trains large language models on GPUs for machine learning and AI research.</p>
<p>Élodie Marchand, the chief executive of Calloway Systems, said the startup would publish its weights.</p></article></main>
<aside><p>A sidebar note a reader may save too.</p></aside>`;

function fakeContext() {
  const callbacks: (() => void)[] = [];
  const ctx = { isValid: true, onInvalidated: (cb: () => void) => void callbacks.push(cb) };
  return {
    ctx,
    invalidate() {
      ctx.isValid = false;
      for (const cb of callbacks) cb();
    },
  };
}

type Listener = (message: unknown, sender: unknown, sendResponse: (r: unknown) => void) => true | undefined;

function send(listeners: Listener[], message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    if (!listeners.some((l) => l(message, {}, resolve) === true)) resolve('unanswered');
  });
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('page session', () => {
  it('answers messages through one router until it ends; then asks nothing and stops its slices', async () => {
    document.body.innerHTML = PAGE;
    const { ctx, invalidate } = fakeContext();
    const listeners: Listener[] = [];
    const asked: string[] = [];
    const ask = (async (type: string) => void asked.push(type)) as unknown as AskBackground;
    const session = createPageSession({ ctx, doc: document, win: window as never, ask, onMessage: (l) => listeners.push(l as Listener) });
    session.handle({ ping: () => 'pong' });
    session.handle({ fail: () => Promise.reject(new Error('no')) });
    expect(listeners).toHaveLength(1);
    expect(await send(listeners, { type: 'ping' })).toEqual({ ok: true, data: 'pong' });
    expect(await send(listeners, { type: 'fail' })).toEqual({ ok: false, error: 'no' });
    expect(await send(listeners, { type: 'unknown' })).toBe('unanswered');
    await session.ask('getSettings', {});
    expect(asked).toEqual(['getSettings']);

    // a long piece of work on the session's schedule, stopped by the end of the session
    let steps = 0;
    const work = session.slicer({ budgetMs: 0 }).run(
      (function* () {
        for (;;) {
          steps++;
          yield;
        }
      })(),
    );
    await tick();
    invalidate();
    expect(session.signal.aborted).toBe(true);
    await expect(work).rejects.toBeInstanceOf(Cancelled);
    const after = steps;
    await tick(20);
    expect(steps).toBe(after);
    expect(await send(listeners, { type: 'ping' })).toBe('unanswered');
    await expect(session.ask('getSettings', {})).rejects.toThrow(/updated or turned off/);
    expect(asked).toEqual(['getSettings']);
  });

  it('removes every highlight set through its registry when it ends, and only those', () => {
    const registry = new Map<string, unknown>();
    // a window with the CSS Custom Highlight API (happy-dom has none)
    const win = { CSS: { highlights: registry }, Highlight: class {}, StaticRange: class {} };
    const { ctx, invalidate } = fakeContext();
    const session = createPageSession({
      ctx,
      doc: document,
      win: win as never,
      ask: (async () => undefined) as unknown as AskBackground,
      onMessage: () => undefined,
    });
    registry.set('the-page-own', {});
    session.highlights!.registry.set('backstory-model', session.highlights!.factory.createHighlight([]));
    session.highlights!.registry.set('backstory-saved', {});
    expect([...registry.keys()]).toEqual(['the-page-own', 'backstory-model', 'backstory-saved']);
    invalidate();
    expect([...registry.keys()]).toEqual(['the-page-own']);
  });

  it('walks the page text once for every anchoring step, and again after the page changes', async () => {
    document.body.innerHTML = PAGE;
    const session = createPageSession({
      ctx: fakeContext().ctx,
      doc: document,
      win: window as never,
      ask: (async () => undefined) as unknown as AskBackground,
      onMessage: () => undefined,
    });
    const first = await session.pageText();
    expect(first.text).toBe(pageText(document).text);
    expect(await session.pageText()).toBe(first);
    expect(session.walks().page).toBe(1);
    document.querySelector('aside p')!.append(' Added later.');
    await tick(); // mutation records are delivered as a microtask
    const second = await session.pageText();
    expect(second.text).toContain('Added later.');
    expect(session.walks().page).toBe(2);
  });

  it('the scan’s walk serves the popup’s jumps, describing spans and anchoring passages in the article; one page walk serves the rest', async () => {
    document.body.innerHTML = PAGE;
    const { ctx } = fakeContext();
    const listeners: Listener[] = [];
    const asked: { type: string; payload: Record<string, unknown> }[] = [];
    const sidebar = 'A sidebar note a reader may save too.';
    let savedQuotes = ['would keep Llama open'];
    const ask = (async (type: string, payload: Record<string, unknown>) => {
      asked.push({ type, payload });
      if (type === 'getContentConfig') return { table, settings: DEFAULT_SETTINGS, siteDisabled: false, suppressed: [] };
      if (type === 'reportPage') return { claims: [], discovered: [] };
      if (type === 'annotationsForPage') {
        // passages saved on an earlier visit (in the page text's offsets)
        const text = pageText(document).text;
        return savedQuotes.map((quote) => {
          const at = text.indexOf(quote);
          return {
            annotation: createAnnotation({ url: 'http://localhost/', title: '', selectors: selectorsForText(text, at, at + quote.length) }),
          };
        });
      }
      return {};
    }) as unknown as AskBackground;
    const annotator = await startAnnotator({
      ctx,
      doc: document,
      win: window as never,
      ask,
      onMessage: (l) => listeners.push(l as Listener),
      ui,
    });
    expect(annotator).not.toBeNull();
    const session = annotator!.session;
    const report = asked.find((a) => a.type === 'reportPage')!.payload;
    const text = report.text as string;
    const at = text.indexOf('DeepSeek R1');
    expect(await send(listeners, { type: 'showText', payload: { start: at, end: at + 11, exact: 'DeepSeek R1' } })).toEqual({
      ok: true,
      data: { found: true },
    });
    // a passage in the article is found in the scan's index: the page is not walked for it
    expect(await send(listeners, { type: 'annotationsChanged', payload: {} })).toMatchObject({
      ok: true,
      data: { anchored: 1, orphans: 0 },
    });
    expect(session.walks()).toEqual({ article: 0, page: 0 });
    // one in the sidebar needs the page text, walked once for everything that follows
    savedQuotes = ['would keep Llama open', sidebar, 'the startup would publish its weights'];
    expect(await send(listeners, { type: 'annotationsChanged', payload: {} })).toMatchObject({
      ok: true,
      data: { anchored: 3, orphans: 0 },
    });
    expect(session.walks().page).toBe(1);
    const described = (await send(listeners, { type: 'describeRange', payload: { start: at, end: at + 11, exact: 'DeepSeek R1' } })) as {
      data: { selectors: { type: string; exact?: string }[] };
    };
    expect(described.data.selectors.find((s) => s.type === 'TextQuoteSelector')?.exact).toBe('DeepSeek R1');
    // the article was walked by the scan only, the page once
    expect(session.walks()).toEqual({ article: 0, page: 1 });
  });

  it('uses a kept index only where its text nodes still read what it read', () => {
    document.body.innerHTML = PAGE;
    const index = pageText(document);
    const at = index.text.indexOf('Calloway Systems');
    expect(spanStillThere(index, at, at + 16)).toBe(true);
    const node = index.nodes.find((n) => n.data.includes('Calloway'))!;
    node.data = node.data.replace('Calloway', 'Galloway');
    expect(spanStillThere(index, at, at + 16)).toBe(false);
    const sidebar = index.text.indexOf('A sidebar note');
    expect(spanStillThere(index, sidebar, sidebar + 5)).toBe(true);
    document.querySelector('aside')!.remove();
    expect(spanStillThere(index, sidebar, sidebar + 5)).toBe(false);
  });

  it('asks for new names in the reported text (no second copy of it), and stops the scan, discovery and listeners when it ends', async () => {
    document.body.innerHTML = PAGE;
    const { ctx, invalidate } = fakeContext();
    const listeners: Listener[] = [];
    const asked: { type: string; payload: Record<string, unknown> }[] = [];
    let answerReport: (reply: unknown) => void = () => undefined;
    const ask = (async (type: string, payload: Record<string, unknown>) => {
      asked.push({ type, payload });
      if (type === 'getContentConfig') return { table, settings: DEFAULT_SETTINGS, siteDisabled: false, suppressed: [] };
      if (type === 'reportPage') return new Promise((resolve) => (answerReport = resolve));
      if (type === 'annotationsForPage') return [];
      return {};
    }) as unknown as AskBackground;
    let removed = 0;
    const starting = startAnnotator({
      ctx,
      doc: document,
      win: window as never,
      ask,
      onMessage: (l) => {
        listeners.push(l as Listener);
        ctx.onInvalidated(() => removed++);
      },
      ui,
    });
    while (!asked.some((a) => a.type === 'reportPage')) await tick(5);
    const report = asked.find((a) => a.type === 'reportPage')!.payload;
    expect(report.discover).toBe(true);
    expect((report.text as string).includes('Calloway Systems')).toBe(true);
    // the extension goes away while the background is still looking
    invalidate();
    answerReport({
      claims: [],
      discovered: [{ key: 'calloway systems', name: 'Calloway Systems', type: 'org', spans: [{ start: 0, end: 5 }], evidence: [] }],
    });
    const annotator = await starting;
    expect(annotator!.session.signal.aborted).toBe(true);
    // the late answer paints nothing
    expect(annotator!.discovered()).toEqual([]);
    expect(removed).toBe(1);
    expect(await send(listeners, { type: 'getState', payload: {} })).toBe('unanswered');
    const before = asked.length;
    expect(await annotator!.scan(true)).toEqual([]);
    document.querySelector('article p')!.append(' Sam Altman said OpenAI would answer.');
    await tick(300);
    expect(asked.slice(before)).toEqual([]);
    expect(asked.map((a) => a.type)).not.toContain('discoverOnPage');
  });
});
