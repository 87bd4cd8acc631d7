// The background's answers for dossiers and predictions. Reads the reader's history (within the
// retention period), saved annotations and outcomes from Dexie; assembly is in build.ts (pure).
import type { BackstoryDB, OutcomeRecord } from '../db/database';
import type { Entity, Pack, TrackedClaim } from '../kb/schema';
import type { EntityDetails } from '../kb/details';
import type { Handlers } from '../messaging/server';
import { cutoffFor } from '../db/claim-history';
import type { HistoryClaim } from '../claims/link';
import type { ClaimNumber } from '../claims/types';
import { buildPredictions, predictionsOf, trackRecord, type Prediction, type TrackRecord } from '../predictions/list';
import {
  annotationsAbout,
  disagreementsOf,
  facetsOf,
  historyAbout,
  rankEntities,
  timelineOf,
  toEntry,
  type Disagreement,
  type Dossier,
  type DossierAnnotation,
  type TimelineEntry,
} from './build';
import { dossierFile, parseOutcomes } from './export';
import type { DossierMessages, OutcomeImportReport } from './messages';

export type DossierHandlerName = keyof DossierMessages;

/** predictions a dossier's first screen lists */
export const PREDICTIONS_SHOWN = 12;

export interface DossierHandlerDeps {
  db: BackstoryDB;
  pack: () => Pack;
  retentionDays: () => Promise<number>;
  /** whether storage is usable (the service's storageUsable) */
  usable: () => Promise<boolean>;
  /** the entity and its relations, as the card gets them */
  details: (id: string) => Promise<EntityDetails | null>;
  /** opens an extension page (the manager) in a new tab */
  openPage?: (path: string) => Promise<void>;
  now?: () => number;
}

/**
 * What a dossier derives from the history alone, kept per entity while the history is unchanged:
 * reading the records and building the timeline, its facets and the disagreements is most of a
 * dossier's cost, and a reader goes back and forth between a few dossiers.
 */
interface DossierCore {
  /** the entity's claims within the retention period */
  about: HistoryClaim[];
  /** the timeline as the view gets it (shared by getDossier's first page and getDossierTimeline) */
  entries: TimelineEntry[];
  facets: Dossier['facets'];
  disagreements: Disagreement[];
  pages: number;
  /** entity ids the timeline mentions (speakers, subjects), to name */
  mentioned: string[];
}

/** The reader's data a dossier is made of: history within the retention period, outcomes, entities. */
interface DossierReads {
  history(): Promise<HistoryClaim[]>;
  /** Claims about an entity or made by it, within the retention period (index lookups, cached while the history is unchanged). */
  aboutOf(entityId: string): Promise<HistoryClaim[]>;
  /** The dossier's parts derived from those claims (timeline, facets, disagreements), cached with them. */
  coreOf(entityId: string): Promise<DossierCore>;
  /** The predictions a dossier lists: open ones soonest due first, then decided ones. */
  listedOf(entityId: string, type: Entity['type']): Promise<Prediction[]>;
  /** Saved annotations about the entity (cached while the annotations are unchanged). */
  annotationsOf(entity: Entity): Promise<DossierAnnotation[]>;
  outcomes(): Promise<OutcomeRecord[]>;
  entityMap(): Promise<Map<string, Entity>>;
}

/** Cached entries kept: the last few dossiers opened. */
const CORES_KEPT = 6;

function deriveCore(about: HistoryClaim[], tracked: readonly TrackedClaim[]): DossierCore {
  const timeline = timelineOf(about);
  const mentioned = new Set<string>();
  for (const t of timeline) {
    if (t.speaker) mentioned.add(t.speaker);
    for (const s of t.subjects) mentioned.add(s);
  }
  const entries = timeline.map(toEntry);
  return {
    about,
    entries,
    facets: facetsOf(entries),
    disagreements: disagreementsOf(timeline, tracked),
    pages: new Set(timeline.map((t) => t.url)).size,
    mentioned: [...mentioned],
  };
}

/** The pack's tracked claims about the entity or made by it. */
function trackedOf(pack: Pack, entityId: string): TrackedClaim[] {
  return pack.trackedClaims.filter((c) => c.subjects.includes(entityId) || c.speaker === entityId);
}

const EMPTY_CORE: DossierCore = deriveCore([], []);

function createDossierReads(deps: DossierHandlerDeps): DossierReads {
  const { db } = deps;
  const now = () => deps.now?.() ?? Date.now();

  async function history(): Promise<HistoryClaim[]> {
    if (!(await deps.usable())) return [];
    const since = cutoffFor(await deps.retentionDays(), now());
    const records = await db.claimHistory.where('seenAt').aboveOrEqual(since).toArray();
    return records.map((r) => ({ ...r, numbers: (r.numbers ?? []) as ClaimNumber[] }));
  }

  // Any write to the history changes its count or its newest key (pages are re-recorded by
  // delete + add, and keys only grow), so the fingerprint is two cheap reads.
  async function historyPrint(): Promise<string> {
    const [count, last] = await Promise.all([db.claimHistory.count(), db.claimHistory.orderBy(':id').lastKey()]);
    return `${count}:${String(last)}`;
  }

  /** The entity's records, all ages (two index lookups, not a scan of the whole history). */
  async function recordsOf(entityId: string): Promise<HistoryClaim[]> {
    const [about, said] = await Promise.all([
      db.claimHistory.where('subjects').equals(entityId).toArray(),
      db.claimHistory.where('speaker').equals(entityId).toArray(),
    ]);
    const seen = new Set<number>();
    const records: HistoryClaim[] = [];
    for (const r of [...about, ...said]) {
      if (seen.has(r.id!)) continue;
      seen.add(r.id!);
      records.push({ ...r, numbers: (r.numbers ?? []) as ClaimNumber[] });
    }
    return records;
  }

  type Cached = {
    print: string;
    since: number;
    oldest: number;
    records: HistoryClaim[];
    about: HistoryClaim[];
    core?: DossierCore;
    pack?: Pack;
    /** the predictions listed, with what they were built from (outcomes, pack, the minute) */
    listed?: { key: string; pack: Pack; list: Prediction[] };
  };
  const cached = new Map<string, Cached>();

  // A read under way is shared: the card's link warms the dossier while the manager opens, and the
  // manager's question may arrive before that read is done.
  const reading = new Map<string, { print: string; records: Promise<HistoryClaim[]> }>();
  function readOnce(entityId: string, print: string): Promise<HistoryClaim[]> {
    let r = reading.get(entityId);
    if (!r || r.print !== print) {
      const started = { print, records: recordsOf(entityId) };
      const done = () => {
        if (reading.get(entityId) === started) reading.delete(entityId);
      };
      started.records.then(done, done);
      reading.set(entityId, started);
      r = started;
    }
    return r.records;
  }

  /** The entity's claims within the retention period, with what was derived from them so far. */
  async function entryOf(entityId: string): Promise<Cached | null> {
    if (!(await deps.usable())) return null;
    const [print, retentionDays] = await Promise.all([historyPrint(), deps.retentionDays()]);
    const since = cutoffFor(retentionDays, now());
    let entry = cached.get(entityId);
    if (entry && entry.print !== print) entry = undefined;
    // the retention period moves with the clock: what was derived stands while no claim it holds has
    // aged out and the period did not grow (claims dropped before would come back)
    if (!entry || entry.oldest < since || since < entry.since) {
      const records = entry?.records ?? (await readOnce(entityId, print));
      const about = records.filter((r) => r.seenAt >= since);
      entry = { print, since, oldest: about.reduce((m, r) => Math.min(m, r.seenAt), Infinity), records, about };
    }
    // most recently used last; the least recently used goes first
    cached.delete(entityId);
    cached.set(entityId, entry);
    if (cached.size > CORES_KEPT) cached.delete(cached.keys().next().value!);
    return entry;
  }

  async function aboutOf(entityId: string): Promise<HistoryClaim[]> {
    return (await entryOf(entityId))?.about ?? [];
  }

  async function coreOf(entityId: string): Promise<DossierCore> {
    const entry = await entryOf(entityId);
    if (!entry) return EMPTY_CORE;
    // derived on the first dossier asked for (a card's summary needs only the claims)
    const pack = deps.pack();
    if (!entry.core || entry.pack !== pack) {
      entry.core = deriveCore(entry.about, trackedOf(pack, entityId));
      entry.pack = pack;
    }
    return entry.core;
  }

  /** The predictions a dossier lists, kept with the claims for a minute (an open one turns overdue by the day). */
  async function listedOf(entityId: string, type: Entity['type']): Promise<Prediction[]> {
    const [entry, outs] = await Promise.all([entryOf(entityId), outcomes()]);
    const pack = deps.pack();
    const at = now();
    const key = `${Math.floor(at / 60_000)}:${outs.map((o) => `${o.id}@${o.modified}`).join(',')}`;
    if (entry?.listed?.key === key && entry.listed.pack === pack) return entry.listed.list;
    const list = soonest(predictionsOf(buildPredictions(pack.trackedClaims, entry?.about ?? [], outs, at), entityId, type));
    if (entry) entry.listed = { key, pack, list };
    return list;
  }

  // Annotations change apart from the history: their count and newest modification say when.
  const annotationCache = new Map<string, { print: string; list: DossierAnnotation[] }>();
  async function annotationsOf(entity: Entity): Promise<DossierAnnotation[]> {
    if (!(await deps.usable())) return [];
    const [count, newest] = await Promise.all([db.annotations.count(), db.annotations.orderBy('modified').lastKey()]);
    const print = `${count}:${String(newest)}:${entity.name}:${(entity.aliases ?? []).length}`;
    const hit = annotationCache.get(entity.id);
    if (hit?.print === print) return hit.list;
    const list = annotationsAbout(
      (await db.annotations.toArray()).map((r) => r.annotation),
      entity,
    );
    annotationCache.delete(entity.id);
    annotationCache.set(entity.id, { print, list });
    if (annotationCache.size > CORES_KEPT) annotationCache.delete(annotationCache.keys().next().value!);
    return list;
  }

  async function outcomes(): Promise<OutcomeRecord[]> {
    if (!(await deps.usable())) return [];
    return db.outcomes.toArray();
  }

  async function entityMap(): Promise<Map<string, Entity>> {
    const map = new Map<string, Entity>(deps.pack().entities.map((e) => [e.id, e]));
    if (await deps.usable()) for (const e of await db.entities.where('origin').equals('custom').toArray()) map.set(e.id, e);
    return map;
  }

  return { history, aboutOf, coreOf, listedOf, annotationsOf, outcomes, entityMap };
}

/** The predictions a dossier lists first: open ones before decided ones, soonest due first. */
function soonest(predictions: readonly Prediction[]): Prediction[] {
  return [...predictions]
    .sort((a, b) => Number(a.decided) - Number(b.decided) || (a.due ?? Infinity) - (b.due ?? Infinity))
    .slice(0, PREDICTIONS_SHOWN);
}

/** `targets: false`: the predictions counted but their target dates not read (the first screen does not list them). */
async function assembleDossier(
  deps: DossierHandlerDeps,
  reads: DossierReads,
  entityId: string,
  { targets = true }: { targets?: boolean } = {},
): Promise<{ d: Dossier; outcomes: OutcomeRecord[] } | null> {
  const now = () => deps.now?.() ?? Date.now();
  const details = await deps.details(entityId);
  if (!details) return null;
  const [core, outs, entities, retentionDays, annotations] = await Promise.all([
    reads.coreOf(entityId),
    reads.outcomes(),
    reads.entityMap(),
    deps.retentionDays(),
    reads.annotationsOf(details.entity),
  ]);
  const pack = deps.pack();
  const tracked = trackedOf(pack, entityId);
  const predictions = predictionsOf(
    buildPredictions(pack.trackedClaims, core.about, outs, now(), { targets }),
    entityId,
    details.entity.type,
  );
  const names: Record<string, string> = {};
  const name = (id: string | null | undefined) => {
    if (id && !names[id]) names[id] = entities.get(id)?.name ?? id;
  };
  core.mentioned.forEach(name);
  for (const p of predictions) name(p.speaker);
  for (const c of tracked) name(c.speaker);
  const d: Dossier = {
    entity: details.entity,
    related: details.related,
    timeline: core.entries,
    timelineTotal: core.entries.length,
    facets: core.facets,
    disagreements: core.disagreements,
    tracked,
    predictions,
    predictionsTotal: predictions.length,
    trackRecord: trackRecord(predictions),
    annotations,
    names,
    pages: core.pages,
    generatedAt: now(),
    retentionDays,
  };
  return { d, outcomes: outs.filter((o) => predictions.some((p) => p.id === o.id)) };
}

/** Imported outcomes: a stored outcome is replaced only by a newer copy. */
async function storeOutcomes(
  db: BackstoryDB,
  parsed: { outcomes: OutcomeRecord[]; skipped: number; rejected: OutcomeImportReport['rejected'] },
): Promise<OutcomeImportReport> {
  const report = { added: 0, updated: 0, unchanged: 0, skipped: parsed.skipped, rejected: parsed.rejected };
  await db.transaction('rw', db.outcomes, async () => {
    for (const o of parsed.outcomes) {
      const existing = await db.outcomes.get(o.id);
      // a stored outcome is replaced only by a newer copy, as annotation import does
      if (!existing) report.added++;
      else if (existing.modified < o.modified) report.updated++;
      else {
        report.unchanged++;
        continue;
      }
      await db.outcomes.put(o);
    }
  });
  return report;
}

export function createDossierHandlers(deps: DossierHandlerDeps): {
  handlers: Pick<Handlers, DossierHandlerName>;
  summary: (entity: Entity) => Promise<{ trackRecord: TrackRecord; readClaims: number }>;
} {
  const { db } = deps;
  const now = () => deps.now?.() ?? Date.now();
  const reads = createDossierReads(deps);
  const { history, aboutOf, coreOf, outcomes, entityMap } = reads;
  const dossier = (entityId: string, options?: { targets?: boolean }) => assembleDossier(deps, reads, entityId, options);

  const handlers: Pick<Handlers, DossierHandlerName> = {
    async listDossierEntities() {
      return rankEntities(await history(), await entityMap());
    },

    async getDossier({ entityId, timelineLimit }) {
      if (!timelineLimit) return (await dossier(entityId))?.d ?? null;
      // the first screen needs the newest few claims and the counts; thousands more claims would only
      // slow the message down (the full timeline follows), and the predictions, below the timeline,
      // follow too (getDossierPredictions): reading their target dates is the slowest part of a
      // dossier opened for the first time
      const d = (await dossier(entityId, { targets: false }))?.d ?? null;
      return d && { ...d, timeline: d.timeline.slice(0, timelineLimit), predictions: [] };
    },

    async getDossierPredictions({ entityId }) {
      const details = await deps.details(entityId);
      return details ? reads.listedOf(entityId, details.entity.type) : [];
    },

    async getDossierTimeline({ entityId }) {
      return (await coreOf(entityId)).entries;
    },

    async listPredictions() {
      const [all, outs, entities] = await Promise.all([history(), outcomes(), entityMap()]);
      const predictions = buildPredictions(deps.pack().trackedClaims, all, outs, now());
      const names: Record<string, string> = {};
      for (const p of predictions) if (p.speaker) names[p.speaker] = entities.get(p.speaker)?.name ?? p.speaker;
      return { predictions, names, now: now() };
    },

    async setOutcome({ predictionId, outcome, note, source, statement, speaker }) {
      const previous = await db.outcomes.get(predictionId);
      const at = now();
      const record: OutcomeRecord = {
        id: predictionId,
        outcome,
        note: note ?? '',
        ...(source ? { source } : {}),
        statement,
        speaker: speaker ?? null,
        created: previous?.created ?? at,
        modified: at,
      };
      await db.outcomes.put(record);
      return record;
    },

    async clearOutcome({ predictionId }) {
      await db.outcomes.delete(predictionId);
      return { ok: true as const };
    },

    async exportDossier({ entityId, format }) {
      const found = await dossier(entityId);
      if (!found) throw new Error('No such entity.');
      return dossierFile(found.d, format, found.outcomes, new Date(now()));
    },

    async importOutcomes({ content }) {
      const parsed = parseOutcomes(content, now());
      if ('error' in parsed) throw new Error(parsed.error);
      return storeOutcomes(db, parsed);
    },

    async openDossier({ entityId, view }) {
      if (!deps.openPage) throw new Error('Cannot open pages from here.');
      // the dossier's claims are read while the manager loads (its first question then finds them)
      if (view !== 'predictions') void coreOf(entityId).catch(() => undefined);
      await deps.openPage(view === 'predictions' ? `/options.html#predictions/${entityId}` : `/options.html#dossier/${entityId}`);
      return { ok: true as const };
    },
  };

  /** For the card: the entity's track record and how many claims about it the reader has read. */
  async function summary(entity: Entity) {
    const [about, outs] = await Promise.all([aboutOf(entity.id), outcomes()]);
    const predictions = predictionsOf(buildPredictions(deps.pack().trackedClaims, about, outs, now()), entity.id, entity.type);
    return { trackRecord: trackRecord(predictions), readClaims: historyAbout(about, entity.id).length };
  }

  return { handlers, summary };
}
