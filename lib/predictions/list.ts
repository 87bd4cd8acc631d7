// Predictions with a target date and a status, from the pack's tracked claims and the reader's
// history; filters for the Predictions view and the one-line track record of a card. Pure.
import type { ClaimStatus, TrackedClaim } from '../kb/schema';
import type { HistoryClaim } from '../claims/link';
import type { OutcomeRecord } from '../db/database';
import { parseTargetDate, targetEnd, type TargetDate } from './target-date';

export type Outcome = OutcomeRecord['outcome'];
export const OUTCOMES: readonly Outcome[] = ['came-true', 'partly', 'missed', 'open', 'withdrawn'];
export type PredictionStatus = Exclude<Outcome, 'open'> | 'open' | 'due' | 'overdue';

export const STATUS_LABELS: Record<PredictionStatus, string> = {
  'came-true': 'Came true',
  partly: 'Partly',
  missed: 'Missed',
  open: 'Open',
  withdrawn: 'Withdrawn',
  due: 'Due',
  overdue: 'Overdue',
};

/** The pack's statuses in track-record terms: a disputed claim is still open. */
export function mapPackStatus(status: ClaimStatus): Outcome {
  switch (status) {
    case 'came-true':
    case 'supported':
      return 'came-true';
    case 'partly':
      return 'partly';
    case 'did-not-come-true':
    case 'refuted':
      return 'missed';
    default:
      return 'open';
  }
}

export interface Prediction {
  /** `tracked:<id>` or `history:<hash>`: the key outcomes are stored under */
  id: string;
  origin: 'tracked' | 'history';
  statement: string;
  speaker: string | null;
  subjects: string[];
  /** when it was said: the tracked claim's date, else the article's date, else when it was read (ms) */
  saidAt: number | null;
  target: TargetDate | null;
  /** last moment of the target (ms), or null for "no date" */
  due: number | null;
  /** the pack's status, for tracked claims */
  packStatus?: ClaimStatus;
  context?: string;
  sources?: string[];
  url?: string;
  title?: string;
  seenAt?: number;
  outcome?: OutcomeRecord;
  status: PredictionStatus;
  /** came true, partly, missed or withdrawn */
  decided: boolean;
}

/** FNV-1a, 32 bits: a short stable key for a claim read on a page (history ids change on every visit). */
export function hashKey(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function historyPredictionId(claim: Pick<HistoryClaim, 'url' | 'text'>): string {
  return `history:${hashKey(`${claim.url}\n${claim.text}`)}`;
}

/** "2025-01-24", "2025-01", "2025" → ms (UTC start of that day, month or year). */
export function packDateMs(date: string): number | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!m) return null;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
}

export function statusOf(p: Pick<Prediction, 'packStatus' | 'outcome' | 'due'>, now: number): PredictionStatus {
  // the reader's own verdict wins; then the pack's; an open one is due or overdue by its date
  const decided =
    p.outcome?.outcome && p.outcome.outcome !== 'open' ? p.outcome.outcome : p.packStatus ? mapPackStatus(p.packStatus) : 'open';
  if (decided !== 'open') return decided;
  if (p.due === null) return 'open';
  return p.due < now ? 'overdue' : 'due';
}

// Parsing is pure: the same wording and date always give the same target, so a view opened again
// (or thousands of predictions) parses each sentence once.
const parsed = new Map<string, TargetDate | null>();
function targetOf(text: string, date: number | string): TargetDate | null {
  const key = `${date}\u0000${text}`;
  let found = parsed.get(key);
  if (found === undefined) {
    found = parseTargetDate(text, date);
    if (parsed.size > 20_000) parsed.clear();
    parsed.set(key, found);
  }
  return found;
}

function finish(p: Omit<Prediction, 'status' | 'decided'>, now: number): Prediction {
  const status = statusOf(p, now);
  return { ...p, status, decided: status === 'came-true' || status === 'partly' || status === 'missed' || status === 'withdrawn' };
}

/**
 * `targets: false` leaves the target dates unread (every undecided prediction is then 'open'): enough
 * for counts and a track record, which do not need them, and reading the wording is most of the cost.
 */
export function buildPredictions(
  tracked: readonly TrackedClaim[],
  history: readonly HistoryClaim[],
  outcomes: readonly OutcomeRecord[],
  now: number,
  { targets = true }: { targets?: boolean } = {},
): Prediction[] {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const out: Prediction[] = [];
  for (const c of tracked) {
    if (c.kind !== 'prediction') continue;
    const saidAt = packDateMs(c.date);
    const target = targets ? targetOf(c.statement, c.date) : null;
    const id = `tracked:${c.id}`;
    out.push(
      finish(
        {
          id,
          origin: 'tracked',
          statement: c.statement,
          speaker: c.speaker,
          subjects: c.subjects,
          saidAt,
          target,
          due: target ? targetEnd(target) : null,
          packStatus: c.status,
          context: c.context,
          sources: c.sources,
          outcome: byId.get(id),
        },
        now,
      ),
    );
  }
  const seen = new Set<string>();
  for (const h of history) {
    if (h.kind !== 'prediction') continue;
    const id = historyPredictionId(h);
    if (seen.has(id)) continue;
    seen.add(id);
    const saidAt = h.published ?? h.seenAt;
    const target = targets ? targetOf(h.text, saidAt) : null;
    out.push(
      finish(
        {
          id,
          origin: 'history',
          statement: h.text,
          speaker: h.speaker,
          subjects: h.subjects,
          saidAt,
          target,
          due: target ? targetEnd(target) : null,
          url: h.url,
          title: h.title,
          seenAt: h.seenAt,
          outcome: byId.get(id),
        },
        now,
      ),
    );
  }
  return out;
}

export type PredictionFilter = 'all' | 'overdue' | 'due-90' | 'decided' | 'open';

export interface PredictionQuery {
  filter?: PredictionFilter;
  /** entity id of the speaker; '' for predictions without one */
  speaker?: string | null;
  /** predictions about or by this entity */
  entity?: string;
  text?: string;
}

const DAY = 86_400_000;

/** Predictions matching a query, in the order given (see sortPredictions). */
export function matchPredictions(list: readonly Prediction[], query: PredictionQuery, now: number): Prediction[] {
  const needle = query.text?.trim().toLowerCase();
  const filter = query.filter ?? 'all';
  return list.filter((p) => {
    switch (filter) {
      case 'overdue':
        if (p.status !== 'overdue') return false;
        break;
      case 'due-90':
        if (p.decided || p.due === null || p.due < now || p.due > now + 90 * DAY) return false;
        break;
      case 'decided':
        if (!p.decided) return false;
        break;
      case 'open':
        if (p.decided) return false;
        break;
    }
    if (query.speaker !== undefined && query.speaker !== null && (p.speaker ?? '') !== query.speaker) return false;
    if (query.entity && p.speaker !== query.entity && !p.subjects.includes(query.entity)) return false;
    if (needle && !p.statement.toLowerCase().includes(needle) && !(p.outcome?.note ?? '').toLowerCase().includes(needle)) return false;
    return true;
  });
}

/** By speaker (named ones first, by name) and target date (no date last), then when said. */
export function sortPredictions(list: readonly Prediction[], nameOf: (id: string) => string = (id) => id): Prediction[] {
  const names = new Map<string, string>();
  const name = (id: string | null) => {
    if (!id) return '\uffff';
    let n = names.get(id);
    if (n === undefined) {
      n = nameOf(id).toLowerCase();
      names.set(id, n);
    }
    return n;
  };
  return [...list].sort((a, b) => {
    const na = name(a.speaker);
    const nb = name(b.speaker);
    if (na !== nb) return na < nb ? -1 : 1;
    return (a.due ?? Infinity) - (b.due ?? Infinity) || (a.saidAt ?? 0) - (b.saidAt ?? 0);
  });
}

/** The Predictions view: filtered, then by speaker and target date. */
export function filterPredictions(
  list: readonly Prediction[],
  query: PredictionQuery,
  now: number,
  nameOf?: (id: string) => string,
): Prediction[] {
  return sortPredictions(matchPredictions(list, query, now), nameOf);
}

export interface TrackRecord {
  cameTrue: number;
  partly: number;
  missed: number;
  open: number;
  withdrawn: number;
  total: number;
}

/** Predictions by a person (speaker), or by or about an organisation. */
export function predictionsOf(list: readonly Prediction[], entityId: string, type: 'person' | 'org' | 'model'): Prediction[] {
  return list.filter((p) => p.speaker === entityId || (type !== 'person' && p.subjects.includes(entityId)));
}

export function trackRecord(list: readonly Prediction[]): TrackRecord {
  const r: TrackRecord = { cameTrue: 0, partly: 0, missed: 0, open: 0, withdrawn: 0, total: list.length };
  for (const p of list) {
    if (p.status === 'came-true') r.cameTrue++;
    else if (p.status === 'partly') r.partly++;
    else if (p.status === 'missed') r.missed++;
    else if (p.status === 'withdrawn') r.withdrawn++;
    else r.open++;
  }
  return r;
}

/** "Tracked predictions: 2 came true, 4 missed, 3 open" (parts with zero left out); '' when there are none. */
export function trackRecordLine(r: TrackRecord): string {
  if (!r.total) return '';
  const parts: string[] = [];
  if (r.cameTrue) parts.push(`${r.cameTrue} came true`);
  if (r.partly) parts.push(`${r.partly} partly`);
  if (r.missed) parts.push(`${r.missed} missed`);
  if (r.withdrawn) parts.push(`${r.withdrawn} withdrawn`);
  if (r.open) parts.push(`${r.open} open`);
  return `Tracked predictions: ${parts.join(', ')}`;
}
