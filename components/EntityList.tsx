import type { Mention } from '../lib/detect/types';
import type { EntityType } from '../lib/kb/schema';

export const TYPE_LABELS: Record<EntityType, string> = { model: 'Models', org: 'Labs & companies', person: 'People' };

export interface EntityCount {
  entityId: string;
  name: string;
  type: EntityType;
  count: number;
}

export function countEntities(mentions: Mention[]): EntityCount[] {
  const byId = new Map<string, EntityCount>();
  for (const m of mentions) {
    const row = byId.get(m.entityId) ?? { entityId: m.entityId, name: m.name, type: m.type, count: 0 };
    row.count++;
    byId.set(m.entityId, row);
  }
  return [...byId.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export function EntityList(props: { mentions: Mention[]; onSelect?: (entityId: string) => void }) {
  const rows = countEntities(props.mentions);
  const types: EntityType[] = ['model', 'org', 'person'];
  return (
    <div class="entity-groups">
      {types.map((type) => {
        const group = rows.filter((r) => r.type === type);
        if (!group.length) return null;
        const headingId = `group-${type}`;
        return (
          <section key={type} aria-labelledby={headingId}>
            <h2 id={headingId} class={`group-title type-${type}`}>
              {TYPE_LABELS[type]} <span class="muted">({group.length})</span>
            </h2>
            <ul class="entity-list">
              {group.map((row) => (
                <li key={row.entityId} data-entity={row.entityId}>
                  <button type="button" class="entity-row" onClick={() => props.onSelect?.(row.entityId)} aria-label={`${row.name}, ${row.count} mention${row.count === 1 ? '' : 's'}. Show on page`}>
                    <span class={`dot type-${row.type}`} aria-hidden="true" />
                    <span class="entity-name">{row.name}</span>
                    <span class="count" aria-hidden="true">{row.count}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
