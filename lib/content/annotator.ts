// The content script's work, with browser APIs passed in: extract → detect → paint → report.
import { createPageScanner, type PageScanUpdate } from '../detect/page-scan';
import type { Mention } from '../detect/types';
import { createBoxPainter } from '../highlight/fallback';
import { browserHighlightSupport, createHighlightPainter, type PaintedMention } from '../highlight/paint';
import type { PageClaim } from '../claims/types';
import { startHover } from './hover';
import { locateSpan } from './locate';
import { extractText } from '../detect/extract';
import { createSavedAnnotations, type AnchoringMessage } from './anchoring';
import { createPageDiscovery, DISCOVERED_PREFIX } from '../discover/page';
import { createCardSections } from '../live/card-section';
import { applyHighlightColours } from '../highlight/colours';
import { hostOf, mergeSettings, type Settings } from '../settings';
import { readStoredDetector } from '../detect/packed-cache';
import type { BackgroundType, ContentConfig, ContentType, PageConfig, ReqOf, ResOf, Result, ToBackground, ToContent } from '../messaging/protocol';

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
  /** Calls back with the settings whenever any page (popup, manager, another tab) changes them; returns an unwatch. */
  watchSettings?: (onChange: (settings: Settings) => void) => () => void;
  /**
   * Reads the stored table + packed detector and the settings from storage.local (no service-worker
   * round trip: the worker may still be starting after a browser start).
   */
  readStored?: () => Promise<{ detector: unknown; settings: unknown }>;
}

export interface Annotator {
  scan(force?: boolean): Promise<Mention[]>;
  painted(): PaintedMention[];
}

export async function startAnnotator(deps: AnnotatorDeps): Promise<Annotator | null> {
  const { doc, win, ask } = deps;
  const url = win.location.href;
  // The table and its packed detector from storage.local, where the background keeps them (one
  // JSON string: quick to read, and no wait for a service worker still starting after a browser
  // start); then only this site's part from the background (suppressions, and which table is
  // current). Without a stored copy, everything from the background.
  const stored = await (deps.readStored?.() ?? Promise.resolve(null)).catch(() => null);
  const copy = stored ? readStoredDetector(stored.detector) : null;
  let config: ContentConfig;
  let later: Promise<PageConfig | null> | null = null;
  if (copy && stored) {
    const settings = mergeSettings(stored.settings as Partial<Settings> | undefined);
    config = { table: copy.table, detector: copy.detector, settings, siteDisabled: settings.disabledSites.includes(hostOf(url)), suppressed: [] };
    later = ask('getPageConfig', { url }).catch(() => null);
  } else {
    try {
      config = await ask('getContentConfig', { url });
    } catch {
      return null; // the background is unavailable (extension updating); nothing to do on this page
    }
  }
  // start-up cost is measured from the content script's start to here and to the scan (scripts/bench/detect.ts)
  win.performance.mark?.('backstory:config-received');
  const support = browserHighlightSupport(win);
  // Without the CSS Custom Highlight API, boxes are drawn inside the extension's own shadow host.
  const painter = support ? createHighlightPainter(support.registry, support.factory) : createBoxPainter(doc, win);
  let painted: PaintedMention[] = [];
  let gated = false;
  const cursor = new Map<string, number>();
  let claims: PageClaim[] = [];

  function clearPainted() {
    scanner.clear();
    discovery.clear();
  }

  const isOn = () => !(config.settings.paused || config.siteDisabled);
  /** Settings changed anywhere: repaint in the reader's colours, and stop or start as the switches say. */
  async function applySettings(next: Settings, siteDisabled = next.disabledSites.includes(hostOf(win.location.href))): Promise<void> {
    const wasOn = isOn();
    config.settings = next;
    config.siteDisabled = siteDisabled;
    applyHighlightColours(doc, next.colours);
    if (wasOn !== isOn()) saved.repaint();
    if (wasOn && !isOn()) clearPainted();
    else if (!wasOn && isOn()) await scan(false);
  }

  // Hover cards and the keyboard path (lib/content/hover.ts) read the painted mentions and the page's claims.
  let names = new Map(config.table.entities.map((e) => [e.id, e.name]));
  // Names the pack does not know (lib/discover/page.ts): painted quieter, with their own card sections.
  // Hover sees known and discovered mentions as one list, rebuilt when either changes.
  let withDiscovered: PaintedMention[] = [];
  const recombine = () => {
    const found = discovery.painted();
    withDiscovered = found.length ? [...painted, ...found] : painted;
  };
  const discovery = createPageDiscovery({
    doc,
    win,
    highlight: support,
    isDecided: (key) => config.suppressed.some((s) => s.entityId === `${DISCOVERED_PREFIX}${key}`),
    discover: (text, mentions) => ask('discoverOnPage', { url: win.location.href, text, mentions }),
    onChange: () => {
      recombine();
      hover?.refresh();
    },
  });
  const sections = createCardSections({
    ask,
    liveEnabled: () => config.settings.liveContext,
    discovered: (key) => discovery.names().find((n) => n.key === key),
    onChange: () => hover?.refresh(),
    onDecided: (key) => discovery.forget(key),
  });
  // Saved annotations (lib/content/anchoring.ts): answers its own messages, paints `backstory-saved`.
  const saved = createSavedAnnotations({ doc, win, ask, ctx: deps.ctx, onMessage: deps.onMessage, enabled: () => !(config.settings.paused || config.siteDisabled), highlight: support });
  // Hover works with either painter: hit-testing needs only the painted ranges.
  const hover = startHover({
    doc,
    win,
    ask,
    painted: () => withDiscovered,
    claims: () => claims,
    nameOf: (id) => names.get(id),
    hoverDelayMs: () => config.settings.hoverDelayMs,
    onSuppressed: (m) => {
      config.suppressed.push({ entityId: m.entityId, text: m.text.toLowerCase() });
      void scan(false);
    },
    save: async (p) => {
      // the card says "Saved"; a click on the yellow passage later opens the note editor
      const done = await saved.saveRange(p.range, { entityId: p.mention.entityId, entityName: names.get(p.mention.entityId) ?? p.mention.name }, { editor: false });
      if (!done) throw new Error('Backstory could not find this text on the page to save it.');
    },
    extraSection: (entityId) => sections.section(entityId),
    onSiteDisabled: () => {
      config.siteDisabled = true;
      clearPainted();
    },
  });

  // Extract → detect → paint runs sliced in lib/detect/page-scan.ts, which also follows added content,
  // single-page-app navigation and backs off on pages that never settle.
  const scanner = createPageScanner({
    doc,
    win,
    table: config.table,
    prebuilt: config.detector,
    painter,
    isActive: () => deps.ctx.isValid && !((config.settings.paused || config.siteDisabled) && !scanner.state().forced),
    isSuppressed: (m) => config.suppressed.some((s) => s.entityId === m.entityId && s.text === m.text.toLowerCase()),
    anySuppressed: () => config.suppressed.length > 0,
    onUpdate: report,
    onPainted: (list) => {
      painted = list;
      recombine();
    },
  });

  async function scan(force = false): Promise<Mention[]> {
    if (!deps.ctx.isValid) return [];
    if ((config.settings.paused || config.siteDisabled) && !force) return [];
    const update = await scanner.scan(force);
    return update?.mentions ?? [];
  }

  // Each full scan, and added content at most once a second, goes to the background.
  async function report(update: PageScanUpdate): Promise<void> {
    gated = update.gated;
    try {
      const reply = await ask('reportPage', {
        url: win.location.href,
        title: doc.title,
        relevance: update.relevance,
        gated: update.gated,
        forced: update.forced,
        backedOff: update.backedOff,
        mentions: update.mentions,
        text: update.mentions.length ? update.text : '',
        timing: update.timing,
      });
      claims = reply.claims;
      hover?.refresh();
      saved.pageUpdated();
      void discovery.run(update);
    } catch {
      // the popup will ask again through getState/rescan
    }
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
    hover?.flash(r);
    // A caret at the mention moves the reading position there; a full selection would paint over the flash.
    range.collapse(true);
    const selection = win.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return { found: true, total: matches.length };
  }

  function showText(start: number, end: number, exact?: string): { found: boolean } {
    const spec = locateSpan(extractText(doc), start, end, exact);
    if (!spec) return { found: false };
    const range = doc.createRange();
    range.setStart(spec.startContainer, spec.startOffset);
    range.setEnd(spec.endContainer, spec.endOffset);
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    hover?.flash(range);
    return { found: true };
  }

  const handlers: { [K in Exclude<ContentType, AnchoringMessage>]: (payload: ReqOf<ToContent, K>) => Promise<ResOf<ToContent, K>> | ResOf<ToContent, K> } = {
    scrollToEntity: ({ entityId, occurrence }) => scrollToEntity(entityId, occurrence),
    showText: ({ start, end, exact }) => showText(start, end, exact),
    rescan: async ({ force }) => ({ mentions: (await scan(force)).length }),
    getState: () => ({ mentions: painted.length, gated, url: win.location.href }),
    focusMention: ({ direction }) => hover?.focusMention(direction === 'previous' ? 'previous' : 'next') ?? { found: false, index: -1, total: 0 },
    forgetDiscovered: ({ key }) => {
      discovery.forget(String(key));
      return { ok: true as const };
    },
    applySettings: async ({ paused, siteDisabled }) => {
      await applySettings({ ...config.settings, paused: !!paused }, !!siteDisabled);
      return { mentions: painted.length };
    },
  };

  deps.onMessage((message, _sender, sendResponse) => {
    const { type, payload } = (message ?? {}) as { type?: string; payload?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return undefined;
    Promise.resolve()
      .then(() => (handlers[type as keyof typeof handlers] as (p: unknown) => unknown)(payload ?? {}))
      .then((data) => sendResponse({ ok: true, data }), (err) => sendResponse({ ok: false, error: String(err) }));
    return true;
  });

  const unwatchSettings = deps.watchSettings?.((next) => void applySettings(next));
  deps.ctx.onInvalidated(() => {
    unwatchSettings?.();
    scanner.stop();
    hover?.destroy();
  });

  /**
   * The background's answer for a page that started from the stored copy: its suppressions, and
   * a newer table when the stored one is out of date (a custom entity added since): then a rescan.
   */
  async function reconcile(page: PageConfig | null): Promise<void> {
    if (!page || !deps.ctx.isValid) return;
    config.suppressed = page.suppressed;
    let rescan = page.suppressed.length > 0;
    if (page.tableKey !== copy?.key) {
      try {
        const fresh = await ask('getContentConfig', { url });
        config.table = fresh.table;
        config.detector = fresh.detector;
        config.suppressed = fresh.suppressed;
        names = new Map(fresh.table.entities.map((e) => [e.id, e.name]));
        await scanner.setTable(fresh.table, fresh.detector);
        rescan = true;
      } catch {
        // the background went away: keep the stored table
      }
    }
    await applySettings(page.settings, page.siteDisabled);
    if (rescan && isOn() && scanner.state().scans > 0) await scan(scanner.state().forced);
  }

  applyHighlightColours(doc, config.settings.colours);
  await scan(false);
  if (later) await reconcile(await later);
  void saved.start();
  return { scan, painted: () => painted };
}
