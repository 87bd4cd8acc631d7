// Everything the background answers, with its dependencies passed in (so tests hand in fakes).
// Its parts: core.ts (storage, the pack, settings, the alias table and its detector), page-handlers.ts
// (page reports and tab states), entity-details.ts (a card's entity), site-handlers.ts (page config,
// settings, site switches and suppressions).
import type { PackedStore } from '../detect/packed-cache';
import type { Pack } from '../kb/schema';
import type { BackstoryDB } from '../db/database';
import { installPack } from '../db/pack-store';
import type { TabState } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { DEFAULT_SETTINGS } from '../settings';
import { createAnnotationHandlers } from '../annotations/handlers';
import type { FetchLike } from '../live/http';
import { createLiveHandlers } from '../live/handlers';
import { createDossierHandlers } from '../dossier/handlers';
import { createServiceCore, type SettingsStore } from './core';
import { entityDetailsHandler } from './entity-details';
import { createPageHandlers, type PageHandlerDeps } from './page-handlers';
import { createSiteHandlers } from './site-handlers';

export type { SettingsStore };

export interface ServiceDeps {
  db: BackstoryDB;
  pack: Pack;
  settingsStore: SettingsStore;
  /** claims extraction and linking for a reported page; `incognito`: a private window (no reading history) */
  extractClaims?: PageHandlerDeps['extractClaims'];
  /** asks a tab's content script (saved annotations: describe a range, repaint after a save) */
  askTab?: (tabId: number, type: string, payload: unknown) => Promise<unknown>;
  /** navigator.storage.estimate (the manager's storage line) */
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  /** the only network access: live context and pack updates (lib/live), never without the reader's say */
  fetch?: FetchLike;
  /** browser.permissions.contains for live context's hosts */
  hasPermission?: (origins: string[]) => Promise<boolean>;
  /** the tabs' new names, kept across service-worker restarts (browser.storage.session) */
  discoveredSession?: { get(): Promise<unknown>; set(value: unknown): Promise<void> };
  /** the compiled detector, kept across service-worker and browser restarts (browser.storage.local) */
  detectorStore?: PackedStore;
  /** opens an extension page in a new tab (the card's "Everything you've read" link) */
  openPage?: (path: string) => Promise<void>;
  /** injects the card UI (entrypoints/card-ui.ts) into one frame of a tab: scripting.executeScript */
  injectCardUi?: (tabId: number, frameId: number) => Promise<void>;
}

export interface BackgroundService {
  handlers: Handlers;
  tabStates: Map<number, TabState>;
  ready: Promise<void>;
  /** set when IndexedDB is unusable; detection keeps working from the bundled pack */
  storageError: () => string | null;
  /** whether the database opened (waits a moment for it; false while an upgrade is blocked or after it failed) */
  storageUsable: () => Promise<boolean>;
  /** compiles and stores the packed detector for the current table (lib/detect/packed-cache.ts) */
  warmDetector: () => Promise<void>;
}

export function createBackgroundService(deps: ServiceDeps): BackgroundService {
  const { db } = deps;
  const core = createServiceCore(deps);
  const tabStates = new Map<number, TabState>();
  const currentStorageError = () => core.storageError() ?? core.failure() ?? annotations.storageProblem();

  const annotations = createAnnotationHandlers({
    db,
    pack: core.pack(),
    ready: core.ready,
    storageError: () => core.storageError() ?? core.failure(),
    askTab: deps.askTab,
    estimate: deps.estimate,
    onEntitiesChanged: async () => {
      core.forgetTable();
      // pages start from the stored detector: the next page should already know the new entity
      await warmDetector().catch(() => undefined);
    },
    resetSettings: () => core.saveSettings(DEFAULT_SETTINGS),
  });

  const live = createLiveHandlers({
    db,
    settings: core.settings,
    saveSettings: core.updateSettings,
    fetch: deps.fetch ?? (() => Promise.reject(new TypeError('No network access in this context.'))),
    hasPermission: deps.hasPermission,
    currentPack: core.pack,
    async replacePack(next) {
      await installPack(db, next, { force: true });
      core.usePack(next);
      // pages start from the stored detector: store the new pack's now, so the next page opens with it
      await warmDetector();
    },
    saveCustomEntity: async (entity) => {
      await annotations.handlers.saveCustomEntity({ entity }, {});
    },
    aliasTable: () => core.table(),
    session: deps.discoveredSession,
  });

  const entityDetails = entityDetailsHandler(core, live.handlers);
  const dossiers = createDossierHandlers({
    db,
    pack: core.pack,
    retentionDays: async () => (await core.settings()).historyRetentionDays,
    usable: core.storageUsable,
    details: async (id) => entityDetails({ id }, {}),
    openPage: deps.openPage,
  });

  const handlers: Handlers = {
    ...annotations.handlers,
    ...live.handlers,
    ...dossiers.handlers,
    ...createSiteHandlers(core),
    ...createPageHandlers(core, {
      extractClaims: deps.extractClaims,
      discover: (report, sender) => Promise.resolve(live.handlers.discoverOnPage(report, sender)),
      tabStates,
      storageError: currentStorageError,
    }),
    // The card also gets the entity's track record and how much the reader has read about it (lib/dossier).
    async getEntity(payload, sender) {
      const details = await entityDetails(payload, sender);
      if (!details || payload.id.startsWith('discovered:')) return details;
      const summary = await dossiers.summary(details.entity).catch(() => null); // the card still shows without it
      return summary ? { ...details, ...summary } : details;
    },
    // The card UI is not in the content script (it would weigh on every page): the sender's own frame
    // gets it on first need, in the same isolated world, never as a resource the page could probe for.
    async loadCardUi(_payload, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !deps.injectCardUi) throw new Error('No tab to load the card into.');
      await deps.injectCardUi(tabId, sender.frameId ?? 0);
      return { ok: true as const };
    },
  };

  /**
   * Compiles and stores the detector now rather than when the first page asks (after an install or
   * an update, when the stored copy is missing or out of date). Not on every worker start: a worker
   * woken for a message has better things to do first, and the copy from before is still there.
   */
  async function warmDetector(): Promise<void> {
    await core.packedFor(await core.table());
  }

  return { handlers, tabStates, ready: core.ready, storageError: currentStorageError, storageUsable: core.storageUsable, warmDetector };
}

export { DEFAULT_SETTINGS };
