// The saved-annotations repository. The database is a parameter, so tests hand in a fake-indexeddb one.
import { entityOf, pageIdentity, siteOf, tagsOf, withEdits, type WebAnnotation } from '../annotations/model';
import type { AnnotationRecord, BackstoryDB } from './database';

export function toRecord(annotation: WebAnnotation, previous?: Pick<AnnotationRecord, 'status' | 'checkedAt'>): AnnotationRecord {
  const record: AnnotationRecord = {
    id: annotation.id,
    annotation,
    source: annotation.target.source,
    site: siteOf(annotation.target.scope ?? annotation.target.source),
    created: Date.parse(annotation.created) || 0,
    modified: Date.parse(annotation.modified) || 0,
    tags: tagsOf(annotation).map((t) => t.toLowerCase()),
  };
  if (annotation.target.scope) record.scope = annotation.target.scope;
  const entity = entityOf(annotation);
  if (entity) record.entityId = entity.id;
  if (previous?.status) record.status = previous.status;
  if (previous?.checkedAt) record.checkedAt = previous.checkedAt;
  return record;
}

export async function saveAnnotation(db: BackstoryDB, annotation: WebAnnotation): Promise<AnnotationRecord> {
  const record = toRecord(annotation);
  await db.annotations.put(record);
  return record;
}

export async function getAnnotation(db: BackstoryDB, id: string): Promise<AnnotationRecord | undefined> {
  return db.annotations.get(id);
}

export async function updateAnnotation(db: BackstoryDB, id: string, edits: { note?: string; tags?: string[] }): Promise<AnnotationRecord> {
  return db.transaction('rw', db.annotations, async () => {
    const current = await db.annotations.get(id);
    if (!current) throw new Error('That annotation no longer exists (deleted in another window?).');
    const record = toRecord(withEdits(current.annotation, edits), current);
    await db.annotations.put(record);
    return record;
  });
}

/** Deletes and returns what was deleted, so the caller can offer undo. */
export async function deleteAnnotations(db: BackstoryDB, ids: string[]): Promise<AnnotationRecord[]> {
  return db.transaction('rw', db.annotations, async () => {
    const found = (await db.annotations.bulkGet(ids)).filter((r): r is AnnotationRecord => !!r);
    await db.annotations.bulkDelete(found.map((r) => r.id));
    return found;
  });
}

/** Puts deleted records back exactly as they were (undo). */
export async function restoreAnnotations(db: BackstoryDB, records: AnnotationRecord[]): Promise<number> {
  await db.annotations.bulkPut(records.map((r) => toRecord(r.annotation, r)));
  return records.length;
}

/** Annotations saved on a page: by its canonical URL or the URL it was saved on. */
export async function annotationsForPage(db: BackstoryDB, urls: string[]): Promise<AnnotationRecord[]> {
  const keys = Array.from(new Set(urls.flatMap(urlVariants)));
  const [bySource, byScope] = await Promise.all([
    db.annotations.where('source').anyOf(keys).toArray(),
    db.annotations.where('scope').anyOf(keys).toArray(),
  ]);
  const seen = new Map<string, AnnotationRecord>();
  for (const r of [...bySource, ...byScope]) seen.set(r.id, r);
  return [...seen.values()].sort((a, b) => a.created - b.created);
}

/** The URL as given and as the page's identity (no fragment, no tracking parameters). */
export function urlVariants(url: string): string[] {
  const page = pageIdentity(url);
  return page === url ? [url] : [url, page];
}

export async function setAnchorStatus(db: BackstoryDB, anchored: string[], orphans: string[], at = Date.now()): Promise<void> {
  await db.transaction('rw', db.annotations, async () => {
    const apply = async (ids: string[], status: 'anchored' | 'orphan') => {
      if (!ids.length) return;
      await db.annotations.where('id').anyOf(ids).modify({ status, checkedAt: at });
    };
    await apply(anchored, 'anchored');
    await apply(orphans, 'orphan');
  });
}

export async function getAnnotations(db: BackstoryDB, ids: string[]): Promise<AnnotationRecord[]> {
  return (await db.annotations.bulkGet(ids)).filter((r): r is AnnotationRecord => !!r);
}

/** Newest first. Read in one getAll and sorted here: a reverse index cursor is many times slower. */
export async function allAnnotations(db: BackstoryDB): Promise<AnnotationRecord[]> {
  return (await db.annotations.toArray()).sort((a, b) => b.created - a.created);
}

export interface MergeReport {
  added: string[];
  /** an older copy was stored: the file's newer version replaced it */
  merged: string[];
  /** the stored copy is as new or newer: kept as it is */
  unchanged: string[];
}

/**
 * Adds annotations by id; for an id already stored, the newer `modified` wins. One transaction:
 * if anything fails, nothing stored changes.
 */
export async function mergeAnnotations(db: BackstoryDB, incoming: WebAnnotation[]): Promise<MergeReport> {
  return db.transaction('rw', db.annotations, async () => {
    const report: MergeReport = { added: [], merged: [], unchanged: [] };
    const newest = new Map<string, WebAnnotation>();
    for (const a of incoming) {
      const seen = newest.get(a.id);
      if (!seen || Date.parse(a.modified) > Date.parse(seen.modified)) newest.set(a.id, a);
    }
    const ids = [...newest.keys()];
    const stored = await db.annotations.bulkGet(ids);
    const writes: AnnotationRecord[] = [];
    ids.forEach((id, i) => {
      const a = newest.get(id)!;
      const current = stored[i];
      if (!current) {
        report.added.push(id);
        writes.push(toRecord(a));
      } else if (Date.parse(a.modified) > current.modified) {
        report.merged.push(id);
        writes.push(toRecord(a, current));
      } else {
        report.unchanged.push(id);
      }
    });
    await db.annotations.bulkPut(writes);
    return report;
  });
}

export async function clearAnnotations(db: BackstoryDB): Promise<void> {
  await db.annotations.clear();
}
