import type { Mention } from '../lib/detect/types';
import type { EntityType } from '../lib/kb/schema';

export const TYPE_LABELS: Record<EntityType, string> = { model: 'Models', org: 'Labs & companies', person: 'People' };

export interface EntityCount {
  entityId: string;
  name: string;
  type: EntityType;
  count: number;
}

/** Where the last "show on page" click landed: mention `index` (0-based) of `total` for an entity. */
export interface JumpPosition {
  entityId: string;
  index: number;
  total: number;
  found: boolean;
}

export function countEntities(mentions: readonly Mention[]): EntityCount[] {
  const byId = new Map<string, EntityCount>();
  for (const m of mentions) {
    const row = byId.get(m.entityId) ?? { entityId: m.entityId, name: m.name, type: m.type, count: 0 };
    row.count++;
    byId.set(m.entityId, row);
  }
  return [...byId.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

const TYPES: EntityType[] = ['model', 'org', 'person'];

export function EntityList(props: {
  mentions: readonly Mention[];
  onSelect?: (entityId: string) => void;
  position?: JumpPosition | null;
  /** "Everything you've read about X": opens the entity's dossier in the manager */
  onOpenDossier?: (entityId: string) => void;
}) {
  const rows = countEntities(props.mentions);
  const position = props.position;
  const positionRow = position ? rows.find((r) => r.entityId === position.entityId) : undefined;
  return (
    <div class="entity-groups">
      {TYPES.map((type) => {
        const group = rows.filter((r) => r.type === type);
        if (!group.length) return null;
        const headingId = `group-${type}`;
        const mentions = group.reduce((n, r) => n + r.count, 0);
        return (
          <section key={type} aria-labelledby={headingId}>
            <h2 id={headingId} class={`group-title type-${type}`}>
              <span class={`dot type-${type}`} aria-hidden="true" />
              {TYPE_LABELS[type]}{' '}
              <span class="muted group-count">
                {group.length} · {mentions} mention{mentions === 1 ? '' : 's'}
              </span>
            </h2>
            <ul class="entity-list">
              {group.map((row) => {
                const here = position?.entityId === row.entityId && position.found;
                return (
                  <li key={row.entityId} data-entity={row.entityId} class={props.onOpenDossier ? 'has-dossier' : undefined}>
                    <button
                      type="button"
                      class={`entity-row${here ? ' is-current' : ''}`}
                      onClick={() => props.onSelect?.(row.entityId)}
                      aria-label={`${row.name}, ${row.count} mention${row.count === 1 ? '' : 's'}. Show on page`}
                      aria-current={here ? 'location' : undefined}
                    >
                      <span class={`bar type-${row.type}`} aria-hidden="true" />
                      <span class="entity-name">{row.name}</span>
                      {here && (
                        <span class="where" aria-hidden="true">
                          {position!.index + 1} of {position!.total}
                        </span>
                      )}
                      <span class="count" aria-hidden="true">
                        {row.count}
                      </span>
                    </button>
                    {props.onOpenDossier && (
                      <button
                        type="button"
                        class="dossier-link"
                        title={`Everything you’ve read about ${row.name}`}
                        aria-label={`Everything you’ve read about ${row.name}`}
                        onClick={() => props.onOpenDossier!(row.entityId)}
                      >
                        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d="M3 2.5h7l3 3v8H3z M10 2.5v3h3 M5.5 8h5 M5.5 10.5h5" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round" /></svg>
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <p class="sr-only" role="status" aria-live="polite">
        {position && positionRow
          ? position.found
            ? `${positionRow.name}: mention ${position.index + 1} of ${position.total}`
            : `${positionRow.name} is no longer on the page`
          : ''}
      </p>
    </div>
  );
}
