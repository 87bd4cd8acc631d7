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

export function compileAliasTable(pack: Pick<Pack, 'version' | 'entities'>, extra: Entity[] = []): AliasTable {
  const entities: CompiledEntity[] = [];
  const aliases: CompiledAlias[] = [];
  const seen = new Set<string>();
  const written = new Set<string>();
  for (const entity of [...extra, ...pack.entities]) for (const alias of entity.aliases) written.add(alias.text.toLowerCase());
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
        context: alias.context ?? [],
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
