// The content side of saved annotations in happy-dom, against the real background handlers:
// save the selection → paint → note editor → revisit an edited page → re-anchored; text gone → orphan.
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { createBackgroundService } from '../../lib/background/service';
import { BackstoryDB } from '../../lib/db/database';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { handleMessage } from '../../lib/messaging/server';
import type { Settings } from '../../lib/settings';
import { createSavedAnnotations, SAVED_HIGHLIGHT } from '../../lib/content/anchoring';
import { createPageSession } from '../../lib/content/session';
import type { AskBackground } from '../../lib/content/annotator';
import { extractText } from '../../lib/detect/extract';
import { createNoteEditorUi } from '../../entrypoints/content/note-editor-ui';

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
const ME = 'backstory-test-id';
const URL_ = 'https://news.example/story';

const ARTICLE = `
  <article>
    <h1>Lab releases a model</h1>
    <p>The lab said on Monday that its new model was trained for far less than its rivals spent.</p>
    <p>Analysts were not convinced. <em>Several</em> of them asked for the full accounts before drawing conclusions.</p>
    <p>Investors sold chip stocks anyway, and the sell-off lasted two days.</p>
  </article>`;

function backgroundFor(tabId: number) {
  let stored: Settings | undefined;
  const service = createBackgroundService({
    db: new BackstoryDB(`content-${Math.random()}`),
    pack,
    settingsStore: { get: async () => stored, set: async (v) => void (stored = v) },
  });
  const ask: AskBackground = async (type, payload) => {
    const r = await handleMessage(service.handlers, ME, { type, payload }, { id: ME, tab: { id: tabId, url: URL_ } });
    if (!r.ok) throw new Error(r.error);
    return r.data as never;
  };
  return { service, ask };
}

function pageWith(html: string) {
  const win = new Window({ url: URL_ });
  win.document.body.innerHTML = html;
  const registry = new Map<string, Set<unknown>>();
  const highlight = {
    registry: { set: (name: string, h: unknown) => registry.set(name, h as Set<unknown>), delete: (name: string) => registry.delete(name) },
    factory: {
      createRange: (spec: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }) => {
        const r = win.document.createRange();
        r.setStart(spec.startContainer as never, spec.startOffset);
        r.setEnd(spec.endContainer as never, spec.endOffset);
        return r as unknown as AbstractRange;
      },
      createHighlight: (ranges: AbstractRange[]) => new Set(ranges),
    },
  };
  const listeners: ((m: unknown, s: unknown, r: (x: unknown) => void) => unknown)[] = [];
  const send = (message: unknown) =>
    new Promise((resolve) => listeners.some((l) => l(message, {}, resolve) === true) || resolve(undefined));
  const paintedTexts = () => [...(registry.get(SAVED_HIGHLIGHT) ?? [])].map((r) => (r as Range).toString());
  return { win, doc: win.document as unknown as Document, highlight, listeners, send, paintedTexts };
}

function select(doc: Document, win: Window, text: string) {
  const walker = doc.createTreeWalker(doc.body, 4);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  const all = nodes.map((n) => n.data).join('');
  const start = all.indexOf(text);
  const end = start + text.length;
  const range = doc.createRange();
  let offset = 0;
  for (const n of nodes) {
    if (start >= offset && start < offset + n.data.length) range.setStart(n, start - offset);
    if (end > offset && end <= offset + n.data.length) range.setEnd(n, end - offset);
    offset += n.data.length;
  }
  const selection = win.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range as never);
}

function start(page: ReturnType<typeof pageWith>, ask: AskBackground) {
  const session = createPageSession({
    doc: page.doc,
    win: page.win as never,
    ask,
    ctx: { isValid: true, onInvalidated: () => undefined },
    onMessage: (l) => page.listeners.push(l as never),
  });
  return createSavedAnnotations({
    doc: page.doc,
    win: page.win as never,
    ask: session.ask,
    session,
    enabled: () => true,
    highlight: page.highlight,
    editorUi: createNoteEditorUi(page.doc, page.win as never),
  });
}

describe('saved annotations in the page', () => {
  it('saves the selection, paints it, edits its note, and finds it again on an edited copy', async () => {
    const { ask } = backgroundFor(7);
    const page = pageWith(ARTICLE);
    const saved = start(page, ask);
    await saved.start();
    expect(page.paintedTexts()).toEqual([]);

    const passage = 'Several of them asked for the full accounts';
    select(page.doc, page.win, passage);
    const reply = (await page.send({ type: 'saveSelection', payload: {} })) as { ok: boolean; data: { saved: boolean; id: string } };
    expect(reply).toMatchObject({ ok: true, data: { saved: true } });
    expect(page.paintedTexts()).toEqual([passage]);

    // the editor sits in Backstory's shadow host; the page's own DOM gets nothing else
    const host = page.doc.querySelector('backstory-ui')!;
    const editor = host.shadowRoot!.querySelector('.saved-editor')!;
    expect(editor.getAttribute('role')).toBe('dialog');
    (editor.querySelector('textarea') as HTMLTextAreaElement).value = 'ask for the accounts too';
    (editor.querySelector('input') as HTMLInputElement).value = 'accounts, #costs';
    (editor.querySelector('button.primary') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(host.shadowRoot!.querySelector('.saved-editor')).toBeNull());
    const [stored] = await ask('annotationsForPage', { url: URL_ });
    expect(stored.annotation.body).toEqual([
      { type: 'TextualBody', value: 'ask for the accounts too', purpose: 'commenting', format: 'text/plain' },
      { type: 'TextualBody', value: 'accounts', purpose: 'tagging' },
      { type: 'TextualBody', value: 'costs', purpose: 'tagging' },
    ]);
    expect(stored.annotation.target.selector[0]).toMatchObject({
      exact: passage,
      prefix: expect.stringContaining('not convinced. '),
      suffix: expect.stringMatching(/^ before drawing conclusions\.\s/),
    });

    // revisit: a sentence was added before, and the passage got a typo
    const edited = pageWith(
      ARTICLE.replace('Analysts were not convinced.', 'Update: figures added. Analysts were not convinced.').replace(
        'full accounts',
        'full acounts',
      ),
    );
    const again = start(edited, ask);
    await again.start();
    expect(edited.paintedTexts()).toEqual(['Several of them asked for the full acounts']);
    expect(again.orphans()).toEqual([]);
    expect((await ask('listAnnotations', {})).items[0].status).toBe('anchored');
  });

  it('lists an annotation whose text is gone as an orphan and tells the background', async () => {
    const { ask, service } = backgroundFor(9);
    const page = pageWith(ARTICLE);
    const saved = start(page, ask);
    await saved.start();
    select(page.doc, page.win, 'Investors sold chip stocks anyway');
    await saved.saveSelection();
    const gone = pageWith(ARTICLE.replace(/<p>Investors[^<]*<\/p>/, ''));
    const again = start(gone, ask);
    await again.start();
    expect(gone.paintedTexts()).toEqual([]);
    expect(again.orphans().map((o) => o.annotation.target.selector[0])).toEqual([
      expect.objectContaining({ exact: 'Investors sold chip stocks anyway' }),
    ]);
    const state = await handleMessage(service.handlers, ME, { type: 'pageAnnotations', payload: { tabId: 9 } }, { id: ME });
    expect(state).toMatchObject({ ok: true, data: { total: 1, anchored: 0, orphans: [{ quote: 'Investors sold chip stocks anyway' }] } });
    expect((await ask('listAnnotations', { status: 'orphan' })).total).toBe(1);
  });

  it('describes a detector span (a mention, a claim) with prefix and suffix, and refuses an empty selection', async () => {
    const { ask } = backgroundFor(3);
    const page = pageWith(ARTICLE);
    start(page, ask);
    const text = extractText(page.doc).text;
    const at = text.indexOf('chip stocks');
    const reply = (await page.send({ type: 'describeRange', payload: { start: at, end: at + 11, exact: 'chip stocks' } })) as {
      ok: boolean;
      data: { selectors: unknown[] };
    };
    expect(reply.data.selectors).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: 'chip stocks',
        prefix: expect.stringMatching(/Investors sold $/),
        suffix: expect.stringMatching(/^ anyway/),
      },
      { type: 'TextPositionSelector', start: expect.any(Number), end: expect.any(Number) },
    ]);
    page.win.getSelection()!.removeAllRanges();
    expect(await page.send({ type: 'saveSelection', payload: {} })).toEqual({
      ok: true,
      data: { saved: false, message: 'Select some text on the page first.' },
    });
  });

  it('follows the page: a re-rendered paragraph is found again, another article in the same tab starts over', async () => {
    const { ask } = backgroundFor(5);
    const page = pageWith(ARTICLE);
    const saved = start(page, ask);
    await saved.start();
    select(page.doc, page.win, 'the sell-off lasted two days');
    await saved.saveSelection();
    expect(page.paintedTexts()).toEqual(['the sell-off lasted two days']);

    // a framework replaces the paragraph with an identical new one
    const old = [...page.doc.querySelectorAll('p')].find((p) => p.textContent!.includes('sell-off'))!;
    const fresh = old.cloneNode(true);
    old.replaceWith(fresh);
    saved.pageUpdated();
    await vi.waitFor(() => expect(saved.placed()[0]?.range.startContainer.isConnected).toBe(true));
    expect(page.paintedTexts()).toEqual(['the sell-off lasted two days']);

    // single-page-app navigation to another story: the old highlight goes
    page.win.history.pushState({}, '', '/another-story');
    page.doc.body.innerHTML = '<article><p>A different story about the sell-off lasted two days in March.</p></article>';
    saved.pageUpdated();
    await vi.waitFor(() => expect(page.paintedTexts()).toEqual([]));
    expect(saved.placed()).toEqual([]);
  });
});
