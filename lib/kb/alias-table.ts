// The compact, serialisable form of the pack that the detector needs (sent to content scripts).
import type { Entity, EntityType, Pack } from './schema';

export interface CompiledEntity {
  id: string;
  type: EntityType;
  name: string;
}

export interface CompiledAlias {
  text: string;
  /** index into AliasTable.entities */
  entity: number;
  caseSensitive: boolean;
  ambiguous: boolean;
  /** context words (as written in the pack; the detector decides case) and entity ids (as "@id") that make an ambiguous alias safe */
  context: string[];
  shortForm: boolean;
  /** the alias names this entity only on pages dated from `since`; a former name until `until` (YYYY[-MM[-DD]]) */
  since?: string;
  until?: string;
}

export interface AliasTable {
  version: string;
  entities: CompiledEntity[];
  aliases: CompiledAlias[];
}

/**
 * Spelling variants the pack need not list: "Epoch AI" is also written "EpochAI" (a name of four
 * letters or more before " AI", unambiguous, when no entity already has that spelling).
 */
function joinedVariant(alias: Entity['aliases'][number], type: Entity['type']): string | null {
  if (type !== 'org' || alias.ambiguous || alias.shortForm || alias.since || alias.until) return null;
  const m = /^(\p{L}[\p{L}\p{N}]{3,}) AI$/u.exec(alias.text);
  return m ? `${m[1]}AI` : null;
}

/**
 * The people, units and models the pack ties to each organisation (its staff and founders, its
 * parent and subsidiaries, the models it makes): any of them named on the page makes the
 * organisation's ambiguous name safe there, before or after ("Meta hires…" in a headline over a
 * story about Meta Superintelligence Labs), as the pack's own "@id" context entries do.
 */
function relatedToOrgs(entities: readonly Entity[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const orgs = new Set(entities.filter((e) => e.type === 'org').map((e) => e.id));
  const link = (org: string, other: string) => {
    if (!orgs.has(org) || org === other) return;
    let set = out.get(org);
    if (!set) out.set(org, (set = new Set()));
    set.add(other);
  };
  for (const e of entities)
    for (const r of e.relations ?? []) {
      if (r.type === 'role' || r.type === 'maker' || r.type === 'parent') link(r.target, e.id);
      else if (r.type === 'key-person' || r.type === 'founder' || r.type === 'subsidiary') link(e.id, r.target);
    }
  return out;
}

function withSupporters(context: readonly string[], ids: ReadonlySet<string>): string[] {
  const out = [...context];
  for (const id of ids) if (!out.includes(`@${id}`)) out.push(`@${id}`);
  return out;
}

export function compileAliasTable(pack: Pick<Pack, 'version' | 'entities'>, extra: Entity[] = []): AliasTable {
  const entities: CompiledEntity[] = [];
  const aliases: CompiledAlias[] = [];
  const seen = new Set<string>();
  const written = new Set<string>();
  for (const entity of [...extra, ...pack.entities]) for (const alias of entity.aliases) written.add(alias.text.toLowerCase());
  const supporters = relatedToOrgs([...extra, ...pack.entities]);
  for (const entity of [...extra, ...pack.entities]) {
    // custom entities come first so a user's entity wins over a pack entity with the same id
    if (seen.has(entity.id)) continue;
    seen.add(entity.id);
    const index = entities.push({ id: entity.id, type: entity.type, name: entity.name }) - 1;
    for (const alias of entity.aliases) {
      aliases.push({
        text: alias.text,
        entity: index,
        caseSensitive: (alias.case ?? 'sensitive') === 'sensitive',
        ambiguous: alias.ambiguous ?? false,
        context:
          alias.ambiguous && supporters.has(entity.id)
            ? withSupporters(alias.context ?? [], supporters.get(entity.id)!)
            : (alias.context ?? []),
        shortForm: alias.shortForm ?? false,
        ...(alias.since ? { since: alias.since } : {}),
        ...(alias.until ? { until: alias.until } : {}),
      });
      const joined = joinedVariant(alias, entity.type);
      if (joined && !written.has(joined.toLowerCase())) {
        written.add(joined.toLowerCase());
        aliases.push({ text: joined, entity: index, caseSensitive: true, ambiguous: false, context: [], shortForm: false });
      }
    }
  }
  return { version: pack.version, entities, aliases };
}
