// A card's entity: the stored (or bundled) record, its relations seen from both sides, its tracked claims.
import { stripOrigin } from '../db/pack-store';
import { discoveredDetailsFor, type LiveHandlers } from '../live/handlers';
import type { EntityDetails, Handlers } from '../messaging/protocol';
import type { ServiceCore } from './core';

export function entityDetailsHandler(core: ServiceCore, liveHandlers: LiveHandlers): Handlers['getEntity'] {
  return async ({ id }, sender) => {
    // a name found on the page (lib/discover): what the article said about it
    if (id.startsWith('discovered:')) return discoveredDetailsFor(liveHandlers, id, sender);
    const record = await core.safeDb(() => core.db.entities.get(id), undefined);
    const pack = core.pack();
    const entity = record ? stripOrigin(record) : pack.entities.find((e) => e.id === id);
    if (!entity) return null;
    const byId = (target: string) => pack.entities.find((e) => e.id === target);
    const related: EntityDetails['related'] = [];
    for (const rel of entity.relations ?? []) {
      const target = byId(rel.target);
      if (target)
        related.push({
          id: target.id,
          name: target.name,
          type: target.type,
          relation: rel.type,
          role: rel.role,
          start: rel.start,
          end: rel.end,
        });
    }
    // Relations that point here, seen from this side (a lab's models, the labs a person founded or leads).
    // Lineage is declared on both ends already, so predecessor/successor are not inverted.
    for (const other of pack.entities) {
      if (other.id === id) continue;
      for (const rel of other.relations ?? []) {
        if (rel.target !== id || rel.type === 'predecessor' || rel.type === 'successor') continue;
        related.push({
          id: other.id,
          name: other.name,
          type: other.type,
          relation: rel.type,
          role: rel.role,
          start: rel.start,
          end: rel.end,
          inverse: true,
        });
      }
    }
    const trackedClaims = pack.trackedClaims.filter((c) => c.subjects.includes(id) || c.speaker === id);
    return { entity, related, trackedClaims };
  };
}
