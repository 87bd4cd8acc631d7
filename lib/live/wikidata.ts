// Wikidata facts that move: current roles (P39 position held, P108 employer), plus inception (P571)
// and official website (P856). Only the item id is sent.
import { getJson, trimBase, type FetchLike } from './http';
import type { LiveFacts, LiveRole } from './types';

export const MAX_ROLES = 4;

export function entitiesUrl(base: string, ids: string[], props: string): string {
  const params = new URLSearchParams({
    action: 'wbgetentities',
    ids: ids.join('|'),
    props,
    languages: 'en',
    format: 'json',
    // anonymous CORS, as Wikimedia documents it
    origin: '*',
  });
  if (props.includes('sitelinks')) params.set('sitefilter', 'enwiki');
  return `${trimBase(base)}/w/api.php?${params}`;
}

type Snak = { snaktype?: string; datavalue?: { value?: unknown } };
type Statement = { mainsnak?: Snak; rank?: string; qualifiers?: Record<string, Snak[]> };
type RawEntity = {
  id?: string;
  missing?: string;
  labels?: Record<string, { value?: string }>;
  descriptions?: Record<string, { value?: string }>;
  claims?: Record<string, Statement[]>;
  sitelinks?: Record<string, { title?: string }>;
};

function itemId(snak: Snak | undefined): string | undefined {
  const v = snak?.datavalue?.value as { id?: unknown } | undefined;
  return typeof v?.id === 'string' && /^Q\d+$/.test(v.id) ? v.id : undefined;
}

/** Wikidata time "+2015-12-11T00:00:00Z" with precision 9 (year), 10 (month), 11 (day). */
export function wikidataDate(snak: Snak | undefined): string | undefined {
  const v = snak?.datavalue?.value as { time?: unknown; precision?: unknown } | undefined;
  if (typeof v?.time !== 'string') return undefined;
  const m = /^\+?(\d{4})-(\d{2})-(\d{2})/.exec(v.time);
  if (!m) return undefined;
  const precision = Number(v.precision ?? 11);
  if (precision <= 9 || m[2] === '00') return m[1];
  if (precision === 10 || m[3] === '00') return `${m[1]}-${m[2]}`;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function current(statements: Statement[] | undefined): Statement[] {
  const live = (statements ?? []).filter((s) => s.rank !== 'deprecated' && s.mainsnak?.snaktype === 'value' && !s.qualifiers?.P582?.length);
  const preferred = live.filter((s) => s.rank === 'preferred');
  return preferred.length ? [...preferred, ...live.filter((s) => s.rank !== 'preferred')] : live;
}

/** Statement values, with every item id they reference (for one label lookup). */
export function parseEntity(
  raw: unknown,
  id: string,
): { facts: LiveFacts; pending: { role: LiveRole; labelOf: string; ofId?: string }[] } | null {
  const entity = (raw as { entities?: Record<string, RawEntity> })?.entities?.[id];
  if (!entity || entity.missing !== undefined) return null;
  const facts: LiveFacts = { id, roles: [] };
  const label = entity.labels?.en?.value;
  if (label) facts.label = label;
  const description = entity.descriptions?.en?.value;
  if (description) facts.description = description.slice(0, 200);
  const title = entity.sitelinks?.enwiki?.title;
  if (title) facts.wikipediaTitle = title;
  const claims = entity.claims ?? {};
  const inception = wikidataDate(current(claims.P571)[0]?.mainsnak);
  if (inception) facts.inception = inception;
  const site = current(claims.P856)[0]?.mainsnak?.datavalue?.value;
  if (typeof site === 'string' && /^https?:\/\//.test(site)) facts.website = site;

  const pending: { role: LiveRole; labelOf: string; ofId?: string }[] = [];
  for (const s of current(claims.P39)) {
    const position = itemId(s.mainsnak);
    if (!position) continue;
    const of = itemId(s.qualifiers?.P642?.[0]) ?? itemId(s.qualifiers?.P108?.[0]);
    pending.push({
      role: { label: position, kind: 'position', start: wikidataDate(s.qualifiers?.P580?.[0]) },
      labelOf: position,
      ofId: of,
    });
  }
  for (const s of current(claims.P108)) {
    const employer = itemId(s.mainsnak);
    if (!employer) continue;
    // skip an employer already named by a position held there
    if (pending.some((p) => p.ofId === employer)) continue;
    const position = itemId(s.qualifiers?.P39?.[0]);
    pending.push(
      position
        ? { role: { label: position, kind: 'position', start: wikidataDate(s.qualifiers?.P580?.[0]) }, labelOf: position, ofId: employer }
        : { role: { label: employer, kind: 'employer', start: wikidataDate(s.qualifiers?.P580?.[0]) }, labelOf: employer },
    );
  }
  return { facts, pending: pending.slice(0, MAX_ROLES) };
}

export function labelsFrom(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, e] of Object.entries((raw as { entities?: Record<string, RawEntity> })?.entities ?? {})) {
    const label = e.labels?.en?.value;
    if (label) out.set(id, label);
  }
  return out;
}

export function createWikidataClient(options: { base: string; fetch: FetchLike }) {
  return {
    /** Current facts about an item, or null when Wikidata has no such item. */
    async facts(id: string, signal?: AbortSignal): Promise<LiveFacts | null> {
      const raw = await getJson(options.fetch, entitiesUrl(options.base, [id], 'labels|descriptions|claims|sitelinks'), signal);
      const parsed = parseEntity(raw, id);
      if (!parsed) return null;
      const referenced = [...new Set(parsed.pending.flatMap((p) => [p.labelOf, p.ofId].filter((x): x is string => !!x)))];
      let labels = new Map<string, string>();
      if (referenced.length) labels = labelsFrom(await getJson(options.fetch, entitiesUrl(options.base, referenced, 'labels'), signal));
      for (const p of parsed.pending) {
        const label = labels.get(p.labelOf);
        if (!label) continue; // an unlabelled item id means nothing to a reader
        const role: LiveRole = { ...p.role, label };
        const of = p.ofId ? labels.get(p.ofId) : undefined;
        if (of) role.of = of;
        if (!role.start) delete role.start;
        parsed.facts.roles.push(role);
      }
      return parsed.facts;
    },
  };
}

export type WikidataClient = ReturnType<typeof createWikidataClient>;
