// The content script's work, with browser APIs passed in: extract → detect → paint → report.
import { publishedDateOf } from '../dossier/published';
import { createPageScanner, type PageScanner, type PageScanUpdate } from '../detect/page-scan';
import type { Mention } from '../detect/types';
import { createBoxPainter } from '../highlight/fallback';
import { createHighlightPainter, type PaintedMention, type Painter } from '../highlight/paint';
import type { PageClaim } from '../claims/types';
import type { DiscoveredName } from '../discover/types';
import { startHover } from './hover';
import { createSavedAnnotations, type AnchoringMessage, type SavedAnnotations } from './anchoring';
import { createPageSession, type PageSession } from './session';
import { createPageDiscovery, DISCOVERED_PREFIX } from '../discover/page';
import { applyHighlightColours } from '../highlight/colours';
import { hostOf, mergeSettings, type Settings } from '../settings';
import { readStoredDetector, type StoredDetector } from '../detect/packed-cache';
import type { ContentConfig, ContentType, PageConfig, PageReport, ReqOf, ResOf, Result, ToContent } from '../messaging/protocol';
import type { AskBackground, ContentUi, ContextLike } from './types';

export type { AskBackground, ContextLike };

export interface AnnotatorDeps {
  ctx: ContextLike;
  doc: Document;
  win: Window & typeof globalThis;
  ask: AskBackground;
  onMessage: (listener: (message: unknown, sender: unknown, sendResponse: (r: Result<unknown>) => void) => true | undefined) => void;
  /** Calls back with the settings whenever any page (popup, manager, another tab) changes them; returns an unwatch. */
  watchSettings?: (onChange: (settings: Settings) => void) => () => void;
  /** the card and its sections, from the entrypoint (entrypoints/content/card-ui.ts, card-section.ts) */
  ui: ContentUi;
  /**
   * Reads the stored table + packed detector and the settings from storage.local (no service-worker
   * round trip: the worker may still be starting after a browser start).
   */
  readStored?: () => Promise<{ detector: unknown; settings: unknown }>;
}

export interface Annotator {
  scan(force?: boolean): Promise<Mention[]>;
  painted(): PaintedMention[];
  /** the page's session (lib/content/session.ts) */
  session: PageSession;
  /** names the pack lacks, found on this page (lib/discover/page.ts) */
  discovered(): DiscoveredName[];
}

export async function startAnnotator(deps: AnnotatorDeps): Promise<Annotator | null> {
  const { doc, win } = deps;
  // one session for this page (lib/content/session.ts): its end stops every module below
  const session = createPageSession(deps);
  const { ask } = session;
  const loaded = await loadConfig(ask, win, deps.readStored);
  if (!loaded) return null; // the background is unavailable (extension updating); nothing to do on this page
  const { config, copy, later } = loaded;
  const support = session.highlights;
  // Without the CSS Custom Highlight API, boxes are drawn inside the extension's own shadow host.
  const painter = support ? createHighlightPainter(support.registry, support.factory) : createBoxPainter(doc, win);
  let painted: PaintedMention[] = [];
  let gated = false;
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
  const discovery = discoveryFor(config, support, () => {
    recombine();
    hover?.refresh();
  });
  const sections = sectionsFor(deps, ask, config, discovery, () => hover?.refresh());
  // Saved annotations (lib/content/anchoring.ts): answers its own messages, paints `backstory-saved`.
  const saved = savedAnnotationsFor(deps, session, config, support);
  const hover = hoverFor(deps, session, config, {
    painted: () => withDiscovered,
    claims: () => claims,
    nameOf: (id) => names.get(id),
    saved,
    sections,
    rescan: () => void scan(false),
    clearPainted,
  });

  // Extract → detect → paint runs sliced in lib/detect/page-scan.ts, which also follows added content,
  // single-page-app navigation and backs off on pages that never settle.
  const scanner: PageScanner = scannerFor(deps, session, config, painter, report, (list) => {
    painted = list;
    recombine();
    if (list.length) prefetchUi();
  });

  // The card's code (lib/content/lazy-ui.ts) loads at idle once a page has mentions, so the first
  // hover finds it there; a page without any never loads it.
  let prefetched = false;
  function prefetchUi() {
    if (prefetched || !deps.ui.prefetch) return;
    prefetched = true;
    const run = () => !session.signal.aborted && deps.ui.prefetch?.();
    if (win.requestIdleCallback) win.requestIdleCallback(run, { timeout: 2000 });
    else win.setTimeout(run, 200);
  }

  async function scan(force = false): Promise<Mention[]> {
    if (session.signal.aborted) return [];
    if ((config.settings.paused || config.siteDisabled) && !force) return [];
    const update = await scanner.scan(force);
    return update?.mentions ?? [];
  }

  // Each full scan, and added content at most once a second, goes to the background; after a full
  // scan of an AI page the reply also brings the names the pack lacks (found in the same text).
  let fullReports = 0;
  async function report(update: PageScanUpdate): Promise<void> {
    gated = update.gated;
    if (update.index) session.setArticleText(update.index);
    const seq = update.kind === 'full' ? ++fullReports : fullReports;
    const discover = discovery.wants(update);
    try {
      const reply = await ask('reportPage', pageReport(update, win, doc, discover));
      if (session.signal.aborted) return; // the extension went away while the background answered
      claims = reply.claims;
      hover?.refresh();
      saved.pageUpdated();
      // a newer full scan's reply paints its own names
      if (seq === fullReports) discovery.show(update, discover ? reply.discovered : []);
    } catch {
      // the popup will ask again through getState/rescan
    }
  }

  const handlers = contentHandlers({
    scrollToEntity: (entityId, occurrence) =>
      scrollToEntity(painted, entityId, occurrence, (r) => showMention(doc, win, r, (f) => hover?.flash(f))),
    showText: (start, end, exact) => showText(doc, session, start, end, exact, (r) => hover?.flash(r)),
    scan,
    state: () => ({ mentions: painted.length, gated, url: win.location.href }),
    focusMention: (direction) => hover?.focusMention(direction) ?? { found: false, index: -1, total: 0 },
    forgetDiscovered: (key) => discovery.forget(key),
    applySwitches: async (paused, siteDisabled) => {
      await applySettings({ ...config.settings, paused }, siteDisabled);
      return painted.length;
    },
  });
  session.handle(handlers);

  const unwatchSettings = deps.watchSettings?.((next) => void applySettings(next));
  session.signal.addEventListener('abort', () => {
    unwatchSettings?.();
    scanner.stop();
    discovery.clear();
    hover?.destroy();
  });

  applyHighlightColours(doc, config.settings.colours);
  await scan(false);
  if (later) {
    const answer = await reconcileConfig(await later, {
      ask,
      win,
      ctx: deps.ctx,
      config,
      storedKey: copy?.key,
      scanner,
      onTable: (table) => {
        names = new Map(table.entities.map((e) => [e.id, e.name]));
      },
    });
    if (answer) await applySettings(answer.settings, answer.siteDisabled);
    if (answer?.rescan && isOn() && scanner.state().scans > 0) await scan(scanner.state().forced);
  }
  void saved.start();
  return { scan, painted: () => painted, session, discovered: () => discovery.names() };
}

/** Hover cards and the keyboard path (lib/content/hover.ts); either painter works: hit-testing needs only the painted ranges. */
function hoverFor(
  deps: AnnotatorDeps,
  session: PageSession,
  config: ContentConfig,
  page: {
    painted(): PaintedMention[];
    claims(): PageClaim[];
    nameOf(id: string): string | undefined;
    saved: SavedAnnotations;
    sections: ReturnType<typeof sectionsFor>;
    rescan(): void;
    clearPainted(): void;
  },
) {
  return startHover({
    doc: deps.doc,
    win: deps.win,
    ask: session.ask,
    highlights: session.highlights,
    createCardUi: deps.ui.createCardUi,
    painted: page.painted,
    claims: page.claims,
    nameOf: page.nameOf,
    hoverDelayMs: () => config.settings.hoverDelayMs,
    onSuppressed: (m) => {
      config.suppressed.push({ entityId: m.entityId, text: m.text.toLowerCase() });
      page.rescan();
    },
    save: async (p) => {
      // the card says "Saved"; a click on the yellow passage later opens the note editor
      const done = await page.saved.saveRange(
        p.range,
        { entityId: p.mention.entityId, entityName: page.nameOf(p.mention.entityId) ?? p.mention.name },
        { editor: false },
      );
      if (!done) throw new Error('Backstory could not find this text on the page to save it.');
    },
    extraSection: (entityId) => page.sections.section(entityId),
    onSiteDisabled: () => {
      config.siteDisabled = true;
      page.clearPainted();
    },
  });
}

/** Names the pack does not know (lib/discover/page.ts), found in the background, painted quieter. */
function discoveryFor(config: ContentConfig, support: PageSession['highlights'], onChange: () => void) {
  return createPageDiscovery({
    highlight: support,
    isDecided: (key) => config.suppressed.some((s) => s.entityId === `${DISCOVERED_PREFIX}${key}`),
    onChange,
  });
}

/** The card's extra sections: live context (opt-in) and what the article says about a new name. */
function sectionsFor(
  deps: AnnotatorDeps,
  ask: AskBackground,
  config: ContentConfig,
  discovery: ReturnType<typeof createPageDiscovery>,
  onChange: () => void,
) {
  return deps.ui.createCardSections({
    ask,
    liveEnabled: () => config.settings.liveContext,
    discovered: (key) => discovery.names().find((n) => n.key === key),
    onChange,
    onDecided: (key) => discovery.forget(key),
  });
}

/** The popup's "show on page": the n-th painted mention of an entity, cycling. */
function scrollToEntity(
  painted: readonly PaintedMention[],
  entityId: string,
  occurrence: number,
  show: (range: AbstractRange) => void,
): { found: boolean; total: number } {
  const matches = painted.filter((p) => p.mention.entityId === entityId);
  if (!matches.length) return { found: false, total: 0 };
  const i = ((occurrence % matches.length) + matches.length) % matches.length;
  show(matches[i].range);
  return { found: true, total: matches.length };
}

/**
 * The background's answer for a page that started from the stored copy: its suppressions, and a newer
 * table when the stored one is out of date (a custom entity added since). Says whether to rescan.
 */
async function reconcileConfig(
  page: PageConfig | null,
  c: {
    ask: AskBackground;
    win: Window;
    ctx: ContextLike;
    config: ContentConfig;
    storedKey: string | undefined;
    scanner: PageScanner;
    onTable: (table: ContentConfig['table']) => void;
  },
): Promise<{ rescan: boolean; settings: Settings; siteDisabled: boolean } | null> {
  if (!page || !c.ctx.isValid) return null;
  c.config.suppressed = page.suppressed;
  let rescan = page.suppressed.length > 0;
  if (page.tableKey !== c.storedKey) {
    try {
      const fresh = await c.ask('getContentConfig', { url: c.win.location.href });
      c.config.table = fresh.table;
      c.config.detector = fresh.detector;
      c.config.suppressed = fresh.suppressed;
      c.onTable(fresh.table);
      await c.scanner.setTable(fresh.table, fresh.detector);
      rescan = true;
    } catch {
      // the background went away: keep the stored table
    }
  }
  return { rescan, settings: page.settings, siteDisabled: page.siteDisabled };
}

/** Scrolls to a painted mention and flashes it; a caret there moves the reading position. */
function showMention(doc: Document, win: Window, r: AbstractRange, flash: (r: AbstractRange) => void) {
  const range = doc.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  const el = range.startContainer.parentElement;
  el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  flash(r);
  // A caret at the mention moves the reading position there; a full selection would paint over the flash.
  range.collapse(true);
  const selection = win.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** The popup picked a claim: [start, end) of the detector's text (or `exact` nearby), scrolled to and flashed. */
async function showText(
  doc: Document,
  session: PageSession,
  start: number,
  end: number,
  exact: string | undefined,
  flash: (r: AbstractRange) => void,
): Promise<{ found: boolean }> {
  // the scan's text index; walked again (in time slices) only if the page changed there
  const spec = await session.locateArticleSpan(start, end, exact);
  if (!spec) return { found: false };
  const range = doc.createRange();
  range.setStart(spec.startContainer, spec.startOffset);
  range.setEnd(spec.endContainer, spec.endOffset);
  range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  flash(range);
  return { found: true };
}

/**
 * The table and its packed detector from storage.local, where the background keeps them (one JSON
 * string: quick to read, and no wait for a service worker still starting after a browser start);
 * then only this site's part from the background (`later`: suppressions, and which table is
 * current). Without a stored copy, everything from the background.
 */
async function loadConfig(
  ask: AskBackground,
  win: Window,
  readStored: AnnotatorDeps['readStored'],
): Promise<{ config: ContentConfig; copy: StoredDetector | null; later: Promise<PageConfig | null> | null } | null> {
  const url = win.location.href;
  const stored = await (readStored?.() ?? Promise.resolve(null)).catch(() => null);
  const copy = stored ? readStoredDetector(stored.detector) : null;
  let result: { config: ContentConfig; copy: StoredDetector | null; later: Promise<PageConfig | null> | null };
  if (copy && stored) {
    const settings = mergeSettings(stored.settings as Partial<Settings> | undefined);
    const config = {
      table: copy.table,
      detector: copy.detector,
      settings,
      siteDisabled: settings.disabledSites.includes(hostOf(url)),
      suppressed: [],
    };
    result = { config, copy, later: ask('getPageConfig', { url }).catch(() => null) };
  } else {
    try {
      result = { config: await ask('getContentConfig', { url }), copy: null, later: null };
    } catch {
      return null;
    }
  }
  // start-up cost is measured from the content script's start to here and to the scan (scripts/bench/detect.ts)
  win.performance.mark?.('backstory:config-received');
  return result;
}

/**
 * What a scan tells the background: the text only when it found something (for claim extraction) or
 * when names the pack lacks are to be found in it (`discover`).
 */
function pageReport(update: PageScanUpdate, win: Window, doc: Document, discover: boolean): PageReport {
  return {
    url: win.location.href,
    title: doc.title,
    relevance: update.relevance,
    gated: update.gated,
    forced: update.forced,
    backedOff: update.backedOff,
    mentions: update.mentions,
    text: update.mentions.length || discover ? update.text : '',
    ...(discover ? { discover } : {}),
    timing: update.timing,
    published: publishedDateOf(doc),
  };
}

type ContentHandlers = {
  [K in Exclude<ContentType, AnchoringMessage>]: (payload: ReqOf<ToContent, K>) => Promise<ResOf<ToContent, K>> | ResOf<ToContent, K>;
};

/** The annotator's answers to the popup and background (lib/messaging/protocol.ts ToContent). */
function contentHandlers(page: {
  scrollToEntity(entityId: string, occurrence: number): { found: boolean; total: number };
  showText(start: number, end: number, exact?: string): Promise<{ found: boolean }>;
  scan(force: boolean): Promise<Mention[]>;
  state(): { mentions: number; gated: boolean; url: string };
  focusMention(direction: 'next' | 'previous'): { found: boolean; index: number; total: number };
  forgetDiscovered(key: string): void;
  /** the popup's switches; resolves to the mentions painted after */
  applySwitches(paused: boolean, siteDisabled: boolean): Promise<number>;
}): ContentHandlers {
  return {
    scrollToEntity: ({ entityId, occurrence }) => page.scrollToEntity(entityId, occurrence),
    showText: ({ start, end, exact }) => page.showText(start, end, exact),
    rescan: async ({ force }) => ({ mentions: (await page.scan(force)).length }),
    getState: () => page.state(),
    focusMention: ({ direction }) => page.focusMention(direction === 'previous' ? 'previous' : 'next'),
    forgetDiscovered: ({ key }) => {
      page.forgetDiscovered(String(key));
      return { ok: true as const };
    },
    applySettings: async ({ paused, siteDisabled }) => ({ mentions: await page.applySwitches(!!paused, !!siteDisabled) }),
  };
}

/** Saved annotations (lib/content/anchoring.ts): answers its own messages, paints `backstory-saved`. */
function savedAnnotationsFor(deps: AnnotatorDeps, session: PageSession, config: ContentConfig, support: PageSession['highlights']) {
  return createSavedAnnotations({
    doc: deps.doc,
    win: deps.win,
    ask: session.ask,
    session,
    enabled: () => !(config.settings.paused || config.siteDisabled),
    highlight: support,
    editorUi: deps.ui.createNoteEditorUi(deps.doc, deps.win),
  });
}

/**
 * Extract → detect → paint runs sliced in lib/detect/page-scan.ts, which also follows added content,
 * single-page-app navigation and backs off on pages that never settle.
 */
function scannerFor(
  deps: AnnotatorDeps,
  session: PageSession,
  config: ContentConfig,
  painter: Painter,
  onUpdate: (update: PageScanUpdate) => Promise<void>,
  onPainted: (list: PaintedMention[]) => void,
): PageScanner {
  const scanner = createPageScanner({
    doc: deps.doc,
    win: deps.win,
    table: config.table,
    prebuilt: config.detector,
    painter,
    slicer: session.slicer,
    isActive: () => !session.signal.aborted && !((config.settings.paused || config.siteDisabled) && !scanner.state().forced),
    isSuppressed: (m) => config.suppressed.some((s) => s.entityId === m.entityId && s.text === m.text.toLowerCase()),
    anySuppressed: () => config.suppressed.length > 0,
    onUpdate,
    onPainted,
  });
  return scanner;
}
