// The background's answers for live context, discovered names and pack updates. Every network
// request of the extension starts here, and only when the reader turned live context on (or asked
// the manager to check for a pack update).
import { uniqueEntityId } from '../kb/ids';
import * as v from 'valibot';
import type { BackstoryDB } from '../db/database';
import {
  decidedNames,
  discoveredKey,
  dismissDiscovered,
  liveCacheStore,
  pruneLiveCache,
  undoDiscoveredDecision,
  clearLiveCache,
} from '../db/live-cache';
import { storedPackVersion } from '../db/pack-store';
import { discoverNames } from '../discover/discover';
import { knownFromTable, type KnownNames } from '../discover/known';
import type { DiscoveredName } from '../discover/types';
import type { AliasTable } from '../kb/alias-table';
import { EntitySchema, PackSchema, validate, type Entity, type Pack } from '../kb/schema';
import type { EntityDetails } from '../messaging/protocol';
import type { HandlerMap, SenderLike } from '../messaging/router';
import type { Settings } from '../settings';
import type { FetchLike } from './http';
import { checkPackUpdate, compareVersions } from './pack-update';
import { liveOrigins } from './permissions';
import { createLiveService, type LiveService } from './service';
import type { LiveMessages, PromoteRequest } from './messages';
import type { PackUpdateStatus } from './types';

export type { PackUpdateStatus, PromoteRequest };

/** Entity ids the content script gives names found on the page. */
export const DISCOVERED_PREFIX = 'discovered:';
const PACK_UPDATE_KEY = 'packUpdate';
/** tabs whose discovered names are remembered (the popup and cards ask about open tabs only) */
const MAX_TABS = 100;
/** Discovery reads this much of a page: articles are far shorter; endless feeds are not worth the time. */
export const MAX_DISCOVERY_TEXT = 400_000;

export interface LiveHandlerDeps {
  db: BackstoryDB;
  settings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  fetch: FetchLike;
  /** browser.permissions.contains for the live hosts; absent in tests */
  hasPermission?: (origins: string[]) => Promise<boolean>;
  /** the pack in use (bundled or a later update) */
  currentPack(): Pack;
  /** installs a newer pack: custom entities stay (lib/db/pack-store.ts installPack) */
  replacePack(pack: Pack): Promise<void>;
  /** saves a custom entity the way the manager does (validation, alias table rebuild) */
  saveCustomEntity(entity: Entity): Promise<unknown>;
  /** the alias table the content scripts detect with (pack and custom entities) */
  aliasTable(): Promise<AliasTable>;
  /** storage that outlives the service worker but not the browser session (browser.storage.session) */
  session?: { get(): Promise<unknown>; set(value: unknown): Promise<void> };
  now?: () => number;
}

/** The live messages' handlers, typed from lib/live/messages.ts (requests inferred from their schemas). */
export type LiveHandlers = HandlerMap<LiveMessages>;

/** A pack update saved earlier, when it is newer than the bundled one (the bundled pack may have caught up). */
export async function newestPack(db: BackstoryDB, bundled: Pack): Promise<Pack> {
  try {
    const stored = (await db.meta.get(PACK_UPDATE_KEY))?.value;
    if (!stored) return bundled;
    const result = validate(PackSchema, stored);
    if (result.ok && compareVersions(result.value.version, bundled.version) > 0) return result.value;
  } catch {
    // no database: the bundled pack
  }
  return bundled;
}

export async function savePackUpdate(db: BackstoryDB, pack: Pack): Promise<void> {
  await db.meta.put({ key: PACK_UPDATE_KEY, value: pack });
}

/** "Élodie Marchand" → "elodie-marchand", unique against the ids in use. */
export const entityIdFor = uniqueEntityId;

/** The custom entity a discovered name becomes: its name (and surname, after the full name) as aliases. */
export function entityFromDiscovered(req: PromoteRequest, id: string): Entity {
  const name = req.name.trim().replace(/\s+/g, ' ');
  const aliases: Entity['aliases'] = [{ text: name, case: 'sensitive', ambiguous: false, shortForm: false }];
  const parts = name.split(' ');
  if (req.type === 'person' && parts.length >= 2 && parts[parts.length - 1].length >= 3) {
    aliases.push({ text: parts[parts.length - 1], case: 'sensitive', ambiguous: false, shortForm: true });
  }
  const role = req.role ? req.role[0].toUpperCase() + req.role.slice(1) : '';
  const where = req.org ? `${role ? `${role}, ` : 'At '}${req.org}` : role;
  const description = `${where ? `${where}. ` : ''}Added from an article you read.`.slice(0, 400);
  const relations: Entity['relations'] =
    req.type === 'person' && req.orgEntityId ? [{ type: 'role', target: req.orgEntityId, role: req.role?.slice(0, 80) }] : [];
  return { id, type: req.type, name, aliases, description, facts: [], relations, custom: true };
}

/**
 * The tabs' new names. An MV3 service worker is stopped after half a minute idle, so they are
 * mirrored in session storage: a card opened later still finds its name.
 */
function discoveredTabs(session: LiveHandlerDeps['session']) {
  const byTab = new Map<number, { url: string; names: DiscoveredName[] }>();
  let restored: Promise<void> | null = null;
  const restore = () =>
    (restored ??= (async () => {
      const saved = (await session?.get().catch(() => undefined)) as Record<string, { url: string; names: DiscoveredName[] }> | undefined;
      for (const [tabId, entry] of Object.entries(saved ?? {})) if (!byTab.has(Number(tabId))) byTab.set(Number(tabId), entry);
    })());
  const persist = () => void session?.set(Object.fromEntries(byTab)).catch(() => undefined);
  const forgetEverywhere = (key: string) => {
    for (const tab of byTab.values()) tab.names = tab.names.filter((n) => n.key !== key);
    persist();
  };
  async function discoveredFor(sender: SenderLike, key: string): Promise<DiscoveredName | undefined> {
    await restore();
    const tabId = sender.tab?.id;
    const list = typeof tabId === 'number' ? byTab.get(tabId)?.names : undefined;
    return list?.find((n) => n.key === key);
  }
  return { byTab, restore, persist, forgetEverywhere, discoveredFor };
}

/** Checking for a newer pack, then installing it: the pack the check found waits here in between. */
function packUpdateHandlers(deps: LiveHandlerDeps): Pick<LiveHandlers, 'checkPackUpdate' | 'installPackUpdate'> {
  const { db } = deps;
  let pendingUpdate: Pack | null = null;
  return {
    async checkPackUpdate() {
      const settings = await deps.settings();
      const installed = (await storedPackVersion(db).catch(() => undefined)) ?? deps.currentPack().version;
      const result = await checkPackUpdate(settings.packUpdateUrl, installed, deps.fetch);
      pendingUpdate = result.status === 'available' ? result.pack : null;
      if (result.status === 'available')
        return { status: 'available', installed: result.installed, remote: result.remote, entities: result.pack.entities.length };
      return result;
    },

    async installPackUpdate() {
      const pack = pendingUpdate;
      if (!pack) throw new Error('Check for an update first.');
      if (compareVersions(pack.version, deps.currentPack().version) <= 0)
        throw new Error(`Version ${pack.version} is not newer than ${deps.currentPack().version}.`);
      await savePackUpdate(db, pack);
      await deps.replacePack(pack);
      pendingUpdate = null;
      return { version: pack.version, entities: pack.entities.length };
    },
  };
}

export function createLiveHandlers(deps: LiveHandlerDeps): { handlers: LiveHandlers; service: LiveService } {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const service = createLiveService({
    store: liveCacheStore(db),
    fetch: deps.fetch,
    settings: deps.settings,
    hasPermission: deps.hasPermission,
    origins: liveOrigins,
    now,
  });
  const { byTab: discoveredByTab, restore, persist, forgetEverywhere, discoveredFor } = discoveredTabs(deps.session);
  let knownTable: AliasTable | null = null;
  let known: KnownNames | null = null;
  let pruned = false;

  async function entityQuery(entityId: string): Promise<{ wikipedia?: string; wikidata?: string } | null> {
    const record = await db.entities.get(entityId).catch(() => undefined);
    const entity = record ?? deps.currentPack().entities.find((e) => e.id === entityId);
    if (!entity) return null;
    return { wikipedia: entity.wikipedia, wikidata: entity.wikidata };
  }

  const handlers: LiveHandlers = {
    async getLiveContext({ entityId, name, hints }, sender) {
      if (!pruned) {
        pruned = true;
        void pruneLiveCache(db, now()).catch(() => undefined);
      }
      if (entityId?.startsWith(DISCOVERED_PREFIX)) {
        const found = await discoveredFor(sender, entityId.slice(DISCOVERED_PREFIX.length));
        const lookupName = found?.name ?? name;
        if (!lookupName) return { status: 'no-source' };
        return service.getLiveContext({ name: lookupName, hints: [found?.org, ...(hints ?? [])].filter((h): h is string => !!h) });
      }
      if (entityId) {
        const query = await entityQuery(entityId);
        if (!query) return { status: 'no-source' };
        return service.getLiveContext(query);
      }
      if (name) return service.getLiveContext({ name, hints });
      return { status: 'no-source' };
    },

    // The permission prompt needs a user gesture, so the popup or manager asks for it first.
    setLiveContext: ({ on }) => deps.saveSettings({ liveContext: on }),

    // Runs here, not in the page: the regex work never competes with the page's own scripts.
    async discoverOnPage({ url, text, mentions }, sender) {
      const table = await deps.aliasTable();
      if (knownTable !== table) {
        knownTable = table;
        known = knownFromTable(table);
      }
      const decided = new Set((await decidedNames(db).catch(() => [])).map((d) => d.key));
      const names = discoverNames(text.slice(0, MAX_DISCOVERY_TEXT), mentions, known!.names, { knownIds: known!.ids }).filter(
        (n) => !decided.has(n.key),
      );
      const tabId = sender.tab?.id;
      if (typeof tabId === 'number') {
        await restore();
        discoveredByTab.delete(tabId);
        // the card and popup need no spans; keep the stored copy small
        discoveredByTab.set(tabId, { url, names: names.map((n) => ({ ...n, spans: n.spans.slice(0, 1) })) });
        while (discoveredByTab.size > MAX_TABS) discoveredByTab.delete(discoveredByTab.keys().next().value!);
        persist();
      }
      return names;
    },

    async getDiscovered({ tabId }) {
      await restore();
      return discoveredByTab.get(tabId)?.names ?? [];
    },

    discoveredDecisions: () => decidedNames(db),

    async promoteDiscovered(req) {
      const ids = new Set([
        ...(await db.entities.toCollection().primaryKeys()),
        ...deps.currentPack().entities.map((e) => e.id),
      ] as string[]);
      const entity = entityFromDiscovered(
        req,
        entityIdFor(req.name, (id) => ids.has(id)),
      );
      const parsed = v.safeParse(EntitySchema, entity);
      if (!parsed.success) throw new Error(`“${req.name}” cannot be added: ${parsed.issues[0].message}`);
      await deps.saveCustomEntity(parsed.output);
      await db.discovered.put({ key: discoveredKey(req.name), name: entity.name, type: req.type, status: 'promoted', decidedAt: now() });
      forgetEverywhere(discoveredKey(req.name));
      return { entityId: entity.id };
    },

    async dismissDiscovered({ name, type }) {
      await dismissDiscovered(db, name, type, now());
      forgetEverywhere(discoveredKey(name));
      return { ok: true };
    },

    async undoDiscoveredDecision({ name }) {
      await undoDiscoveredDecision(db, name);
      return { ok: true };
    },

    ...packUpdateHandlers(deps),

    async clearLiveCache() {
      await clearLiveCache(db);
      return { ok: true };
    },
  };

  return { handlers, service };
}

/** "Chief executive, Calloway Systems, as this article describes her": the article's words, nothing more. */
export function describeDiscovered(name: Pick<DiscoveredName, 'role' | 'org' | 'type'>): string {
  const role = name.role ? name.role[0].toUpperCase() + name.role.slice(1) : '';
  const what = role && name.org ? `${role}, ${name.org}` : role || (name.org ? `At ${name.org}` : '');
  return what ? `${what}, as this article describes ${name.type === 'person' ? 'them' : 'it'}.` : 'Named in this article.';
}

/** The card's details for a name found on the page: what the article said, nothing invented. */
export function discoveredDetails(name: DiscoveredName): EntityDetails {
  const related: EntityDetails['related'] = [];
  if (name.orgEntityId && name.org) related.push({ id: name.orgEntityId, name: name.org, type: 'org', relation: 'role', role: name.role });
  return {
    entity: {
      id: `${DISCOVERED_PREFIX}${name.key}`,
      type: name.type,
      name: name.name,
      aliases: [],
      description: describeDiscovered(name),
      facts: [],
      relations: [],
    },
    related,
    trackedClaims: [],
  };
}

export async function discoveredDetailsFor(handlers: LiveHandlers, id: string, sender: SenderLike): Promise<EntityDetails | null> {
  if (!id.startsWith(DISCOVERED_PREFIX) || typeof sender.tab?.id !== 'number') return null;
  const found = (await handlers.getDiscovered({ tabId: sender.tab.id }, sender)).find((n) => n.key === id.slice(DISCOVERED_PREFIX.length));
  return found ? discoveredDetails(found) : null;
}
