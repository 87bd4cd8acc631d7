// One page's session on the content side: what every module of the content script shares for as
// long as this copy of the script may work on the page. It ends when WXT invalidates the context
// (extension updated, reloaded or turned off): `signal` aborts, the message listener stops
// answering, every slice runner stops at its next yield and every question to the background fails.
//   - the text indexes: the scan's article text (detector offsets) and the page text saved passages
//     are anchored in, both from the one walker in lib/detect/extract.ts, each walked once and kept
//     until the page changes;
//   - one message router for messages to the tab (modules add their handlers);
//   - one time-slicing schedule (one way to yield to the page) for every step;
//   - one highlight registry (CSS Custom Highlight API) for every painter, emptied when it ends.
import { extractSteps, findArticleRoot, nodeIndexAt, pageTextSteps, type DomRangeSpec, type TextIndex } from '../detect/extract';
import { createSliceRunner, defaultYield, type SliceRunner } from '../detect/schedule';
import { browserHighlightSupport, type HighlightFactory, type HighlightRegistryLike } from '../highlight/paint';
import type { Result } from '../messaging/protocol';
import { locateSpan } from './locate';
import type { AskBackground, ContextLike } from './types';

export type MessageListener = (message: unknown, sender: unknown, sendResponse: (r: Result<unknown>) => void) => true | undefined;
// biome-ignore lint/suspicious/noExplicitAny: each handler declares its own payload type
type Handler = (payload: any) => unknown;

export interface PageSessionDeps {
  ctx: ContextLike;
  doc: Document;
  win: Window & typeof globalThis;
  ask: AskBackground;
  /** adds the tab's one message listener (the entrypoint removes it when the context goes) */
  onMessage: (listener: MessageListener) => void;
}

export interface PageSession {
  /** aborts when the context is invalidated: every module stops its work and removes its listeners */
  readonly signal: AbortSignal;
  /** the background, while the session lives; afterwards every question fails */
  ask: AskBackground;
  /**
   * The page's highlight registry and factory (null without the CSS Custom Highlight API): every
   * highlight the modules set through it is removed when the session ends.
   */
  readonly highlights: { registry: HighlightRegistryLike; factory: HighlightFactory } | null;
  /** answers these messages to the tab (one listener for all modules) */
  handle(handlers: Record<string, Handler>): void;
  /** a runner on the page's schedule; stops (Cancelled) once the session ends or `isCancelled` says so */
  slicer(options?: { budgetMs?: number; isCancelled?: () => boolean }): SliceRunner;
  /** the scanner's text index of its last full scan (detector offsets) */
  setArticleText(index: TextIndex): void;
  /** the kept article index (null before the first scan); its spans must be checked with spanStillThere */
  articleText(): TextIndex | null;
  /** [start, end) of the detector's text (or `exact` nearby) in the DOM; walks the article again only if the kept index is out of date */
  locateArticleSpan(start: number, end: number, exact?: string): Promise<DomRangeSpec | null>;
  /** the page text saved passages are anchored in: one walk, kept until the page's DOM changes */
  pageText(): Promise<TextIndex>;
  /** a passage was not found, or a range's nodes were not in the index: walk again from the next call */
  forgetPageText(): void;
  /** walks made so far (diagnostics and tests) */
  walks(): { article: number; page: number };
}

/** True when the text nodes under [start, end) of `index` are still in the page and still read what the index read. */
export function spanStillThere(index: TextIndex, start: number, end: number): boolean {
  if (!index.nodes.length || end <= start) return false;
  for (let i = nodeIndexAt(index, start); i < index.nodes.length && index.starts[i] < end; i++) {
    const node = index.nodes[i];
    if (!node.isConnected || node.data !== index.text.slice(index.starts[i], index.starts[i] + node.data.length)) return false;
  }
  return true;
}

/** True when the span's ends are still in the page and a one-node span still reads `exact`. */
function stillThere(spec: DomRangeSpec | null, exact: string | undefined): spec is DomRangeSpec {
  if (!spec?.startContainer.isConnected || !spec.endContainer.isConnected) return false;
  if (exact === undefined || spec.startContainer !== spec.endContainer) return true;
  return spec.startContainer.data.slice(spec.startOffset, spec.endOffset) === exact;
}

/** The browser's highlight registry, remembering the names set through it (to remove them all at the end). */
function ownHighlights(win: Window & typeof globalThis) {
  const support = browserHighlightSupport(win);
  if (!support) return null;
  const names = new Set<string>();
  const registry: HighlightRegistryLike = {
    set(name, highlight) {
      names.add(name);
      return support.registry.set(name, highlight);
    },
    delete(name) {
      names.delete(name);
      return support.registry.delete(name);
    },
  };
  return {
    registry,
    factory: support.factory,
    clear() {
      for (const name of names) support.registry.delete(name);
      names.clear();
    },
  };
}

export function createPageSession(deps: PageSessionDeps): PageSession {
  const { doc, win } = deps;
  const controller = new AbortController();
  const { signal } = controller;
  deps.ctx.onInvalidated(() => controller.abort());
  const yieldToPage = defaultYield();
  const handlers: Record<string, Handler> = {};
  const counts = { article: 0, page: 0 };
  let article: TextIndex | null = null;
  let page: Promise<TextIndex> | null = null;
  // The first change to the DOM after a page walk makes it out of date; the observer then stops
  // until the next walk (on a page that never stops changing it costs one callback per walk).
  let watcher: MutationObserver | null = null;

  deps.onMessage((message, _sender, sendResponse) => {
    if (signal.aborted) return undefined;
    const { type, payload } = (message ?? {}) as { type?: string; payload?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return undefined;
    Promise.resolve()
      .then(() => handlers[type](payload ?? {}))
      .then(
        (data) => sendResponse({ ok: true, data }),
        (err) => sendResponse({ ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
    return true;
  });

  const slicer: PageSession['slicer'] = (options = {}) =>
    createSliceRunner({
      budgetMs: options.budgetMs,
      yieldToPage,
      isCancelled: () => signal.aborted || !!options.isCancelled?.(),
    });

  function forgetPageText() {
    page = null;
    watcher?.disconnect();
  }

  function watchPage() {
    const Observer = win.MutationObserver;
    if (!Observer) return;
    watcher ??= new Observer(() => forgetPageText());
    watcher.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  }

  const highlights = ownHighlights(win);
  signal.addEventListener('abort', () => {
    forgetPageText();
    article = null;
    highlights?.clear();
  });

  return {
    signal,
    highlights: highlights && { registry: highlights.registry, factory: highlights.factory },
    ask: (type, payload) =>
      signal.aborted ? Promise.reject(new Error('Backstory was updated or turned off; reload the page.')) : deps.ask(type, payload),
    handle(more) {
      Object.assign(handlers, more);
    },
    slicer,
    setArticleText(index) {
      article = index;
    },
    articleText: () => article,
    async locateArticleSpan(start, end, exact) {
      const kept = article && locateSpan(article, start, end, exact);
      if (stillThere(kept, exact)) return kept;
      counts.article++;
      const fresh = await slicer().run(extractSteps(findArticleRoot(doc)), 'extract');
      return locateSpan(fresh, start, end, exact);
    },
    pageText() {
      if (page) return page;
      counts.page++;
      watchPage();
      const walking = slicer({ budgetMs: 12 }).run(pageTextSteps(doc), 'page-text');
      page = walking;
      walking.catch(() => {
        if (page === walking) page = null;
      });
      return walking;
    },
    forgetPageText,
    walks: () => ({ ...counts }),
  };
}
