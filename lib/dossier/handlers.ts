// The background's answers for dossiers and predictions. Reads the reader's history (within the
// retention period), saved annotations and outcomes from Dexie; assembly is in build.ts (pure).
import type { BackstoryDB, OutcomeRecord } from '../db/database';
import type { Entity, Pack } from '../kb/schema';
import type { EntityDetails } from '../kb/details';
import type { Handlers } from '../messaging/server';
import { cutoffFor } from '../db/claim-history';
import type { HistoryClaim } from '../claims/link';
import type { ClaimNumber } from '../claims/types';
import { buildPredictions, predictionsOf, trackRecord, type TrackRecord } from '../predictions/list';
import { annotationsAbout, disagreementsOf, facetsOf, historyAbout, rankEntities, timelineOf, toEntry, type Dossier } from './build';
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

/** The reader's data a dossier is made of: history within the retention period, outcomes, entities. */
interface DossierReads {
  history(): Promise<HistoryClaim[]>;
  /** Claims about an entity or made by it (two index lookups, not a scan of the whole history). */
  historyOf(entityId: string): Promise<HistoryClaim[]>;
  outcomes(): Promise<OutcomeRecord[]>;
  entityMap(): Promise<Map<string, Entity>>;
}

function createDossierReads(deps: DossierHandlerDeps): DossierReads {
  const { db } = deps;
  const now = () => deps.now?.() ?? Date.now();

  async function history(): Promise<HistoryClaim[]> {
    if (!(await deps.usable())) return [];
    const since = cutoffFor(await deps.retentionDays(), now());
    const records = await db.claimHistory.where('seenAt').aboveOrEqual(since).toArray();
    return records.map((r) => ({ ...r, numbers: (r.numbers ?? []) as ClaimNumber[] }));
  }

  // The claims of the last few dossiers opened, kept while the history is unchanged: reading
  // thousands of records is most of a dossier's cost. Any write changes the count or the newest key
  // (pages are re-recorded by delete + add, and keys only grow), so the fingerprint is two cheap reads.
  const recent = new Map<string, { fingerprint: string; records: HistoryClaim[] }>();
  async function fingerprint(): Promise<string> {
    const [count, last] = await Promise.all([db.claimHistory.count(), db.claimHistory.orderBy(':id').lastKey()]);
    return `${count}:${String(last)}`;
  }

  /** Claims about an entity or made by it (two index lookups, not a scan of the whole history). */
  async function historyOf(entityId: string): Promise<HistoryClaim[]> {
    if (!(await deps.usable())) return [];
    const since = cutoffFor(await deps.retentionDays(), now());
    const print = await fingerprint();
    let records = recent.get(entityId)?.fingerprint === print ? recent.get(entityId)!.records : null;
    if (!records) {
      const [about, said] = await Promise.all([db.claimHistory.where('subjects').equals(entityId).toArray(), db.claimHistory.where('speaker').equals(entityId).toArray()]);
      const seen = new Set<number>();
      records = [];
      for (const r of [...about, ...said]) {
        if (seen.has(r.id!)) continue;
        seen.add(r.id!);
        records.push({ ...r, numbers: (r.numbers ?? []) as ClaimNumber[] });
      }
      recent.delete(entityId);
      recent.set(entityId, { fingerprint: print, records });
      if (recent.size > 4) recent.delete(recent.keys().next().value!);
    }
    // the retention period moves with the clock: applied on every read
    return records.filter((r) => r.seenAt >= since);
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

  return { history, historyOf, outcomes, entityMap };
}

async function assembleDossier(deps: DossierHandlerDeps, reads: DossierReads, entityId: string): Promise<{ d: Dossier; outcomes: OutcomeRecord[] } | null> {
const { db } = deps;
const now = () => deps.now?.() ?? Date.now();
  const details = await deps.details(entityId);
  if (!details) return null;
  const [about, outs, entities, retentionDays] = await Promise.all([reads.historyOf(entityId), reads.outcomes(), reads.entityMap(), deps.retentionDays()]);
  const timeline = timelineOf(about);
  const pack = deps.pack();
  const tracked = pack.trackedClaims.filter((c) => c.subjects.includes(entityId) || c.speaker === entityId);
  const predictions = predictionsOf(buildPredictions(pack.trackedClaims, about, outs, now()), entityId, details.entity.type);
  const annotations = (await deps.usable()) ? (await db.annotations.toArray()).map((r) => r.annotation) : [];
  const names: Record<string, string> = {};
  const name = (id: string | null | undefined) => {
    if (id && !names[id]) names[id] = entities.get(id)?.name ?? id;
  };
  for (const t of timeline) {
    name(t.speaker);
    t.subjects.forEach(name);
  }
  for (const p of predictions) name(p.speaker);
  for (const c of tracked) name(c.speaker);
  const d: Dossier = {
    entity: details.entity,
    related: details.related,
    timeline: timeline.map(toEntry),
    timelineTotal: timeline.length,
    facets: facetsOf(timeline),
    disagreements: disagreementsOf(timeline, tracked),
    tracked,
    predictions,
    predictionsTotal: predictions.length,
    trackRecord: trackRecord(predictions),
    annotations: annotationsAbout(annotations, details.entity),
    names,
    pages: new Set(timeline.map((t) => t.url)).size,
    generatedAt: now(),
    retentionDays,
  };
  return { d, outcomes: outs.filter((o) => predictions.some((p) => p.id === o.id)) };
}

/** Imported outcomes: a stored outcome is replaced only by a newer copy. */
async function storeOutcomes(db: BackstoryDB, parsed: { outcomes: OutcomeRecord[]; skipped: number; rejected: OutcomeImportReport['rejected'] }): Promise<OutcomeImportReport> {
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

export function createDossierHandlers(deps: DossierHandlerDeps): { handlers: Pick<Handlers, DossierHandlerName>; summary: (entity: Entity) => Promise<{ trackRecord: TrackRecord; readClaims: number }> } {
  const { db } = deps;
  const now = () => deps.now?.() ?? Date.now();
  const reads = createDossierReads(deps);
  const { history, historyOf, outcomes, entityMap } = reads;
  const dossier = (entityId: string) => assembleDossier(deps, reads, entityId);

  const handlers: Pick<Handlers, DossierHandlerName> = {
    async listDossierEntities() {
      return rankEntities(await history(), await entityMap());
    },

    async getDossier({ entityId, timelineLimit }) {
      const d = (await dossier(entityId))?.d ?? null;
      if (!d || !timelineLimit) return d;
      // the first screen needs the newest few claims and the predictions due soonest; thousands more
      // would only slow the message down (the Predictions view and the full timeline have them all)
      const soonest = [...d.predictions].sort((a, b) => Number(a.decided) - Number(b.decided) || (a.due ?? Infinity) - (b.due ?? Infinity)).slice(0, PREDICTIONS_SHOWN);
      return { ...d, timeline: d.timeline.slice(0, timelineLimit), predictions: soonest };
    },

    async getDossierTimeline({ entityId }) {
      return timelineOf(await historyOf(entityId)).map(toEntry);
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
      await deps.openPage(view === 'predictions' ? `/options.html#predictions/${entityId}` : `/options.html#dossier/${entityId}`);
      return { ok: true as const };
    },
  };

  /** For the card: the entity's track record and how many claims about it the reader has read. */
  async function summary(entity: Entity) {
    const [about, outs] = await Promise.all([historyOf(entity.id), outcomes()]);
    const predictions = predictionsOf(buildPredictions(deps.pack().trackedClaims, about, outs, now()), entity.id, entity.type);
    return { trackRecord: trackRecord(predictions), readClaims: historyAbout(about, entity.id).length };
  }

  return { handlers, summary };
}
