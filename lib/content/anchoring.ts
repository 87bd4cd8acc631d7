// Saved annotations in the page: capture a selection (or a mention) as W3C selectors, find saved
// ones again on a revisit, paint them with the `backstory-saved` highlight, and a small editor for
// the note and tags inside Backstory's shadow host. The page's own DOM is never changed.
import { anchorSelectors } from '../anchor/match';
import { offsetsOfRange, rangeSpecAt, type AnchorText } from '../anchor/text';
import type { Anchor, Selector } from '../anchor/types';
import { displayQuote, noteOf, selectorsForText, tagsOf } from '../annotations/model';
import type { SavedAnnotation } from '../annotations/messages';
import { caretFromPoint } from '../card/hit-test';
import type { HighlightFactory, HighlightRegistryLike } from '../highlight/paint';
import type { ReqOf, ResOf, ToContent } from '../messaging/protocol';
import { spanStillThere, type PageSession } from './session';
import type { AskBackground, EditorPanel, NoteEditorUi, NoteEditorView } from './types';

export const SAVED_HIGHLIGHT = 'backstory-saved';
/** The content messages this module answers (the annotator answers the rest). */
export const ANCHORING_MESSAGES = ['saveSelection', 'describeRange', 'annotationsChanged'] as const;
export type AnchoringMessage = (typeof ANCHORING_MESSAGES)[number];

/** Pages that fill in their text late orphan annotations (hypothesis/client#5238): look again after these delays. */
const RETRY_DELAYS = [1500, 5000, 12000];
/** Work per slice before yielding to the page, so a page with many annotations never freezes. */
const SLICE_MS = 12;
/** At most one re-check per this interval while a page keeps adding content. */
const RECHECK_MS = 2000;

export interface AnchoringDeps {
  doc: Document;
  win: Window & typeof globalThis;
  ask: AskBackground;
  /** the page's session (lib/content/session.ts): its page text, its message router, its end */
  session: PageSession;
  /** false while Backstory is paused or off on this site: saved highlights stay hidden (saving still works) */
  enabled: () => boolean;
  highlight: { registry: HighlightRegistryLike; factory: HighlightFactory } | null;
  /** the note editor over the page (entrypoints/content/note-editor-ui.ts) */
  editorUi: NoteEditorUi;
}

export interface PlacedAnnotation {
  saved: SavedAnnotation;
  anchor: Anchor;
  range: AbstractRange;
}

export interface SavedAnnotations {
  /** first look-up and paint; call after the page's first scan */
  start(): Promise<void>;
  /** re-anchors what is not placed yet (new saves, late page text) */
  refresh(): Promise<{ anchored: number; orphans: number }>;
  /**
   * The page scanner saw new content: after a single-page-app navigation start over for the new
   * address; otherwise look again for orphans and for passages whose text nodes were replaced.
   */
  pageUpdated(): void;
  /** The on/off switches changed: paint or clear the saved passages to match `enabled()`. */
  repaint(): void;
  /**
   * Saves a DOM range (the card's mention) and paints it. The editor opens unless `editor: false`
   * (the card shows its own "Saved"; a click on the passage opens the editor later).
   */
  saveRange(
    range: AbstractRange,
    extra?: { entityId?: string; entityName?: string; claim?: { text: string; kind: string } },
    options?: { editor?: boolean },
  ): Promise<SavedAnnotation | null>;
  saveSelection(): Promise<{ saved: boolean; id?: string; message?: string }>;
  placed(): PlacedAnnotation[];
  orphans(): SavedAnnotation[];
  destroy(): void;
}

export function canonicalUrlOf(doc: Document): string | undefined {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]');
  if (!link) return undefined;
  try {
    const url = new URL(link.getAttribute('href')!, doc.baseURI);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function toRange(doc: Document, r: AbstractRange): Range {
  const range = doc.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range;
}

/** Where the saved passages are on the page, and their paint. */
interface Placements {
  placed: Map<string, PlacedAnnotation>;
  orphaned: Map<string, SavedAnnotation>;
  paint(): void;
  /**
   * Anchors one annotation in the text; false when its passage is not there. `strict`: only where
   * the exact quote is in text nodes still unchanged (the scan's article index, which may be older
   * than the page and whose offsets are not the page text's the selectors were made in).
   */
  place(saved: SavedAnnotation, index: AnchorText, strict?: boolean): boolean;
  counts(): { anchored: number; orphans: number };
  /** tells the background what is placed and what is not */
  report(url: string): Promise<void>;
}

function createPlacements(deps: AnchoringDeps): Placements {
  const placed = new Map<string, PlacedAnnotation>();
  const orphaned = new Map<string, SavedAnnotation>();
  return {
    placed,
    orphaned,
    paint() {
      if (!deps.highlight) return;
      const { registry, factory } = deps.highlight;
      if (!deps.enabled() || !placed.size) {
        registry.delete(SAVED_HIGHLIGHT);
        return;
      }
      const highlight = factory.createHighlight([...placed.values()].map((p) => p.range)) as { priority?: number };
      // above the entity highlights where they overlap: the reader's own mark wins
      if (highlight && typeof highlight === 'object' && 'priority' in highlight) highlight.priority = 1;
      registry.set(SAVED_HIGHLIGHT, highlight);
    },
    place(saved, index, strict = false) {
      const anchor = anchorSelectors(index.text, saved.annotation.target.selector, { exactOnly: strict });
      // strict: only the exact quote with its context, in text nodes that still read what the index read
      if (strict && (!anchor || !spanStillThere(index, anchor.start, anchor.end))) return false;
      const spec = anchor && rangeSpecAt(index, anchor.start, anchor.end);
      if (!anchor || !spec) return false;
      const range = deps.highlight ? deps.highlight.factory.createRange(spec) : toRange(deps.doc, spec as unknown as AbstractRange);
      placed.set(saved.annotation.id, { saved, anchor, range });
      orphaned.delete(saved.annotation.id);
      return true;
    },
    counts: () => ({ anchored: placed.size, orphans: orphaned.size }),
    async report(url) {
      await deps.ask('reportAnchoring', { url, anchored: [...placed.keys()], orphans: [...orphaned.keys()] }).catch(() => undefined);
    },
  };
}

/** Places each annotation, one per step: the session's schedule yields to the page between slices. */
function* placeSteps(spots: Placements, todo: SavedAnnotation[], text: AnchorText): Generator<void, void, unknown> {
  for (const s of todo) {
    if (!spots.place(s, text)) spots.orphaned.set(s.annotation.id, s);
    yield;
  }
}

/** Finding the page's saved passages: all of them (refresh), or again the ones not found (refreshOrphans). */
function createReanchoring(deps: AnchoringDeps, spots: Placements) {
  const { session } = deps;
  const { placed, orphaned } = spots;
  let pageUrl = '';

  /** takes the background's list: drops what was deleted elsewhere, keeps edits made elsewhere */
  function reconcile(list: SavedAnnotation[]) {
    const ids = new Set(list.map((s) => s.annotation.id));
    for (const id of [...placed.keys()]) if (!ids.has(id)) placed.delete(id);
    for (const id of [...orphaned.keys()]) if (!ids.has(id)) orphaned.delete(id);
    for (const s of list) {
      const p = placed.get(s.annotation.id);
      if (p) p.saved = s;
    }
  }

  async function refresh(): Promise<{ anchored: number; orphans: number }> {
    if (session.signal.aborted) return spots.counts();
    let list: SavedAnnotation[];
    pageUrl = deps.win.location.href;
    try {
      list = await deps.ask('annotationsForPage', { url: pageUrl, canonicalUrl: canonicalUrlOf(deps.doc) });
    } catch {
      return spots.counts();
    }
    reconcile(list);
    // passages in the article are found in the scan's own index: no walk of the page for them
    const article = session.articleText();
    const todo = list.filter((s) => !placed.has(s.annotation.id) && !(article && spots.place(s, article, true)));
    if (todo.length) {
      try {
        const text = await session.pageText();
        await session.slicer({ budgetMs: SLICE_MS }).run(placeSteps(spots, todo, text), 'anchor');
      } catch {
        return spots.counts(); // the session ended (Cancelled)
      }
    }
    spots.paint();
    if (list.length) await spots.report(deps.win.location.href);
    return spots.counts();
  }

  async function refreshOrphans() {
    const before = orphaned.size;
    const index = await session.pageText().catch(() => null);
    if (!index) return;
    for (const s of [...orphaned.values()]) spots.place(s, index);
    spots.paint();
    if (orphaned.size !== before) await spots.report(deps.win.location.href);
  }

  return { refresh, refreshOrphans, pageUrl: () => pageUrl };
}

/** The note editor over the page (components/NoteEditor.tsx, mounted by the entrypoint). */
function createEditorControl(deps: AnchoringDeps, spots: Placements, refresh: () => Promise<unknown>) {
  let editor: EditorPanel | null = null;
  const rectOf = (range: AbstractRange): DOMRect | null => {
    try {
      return toRange(deps.doc, range).getBoundingClientRect();
    } catch {
      return null;
    }
  };
  const viewOf = ({ annotation }: SavedAnnotation): NoteEditorView => ({
    quote: displayQuote(annotation),
    note: noteOf(annotation),
    tags: tagsOf(annotation).join(', '),
    update: async (note, tags) => {
      const next = await deps.ask('updateAnnotation', { id: annotation.id, note, tags });
      const p = spots.placed.get(annotation.id);
      if (p) p.saved = next;
    },
    remove: async () => {
      const { deleted } = await deps.ask('deleteAnnotations', { ids: [annotation.id] });
      spots.placed.delete(annotation.id);
      spots.paint();
      return async () => {
        await deps.ask('restoreAnnotations', { items: deleted });
        await refresh();
      };
    },
  });
  return {
    open(saved: SavedAnnotation, range: AbstractRange) {
      editor?.close();
      editor = deps.editorUi.open(viewOf(saved), rectOf(range), () => (editor = null));
    },
    showError(message: string, range: AbstractRange) {
      editor?.close();
      editor = deps.editorUi.notice(message, rectOf(range), () => (editor = null));
    },
    close: () => editor?.close(),
  };
}

type EditorControl = ReturnType<typeof createEditorControl>;

/** Saving a range or the selection: selectors over the page text, the background's record, its paint. */
function createSaving(deps: AnchoringDeps, spots: Placements, editor: EditorControl) {
  const { doc, win, session } = deps;

  async function save(
    selectors: Selector[],
    extra: { entityId?: string; entityName?: string; claim?: { text: string; kind: string } } = {},
  ): Promise<SavedAnnotation> {
    const saved = await deps.ask('saveAnnotation', {
      url: win.location.href,
      canonicalUrl: canonicalUrlOf(doc),
      title: doc.title,
      selectors,
      ...extra,
    });
    if (!spots.place(saved, await session.pageText())) spots.orphaned.set(saved.annotation.id, saved);
    spots.paint();
    return saved;
  }

  async function selectorsOf(range: AbstractRange): Promise<Selector[] | null> {
    const index = await session.pageText();
    const offsets = offsetsOfRange(index, toRange(doc, range));
    if (!offsets || !index.text.slice(offsets.start, offsets.end).trim()) return null;
    return selectorsForText(index.text, offsets.start, offsets.end);
  }

  async function saveRange(
    range: AbstractRange,
    extra: Parameters<SavedAnnotations['saveRange']>[1] = {},
    options: { editor?: boolean } = {},
  ) {
    const selectors = await selectorsOf(range);
    if (!selectors) return null;
    const saved = await save(selectors, extra);
    if (options.editor !== false) editor.open(saved, range);
    return saved;
  }

  async function saveSelection(): Promise<{ saved: boolean; id?: string; message?: string }> {
    const selection = win.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount)
      return { saved: false, message: 'Select some text on the page first.' };
    const range = selection.getRangeAt(0);
    const selectors = await selectorsOf(range);
    if (!selectors) return { saved: false, message: 'That selection holds no page text Backstory can find again.' };
    try {
      const saved = await save(selectors);
      editor.open(saved, range);
      return { saved: true, id: saved.annotation.id };
    } catch (err) {
      editor.showError((err as Error).message, range);
      return { saved: false, message: (err as Error).message };
    }
  }

  /** The detector's offsets (extractText) → selectors over the page text, checked against the quote. */
  async function describeRange({
    start,
    end,
    exact,
  }: {
    start: number;
    end: number;
    exact?: string;
  }): Promise<{ selectors: Selector[] } | null> {
    const spec = await session.locateArticleSpan(start, end, exact);
    if (!spec) return null;
    const selectors = await selectorsOf(toRange(doc, spec as unknown as AbstractRange));
    return selectors ? { selectors } : null;
  }

  return { saveRange, saveSelection, describeRange };
}

/** A click on a saved highlight (with nothing selected) opens its editor. */
function clickToEdit(deps: AnchoringDeps, spots: Placements, editor: EditorControl) {
  const { doc, win } = deps;
  return (event: MouseEvent) => {
    if (!spots.placed.size || event.button !== 0 || !deps.enabled()) return;
    const selection = win.getSelection();
    if (selection && !selection.isCollapsed) return;
    const caret = caretFromPoint(doc, event.clientX, event.clientY);
    if (!caret) return;
    for (const p of spots.placed.values()) {
      try {
        const r = toRange(doc, p.range);
        if (r.comparePoint(caret.node, caret.offset) === 0 && !(caret.node === r.endContainer && caret.offset === r.endOffset)) {
          editor.open(p.saved, p.range);
          return;
        }
      } catch {
        // the caret is in a node outside this range's tree (shadow DOM, a removed node)
      }
    }
  };
}

export function createSavedAnnotations(deps: AnchoringDeps): SavedAnnotations {
  const { doc, win } = deps;
  const { session } = deps;
  const spots = createPlacements(deps);
  const { placed, orphaned } = spots;
  const { refresh, refreshOrphans, pageUrl } = createReanchoring(deps, spots);
  const editor = createEditorControl(deps, spots, refresh);
  const saving = createSaving(deps, spots, editor);
  const onClick = clickToEdit(deps, spots, editor);
  const timers: ReturnType<typeof setTimeout>[] = [];
  let started = false;
  let lastRecheck = -Infinity;

  const handlers: { [K in AnchoringMessage]: (payload: ReqOf<ToContent, K>) => Promise<ResOf<ToContent, K>> } = {
    saveSelection: () => saving.saveSelection(),
    describeRange: (payload) => saving.describeRange(payload),
    annotationsChanged: () => refresh(),
  };
  session.handle(handlers);
  doc.addEventListener('click', onClick, true);

  function destroy() {
    doc.removeEventListener('click', onClick, true);
    for (const t of timers) clearTimeout(t);
    editor.close();
    deps.highlight?.registry.delete(SAVED_HIGHLIGHT);
  }
  session.signal.addEventListener('abort', destroy);

  return {
    async start() {
      if (started) return;
      started = true;
      await refresh();
      for (const delay of RETRY_DELAYS) {
        timers.push(
          setTimeout(() => {
            if (orphaned.size && !session.signal.aborted) void refreshOrphans();
          }, delay),
        );
      }
    },
    refresh,
    repaint: () => spots.paint(),
    pageUpdated() {
      if (!started || session.signal.aborted) return;
      if (win.location.href !== pageUrl()) {
        // another article in the same tab: nothing placed on the old one applies
        placed.clear();
        orphaned.clear();
        editor.close();
        spots.paint();
        void refresh();
        return;
      }
      const now = win.performance.now();
      if (now - lastRecheck < RECHECK_MS) return;
      lastRecheck = now;
      // a framework re-rendered the paragraph: the painted range points at detached nodes
      for (const [id, p] of placed) {
        if (!p.range.startContainer.isConnected || !p.range.endContainer.isConnected) {
          placed.delete(id);
          orphaned.set(id, p.saved);
        }
      }
      if (orphaned.size) void refreshOrphans();
    },
    saveRange: saving.saveRange,
    saveSelection: saving.saveSelection,
    placed: () => [...placed.values()],
    orphans: () => [...orphaned.values()],
    destroy,
  };
}
