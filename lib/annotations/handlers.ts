// The background's answers to saved-annotation, custom-entity, pack-file and storage messages.
// service.ts spreads these into its handlers; everything they need is passed in.
import * as v from 'valibot';
import type { BackstoryDB } from '../db/database';
import * as repo from '../db/annotations';
import { customEntities, stripOrigin } from '../db/pack-store';
import { EntitySchema, PackSchema, describeIssues, type Entity, type Pack } from '../kb/schema';
import type { Selector } from '../anchor/types';
import type { Handlers } from '../messaging/protocol';
import type { SenderLike } from '../messaging/router';
import { exportAnnotations, parseImport } from './io';
import { createAnnotation, displayQuote, noteOf } from './model';
import type { ImportReport, PackImportReport, PageAnnotationsState, SavedAnnotation, StorageStatus } from './messages';
import { AnnotationIndex, type IndexSnapshot } from './search';
import { settlesWithin } from '../storage/faults';

export type AnnotationHandlerName =
  | 'saveAnnotation'
  | 'listAnnotations'
  | 'updateAnnotation'
  | 'deleteAnnotations'
  | 'restoreAnnotations'
  | 'exportAnnotations'
  | 'importAnnotations'
  | 'annotationsForPage'
  | 'reportAnchoring'
  | 'pageAnnotations'
  | 'storageEstimate'
  | 'clearAllData'
  | 'clearHistory'
  | 'listCustomEntities'
  | 'saveCustomEntity'
  | 'deleteCustomEntity'
  | 'exportPack'
  | 'importPack';

export interface AnnotationHandlerDeps {
  db: BackstoryDB;
  pack: Pack;
  /** resolves once the database is open and the pack installed (service.ts `ready`) */
  ready?: Promise<unknown>;
  /** the service's own storage error (database could not open) */
  storageError?: () => string | null;
  /** asks a tab's content script; absent in tests without tabs */
  askTab?: (tabId: number, type: string, payload: unknown) => Promise<unknown>;
  /** navigator.storage.estimate, where there is one */
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  /** custom entities changed: the alias table must be rebuilt */
  /** the alias table changed: resolves once the background has stored the new detector for pages */
  onEntitiesChanged?: () => void | Promise<void>;
  /** resets settings to their defaults (clear all data) */
  resetSettings?: () => Promise<void>;
  now?: () => Date;
}

const QUOTA_MESSAGE =
  'Backstory’s storage in this browser is full, so this change was not saved. Everything saved before is intact. ' +
  'Free some space (export and delete old annotations, or clear reading history in the manager) and try again.';

export function isQuotaError(err: unknown): boolean {
  for (let e = err as { name?: string; inner?: unknown } | undefined, depth = 0; e && depth < 4; e = e.inner as typeof e, depth++) {
    if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  }
  return false;
}

function toSaved(r: {
  annotation: SavedAnnotation['annotation'];
  status?: SavedAnnotation['status'];
  checkedAt?: number;
}): SavedAnnotation {
  const out: SavedAnnotation = { annotation: r.annotation };
  if (r.status) out.status = r.status;
  if (r.checkedAt) out.checkedAt = r.checkedAt;
  return out;
}

const BLOCKED =
  'Backstory is upgrading its storage, but an older Backstory page in another tab is keeping the old version open. Close other Backstory tabs (or restart the browser); nothing is lost.';

/** The storage problem the reader should see, and the waits and writes that set or clear it. */
interface StorageGate {
  problem(): string | null;
  clearProblem(): void;
  /** Waits for the database; an upgrade blocked by another tab gets its message instead of an endless wait. */
  opened(): Promise<void>;
  /** Runs a write; a full disk becomes a message the user can act on, and nothing half-written stays. */
  write<T>(work: () => Promise<T>): Promise<T>;
}

function createStorageGate(db: BackstoryDB, ready: Promise<unknown> | undefined): StorageGate {
  let problem: string | null = null;
  db.on('blocked', () => {
    problem = BLOCKED;
  });
  db.on('ready', () => {
    if (problem === BLOCKED) problem = null;
  });
  async function opened(): Promise<void> {
    if (ready && !(await settlesWithin(ready, 1500))) throw new Error(problem ?? BLOCKED);
  }
  return {
    problem: () => problem,
    clearProblem: () => {
      problem = null;
    },
    opened,
    async write(work) {
      await opened();
      try {
        const result = await work();
        if (problem && /full/.test(problem)) problem = null;
        return result;
      } catch (err) {
        if (isQuotaError(err)) {
          problem = QUOTA_MESSAGE;
          throw new Error(QUOTA_MESSAGE);
        }
        throw err;
      }
    },
  };
}

/**
 * The manager's search index: built on the first query, then kept in step with every write. It is
 * kept in the database too (one meta record, statuses aside), so the first query after the service
 * worker restarts reads one record instead of every annotation. Any write to the annotations drops
 * that copy first (a restart never answers from a stale one); it is saved again once writes settle.
 */
interface IndexCache {
  get(): Promise<AnnotationIndex>;
  /** applies a change to the index only if it was built (else the next query reads it fresh) */
  update(change: (index: AnnotationIndex) => void): Promise<void>;
  reset(): void;
  /** a write to the annotations (through the storage gate), with the saved copy dropped before it */
  write<T>(work: () => Promise<T>): Promise<T>;
}

/** The meta record holding the search index between service-worker lives. */
export const INDEX_SNAPSHOT_KEY = 'annotationIndex';
// long enough that a burst of edits saves once
const INDEX_SAVE_DELAY_MS = 1000;

function createIndexCache(db: BackstoryDB, gate: StorageGate): IndexCache {
  let index: Promise<AnnotationIndex> | null = null;
  let writing = 0;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  async function load(): Promise<AnnotationIndex> {
    try {
      const [stored, count] = await Promise.all([db.meta.get(INDEX_SNAPSHOT_KEY), db.annotations.count()]);
      const snap = stored?.value as IndexSnapshot | undefined;
      if (snap?.ids?.length === count) {
        const [anchored, orphan] = await Promise.all([
          db.annotations.where('status').equals('anchored').primaryKeys(),
          db.annotations.where('status').equals('orphan').primaryKeys(),
        ]);
        const restored = AnnotationIndex.fromSnapshot(snap, { anchored: anchored as string[], orphan: orphan as string[] });
        if (restored) return restored;
      }
    } catch {
      // no saved copy to be had: read everything
    }
    const built = new AnnotationIndex(await repo.allAnnotations(db));
    scheduleSave();
    return built;
  }

  function scheduleSave(): void {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      if (!index) return;
      // a write under way: its change is not in the index yet
      if (writing > 0) return scheduleSave();
      void index.then((idx) => db.meta.put({ key: INDEX_SNAPSHOT_KEY, value: idx.snapshot() })).catch(() => undefined); // rebuilt from the annotations next time
    }, INDEX_SAVE_DELAY_MS);
  }

  return {
    get() {
      index ??= load().catch((err) => {
        index = null;
        throw err;
      });
      return index;
    },
    async update(change) {
      if (index) change(await index);
    },
    reset() {
      index = null;
    },
    async write(work) {
      writing++;
      try {
        return await gate.write(async () => {
          await db.meta.delete(INDEX_SNAPSHOT_KEY);
          return work();
        });
      } finally {
        writing--;
        scheduleSave();
      }
    },
  };
}

/** What the handler groups share. */
interface HandlerContext {
  db: BackstoryDB;
  pack: Pack;
  deps: AnnotationHandlerDeps;
  now: () => Date;
  gate: StorageGate;
  index: IndexCache;
  /** what re-anchoring found in each tab (the popup's orphan line) */
  pages: Map<number, PageAnnotationsState>;
}

type SavedAnnotationName =
  | 'saveAnnotation'
  | 'listAnnotations'
  | 'updateAnnotation'
  | 'deleteAnnotations'
  | 'restoreAnnotations'
  | 'exportAnnotations'
  | 'importAnnotations'
  | 'annotationsForPage'
  | 'reportAnchoring'
  | 'pageAnnotations';
type StorageName = 'storageEstimate' | 'clearAllData' | 'clearHistory';
type EntityName = 'listCustomEntities' | 'saveCustomEntity' | 'deleteCustomEntity' | 'exportPack' | 'importPack';

export function createAnnotationHandlers(deps: AnnotationHandlerDeps): {
  handlers: Pick<Handlers, AnnotationHandlerName>;
  storageProblem: () => string | null;
} {
  const gate = createStorageGate(deps.db, deps.ready);
  const ctx: HandlerContext = {
    db: deps.db,
    pack: deps.pack,
    deps,
    now: deps.now ?? (() => new Date()),
    gate,
    index: createIndexCache(deps.db, gate),
    pages: new Map(),
  };
  const handlers: Pick<Handlers, AnnotationHandlerName> = {
    ...savedAnnotationHandlers(ctx),
    ...storageHandlers(ctx),
    ...entityHandlers(ctx),
  };
  return { handlers, storageProblem: ctx.gate.problem };
}

/** Fills in prefix/suffix for a save from offsets, by asking the tab that holds the text. */
async function fillSelectors(ctx: HandlerContext, req: Parameters<Handlers['saveAnnotation']>[0], tabId: number | undefined) {
  const { askTab } = ctx.deps;
  if (req.selectors?.length || req.prefix !== undefined || req.suffix !== undefined) return req;
  if (tabId === undefined || !askTab || typeof req.start !== 'number' || typeof req.end !== 'number') return req;
  try {
    const described = (await askTab(tabId, 'describeRange', { start: req.start, end: req.end, exact: req.exact })) as {
      selectors: Selector[];
    } | null;
    if (described?.selectors?.length) return { ...req, selectors: described.selectors };
  } catch {
    // the page is gone or has no content script: the quote and offsets alone still anchor
  }
  return req;
}

function savedAnnotationHandlers(ctx: HandlerContext): Pick<Handlers, SavedAnnotationName> {
  const { db, gate, index, pages } = ctx;
  const notifyTab = (tabId: number | undefined) => {
    if (tabId === undefined || !ctx.deps.askTab) return;
    ctx.deps.askTab(tabId, 'annotationsChanged', {}).catch(() => undefined);
  };
  return {
    async saveAnnotation(req, sender: SenderLike) {
      const tabId = req.tabId ?? sender.tab?.id;
      const full = await fillSelectors(ctx, req, tabId);
      const annotation = createAnnotation(full, ctx.now());
      const record = await index.write(() => repo.saveAnnotation(db, annotation));
      await index.update((idx) => idx.put(record));
      notifyTab(tabId);
      return toSaved(record);
    },

    async listAnnotations(query) {
      await gate.opened();
      const result = (await index.get()).query(query);
      const records = await repo.getAnnotations(db, result.ids);
      return { items: records.map(toSaved), total: result.total, facets: result.facets };
    },

    async updateAnnotation({ id, note, tags }) {
      const record = await index.write(() => repo.updateAnnotation(db, id, { note, tags }));
      await index.update((idx) => idx.put(record));
      return toSaved(record);
    },

    async deleteAnnotations({ ids }) {
      const deleted = await index.write(() => repo.deleteAnnotations(db, ids));
      await index.update((idx) => idx.remove(deleted.map((r) => r.id)));
      return { deleted: deleted.map(toSaved) };
    },

    async restoreAnnotations({ items }) {
      const records = items.map((s) => repo.toRecord(s.annotation as SavedAnnotation['annotation'], s));
      await index.write(() => repo.restoreAnnotations(db, records));
      await index.update((idx) => {
        for (const r of records) idx.put(r);
      });
      return { restored: records.length };
    },

    async exportAnnotations({ format, ids }) {
      await gate.opened();
      const records = ids ? await repo.getAnnotations(db, ids) : await repo.allAnnotations(db);
      return exportAnnotations(
        records.map((r) => r.annotation),
        format,
        ctx.now(),
      );
    },

    async importAnnotations({ content }) {
      const parsed = parseImport(content);
      if (!parsed.ok) throw new Error(parsed.error);
      const merged = await index.write(() => repo.mergeAnnotations(db, parsed.annotations));
      index.reset(); // rebuilt on the next query
      const report: ImportReport = { total: parsed.total, ...merged, rejected: parsed.rejected };
      return report;
    },

    async annotationsForPage({ url, canonicalUrl }) {
      await gate.opened();
      const urls = canonicalUrl && canonicalUrl !== url ? [url, canonicalUrl] : [url];
      return (await repo.annotationsForPage(db, urls)).map(toSaved);
    },

    async reportAnchoring({ url, anchored, orphans }, sender) {
      await gate.write(() => repo.setAnchorStatus(db, anchored, orphans, Date.now()));
      await index.update((idx) => {
        idx.setStatus(anchored, 'anchored');
        idx.setStatus(orphans, 'orphan');
      });
      const tabId = sender.tab?.id;
      if (typeof tabId === 'number') {
        const records = await repo.getAnnotations(db, orphans);
        pages.set(tabId, {
          url,
          total: anchored.length + orphans.length,
          anchored: anchored.length,
          orphans: records.map((r) => ({
            id: r.id,
            quote: displayQuote(r.annotation).slice(0, 200),
            note: noteOf(r.annotation).slice(0, 200),
          })),
        });
      }
      return { ok: true as const };
    },

    pageAnnotations({ tabId }) {
      return pages.get(tabId) ?? null;
    },
  };
}

function storageHandlers(ctx: HandlerContext): Pick<Handlers, StorageName> {
  const { db, pack, deps, gate } = ctx;
  return {
    async storageEstimate() {
      const status: StorageStatus = {
        error: deps.storageError?.() ?? gate.problem(),
        annotations: 0,
        pages: 0,
        customEntities: 0,
        schemaVersion: db.verno,
      };
      try {
        await gate.opened();
        [status.annotations, status.pages, status.customEntities] = await Promise.all([
          db.annotations.count(),
          db.pages.count(),
          db.entities.where('origin').equals('custom').count(),
        ]);
        status.schemaVersion = db.verno;
      } catch (err) {
        status.error ??= `Backstory could not read its storage: ${(err as Error).message}`;
      }
      if (!status.error && gate.problem()) status.error = gate.problem();
      if (deps.estimate) {
        try {
          Object.assign(status, await deps.estimate());
        } catch {
          // some browsers have no estimate: the counts still show
        }
      }
      return status;
    },

    async clearAllData({ confirm }) {
      if (confirm !== 'delete everything') throw new Error('Clearing all data needs confirmation.');
      await gate.opened();
      const keep = new Set(['meta', 'trackedClaims', 'entities']);
      await db.transaction('rw', db.tables, async () => {
        for (const table of db.tables) if (!keep.has(table.name)) await table.clear();
        await db.meta.delete(INDEX_SNAPSHOT_KEY);
        await db.entities.where('origin').equals('custom').delete();
        // pack entities a custom one had shadowed come back
        const present = new Set((await db.entities.toCollection().primaryKeys()) as string[]);
        await db.entities.bulkPut(pack.entities.filter((e) => !present.has(e.id)).map((e) => ({ ...e, origin: 'pack' as const })));
      });
      ctx.index.reset();
      ctx.pages.clear();
      gate.clearProblem();
      await deps.resetSettings?.();
      await deps.onEntitiesChanged?.();
      return { ok: true as const };
    },

    async clearHistory() {
      await gate.opened();
      const [pagesCount, claimsCount] = await Promise.all([db.pages.count(), db.claimHistory.count()]);
      await db.transaction('rw', db.pages, db.claimHistory, async () => {
        await db.pages.clear();
        await db.claimHistory.clear();
      });
      return { pages: pagesCount, claims: claimsCount };
    },
  };
}

function entityHandlers(ctx: HandlerContext): Pick<Handlers, EntityName> {
  const { db, pack, deps, gate } = ctx;

  async function removeCustom(id: string) {
    const stored = await db.entities.get(id);
    if (stored?.origin !== 'custom') return;
    await db.entities.delete(id);
    const original = pack.entities.find((e) => e.id === id);
    if (original) await db.entities.put({ ...original, origin: 'pack' });
  }

  return {
    async listCustomEntities() {
      await gate.opened();
      return customEntities(db);
    },

    async saveCustomEntity({ entity, previousId }) {
      const parsed = v.safeParse(EntitySchema, entity);
      if (!parsed.success) throw new Error(`This entity is not valid: ${describeIssues(entity, parsed.issues).join('; ')}`);
      const value: Entity = { ...parsed.output, custom: true };
      await gate.write(() =>
        db.transaction('rw', db.entities, async () => {
          if (previousId && previousId !== value.id) await removeCustom(previousId);
          await db.entities.put({ ...value, origin: 'custom' });
        }),
      );
      await deps.onEntitiesChanged?.();
      return value;
    },

    async deleteCustomEntity({ id }) {
      await gate.write(() => db.transaction('rw', db.entities, () => removeCustom(id)));
      await deps.onEntitiesChanged?.();
      return { ok: true as const };
    },

    async exportPack() {
      await gate.opened();
      const custom = await customEntities(db);
      const customIds = new Set(custom.map((e) => e.id));
      const day = ctx.now().toISOString().slice(0, 10);
      const file: Pack = {
        format: pack.format,
        version: pack.version,
        updated: day,
        entities: [...custom.map((e) => ({ ...e, custom: true })), ...pack.entities.filter((e) => !customIds.has(e.id))],
        trackedClaims: pack.trackedClaims,
      };
      return {
        filename: `backstory-pack-${pack.version}-${day}.json`,
        mime: 'application/json',
        content: `${JSON.stringify(file, null, 2)}\n`,
      };
    },

    async importPack({ content }) {
      const entities = parsePackFile(content);
      const report = await gate.write(() => mergePackEntities(db, pack, entities));
      if (report.added.length || report.updated.length) await deps.onEntitiesChanged?.();
      return report;
    },
  };
}

/** A pack file's entities, or an error that says why nothing can be imported. */
function parsePackFile(content: string): Entity[] {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`This file is not JSON (${(err as Error).message}).`);
  }
  const parsed = v.safeParse(PackSchema, data);
  if (!parsed.success)
    throw new Error(`This is not a valid Backstory pack, so nothing was imported:\n${describeIssues(data, parsed.issues).join('\n')}`);
  // the same id twice would silently keep only the last: refuse, naming them
  const seen = new Set<string>();
  const repeated = new Set(parsed.output.entities.map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id)));
  if (repeated.size)
    throw new Error(`This pack lists the same entity more than once (${[...repeated].slice(0, 10).join(', ')}), so nothing was imported.`);
  return parsed.output.entities;
}

/** Stores an imported pack's entities as custom ones, except those identical to what is stored or bundled. */
async function mergePackEntities(db: BackstoryDB, pack: Pack, entities: Entity[]): Promise<PackImportReport> {
  const bundled = new Map(pack.entities.map((e) => [e.id, JSON.stringify(canonical(e))]));
  const report: PackImportReport = { added: [], updated: [], unchanged: [], rejected: [] };
  await db.transaction('rw', db.entities, async () => {
    for (const entity of entities) {
      const { custom: _custom, ...plain } = entity;
      const stored = await db.entities.get(entity.id);
      const same = JSON.stringify(canonical(plain));
      // the bundled pack's own entities come back unchanged from an export: nothing to do
      if ((!stored || stored.origin === 'pack') && bundled.get(entity.id) === same) {
        report.unchanged.push(entity.id);
        continue;
      }
      if (stored?.origin === 'custom' && JSON.stringify(canonical(stripOrigin(stored))) === same) {
        report.unchanged.push(entity.id);
        continue;
      }
      await db.entities.put({ ...plain, custom: true, origin: 'custom' });
      (stored ? report.updated : report.added).push(entity.id);
    }
  });
  return report;
}

/** Entity JSON without the custom flag, keys sorted, for comparing content. */
function canonical(e: Entity | Omit<Entity, 'custom'>): unknown {
  const { custom: _c, ...rest } = e as Entity;
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
          )
        : x;
  return sort(rest);
}
