// Custom entities: the reader's own models, labs and people, detected and carded like the pack's.
import { slugify } from '../lib/kb/ids';
import { type Dispatch, type StateUpdater, useEffect, useState } from 'preact/hooks';
import { ENTITY_TYPES, type Entity, type EntityType } from '../lib/kb/schema';
import type { ManagerAsk } from './manager-shared';

const TYPE_LABELS: Record<EntityType, string> = { model: 'AI model', org: 'Lab or company', person: 'Person' };

export { slugify };

export interface EntityDraft {
  id?: string;
  name: string;
  type: EntityType;
  aliases: string;
  description: string;
  links: string;
}

const EMPTY: EntityDraft = { name: '', type: 'org', aliases: '', description: '', links: '' };

export function draftOf(e: Entity): EntityDraft {
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    aliases: e.aliases
      .map((a) => a.text)
      .filter((t) => t !== e.name)
      .join(', '),
    description: e.description,
    links: (e.links ?? []).map((l) => `${l.label} ${l.url}`).join('\n'),
  };
}

/** The draft as an entity for EntitySchema (the background validates it and names any bad field). */
export function entityFromDraft(d: EntityDraft, taken: Set<string>, previous?: Entity): Record<string, unknown> {
  let id = d.id;
  if (!id) {
    const base = slugify(d.name);
    id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  }
  const aliasTexts = [d.name.trim(), ...d.aliases.split(',').map((s) => s.trim())].filter(Boolean);
  const unique = aliasTexts.filter((t, i) => aliasTexts.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);
  const links = d.links
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.*?)\s*(https?:\/\/\S+)$/.exec(line);
      if (!m) return { label: line, url: line };
      let label = m[1].replace(/[|:–-]\s*$/, '').trim();
      if (!label) {
        try {
          label = new URL(m[2]).hostname.replace(/^www\./, '');
        } catch {
          label = m[2];
        }
      }
      return { label, url: m[2] };
    });
  const previousAliases = new Map((previous?.aliases ?? []).map((a) => [a.text, a]));
  return {
    ...(previous ?? {}),
    id,
    type: d.type,
    name: d.name.trim(),
    // an alias kept from before keeps its options (case, context)
    aliases: unique.map((text) => previousAliases.get(text) ?? { text }),
    description: d.description.trim(),
    facts: previous?.facts ?? [],
    links,
    custom: true,
  };
}

/** The add/edit form for one custom entity. */
function EntityForm(props: {
  draft: EntityDraft;
  setDraft: Dispatch<StateUpdater<EntityDraft | null>>;
  formError: string | null;
  onSubmit: (e: Event) => void;
}) {
  const { draft, setDraft, formError } = props;

  const field = (key: keyof EntityDraft) => ({
    value: (draft?.[key] as string) ?? '',
    onInput: (e: Event) => setDraft((d) => ({ ...(d ?? EMPTY), [key]: (e.target as HTMLInputElement).value })),
  });

  return (
    <form class="entity-form" onSubmit={props.onSubmit} aria-label={draft.id ? `Edit ${draft.name}` : 'New entity'}>
      <div class="grid2">
        <label>
          <span>Name</span>
          <input required maxLength={80} {...field('name')} placeholder="e.g. Tessera Labs" />
        </label>
        <label>
          <span>Type</span>
          <select value={draft.type} onChange={(e) => setDraft({ ...draft, type: (e.target as HTMLSelectElement).value as EntityType })}>
            {ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        <span>Other names (aliases), comma separated</span>
        <input {...field('aliases')} placeholder="e.g. Tessera, Tessera AI" />
      </label>
      <label>
        <span>Description</span>
        <textarea required maxLength={400} rows={3} {...field('description')} placeholder="One or two sentences shown on the card" />
      </label>
      <label>
        <span>Links, one per line (label and https address)</span>
        <textarea rows={2} {...field('links')} placeholder="Website https://tessera.example" />
      </label>
      {formError && (
        <p class="error" role="alert">
          {formError}
        </p>
      )}
      <div class="edit-actions">
        <button type="submit" class="button primary">
          {draft.id ? 'Save changes' : 'Add entity'}
        </button>
        <button type="button" class="button" onClick={() => setDraft(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** One custom entity as a card, with Edit and a Delete that asks to be confirmed. */
function EntityCard(props: {
  entity: Entity;
  confirming: boolean;
  onEdit: () => void;
  onConfirm: (id: string | null) => void;
  onDelete: () => Promise<void>;
}) {
  const e = props.entity;
  return (
    <li class="entity-card">
      <div class="entity-card-head">
        <span class={`badge type-${e.type}`}>{TYPE_LABELS[e.type]}</span>
        <strong>{e.name}</strong>
        <code class="muted small">{e.id}</code>
      </div>
      <p>{e.description}</p>
      {e.aliases.length > 1 && (
        <p class="muted small">
          Also matched as:{' '}
          {e.aliases
            .map((a) => a.text)
            .filter((t) => t !== e.name)
            .join(', ')}
        </p>
      )}
      {!!e.links?.length && (
        <p class="small">
          {e.links.map((l, i) => (
            <span key={l.url}>
              {i > 0 && ' · '}
              <a href={l.url} target="_blank" rel="noopener noreferrer">
                {l.label}
              </a>
            </span>
          ))}
        </p>
      )}
      <div class="edit-actions">
        <button type="button" class="button" onClick={props.onEdit}>
          Edit
        </button>
        {props.confirming ? (
          <>
            <button type="button" class="button danger" onClick={props.onDelete}>
              Delete {e.name}
            </button>
            <button type="button" class="link" onClick={() => props.onConfirm(null)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" class="button" onClick={() => props.onConfirm(e.id)}>
            Delete…
          </button>
        )}
      </div>
    </li>
  );
}

export function EntitiesPanel(props: { ask: ManagerAsk; onError: (m: string | null) => void }) {
  const [entities, setEntities] = useState<Entity[] | null>(null);
  const [draft, setDraft] = useState<EntityDraft | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const load = () => props.ask('listCustomEntities', {}).then(setEntities, (err: Error) => props.onError(err.message));
  useEffect(() => void load(), []);

  async function submit(e: Event) {
    e.preventDefault();
    if (!draft) return;
    const previous = draft.id ? entities?.find((x) => x.id === draft.id) : undefined;
    const taken = new Set((entities ?? []).map((x) => x.id));
    try {
      await props.ask('saveCustomEntity', { entity: entityFromDraft(draft, taken, previous) });
      setDraft(null);
      setFormError(null);
      await load();
    } catch (err) {
      setFormError((err as Error).message);
    }
  }

  return (
    <div class="single">
      <div class="section-head">
        <div>
          <h1>Custom entities</h1>
          <p class="muted">
            Models, labs and people Backstory does not know yet. They are highlighted and get cards like the built-in ones, and are kept
            when the built-in pack updates.
          </p>
        </div>
        {!draft && (
          <button
            type="button"
            class="button primary"
            onClick={() => {
              setDraft({ ...EMPTY });
              setFormError(null);
            }}
          >
            Add entity
          </button>
        )}
      </div>

      {draft && <EntityForm draft={draft} setDraft={setDraft} formError={formError} onSubmit={submit} />}

      {entities && entities.length === 0 && !draft && <p class="empty">No custom entities yet.</p>}
      {entities && entities.length > 0 && (
        <ul class="entity-cards">
          {entities.map((e) => (
            <EntityCard
              key={e.id}
              entity={e}
              confirming={confirming === e.id}
              onEdit={() => {
                setDraft(draftOf(e));
                setFormError(null);
              }}
              onConfirm={setConfirming}
              onDelete={async () => {
                try {
                  await props.ask('deleteCustomEntity', { id: e.id });
                  setConfirming(null);
                  await load();
                } catch (err) {
                  props.onError((err as Error).message);
                }
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
