// What the card says, derived from the entity details: pure functions, shared by the card and its tests.
import { siteOf } from '../url';
import type { EntityDetails } from '../messaging/protocol';
import type { Fact } from '../kb/schema';
import type { PageClaim } from '../claims/types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-01-20" → "20 Jan 2025", "2023-07" → "Jul 2023", "2015" → "2015" (no time zone can shift the day). */
export function formatDate(date: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return date;
  const [, year, month, day] = m;
  const mon = month ? MONTHS[Number(month) - 1] : undefined;
  if (!mon) return year;
  return day ? `${Number(day)} ${mon} ${year}` : `${mon} ${year}`;
}

/** "https://www.reuters.com/x" → "reuters.com"; what a reader recognises as the source. */
export function sourceLabel(url: string): string {
  // "en.wikipedia.org" reads as "wikipedia.org": the language edition adds width, not meaning
  return siteOf(url).replace(/^[a-z]{2}\.(wikipedia\.org)$/, '$1') || url;
}

/** The first one or two sentences, within `max` characters (Page Previews keeps cards near 525 characters). */
export function shortDescription(text: string, max = 240): string {
  // a sentence ends at . ! ? followed by a capitalised word ("U.S. labs" stays one sentence)
  const sentences = text.trim().split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}“"‘(])/u);
  let out = sentences[0] ?? '';
  if (sentences[1] && out.length + 1 + sentences[1].length <= max) out = `${out} ${sentences[1]}`;
  out = out.replace(/\s+/g, ' ');
  return out.length > max ? `${out.slice(0, max - 1).trimEnd()}…` : out;
}

export const MAX_FACTS = 5;

/**
 * Up to `limit` facts in date order, so the card reads as a short timeline. When there are more,
 * keep the oldest (what it is, where it started) and the newest (AI facts go stale in weeks).
 */
export function keyFacts(facts: readonly Fact[], limit = MAX_FACTS): Fact[] {
  const sorted = facts
    .map((fact, i) => ({ fact, i }))
    .sort((a, b) => a.fact.asOf.localeCompare(b.fact.asOf) || a.i - b.i)
    .map((x) => x.fact);
  if (sorted.length <= limit) return sorted;
  return [sorted[0], ...sorted.slice(sorted.length - (limit - 1))];
}

type Related = EntityDetails['related'][number];

const RELATION_LABELS: Record<string, string> = {
  maker: 'Made by',
  predecessor: 'Predecessor',
  successor: 'Successor',
  role: 'Works at',
  parent: 'Part of',
  subsidiary: 'Subsidiaries',
  'key-person': 'Key people',
  founder: 'Founded by',
  investor: 'Investors',
  'based-on': 'Based on',
};

/** Labels for relations seen from the other end (a model's maker lists the model under "Models"). */
const INVERSE_LABELS: Record<string, string> = {
  maker: 'Models',
  role: 'People',
  parent: 'Subsidiaries',
  subsidiary: 'Part of',
  'key-person': 'Key person at',
  founder: 'Founded',
  investor: 'Invested in',
  'based-on': 'Built on it',
};

/** Display order: what it belongs to first, then people, then lineage, then the long lists. */
const ORDER = [
  'Made by',
  'Part of',
  'Works at',
  'Key person at',
  'Key people',
  'Founded by',
  'Founded',
  'Predecessor',
  'Successor',
  'Based on',
  'Models',
  'People',
  'Subsidiaries',
  'Built on it',
  'Investors',
  'Invested in',
];

export interface RelatedItem extends Related {
  inverse?: boolean;
  /** role and dates, for people and jobs */
  detail?: string;
  /** this entity is also mentioned on the page */
  onPage?: boolean;
}

export interface RelatedGroup {
  label: string;
  items: RelatedItem[];
  /** how many more there are than shown */
  more: number;
}

function roleDetail(r: Related): string | undefined {
  let when = '';
  if (r.start && r.end) when = `${formatDate(r.start)}–${formatDate(r.end)}`;
  else if (r.start) when = `since ${formatDate(r.start)}`;
  else if (r.end) when = `until ${formatDate(r.end)}`;
  return [r.role, when].filter(Boolean).join(', ') || undefined;
}

/**
 * Related entities grouped by relation, each entity once (the first group in display order wins),
 * entities mentioned on this page first, at most `perGroup` per group and `maxGroups` groups.
 */
export function relatedGroups(
  related: readonly (Related & { inverse?: boolean })[],
  options: { onPage?: ReadonlySet<string>; perGroup?: number; maxGroups?: number } = {},
): RelatedGroup[] {
  const { onPage = new Set<string>(), perGroup = 4, maxGroups = 4 } = options;
  const rank = (label: string) => {
    const i = ORDER.indexOf(label);
    return i < 0 ? ORDER.length : i;
  };
  const labelled = related.map((r, i) => ({
    r,
    i,
    label: (r.inverse ? INVERSE_LABELS[r.relation] : RELATION_LABELS[r.relation]) ?? r.relation,
  }));
  labelled.sort((a, b) => rank(a.label) - rank(b.label) || a.i - b.i);
  const groups = new Map<string, RelatedItem[]>();
  const seen = new Set<string>();
  for (const { r, label } of labelled) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const items = groups.get(label) ?? [];
    items.push({
      ...r,
      detail: r.relation === 'role' || r.relation === 'key-person' ? roleDetail(r) : undefined,
      onPage: onPage.has(r.id),
    });
    groups.set(label, items);
  }
  return [...groups.entries()].slice(0, maxGroups).map(([label, items]) => {
    const ordered = items.map((item, i) => ({ item, i })).sort((a, b) => Number(!!b.item.onPage) - Number(!!a.item.onPage) || a.i - b.i);
    return { label, items: ordered.slice(0, perGroup).map((x) => x.item), more: Math.max(0, items.length - perGroup) };
  });
}

/** The page's claims about an entity (as a subject or as the speaker), most check-worthy first. */
export function claimsAbout(claims: readonly PageClaim[], entityId: string): PageClaim[] {
  return claims
    .filter((c) => c.subjects.includes(entityId) || c.speaker === entityId)
    .sort((a, b) => b.score - a.score || a.start - b.start);
}

export interface SourceLink {
  label: string;
  url: string;
}

/** Fact sources, then the entity's own links, then its Wikipedia article; one link per URL. */
export function sourceLinks(details: EntityDetails): SourceLink[] {
  const out: SourceLink[] = [];
  const seen = new Set<string>();
  const add = (label: string, url: string) => {
    if (!/^https:\/\//.test(url) || seen.has(url)) return;
    seen.add(url);
    out.push({ label, url });
  };
  for (const fact of keyFacts(details.entity.facts)) add(sourceLabel(fact.source), fact.source);
  for (const link of details.entity.links ?? []) add(link.label, link.url);
  if (details.entity.wikipedia)
    add('Wikipedia', `https://en.wikipedia.org/wiki/${encodeURIComponent(details.entity.wikipedia.replace(/ /g, '_'))}`);
  return out;
}

export const TYPE_NAMES = { model: 'AI model', org: 'Lab / company', person: 'Person' } as const;
