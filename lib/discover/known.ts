// What the pack already knows, in the form discovery needs: every alias and name, and their ids.
import type { AliasTable } from '../kb/alias-table';
import { nameKey } from './discover';

export interface KnownNames {
  names: string[];
  ids: Map<string, string>;
}

export function knownFromTable(table: AliasTable): KnownNames {
  const ids = new Map<string, string>();
  for (const e of table.entities) ids.set(nameKey(e.name), e.id);
  for (const a of table.aliases) if (!ids.has(nameKey(a.text))) ids.set(nameKey(a.text), table.entities[a.entity].id);
  return { names: [...ids.keys()], ids };
}
