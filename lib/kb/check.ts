// Integrity checks beyond the schema: ids unique, relations resolve, facts sourced and dated,
// and no alias claimed by two entities without a rule that tells them apart.
import type { Pack } from './schema';

export interface PackStats {
  version: string;
  entities: { model: number; org: number; person: number };
  aliases: number;
  facts: number;
  factsWithSourceAndDate: number;
  trackedClaims: number;
  relations: number;
}

export function packStats(pack: Pack): PackStats {
  const entities = { model: 0, org: 0, person: 0 };
  let aliases = 0;
  let facts = 0;
  let factsWithSourceAndDate = 0;
  let relations = 0;
  for (const e of pack.entities) {
    entities[e.type]++;
    aliases += e.aliases.length;
    facts += e.facts.length;
    factsWithSourceAndDate += e.facts.filter((f) => /^https:\/\//.test(f.source) && /^\d{4}/.test(f.asOf)).length;
    relations += e.relations?.length ?? 0;
  }
  return { version: pack.version, entities, aliases, facts, factsWithSourceAndDate, trackedClaims: pack.trackedClaims.length, relations };
}

export interface CheckOptions {
  /** minimum facts per entity (the product asks for 3) */
  minFacts?: number;
}

export function checkPack(pack: Pack, options: CheckOptions = {}): string[] {
  const minFacts = options.minFacts ?? 3;
  const problems: string[] = [];
  const ids = new Map<string, number>();
  for (const e of pack.entities) ids.set(e.id, (ids.get(e.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) problems.push(`entity id "${id}" is used ${n} times`);

  const aliasOwners = new Map<string, { id: string; ambiguous: boolean; shortForm: boolean; context: number }[]>();
  for (const e of pack.entities) {
    if (e.facts.length < minFacts) problems.push(`${e.id}: has ${e.facts.length} facts, needs at least ${minFacts}`);
    for (const [i, f] of e.facts.entries()) {
      if (!f.source || !f.asOf) problems.push(`${e.id}.facts[${i}]: missing source or as-of date`);
    }
    for (const r of e.relations ?? []) {
      if (!ids.has(r.target)) problems.push(`${e.id}.relations: ${r.type} → "${r.target}" does not resolve to an entity`);
      if (r.start && r.end && r.end < r.start)
        problems.push(`${e.id}.relations: ${r.type} → ${r.target} ends (${r.end}) before it starts (${r.start})`);
    }
    if (!e.aliases.length) problems.push(`${e.id}: has no aliases`);
    const seenHere = new Set<string>();
    for (const a of e.aliases) {
      const key = aliasKey(a.text);
      if (seenHere.has(key)) continue;
      seenHere.add(key);
      const list = aliasOwners.get(key) ?? [];
      list.push({ id: e.id, ambiguous: a.ambiguous ?? false, shortForm: a.shortForm ?? false, context: a.context?.length ?? 0 });
      aliasOwners.set(key, list);
      if (a.ambiguous && !a.context?.length) problems.push(`${e.id}: ambiguous alias "${a.text}" has no context rule`);
    }
  }
  for (const [alias, owners] of aliasOwners) {
    if (owners.length < 2) continue;
    // Shared aliases are fine only when every owner but one needs context or an earlier full name.
    const unguarded = owners.filter((o) => !(o.ambiguous && o.context > 0) && !o.shortForm);
    if (unguarded.length > 1) {
      problems.push(
        `alias "${alias}" is claimed by ${owners.map((o) => o.id).join(', ')} without a disambiguation rule (mark all but one ambiguous with context, or shortForm)`,
      );
    }
  }

  const claimIds = new Set<string>();
  for (const c of pack.trackedClaims) {
    if (claimIds.has(c.id)) problems.push(`tracked claim id "${c.id}" is used twice`);
    claimIds.add(c.id);
    for (const s of c.subjects) if (!ids.has(s)) problems.push(`trackedClaims[${c.id}].subjects: "${s}" does not resolve to an entity`);
    if (c.speaker && !ids.has(c.speaker)) problems.push(`trackedClaims[${c.id}].speaker: "${c.speaker}" does not resolve to an entity`);
    for (const n of c.numbers ?? []) if (n.max < n.min) problems.push(`trackedClaims[${c.id}].numbers: max < min`);
  }
  return problems;
}

/** Folds the variants the matcher treats as equal (case aside): dashes, middle dots, quotes, spaces. */
function aliasKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2010-\u2014\u00B7\u2027-]/g, ' ')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
