// One entity's dossier from what this browser holds: the claims read about it (newest first, each
// linked back to its passage), figures that disagree, the pack's tracked claims, the reader's
// annotations that mention it and its predictions. Pure: the handler passes the records in.
import type { Entity, TrackedClaim } from '../kb/schema';
import type { HistoryClaim } from '../claims/link';
import type { ClaimNumber } from '../claims/types';
import { formatNumber, metricFamily, numbersAgree } from '../claims/numbers';
import type { WebAnnotation } from '../annotations/model';
import { displayQuote, entityOf, noteOf, tagsOf, urlWithTextFragment } from '../annotations/model';
import type { EntityDetails } from '../kb/details';
import type { Prediction, TrackRecord } from '../predictions/list';

export interface TimelineItem {
  key: string;
  text: string;
  kind: string;
  speaker: string | null;
  subjects: string[];
  url: string;
  title: string;
  seenAt: number;
  published?: number;
  /** when it was said: the article's date, else when it was read */
  date: number;
  metric?: string;
  numbers: ClaimNumber[];
}

/** What the dossier view needs of a timeline item (the message carries thousands: no numbers, no links). */
export type TimelineEntry = Pick<TimelineItem, 'text' | 'kind' | 'speaker' | 'url' | 'title' | 'seenAt' | 'published' | 'date'>;

export function toEntry(item: TimelineItem): TimelineEntry {
  const { text, kind, speaker, url, title, seenAt, published, date } = item;
  return published === undefined
    ? { text, kind, speaker, url, title, seenAt, date }
    : { text, kind, speaker, url, title, seenAt, published, date };
}

export interface Figure {
  value: string;
  raw: string;
  metric: string;
  text: string;
  url?: string;
  title?: string;
  link?: string;
  date: number;
  speaker: string | null;
  origin: 'history' | 'tracked';
}

export interface Disagreement {
  /** metric family ("model-cost", "users"…) */
  family: string;
  label: string;
  figures: Figure[];
  /** figures left out to keep the comparison readable */
  more: number;
}

/** Side by side stays readable up to a dozen figures: the lowest and highest always, then the newest. */
export const MAX_FIGURES = 12;

function keepReadable(rows: (Figure & { _v?: number })[]): { figures: Figure[]; more: number } {
  if (rows.length <= MAX_FIGURES) return { figures: rows, more: 0 };
  const value = (f: Figure & { _v?: number }) => f._v ?? 0;
  const low = rows.reduce((a, b) => (value(b) < value(a) ? b : a));
  const high = rows.reduce((a, b) => (value(b) > value(a) ? b : a));
  const kept = new Set([low, high]);
  for (const f of [...rows].sort((a, b) => b.date - a.date)) {
    if (kept.size >= MAX_FIGURES) break;
    kept.add(f);
  }
  return { figures: rows.filter((f) => kept.has(f)).map(({ _v: _unused, ...f }) => f), more: rows.length - kept.size };
}

export interface DossierAnnotation {
  id: string;
  quote: string;
  note: string;
  tags: string[];
  title: string;
  link: string;
  created: string;
}

export interface Dossier {
  entity: Entity;
  related: EntityDetails['related'];
  /** newest first by when it was said (only the first `timelineLimit` when the request asked for fewer) */
  timeline: TimelineEntry[];
  /** all claims about it, and their kinds and speakers with counts (for the filters before the rest arrives) */
  timelineTotal: number;
  facets: { kinds: [string, number][]; speakers: [string, number][] };
  disagreements: Disagreement[];
  tracked: TrackedClaim[];
  /** its predictions, soonest due first (the first screen's message carries none: predictionsTotal says how many, getDossierPredictions lists the first few) */
  predictions: Prediction[];
  predictionsTotal: number;
  trackRecord: TrackRecord;
  annotations: DossierAnnotation[];
  /** display names for every entity id the dossier mentions */
  names: Record<string, string>;
  pages: number;
  generatedAt: number;
  retentionDays: number;
}

const METRIC_LABELS: Record<string, string> = {
  'model-cost': 'Training cost',
  'training-cost': 'Training cost',
  'hardware-spend': 'Hardware spend',
  users: 'Users',
  capex: 'Capital spending',
  gpus: 'GPUs',
  parameters: 'Parameters',
  valuation: 'Valuation',
  funding: 'Funding',
  revenue: 'Revenue',
  price: 'Price',
  'compute-gw': 'Compute (GW)',
  'agi-timeline': 'AGI timeline',
};

export function metricLabel(metric: string): string {
  return METRIC_LABELS[metric] ?? metric.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The page opening at the passage: a text fragment of its first and last words (as saved annotations do). */
export function fragmentLink(url: string, text: string): string {
  const base = url.replace(/#.*$/, '');
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (!words.length) return base;
  const enc = (s: string) => encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
  const directive = words.length > 8 ? `${enc(words.slice(0, 4).join(' '))},${enc(words.slice(-4).join(' '))}` : enc(words.join(' '));
  return `${base}#:~:text=${directive}`;
}

export function timelineOf(history: readonly HistoryClaim[]): TimelineItem[] {
  const seen = new Set<string>();
  const items: TimelineItem[] = [];
  for (const h of history) {
    const key = `${h.url}\n${h.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({
      key,
      text: h.text,
      kind: h.kind,
      speaker: h.speaker,
      subjects: h.subjects,
      url: h.url,
      title: h.title,
      seenAt: h.seenAt,
      published: h.published,
      date: h.published ?? h.seenAt,
      metric: h.metric,
      numbers: h.numbers,
    });
  }
  // newest first by when it was said; ties (same article) keep reading order
  return items.sort((a, b) => b.date - a.date || b.seenAt - a.seenAt);
}

function figuresOf(item: TimelineItem): Figure[] {
  const numbers = item.numbers.filter((n) => n.metric && n.unit !== 'year' && n.unit !== 'date');
  if (!numbers.length) return [];
  // the passage's link only for claims with figures: most have none, and a dossier can hold thousands
  const link = fragmentLink(item.url, item.text);
  return numbers
    .map((n) => ({
      value: formatNumber(n),
      raw: n.raw,
      metric: n.metric!,
      text: item.text,
      url: item.url,
      title: item.title,
      link,
      date: item.date,
      speaker: item.speaker,
      origin: 'history' as const,
      n,
    }))
    .map(({ n, ...f }) => Object.assign(f, { _n: n }));
}

/**
 * Whether two figures from different sources disagree, in O(n) per unit: if any pair does, then the
 * figure with the lowest top disagrees with one from another source, or the one with the highest
 * bottom does (checking both against all others finds it).
 */
function hasDisagreement(figures: readonly { _n: ClaimNumber; source: string }[]): boolean {
  const byUnit = new Map<string, { _n: ClaimNumber; source: string }[]>();
  for (const f of figures) byUnit.set(f._n.unit, [...(byUnit.get(f._n.unit) ?? []), f]);
  for (const list of byUnit.values()) {
    if (list.length < 2) continue;
    let low = list[0];
    let high = list[0];
    for (const f of list) {
      if (f._n.max < low._n.max) low = f;
      if (f._n.min > high._n.min) high = f;
    }
    for (const probe of [low, high]) for (const f of list) if (f.source !== probe.source && !numbersAgree(probe._n, f._n)) return true;
  }
  return false;
}

/**
 * Metrics where the figures from different sources do not agree within rounding ("$6M" here,
 * "$1.6B" there), each with every figure given for it, oldest first.
 */
export function disagreementsOf(timeline: readonly TimelineItem[], tracked: readonly TrackedClaim[] = []): Disagreement[] {
  type F = Figure & { _n: ClaimNumber; source: string };
  const byFamily = new Map<string, F[]>();
  const add = (f: F) => {
    const family = metricFamily(f.metric)!;
    const list = byFamily.get(family) ?? [];
    list.push(f);
    byFamily.set(family, list);
  };
  for (const item of timeline) for (const f of figuresOf(item)) add({ ...(f as F), source: item.url });
  for (const c of tracked) {
    if (!c.metric || !c.numbers?.length) continue;
    for (const n of c.numbers) {
      const num = { ...n, raw: '', metric: c.metric } as ClaimNumber;
      add({
        value: formatNumber(num),
        raw: '',
        metric: c.metric,
        text: c.statement,
        url: c.sources[0],
        title: 'Tracked claim',
        link: c.sources[0],
        date: Date.parse(c.date.length === 4 ? `${c.date}-01-01` : c.date.length === 7 ? `${c.date}-01` : c.date) || 0,
        speaker: c.speaker,
        origin: 'tracked',
        _n: num,
        source: `tracked:${c.id}`,
      });
    }
  }
  const out: Disagreement[] = [];
  for (const [family, figures] of byFamily) {
    if (!hasDisagreement(figures)) continue;
    // one row per source and figure
    const seen = new Set<string>();
    const rows: (Figure & { _v?: number })[] = [];
    for (const f of figures.sort((a, b) => a.date - b.date)) {
      // "$6M" and "~$6M" from the same page are one figure
      const k = `${f.source}\n${f.value.replace(/^[~≤]/, '').replace(/\+$/, '')}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const { _n, source, ...figure } = f;
      void source;
      rows.push({ ...figure, _v: (_n.min + _n.max) / 2 });
    }
    out.push({ family, label: metricLabel(family), ...keepReadable(rows) });
  }
  return out.sort((a, b) => b.figures.length - a.figures.length || a.label.localeCompare(b.label));
}

/** Saved annotations about the entity: tagged with it, or whose quote or note names it. */
export function annotationsAbout(
  annotations: readonly WebAnnotation[],
  entity: Pick<Entity, 'id' | 'name' | 'aliases'>,
): DossierAnnotation[] {
  const names = [entity.name, ...(entity.aliases ?? []).map((a) => a.text)].filter((n) => n.length >= 3).map((n) => n.toLowerCase());
  const out: DossierAnnotation[] = [];
  for (const a of annotations) {
    const quote = displayQuote(a);
    const note = noteOf(a);
    const hay = `${quote}\n${note}`.toLowerCase();
    const tagged = entityOf(a)?.id === entity.id;
    if (!tagged && !names.some((n) => hay.includes(n))) continue;
    out.push({
      id: a.id,
      quote,
      note,
      tags: tagsOf(a),
      title: (a.target.title as string | undefined) ?? a.target.source,
      link: urlWithTextFragment(a),
      created: a.created,
    });
  }
  return out.sort((a, b) => b.created.localeCompare(a.created));
}

export interface TimelineQuery {
  kinds?: readonly string[];
  /** entity id; '' for claims without a speaker */
  speaker?: string | null;
  /** ms, inclusive */
  from?: number;
  to?: number;
  text?: string;
}

/** Filters by kind, speaker and date, and full-text search over the claim, its page title and its speaker's name. */
export function filterTimeline<T extends TimelineEntry>(
  items: readonly T[],
  q: TimelineQuery,
  nameOf: (id: string) => string = (id) => id,
): T[] {
  const kinds = q.kinds?.length ? new Set(q.kinds) : null;
  const words = (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    if (kinds && !kinds.has(item.kind)) return false;
    if (q.speaker !== undefined && q.speaker !== null && (item.speaker ?? '') !== q.speaker) return false;
    if (q.from !== undefined && item.date < q.from) return false;
    if (q.to !== undefined && item.date > q.to) return false;
    if (words.length) {
      const hay = `${item.text}\n${item.title}\n${item.speaker ? nameOf(item.speaker) : ''}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

/** Kinds and speakers present, with counts, for the filter controls. */
export function facetsOf(items: readonly TimelineEntry[]): { kinds: [string, number][]; speakers: [string, number][] } {
  const kinds = new Map<string, number>();
  const speakers = new Map<string, number>();
  for (const i of items) {
    kinds.set(i.kind, (kinds.get(i.kind) ?? 0) + 1);
    const s = i.speaker ?? '';
    speakers.set(s, (speakers.get(s) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { kinds: sorted(kinds), speakers: sorted(speakers) };
}

export interface DossierEntityRow {
  id: string;
  name: string;
  type: Entity['type'];
  claims: number;
  pages: number;
  lastRead: number;
}

/** Entities by how much the reader has read about them (claims, then pages, then most recent). */
export function rankEntities(
  history: readonly HistoryClaim[],
  entities: ReadonlyMap<string, Pick<Entity, 'name' | 'type'>>,
): DossierEntityRow[] {
  const rows = new Map<string, { claims: number; pages: Set<string>; lastRead: number }>();
  for (const h of history) {
    const ids = new Set(h.subjects);
    if (h.speaker) ids.add(h.speaker);
    for (const id of ids) {
      if (!entities.has(id)) continue;
      const row = rows.get(id) ?? { claims: 0, pages: new Set<string>(), lastRead: 0 };
      row.claims++;
      row.pages.add(h.url);
      row.lastRead = Math.max(row.lastRead, h.seenAt);
      rows.set(id, row);
    }
  }
  return [...rows]
    .map(([id, r]) => ({
      id,
      name: entities.get(id)!.name,
      type: entities.get(id)!.type,
      claims: r.claims,
      pages: r.pages.size,
      lastRead: r.lastRead,
    }))
    .sort((a, b) => b.claims - a.claims || b.pages - a.pages || b.lastRead - a.lastRead || a.name.localeCompare(b.name));
}

/** History claims about an entity: it is a subject or the speaker. */
export function historyAbout(history: readonly HistoryClaim[], entityId: string): HistoryClaim[] {
  return history.filter((h) => h.subjects.includes(entityId) || h.speaker === entityId);
}
