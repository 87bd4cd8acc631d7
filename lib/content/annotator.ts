// The content script's work, with browser APIs passed in: extract → detect → paint → report.
import { createDetector, type Detector } from '../detect/detector';
import { extractText } from '../detect/extract';
import type { Mention } from '../detect/types';
import { browserHighlightSupport, clearHighlights, paintMentions, type PaintedMention } from '../highlight/paint';
import type { BackgroundType, ContentConfig, ContentType, ReqOf, ResOf, Result, ToBackground, ToContent } from '../messaging/protocol';

export type AskBackground = <K extends BackgroundType>(type: K, payload: ReqOf<ToBackground, K>) => Promise<ResOf<ToBackground, K>>;

export interface ContextLike {
  isValid: boolean;
  onInvalidated(cb: () => void): unknown;
}

export interface AnnotatorDeps {
  ctx: ContextLike;
  doc: Document;
  win: Window & typeof globalThis;
  ask: AskBackground;
  onMessage: (listener: (message: unknown, sender: unknown, sendResponse: (r: Result<unknown>) => void) => true | undefined) => void;
}

export interface Annotator {
  scan(force?: boolean): Promise<Mention[]>;
  painted(): PaintedMention[];
}

export async function startAnnotator(deps: AnnotatorDeps): Promise<Annotator | null> {
  const { doc, win, ask } = deps;
  let config: ContentConfig;
  try {
    config = await ask('getContentConfig', { url: win.location.href });
  } catch {
    return null; // the background is unavailable (extension updating); nothing to do on this page
  }
  const support = browserHighlightSupport(win);
  let detector: Detector | null = null;
  let painted: PaintedMention[] = [];
  let gated = false;
  const cursor = new Map<string, number>();

  async function scan(force = false): Promise<Mention[]> {
    if (!deps.ctx.isValid) return [];
    if ((config.settings.paused || config.siteDisabled) && !force) return [];
    const startedAt = win.performance.now();
    detector ??= createDetector(config.table);
    const index = extractText(doc);
    const result = detector.detect(index.text, { force });
    const suppressed = new Set(config.suppressed.map((s) => `${s.entityId}\u0000${s.text}`));
    const mentions = result.mentions.filter((m) => !suppressed.has(`${m.entityId}\u0000${m.text.toLowerCase()}`));
    gated = result.gated;
    if (support) painted = paintMentions(index, mentions, support.registry, support.factory);
    // One synchronous slice for now; a sliced scan reports its longest slice here.
    const finishedAt = win.performance.now();
    const timing = { startedAt, finishedAt, longestSliceMs: finishedAt - startedAt, slices: 1 };
    try {
      await ask('reportPage', {
        url: win.location.href,
        title: doc.title,
        relevance: result.relevance,
        gated: result.gated,
        forced: force,
        mentions,
        text: mentions.length ? index.text : '',
        timing,
      });
    } catch {
      // the popup will ask again through getState/rescan
    }
    return mentions;
  }

  function scrollToEntity(entityId: string, occurrence: number): { found: boolean; total: number } {
    const matches = painted.filter((p) => p.mention.entityId === entityId);
    if (!matches.length) return { found: false, total: 0 };
    const i = ((occurrence % matches.length) + matches.length) % matches.length;
    cursor.set(entityId, i);
    const range = doc.createRange();
    const r = matches[i].range;
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    const el = range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const selection = win.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return { found: true, total: matches.length };
  }

  const handlers: { [K in ContentType]: (payload: ReqOf<ToContent, K>) => Promise<ResOf<ToContent, K>> | ResOf<ToContent, K> } = {
    scrollToEntity: ({ entityId, occurrence }) => scrollToEntity(entityId, occurrence),
    rescan: async ({ force }) => ({ mentions: (await scan(force)).length }),
    getState: () => ({ mentions: painted.length, gated }),
  };

  deps.onMessage((message, _sender, sendResponse) => {
    const { type, payload } = (message ?? {}) as { type?: string; payload?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return undefined;
    Promise.resolve()
      .then(() => (handlers[type as ContentType] as (p: unknown) => unknown)(payload ?? {}))
      .then((data) => sendResponse({ ok: true, data }), (err) => sendResponse({ ok: false, error: String(err) }));
    return true;
  });

  deps.ctx.onInvalidated(() => {
    if (support) clearHighlights(support.registry);
  });

  await scan(false);
  return { scan, painted: () => painted };
}
