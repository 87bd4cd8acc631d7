// Saved annotations in the page: capture a selection (or a mention) as W3C selectors, find saved
// ones again on a revisit, paint them with the `backstory-saved` highlight, and a small editor for
// the note and tags inside Backstory's shadow host. The page's own DOM is never changed.
import { anchorSelectors } from '../anchor/match';
import { offsetsOfRange, pageText, rangeSpecAt, type AnchorText } from '../anchor/text';
import type { Anchor, Selector } from '../anchor/types';
import { displayQuote, noteOf, parseTagInput, selectorsForText, tagsOf, type WebAnnotation } from '../annotations/model';
import type { SavedAnnotation } from '../annotations/messages';
import { caretFromPoint } from '../card/hit-test';
import { extractText } from '../detect/extract';
import { locateSpan } from './locate';
import { getUiHost } from '../highlight/host';
import type { HighlightFactory, HighlightRegistryLike } from '../highlight/paint';
import type { ReqOf, ResOf, Result, ToContent } from '../messaging/protocol';
import type { AskBackground, ContextLike } from './types';

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
  ctx: ContextLike;
  onMessage: (listener: (message: unknown, sender: unknown, sendResponse: (r: Result<unknown>) => void) => true | undefined) => void;
  /** false while Backstory is paused or off on this site: saved highlights stay hidden (saving still works) */
  enabled: () => boolean;
  highlight: { registry: HighlightRegistryLike; factory: HighlightFactory } | null;
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

export function createSavedAnnotations(deps: AnchoringDeps): SavedAnnotations {
  const { doc, win, ask } = deps;
  const placed = new Map<string, PlacedAnnotation>();
  const orphaned = new Map<string, SavedAnnotation>();
  const timers: ReturnType<typeof setTimeout>[] = [];
  let editor: Editor | null = null;
  let started = false;
  let pageUrl = '';
  let lastRecheck = -Infinity;

  const url = () => win.location.href;

  function paint() {
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
  }

  function place(saved: SavedAnnotation, index: AnchorText): boolean {
    const anchor = anchorSelectors(index.text, saved.annotation.target.selector);
    const spec = anchor && rangeSpecAt(index, anchor.start, anchor.end);
    if (!anchor || !spec) return false;
    const range = deps.highlight ? deps.highlight.factory.createRange(spec) : toRange(doc, spec as unknown as AbstractRange);
    placed.set(saved.annotation.id, { saved, anchor, range });
    orphaned.delete(saved.annotation.id);
    return true;
  }

  const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

  async function refresh(): Promise<{ anchored: number; orphans: number }> {
    if (!deps.ctx.isValid) return { anchored: placed.size, orphans: orphaned.size };
    let list: SavedAnnotation[];
    pageUrl = url();
    try {
      list = await ask('annotationsForPage', { url: pageUrl, canonicalUrl: canonicalUrlOf(doc) });
    } catch {
      return { anchored: placed.size, orphans: orphaned.size };
    }
    const ids = new Set(list.map((s) => s.annotation.id));
    // deleted elsewhere (the manager): unpaint
    for (const id of [...placed.keys()]) if (!ids.has(id)) placed.delete(id);
    for (const id of [...orphaned.keys()]) if (!ids.has(id)) orphaned.delete(id);
    // edited elsewhere: keep the placement, take the new note/tags
    for (const s of list) {
      const p = placed.get(s.annotation.id);
      if (p) p.saved = s;
    }
    const todo = list.filter((s) => !placed.has(s.annotation.id));
    if (todo.length) {
      const text = pageText(doc);
      let sliceStart = win.performance.now();
      for (const s of todo) {
        if (!place(s, text)) orphaned.set(s.annotation.id, s);
        if (win.performance.now() - sliceStart > SLICE_MS) {
          await yieldToPage();
          if (!deps.ctx.isValid) return { anchored: placed.size, orphans: orphaned.size };
          sliceStart = win.performance.now();
        }
      }
    }
    paint();
    if (list.length) {
      await ask('reportAnchoring', { url: url(), anchored: [...placed.keys()], orphans: [...orphaned.keys()] }).catch(() => undefined);
    }
    return { anchored: placed.size, orphans: orphaned.size };
  }

  async function save(selectors: Selector[], extra: { entityId?: string; entityName?: string; claim?: { text: string; kind: string } } = {}): Promise<SavedAnnotation> {
    const saved = await ask('saveAnnotation', { url: url(), canonicalUrl: canonicalUrlOf(doc), title: doc.title, selectors, ...extra });
    if (!place(saved, pageText(doc))) orphaned.set(saved.annotation.id, saved);
    paint();
    return saved;
  }

  function selectorsOf(range: AbstractRange): Selector[] | null {
    const index = pageText(doc);
    const offsets = offsetsOfRange(index, toRange(doc, range));
    if (!offsets || !index.text.slice(offsets.start, offsets.end).trim()) return null;
    return selectorsForText(index.text, offsets.start, offsets.end);
  }

  async function saveRange(range: AbstractRange, extra: Parameters<SavedAnnotations['saveRange']>[1] = {}, options: { editor?: boolean } = {}) {
    const selectors = selectorsOf(range);
    if (!selectors) return null;
    const saved = await save(selectors, extra);
    if (options.editor !== false) openEditor(saved, range);
    return saved;
  }

  async function saveSelection(): Promise<{ saved: boolean; id?: string; message?: string }> {
    const selection = win.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return { saved: false, message: 'Select some text on the page first.' };
    const range = selection.getRangeAt(0);
    const selectors = selectorsOf(range);
    if (!selectors) return { saved: false, message: 'That selection holds no page text Backstory can find again.' };
    try {
      const saved = await save(selectors);
      openEditor(saved, range);
      return { saved: true, id: saved.annotation.id };
    } catch (err) {
      showError((err as Error).message, range);
      return { saved: false, message: (err as Error).message };
    }
  }

  /** The detector's offsets (extractText) → selectors over the page text, checked against the quote. */
  function describeRange({ start, end, exact }: { start: number; end: number; exact?: string }): { selectors: Selector[] } | null {
    const spec = locateSpan(extractText(doc), start, end, exact);
    if (!spec) return null;
    const selectors = selectorsOf(toRange(doc, spec as unknown as AbstractRange));
    return selectors ? { selectors } : null;
  }

  // ---- the editor (note and tags), inside the shadow host ----

  function openEditor(saved: SavedAnnotation, range: AbstractRange) {
    editor?.close();
    let rect: DOMRect | null = null;
    try {
      rect = toRange(doc, range).getBoundingClientRect();
    } catch {
      rect = null;
    }
    editor = createEditor(doc, win, saved.annotation, rect, {
      update: async (note, tags) => {
        const next = await ask('updateAnnotation', { id: saved.annotation.id, note, tags });
        const p = placed.get(saved.annotation.id);
        if (p) p.saved = next;
        return next.annotation;
      },
      remove: async () => {
        const { deleted } = await ask('deleteAnnotations', { ids: [saved.annotation.id] });
        placed.delete(saved.annotation.id);
        paint();
        return async () => {
          await ask('restoreAnnotations', { items: deleted });
          await refresh();
        };
      },
      closed: () => {
        editor = null;
      },
    });
  }

  function showError(message: string, range: AbstractRange) {
    editor?.close();
    let rect: DOMRect | null = null;
    try {
      rect = toRange(doc, range).getBoundingClientRect();
    } catch {
      rect = null;
    }
    editor = createNotice(doc, win, message, rect, () => (editor = null));
  }

  /** A click on a saved highlight (with nothing selected) opens its editor. */
  function onClick(event: MouseEvent) {
    if (!placed.size || event.button !== 0 || !deps.enabled()) return;
    const selection = win.getSelection();
    if (selection && !selection.isCollapsed) return;
    const caret = caretFromPoint(doc, event.clientX, event.clientY);
    if (!caret) return;
    for (const p of placed.values()) {
      try {
        const r = toRange(doc, p.range);
        if (r.comparePoint(caret.node, caret.offset) === 0 && !(caret.node === r.endContainer && caret.offset === r.endOffset)) {
          openEditor(p.saved, p.range);
          return;
        }
      } catch {
        // the caret is in a node outside this range's tree (shadow DOM, a removed node)
      }
    }
  }

  const handlers: { [K in AnchoringMessage]: (payload: ReqOf<ToContent, K>) => Promise<ResOf<ToContent, K>> | ResOf<ToContent, K> } = {
    saveSelection: () => saveSelection(),
    describeRange: (payload) => describeRange(payload),
    annotationsChanged: () => refresh(),
  };

  deps.onMessage((message, _sender, sendResponse) => {
    const { type, payload } = (message ?? {}) as { type?: string; payload?: unknown };
    if (typeof type !== 'string' || !(ANCHORING_MESSAGES as readonly string[]).includes(type)) return undefined;
    Promise.resolve()
      .then(() => (handlers[type as AnchoringMessage] as (p: unknown) => unknown)(payload ?? {}))
      .then((data) => sendResponse({ ok: true, data }), (err) => sendResponse({ ok: false, error: err instanceof Error ? err.message : String(err) }));
    return true;
  });

  doc.addEventListener('click', onClick, true);

  function destroy() {
    doc.removeEventListener('click', onClick, true);
    for (const t of timers) clearTimeout(t);
    editor?.close();
    deps.highlight?.registry.delete(SAVED_HIGHLIGHT);
  }
  deps.ctx.onInvalidated(destroy);

  return {
    async start() {
      if (started) return;
      started = true;
      await refresh();
      for (const delay of RETRY_DELAYS) {
        timers.push(
          setTimeout(() => {
            if (orphaned.size && deps.ctx.isValid) void refreshOrphans();
          }, delay),
        );
      }
    },
    refresh,
    repaint: () => paint(),
    pageUpdated() {
      if (!started || !deps.ctx.isValid) return;
      if (url() !== pageUrl) {
        // another article in the same tab: nothing placed on the old one applies
        placed.clear();
        orphaned.clear();
        editor?.close();
        paint();
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
    saveRange,
    saveSelection,
    placed: () => [...placed.values()],
    orphans: () => [...orphaned.values()],
    destroy,
  };

  async function refreshOrphans() {
    const before = orphaned.size;
    const index = pageText(doc);
    for (const s of [...orphaned.values()]) place(s, index);
    paint();
    if (orphaned.size !== before) {
      await ask('reportAnchoring', { url: url(), anchored: [...placed.keys()], orphans: [...orphaned.keys()] }).catch(() => undefined);
    }
  }
}

// ---- editor UI: plain DOM inside the shadow root; page text only ever goes in as textContent ----

interface Editor {
  close(): void;
}

const EDITOR_CSS = `
.saved-editor { position: fixed; z-index: 1; pointer-events: auto; box-sizing: border-box; width: 320px; max-width: calc(100vw - 16px);
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1d22; background: #fff;
  border: 1px solid #d9dde3; border-radius: 10px; box-shadow: 0 10px 30px rgba(15, 20, 30, .18); padding: 12px 12px 10px; }
.saved-editor * { box-sizing: border-box; font: inherit; }
.saved-editor .head { display: flex; align-items: center; gap: 8px; margin: 0 0 6px; font-weight: 650; }
.saved-editor .dot { width: 10px; height: 10px; border-radius: 3px; background: rgba(250, 204, 21, .85); flex: none; }
.saved-editor .quote { margin: 0 0 8px; padding-left: 8px; border-left: 3px solid rgba(250, 204, 21, .9); color: #4a505a;
  max-height: 4.4em; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; }
.saved-editor label { display: block; font-size: 11px; font-weight: 600; letter-spacing: .02em; color: #5d6470; margin: 6px 0 2px; }
.saved-editor textarea, .saved-editor input { width: 100%; border: 1px solid #cfd4db; border-radius: 6px; padding: 6px 8px; background: #fff; color: inherit; }
.saved-editor textarea { min-height: 56px; resize: vertical; }
.saved-editor textarea:focus, .saved-editor input:focus, .saved-editor button:focus-visible { outline: 2px solid #3b5bdb; outline-offset: 1px; }
.saved-editor .row { display: flex; align-items: center; gap: 8px; margin-top: 10px; }
.saved-editor .status { flex: 1; color: #5d6470; font-size: 12px; min-height: 1em; }
.saved-editor button { border: 1px solid #cfd4db; background: #f4f6f9; color: inherit; border-radius: 6px; padding: 4px 10px; cursor: pointer; }
.saved-editor button.primary { background: #3b5bdb; border-color: #3b5bdb; color: #fff; }
.saved-editor button.danger { color: #b42318; }
.saved-editor .error { color: #b42318; }
@media (prefers-color-scheme: dark) {
  .saved-editor { color: #e8eaee; background: #1f2228; border-color: #353a44; box-shadow: 0 10px 30px rgba(0, 0, 0, .5); }
  .saved-editor .quote { color: #b7bec9; }
  .saved-editor label, .saved-editor .status { color: #a1a8b3; }
  .saved-editor textarea, .saved-editor input { background: #17191e; border-color: #3a404a; }
  .saved-editor button { background: #2a2e36; border-color: #3a404a; }
  .saved-editor button.primary { background: #8ca2ff; border-color: #8ca2ff; color: #10131a; }
  .saved-editor button.danger, .saved-editor .error { color: #ff8a80; }
}`;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, props: { class?: string; text?: string } = {}): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  return node;
}

function mountPanel(doc: Document, win: Window, rect: DOMRect | null, label: string): { panel: HTMLElement; remove(): void } {
  const { shadow } = getUiHost(doc);
  if (!shadow.querySelector('style[data-saved-editor]')) {
    const style = doc.createElement('style');
    style.dataset.savedEditor = '';
    style.textContent = EDITOR_CSS;
    shadow.append(style);
  }
  const panel = el(doc, 'div', { class: 'saved-editor' });
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', label);
  const width = Math.min(320, win.innerWidth - 16);
  const left = Math.max(8, Math.min((rect?.left ?? 16), win.innerWidth - width - 8));
  // below the text when there is room, above it otherwise
  const below = (rect?.bottom ?? 16) + 8;
  panel.style.left = `${left}px`;
  if (below + 260 < win.innerHeight || !rect) panel.style.top = `${Math.max(8, below)}px`;
  else panel.style.bottom = `${Math.max(8, win.innerHeight - rect.top + 8)}px`;
  shadow.append(panel);
  return { panel, remove: () => panel.remove() };
}

function createEditor(
  doc: Document,
  win: Window,
  annotation: WebAnnotation,
  rect: DOMRect | null,
  actions: { update(note: string, tags: string[]): Promise<WebAnnotation>; remove(): Promise<() => Promise<void>>; closed(): void },
): Editor {
  const { panel, remove } = mountPanel(doc, win, rect, 'Saved to Backstory');
  const head = el(doc, 'p', { class: 'head' });
  head.append(el(doc, 'span', { class: 'dot' }), el(doc, 'span', { text: 'Saved to Backstory' }));
  const quote = el(doc, 'p', { class: 'quote', text: displayQuote(annotation) });
  const noteId = `bs-note-${Math.random().toString(36).slice(2)}`;
  const noteLabel = el(doc, 'label', { text: 'Note' });
  noteLabel.htmlFor = noteId;
  const note = el(doc, 'textarea');
  note.id = noteId;
  note.placeholder = 'Why does this matter?';
  note.value = noteOf(annotation);
  const tagsLabel = el(doc, 'label', { text: 'Tags' });
  tagsLabel.htmlFor = `${noteId}-tags`;
  const tags = el(doc, 'input');
  tags.id = `${noteId}-tags`;
  tags.placeholder = 'comma, separated';
  tags.value = tagsOf(annotation).join(', ');
  const row = el(doc, 'div', { class: 'row' });
  const status = el(doc, 'span', { class: 'status' });
  status.setAttribute('role', 'status');
  const del = el(doc, 'button', { class: 'danger', text: 'Delete' });
  del.type = 'button';
  const done = el(doc, 'button', { class: 'primary', text: 'Done' });
  done.type = 'button';
  row.append(status, del, done);
  panel.append(head, quote, noteLabel, note, tagsLabel, tags, row);

  const initial = { note: note.value, tags: tags.value };
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    doc.removeEventListener('keydown', onKey, true);
    remove();
    actions.closed();
  };
  const commit = async () => {
    if (note.value === initial.note && tags.value === initial.tags) return close();
    done.disabled = true;
    status.className = 'status';
    status.textContent = 'Saving…';
    try {
      await actions.update(note.value, parseTagInput(tags.value));
      close();
    } catch (err) {
      done.disabled = false;
      status.className = 'status error';
      status.textContent = (err as Error).message;
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void commit();
    }
  };
  done.addEventListener('click', () => void commit());
  del.addEventListener('click', async () => {
    try {
      const undo = await actions.remove();
      panel.replaceChildren();
      const gone = el(doc, 'div', { class: 'row' });
      const msg = el(doc, 'span', { class: 'status', text: 'Deleted.' });
      msg.setAttribute('role', 'status');
      const undoButton = el(doc, 'button', { text: 'Undo' });
      undoButton.type = 'button';
      undoButton.addEventListener('click', async () => {
        await undo();
        close();
      });
      gone.append(msg, undoButton);
      panel.append(gone);
      undoButton.focus();
      setTimeout(close, 8000);
    } catch (err) {
      status.className = 'status error';
      status.textContent = (err as Error).message;
    }
  });
  doc.addEventListener('keydown', onKey, true);
  // key presses inside the panel must not reach the page's shortcuts
  panel.addEventListener('keydown', (e) => e.stopPropagation());
  note.focus({ preventScroll: true });
  return { close };
}

function createNotice(doc: Document, win: Window, message: string, rect: DOMRect | null, closed: () => void): Editor {
  const { panel, remove } = mountPanel(doc, win, rect, 'Backstory');
  const text = el(doc, 'p', { class: 'error', text: message });
  text.setAttribute('role', 'alert');
  const row = el(doc, 'div', { class: 'row' });
  const ok = el(doc, 'button', { text: 'Close' });
  ok.type = 'button';
  row.append(el(doc, 'span', { class: 'status' }), ok);
  panel.append(text, row);
  let done = false;
  const close = () => {
    if (done) return;
    done = true;
    remove();
    closed();
  };
  ok.addEventListener('click', close);
  ok.focus({ preventScroll: true });
  return { close };
}
