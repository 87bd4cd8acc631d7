// The manager's saved-annotations panel: filters on the left, search, the list (newest first, grouped
// by day), inline editing, bulk delete with undo. Talks to the background only through `ask`.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AnnotationList, AnnotationQuery, SavedAnnotation } from '../lib/annotations/messages';
import { claimOf, displayQuote, entityOf, noteOf, parseTagInput, siteOf, tagsOf, urlWithTextFragment } from '../lib/annotations/model';
import type { Facet } from '../lib/annotations/search';
import type { ManagerAsk } from './manager-shared';

export const PAGE_SIZE = 50;
/** Set after every render of a fresh result list (scripts/bench/annotations.ts reads it). */
export const LIST_RENDER_MARK = 'backstory:manager-list';
/** Set when a result list arrives from the background, before it renders. */
export const LIST_RESULT_MARK = 'backstory:manager-results';
const DAY = 86_400_000;

export const DATE_RANGES = [
  { key: 'any', label: 'Any time', days: 0 },
  { key: 'today', label: 'Today', days: 1 },
  { key: 'week', label: 'Past 7 days', days: 7 },
  { key: 'month', label: 'Past 30 days', days: 30 },
  { key: 'year', label: 'Past year', days: 365 },
] as const;
export type DateRangeKey = (typeof DATE_RANGES)[number]['key'];

export interface AnnotationFilters {
  text: string;
  site?: string;
  tag?: string;
  entityId?: string;
  range: DateRangeKey;
  status?: 'orphan';
}

export const NO_FILTERS: AnnotationFilters = { text: '', range: 'any' };

function startOfDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function toQuery(f: AnnotationFilters, now: number): AnnotationQuery {
  const q: AnnotationQuery = {};
  if (f.text.trim()) q.text = f.text.trim();
  if (f.site !== undefined) q.site = f.site;
  if (f.tag) q.tag = f.tag;
  if (f.entityId) q.entityId = f.entityId;
  if (f.status) q.status = f.status;
  const range = DATE_RANGES.find((r) => r.key === f.range);
  if (range?.days) q.since = range.key === 'today' ? startOfDay(now) : now - range.days * DAY;
  return q;
}

// Formatters made once: toLocale…String builds a new one on every call, which shows in a 50-item list.
const FORMATS = {
  weekday: new Intl.DateTimeFormat(undefined, { weekday: 'long' }),
  day: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' }),
  time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
  full: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
};

/** "Today", "Yesterday", a weekday within the week, then "12 March 2026". */
export function dayLabel(t: number, now: number): string {
  const today = startOfDay(now);
  if (t >= today) return 'Today';
  if (t >= today - DAY) return 'Yesterday';
  const d = new Date(t);
  if (t >= today - 6 * DAY) return FORMATS.weekday.format(d);
  return FORMATS.day.format(d);
}

function timeOf(t: number): string {
  return FORMATS.time.format(t);
}

export interface AnnotationsPanelProps {
  ask: ManagerAsk;
  openUrl: (url: string) => void;
  download: (file: { filename: string; mime: string; content: string }) => void;
  onError: (message: string | null) => void;
  /** bumped by the parent when data changed elsewhere (an import, clear all) */
  version?: number;
  now?: () => number;
}

/** The list for the current filters: first page on every change (a stale answer is dropped), then "show more". */
function useAnnotationList(props: AnnotationsPanelProps, query: AnnotationQuery, onResult: (result: AnnotationList) => void) {
  const [list, setList] = useState<AnnotationList | null>(null);
  const [items, setItems] = useState<SavedAnnotation[]>([]);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);

  // a layout effect, so the request leaves right after the render, not after the next frame
  useLayoutEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    props.ask('listAnnotations', { ...query, offset: 0, limit: PAGE_SIZE }).then(
      (result) => {
        if (mine !== seq.current) return;
        performance.mark(LIST_RESULT_MARK);
        setList(result);
        setItems(result.items);
        setLoading(false);
        onResult(result);
      },
      (err: Error) => {
        if (mine !== seq.current) return;
        setLoading(false);
        props.onError(err.message);
      },
    );
  }, [query]);

  // layout effect: right after the DOM holds the new list, before the browser paints it
  useLayoutEffect(() => {
    if (list) performance.mark(LIST_RENDER_MARK);
  }, [list]);

  async function showMore() {
    const mine = seq.current;
    try {
      const more = await props.ask('listAnnotations', { ...query, offset: items.length, limit: PAGE_SIZE });
      if (mine !== seq.current) return;
      setItems((prev) => [...prev, ...more.items.filter((m) => !prev.some((p) => p.annotation.id === m.annotation.id))]);
    } catch (err) {
      props.onError((err as Error).message);
    }
  }

  return { list, setList, items, setItems, loading, showMore };
}

/** Deleting with an undo toast (12 s), and the undo. */
function useUndoableDelete(props: AnnotationsPanelProps, changed: { deleted: () => void; restored: () => void }) {
  const [undo, setUndo] = useState<{ items: SavedAnnotation[]; message: string } | null>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (undoTimer.current && clearTimeout(undoTimer.current)), []);

  async function remove(ids: string[]) {
    try {
      const { deleted: gone } = await props.ask('deleteAnnotations', { ids });
      if (undoTimer.current) clearTimeout(undoTimer.current);
      setUndo({ items: gone, message: gone.length === 1 ? 'Deleted 1 annotation.' : `Deleted ${gone.length} annotations.` });
      undoTimer.current = setTimeout(() => setUndo(null), 12_000);
      changed.deleted();
    } catch (err) {
      props.onError((err as Error).message);
    }
  }

  async function restore() {
    if (!undo) return;
    try {
      await props.ask('restoreAnnotations', { items: undo.items });
      setUndo(null);
      changed.restored();
    } catch (err) {
      props.onError((err as Error).message);
    }
  }

  return { undo, remove, restore };
}

/** One stable actions object for every item (calling the latest handlers), so typing in the search box does not re-render the list. */
function useStableActions(current: ItemActions): ItemActions {
  const latest = useRef(current);
  latest.current = current;
  return useMemo<ItemActions>(
    () => ({
      toggle: (id) => latest.current.toggle(id),
      edit: (id) => latest.current.edit(id),
      cancel: () => latest.current.cancel(),
      save: (id, note, tags) => latest.current.save(id, note, tags),
      remove: (id) => latest.current.remove(id),
      open: (item) => latest.current.open(item),
      tag: (tag) => latest.current.tag(tag),
    }),
    [],
  );
}

const isFiltered = (f: AnnotationFilters) => !!(f.text || f.site !== undefined || f.tag || f.entityId || f.status || f.range !== 'any');

export function AnnotationsPanel(props: AnnotationsPanelProps) {
  const now = props.now ?? Date.now;
  const [filters, setFilters] = useState<AnnotationFilters>(NO_FILTERS);
  const [typed, setTyped] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const query = useMemo(() => toQuery(filters, now()), [filters, reload, props.version]);
  const { list, setList, items, setItems, loading, showMore } = useAnnotationList(props, query, (result) =>
    setSelected((s) => new Set([...s].filter((id) => result.items.some((i) => i.annotation.id === id)))),
  );
  const { undo, remove, restore } = useUndoableDelete(props, {
    deleted: () => {
      setSelected(new Set());
      setEditing(null);
      setReload((n) => n + 1);
    },
    restored: () => setReload((n) => n + 1),
  });

  // typing: a short pause before searching, so a fast typist does not queue a query per key
  useEffect(() => {
    if (typed === filters.text) return;
    // the same object when Enter already searched for it: no second request
    const t = setTimeout(() => setFilters((f) => (f.text === typed ? f : { ...f, text: typed })), 60);
    return () => clearTimeout(t);
  }, [typed]);

  async function save(id: string, note: string, tags: string[]) {
    const updated = await props.ask('updateAnnotation', { id, note, tags });
    setItems((prev) => prev.map((i) => (i.annotation.id === id ? updated : i)));
    setEditing(null);
    // tag counts in the filter column change with the edit
    props.ask('listAnnotations', { ...query, offset: 0, limit: 1 }).then(
      (r) => setList((l) => (l ? { ...l, facets: r.facets } : r)),
      () => undefined,
    );
  }

  async function exportSelected() {
    try {
      props.download(await props.ask('exportAnnotations', { format: 'json', ids: [...selected] }));
    } catch (err) {
      props.onError((err as Error).message);
    }
  }

  const set = (patch: Partial<AnnotationFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const clearFilters = () => {
    setTyped('');
    setFilters(NO_FILTERS);
  };
  const clearText = () => {
    setTyped('');
    set({ text: '' });
  };
  const actions = useStableActions({
    toggle: (id) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    edit: (id) => setEditing(id),
    cancel: () => setEditing(null),
    save: (id, note, tags) => save(id, note, tags),
    remove: (id) => remove([id]),
    open: (item) => props.openUrl(urlWithTextFragment(item.annotation)),
    tag: (tag) => set({ tag: tag.toLowerCase() }),
  });
  const facets = list?.facets;
  const filtered = isFiltered(filters);
  const shown = useFirstScreen(items, list?.items);
  // The same vnodes while the list is unchanged: Preact skips them, so typing does not re-render 50 items.
  const listView = useMemo(
    () => <DayGroups items={shown} now={now()} selected={selected} editing={editing} actions={actions} />,
    [shown, selected, editing],
  );

  return (
    <div class="layout">
      <FiltersColumn filters={filters} facets={facets} set={set} />

      <section class="content" aria-label="Saved annotations">
        <SearchBar
          typed={typed}
          setTyped={setTyped}
          search={(text) => setFilters((f) => (f.text === text ? f : { ...f, text }))}
          list={list}
          filtered={filtered}
        />
        {filtered && <ActiveFilters filters={filters} facets={facets} set={set} clearText={clearText} clearAll={clearFilters} />}
        {items.length > 0 && (
          <BulkBar
            items={items}
            selected={selected}
            setSelected={setSelected}
            onExport={exportSelected}
            onDelete={() => remove([...selected])}
          />
        )}

        {!loading && list && list.total === 0 && !filtered && <EmptyState />}
        {!loading && list && list.total === 0 && filtered && (
          <div class="empty">
            <p>No saved annotations match.</p>
            <button type="button" class="button" onClick={clearFilters}>
              Clear filters
            </button>
          </div>
        )}

        {listView}

        {list && items.length < list.total && (
          <div class="more">
            <span class="muted">
              Showing {COUNT.format(items.length)} of {COUNT.format(list.total)}
            </span>
            <button type="button" class="button" onClick={showMore}>
              Show {Math.min(PAGE_SIZE, list.total - items.length)} more
            </button>
          </div>
        )}

        {undo && (
          <div class="toast" role="status">
            <span>{undo.message}</span>
            <button type="button" class="link" onClick={restore}>
              Undo
            </button>
          </div>
        )}
      </section>
    </div>
  );
}

// A new result shows the first screenful at once and the rest of its page right after that frame:
// building 50 items' DOM (and laying them out) before the first paint made a typed query wait for
// rows no one sees yet. Rows added by "Show more" or changed by an edit show at once.
const FIRST_SCREEN = 12;

function useFirstScreen(items: SavedAnnotation[], fresh: SavedAnnotation[] | undefined): SavedAnnotation[] {
  const [whole, setWhole] = useState<SavedAnnotation[] | null>(null);
  const windowed = items === fresh && items.length > FIRST_SCREEN;
  const first = useMemo(() => (windowed ? items.slice(0, FIRST_SCREEN) : items), [items, windowed]);
  // Preact runs effects after the frame that painted the first screen
  useEffect(() => {
    if (windowed) setWhole(items);
  }, [items]);
  return windowed && whole !== items ? first : items;
}

type Facets = AnnotationList['facets'] | undefined;
type SetFilters = (patch: Partial<AnnotationFilters>) => void;

function DayGroups(props: { items: SavedAnnotation[]; now: number; selected: Set<string>; editing: string | null; actions: ItemActions }) {
  return (
    <>
      {groupByDay(props.items, props.now).map(([label, group]) => (
        <section class="day" key={label} aria-label={label}>
          <h3 class="day-label">{label}</h3>
          <ul class="annotations">
            {group.map((item) => (
              <AnnotationItem
                key={item.annotation.id}
                item={item}
                selected={props.selected.has(item.annotation.id)}
                editing={props.editing === item.annotation.id}
                actions={props.actions}
              />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function FiltersColumn(props: { filters: AnnotationFilters; facets: Facets; set: SetFilters }) {
  const { filters, facets, set } = props;
  return (
    <aside class="filters" aria-label="Filters">
      <FilterGroup title="Date">
        {DATE_RANGES.map((r) => (
          <FilterButton key={r.key} label={r.label} active={filters.range === r.key} onClick={() => set({ range: r.key })} />
        ))}
      </FilterGroup>
      {facets && facets.orphans > 0 && (
        <FilterGroup title="Status">
          <FilterButton label="All" active={!filters.status} onClick={() => set({ status: undefined })} />
          <FilterButton
            label="Not found on page"
            count={facets.orphans}
            active={filters.status === 'orphan'}
            onClick={() => set({ status: filters.status ? undefined : 'orphan' })}
            warn
          />
        </FilterGroup>
      )}
      <FacetGroup title="Sites" facets={facets?.sites ?? []} active={filters.site} onPick={(site) => set({ site })} />
      <FacetGroup title="Entities" facets={facets?.entities ?? []} active={filters.entityId} onPick={(entityId) => set({ entityId })} />
      <FacetGroup title="Tags" facets={facets?.tags ?? []} active={filters.tag} onPick={(tag) => set({ tag })} chips />
    </aside>
  );
}

function SearchBar(props: {
  typed: string;
  setTyped: (text: string) => void;
  search: (text: string) => void;
  list: AnnotationList | null;
  filtered: boolean;
}) {
  const { list } = props;
  return (
    <div class="toolbar">
      <label class="search">
        <span class="sr-only">Search saved annotations</span>
        <svg viewBox="0 0 20 20" aria-hidden="true" class="search-icon">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        <input
          type="search"
          placeholder="Search quotes, notes and tags"
          value={props.typed}
          onInput={(e) => props.setTyped((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') props.setTyped('');
            // Enter searches at once, without the typing pause
            if (e.key === 'Enter') props.search((e.target as HTMLInputElement).value);
          }}
        />
      </label>
      <p class="result-count" role="status" aria-live="polite">
        {list ? `${COUNT.format(list.total)} ${list.total === 1 ? 'annotation' : 'annotations'}${props.filtered ? ' match' : ''}` : ''}
      </p>
    </div>
  );
}

function ActiveFilters(props: {
  filters: AnnotationFilters;
  facets: Facets;
  set: SetFilters;
  clearText: () => void;
  clearAll: () => void;
}) {
  const { filters, facets, set } = props;
  return (
    <div class="active-filters">
      {filters.text && <Chip label={`“${filters.text}”`} onRemove={props.clearText} />}
      {filters.range !== 'any' && (
        <Chip label={DATE_RANGES.find((r) => r.key === filters.range)!.label} onRemove={() => set({ range: 'any' })} />
      )}
      {filters.status && <Chip label="Not found on page" onRemove={() => set({ status: undefined })} />}
      {filters.site !== undefined && <Chip label={filters.site || '(no site)'} onRemove={() => set({ site: undefined })} />}
      {filters.entityId && (
        <Chip
          label={facets?.entities.find((e) => e.value === filters.entityId)?.label ?? filters.entityId}
          onRemove={() => set({ entityId: undefined })}
        />
      )}
      {filters.tag && (
        <Chip
          label={`#${facets?.tags.find((t) => t.value === filters.tag)?.label ?? filters.tag}`}
          onRemove={() => set({ tag: undefined })}
        />
      )}
      <button type="button" class="link" onClick={props.clearAll}>
        Clear all
      </button>
    </div>
  );
}

function BulkBar(props: {
  items: SavedAnnotation[];
  selected: Set<string>;
  setSelected: (s: Set<string>) => void;
  onExport: () => void;
  onDelete: () => void;
}) {
  const { items, selected } = props;
  const allOnPage = items.length > 0 && items.every((i) => selected.has(i.annotation.id));
  return (
    <div class={`bulk${selected.size ? ' is-active' : ''}`}>
      <label class="check">
        <input
          type="checkbox"
          checked={allOnPage}
          aria-label="Select all shown"
          onChange={() => props.setSelected(allOnPage ? new Set() : new Set(items.map((i) => i.annotation.id)))}
        />
        <span>{selected.size ? `${selected.size} selected` : 'Select'}</span>
      </label>
      {selected.size > 0 && (
        <>
          <button type="button" class="button" onClick={props.onExport}>
            Export selected
          </button>
          <button type="button" class="button danger" onClick={props.onDelete}>
            Delete {selected.size}
          </button>
          <button type="button" class="link" onClick={() => props.setSelected(new Set())}>
            Clear selection
          </button>
        </>
      )}
    </div>
  );
}

function groupByDay(items: SavedAnnotation[], now: number): [string, SavedAnnotation[]][] {
  const groups: [string, SavedAnnotation[]][] = [];
  for (const item of items) {
    const label = dayLabel(Date.parse(item.annotation.created), now);
    const last = groups[groups.length - 1];
    if (last && last[0] === label) last[1].push(item);
    else groups.push([label, [item]]);
  }
  return groups;
}

function EmptyState() {
  return (
    <div class="empty">
      <h3>Nothing saved yet</h3>
      <p>
        Select text on any page, then right-click and choose <strong>Save to Backstory</strong>, or press <kbd>Alt</kbd>+<kbd>Shift</kbd>+
        <kbd>S</kbd>.
      </p>
      <p>Hover cards have a Save button too. Everything you save stays in this browser, and you can export it at any time.</p>
    </div>
  );
}

function FilterGroup(props: { title: string; children: preact.ComponentChildren }) {
  return (
    <div class="filter-group">
      <h2 class="filter-title">{props.title}</h2>
      <div class="filter-items">{props.children}</div>
    </div>
  );
}

function FilterButton(props: { label: string; count?: number; active: boolean; onClick: () => void; warn?: boolean; chip?: boolean }) {
  return (
    <button
      type="button"
      class={`filter${props.active ? ' is-active' : ''}${props.warn ? ' is-warn' : ''}${props.chip ? ' is-chip' : ''}`}
      aria-pressed={props.active ? 'true' : 'false'}
      onClick={props.onClick}
    >
      <span class="filter-label">{props.label}</span>
      {props.count !== undefined && <span class="filter-count">{COUNT.format(props.count)}</span>}
    </button>
  );
}

// one number formatter: toLocaleString() builds a new one per call, once per facet button per query
const COUNT = new Intl.NumberFormat();

const FACET_PREVIEW = 8;

function FacetGroup(props: {
  title: string;
  facets: Facet[];
  active?: string;
  onPick: (value: string | undefined) => void;
  chips?: boolean;
}) {
  const [all, setAll] = useState(false);
  if (!props.facets.length) return null;
  const shown = all ? props.facets : props.facets.slice(0, FACET_PREVIEW);
  // the active value stays visible even when it is past the preview
  if (props.active !== undefined && !shown.some((f) => f.value === props.active)) {
    const active = props.facets.find((f) => f.value === props.active);
    if (active) shown.push(active);
  }
  return (
    <FilterGroup title={props.title}>
      {shown.map((f) => (
        <FilterButton
          key={f.value}
          label={props.chips ? `#${f.label}` : f.label}
          count={f.count}
          active={props.active === f.value}
          chip={props.chips}
          onClick={() => props.onPick(props.active === f.value ? undefined : f.value)}
        />
      ))}
      {props.facets.length > FACET_PREVIEW && (
        <button type="button" class="link small" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${props.facets.length}`}
        </button>
      )}
    </FilterGroup>
  );
}

function Chip(props: { label: string; onRemove: () => void }) {
  return (
    <span class="chip">
      {props.label}
      <button type="button" aria-label={`Remove filter ${props.label}`} onClick={props.onRemove}>
        ×
      </button>
    </span>
  );
}

export interface ItemActions {
  toggle(id: string): void;
  edit(id: string): void;
  cancel(): void;
  save(id: string, note: string, tags: string[]): Promise<void>;
  remove(id: string): void;
  open(item: SavedAnnotation): void;
  tag(tag: string): void;
}

export interface AnnotationItemProps {
  item: SavedAnnotation;
  selected: boolean;
  editing: boolean;
  actions: ItemActions;
}

export function AnnotationItem(props: AnnotationItemProps) {
  const { actions } = props;
  const id = props.item.annotation.id;
  const a = props.item.annotation;
  const quote = displayQuote(a);
  const note = noteOf(a);
  const tags = tagsOf(a);
  const entity = entityOf(a);
  const claim = claimOf(a);
  const site = siteOf(a.target.scope ?? a.target.source);
  const created = Date.parse(a.created);
  return (
    <li class={`annotation${props.selected ? ' is-selected' : ''}`} data-id={a.id}>
      <input
        type="checkbox"
        class="select"
        checked={props.selected}
        onChange={() => actions.toggle(id)}
        aria-label={`Select “${quote.slice(0, 60)}”`}
      />
      <div class="body">
        <blockquote class="quote">{quote}</blockquote>
        {props.editing ? (
          <Editor note={note} tags={tags} onCancel={actions.cancel} onSave={(n, t) => actions.save(id, n, t)} />
        ) : (
          note && <p class="note">{note}</p>
        )}
        <div class="meta">
          <span class="site" title={a.target.source}>
            <span class="site-initial" aria-hidden="true">
              {(site[0] ?? '?').toUpperCase()}
            </span>
            {site}
          </span>
          {a.target.title && (
            <a class="page-link" href={a.target.scope ?? a.target.source} target="_blank" rel="noopener noreferrer" title={a.target.title}>
              {a.target.title}
            </a>
          )}
          <time dateTime={a.created} title={FORMATS.full.format(created)}>
            {timeOf(created)}
          </time>
          {entity && <span class="tag entity">{entity.name}</span>}
          {claim && <span class="tag claim">claim · {claim.kind}</span>}
          {!props.editing &&
            tags.map((t) => (
              <button type="button" class="tag" key={t} onClick={() => actions.tag(t)} title={`Show #${t}`}>
                #{t}
              </button>
            ))}
          {props.item.status === 'orphan' && (
            <span class="tag orphan" title="On the last visit this passage could not be found on the page">
              Not found on page
            </span>
          )}
        </div>
      </div>
      {!props.editing && (
        <div class="actions">
          <button type="button" class="icon-button" onClick={() => actions.open(props.item)} title="Open the page at this passage">
            Open
          </button>
          <button type="button" class="icon-button" onClick={() => actions.edit(id)}>
            Edit
          </button>
          <button type="button" class="icon-button danger" onClick={() => actions.remove(id)}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

function Editor(props: { note: string; tags: string[]; onCancel(): void; onSave(note: string, tags: string[]): Promise<void> }) {
  const [note, setNote] = useState(props.note);
  const [tags, setTags] = useState(props.tags.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  async function submit(e?: Event) {
    e?.preventDefault();
    setBusy(true);
    try {
      await props.onSave(note, parseTagInput(tags));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }
  return (
    <form
      class="edit"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
      }}
    >
      <label>
        <span>Note</span>
        <textarea
          ref={ref}
          value={note}
          rows={3}
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          placeholder="Why does this matter?"
        />
      </label>
      <label>
        <span>Tags</span>
        <input value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} placeholder="comma, separated" />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="edit-actions">
        <button type="submit" class="button primary" disabled={busy}>
          Save
        </button>
        <button type="button" class="button" onClick={props.onCancel}>
          Cancel
        </button>
        <span class="muted small">Ctrl+Enter saves · Esc cancels</span>
      </div>
    </form>
  );
}
