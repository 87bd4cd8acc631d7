// The content script's lazy card UI (lib/content/lazy-ui.ts): the shells hover.ts and anchoring.ts hold
// before the card's code is injected, what they do once it arrives, and that a page where it cannot be
// injected keeps working without a card (and without an error). Also the background's side of the load.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCardUi } from '../../entrypoints/content/card-ui';
import { createBackgroundService } from '../../lib/background/service';
import type { CardProps } from '../../lib/card/types';
import { createUiLoader, lazyContentUi } from '../../lib/content/lazy-ui';
import type { CardSectionDeps, CardUi, ContentUi, EditorPanel, NoteEditorUi, ShowOptions } from '../../lib/content/types';
import { openDatabase } from '../../lib/db/database';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import { handleMessage } from '../../lib/messaging/server';
import type { Settings } from '../../lib/settings';

const anchor = { getBoundingClientRect: () => new DOMRect(10, 10, 40, 12) };
const options: ShowOptions = { theme: 'light', focus: false, announce: 'OpenAI, organisation.' };
const props = (name: string) => ({ mention: { entityId: 'org:openai', name, type: 'organization', text: name } }) as unknown as CardProps;

/** A recording stand-in for entrypoints/card-ui.ts's UI. */
function fakeUi() {
  const calls: string[] = [];
  const frames: (HTMLElement | undefined)[] = [];
  const ui: ContentUi = {
    createCardUi(_doc, _win, frame) {
      frames.push(frame);
      let open = false;
      const card: CardUi = {
        show: (_a, p, o) => {
          open = true;
          calls.push(`show ${p.mention.name} "${o.announce}"`);
        },
        update: (p) => calls.push(`update ${p.mention.name}`),
        announce: (text) => calls.push(`announce ${text}`),
        hide: () => {
          open = false;
          calls.push('hide');
        },
        isOpen: () => open,
        frame: () => frame!,
        containsEvent: () => false,
        containsNode: () => false,
        destroy: () => calls.push('destroy'),
      };
      return card;
    },
    createCardSections: () => ({ section: (id) => `section ${id}` }),
    createNoteEditorUi(): NoteEditorUi {
      const panel = (what: string, closed: () => void): EditorPanel => {
        calls.push(`${what} open`);
        return {
          close: () => {
            calls.push(`${what} closed`);
            closed();
          },
        };
      };
      return {
        open: (view, _rect, closed) => panel(`editor ${view.quote}`, closed),
        notice: (m, _r, closed) => panel(`notice ${m}`, closed),
      };
    },
  };
  return { ui, calls, frames };
}

/** A load the test finishes by hand, counting how often the content script asked for it. */
function manualLoad() {
  let settle: { resolve(ui: ContentUi): void; reject(err: Error): void } | null = null;
  const load = vi.fn(
    () =>
      new Promise<ContentUi>((resolve, reject) => {
        settle = { resolve, reject };
      }),
  );
  return { load, resolve: (ui: ContentUi) => settle!.resolve(ui), reject: (err: Error) => settle!.reject(err) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const sectionDeps = (onChange: () => void): CardSectionDeps => ({
  ask: (() => Promise.reject(new Error('unused'))) as never,
  liveEnabled: () => false,
  discovered: () => undefined,
  onChange,
  onDecided: () => undefined,
});

describe('lazy card UI', () => {
  it('has its frame before the UI loads; a show waits for the UI and shows the latest props in that frame', async () => {
    const { ui, calls, frames } = fakeUi();
    const m = manualLoad();
    const lazy = lazyContentUi(createUiLoader(m.load));
    const card = lazy.createCardUi(document, window);
    const frame = card.frame();
    expect(frame.className).toBe('frame');
    expect(m.load).not.toHaveBeenCalled(); // nothing loads at start-up

    card.show(anchor, props('OpenAI'), options);
    expect(card.isOpen()).toBe(true); // waiting counts as open: the hover code keeps updating it
    card.update(props('OpenAI (loaded)'));
    card.announce('OpenAI: an AI lab.');
    m.resolve(ui);
    await flush();
    expect(calls).toEqual(['show OpenAI (loaded) "OpenAI: an AI lab."']);
    expect(frames).toEqual([frame]);

    card.update(props('OpenAI'));
    card.hide();
    expect(calls.slice(1)).toEqual(['update OpenAI', 'hide']);
    expect(m.load).toHaveBeenCalledTimes(1);
  });

  it('a card closed before its UI arrived does not open afterwards', async () => {
    const { ui, calls } = fakeUi();
    const m = manualLoad();
    const card = lazyContentUi(createUiLoader(m.load)).createCardUi(document, window);
    card.show(anchor, props('OpenAI'), options);
    card.hide();
    expect(card.isOpen()).toBe(false);
    m.resolve(ui);
    await flush();
    expect(calls).toEqual([]);
  });

  it('prefetch loads once for the card, its sections and the editor; sections re-render the card when it arrives', async () => {
    const { ui, calls } = fakeUi();
    const m = manualLoad();
    const lazy = lazyContentUi(createUiLoader(m.load));
    const onChange = vi.fn();
    const sections = lazy.createCardSections(sectionDeps(onChange));
    const editor = lazy.createNoteEditorUi(document, window);
    lazy.prefetch!();
    expect(sections.section('org:openai')).toBeNull();
    const closed = vi.fn();
    editor.open({ quote: 'q', note: '', tags: '', update: async () => undefined, remove: async () => async () => undefined }, null, closed);
    m.resolve(ui);
    await flush();
    expect(m.load).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalled();
    expect(sections.section('org:openai')).toBe('section org:openai');
    expect(calls).toEqual(['editor q open']);
    expect(closed).not.toHaveBeenCalled();
  });

  it('when the UI cannot be injected, nothing opens, nothing throws, the editor reports itself closed, and a later need asks again', async () => {
    const m = manualLoad();
    const lazy = lazyContentUi(createUiLoader(m.load));
    const card = lazy.createCardUi(document, window);
    const editor = lazy.createNoteEditorUi(document, window);
    const errors = vi.spyOn(console, 'error');
    card.show(anchor, props('OpenAI'), options);
    const closed = vi.fn();
    editor.notice('Saved', null, closed);
    m.reject(new Error('Cannot access contents of the page.'));
    await flush();
    expect(card.isOpen()).toBe(false);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();

    const { ui, calls } = fakeUi();
    card.show(anchor, props('OpenAI'), options);
    expect(m.load).toHaveBeenCalledTimes(2);
    m.resolve(ui);
    await flush();
    expect(calls).toEqual(['show OpenAI "OpenAI, organisation."']);
  });

  it('the real card UI adopts the frame the shell made (its listeners were attached at start-up)', () => {
    const frame = document.createElement('div');
    const card = createCardUi(document, window, frame);
    expect(card.frame()).toBe(frame);
    expect(frame.className).toBe('frame');
    card.destroy();
  });
});

describe('loadCardUi in the background', () => {
  const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
  const ME = 'backstory-test-id';
  function service(injectCardUi: (tabId: number, frameId: number) => Promise<void>) {
    let stored: Settings | undefined;
    return createBackgroundService({
      db: openDatabase(`test-lazy-ui-${Math.random()}`),
      pack,
      settingsStore: { get: async () => stored, set: async (v) => void (stored = v) },
      injectCardUi,
    });
  }

  it("injects into the asking tab's own frame", async () => {
    const inject = vi.fn(async () => undefined);
    const s = service(inject);
    const sender = { id: ME, tab: { id: 7, url: 'https://news.example/a' }, frameId: 3 };
    expect(await handleMessage(s.handlers, ME, { type: 'loadCardUi', payload: {} }, sender)).toEqual({ ok: true, data: { ok: true } });
    expect(inject).toHaveBeenCalledWith(7, 3);
  });

  it('answers with an error (not a throw) when the page may not be scripted, or the sender is no tab', async () => {
    const s = service(async () => {
      throw new Error('Cannot access contents of the page.');
    });
    const fromTab = { id: ME, tab: { id: 7, url: 'https://news.example/a' }, frameId: 0 };
    const r = await handleMessage(s.handlers, ME, { type: 'loadCardUi', payload: {} }, fromTab);
    expect(r.ok).toBe(false);
    const fromPopup = await handleMessage(s.handlers, ME, { type: 'loadCardUi', payload: {} }, { id: ME });
    expect(fromPopup.ok).toBe(false);
  });
});
