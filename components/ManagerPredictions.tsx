// The manager's Predictions view: every prediction (the pack's tracked ones and those in articles
// read) by speaker and target date, with filters (overdue, due in the next 90 days, decided), the
// pack's outcome where tracked, and the reader's own verdict with a note and a source link.
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import {
  matchPredictions,
  sortPredictions,
  OUTCOMES,
  predictionsOf,
  STATUS_LABELS,
  trackRecord,
  trackRecordLine,
  type Prediction,
  type PredictionFilter,
} from '../lib/predictions/list';
import { formatTarget } from '../lib/predictions/target-date';
import type { OutcomeImportReport } from '../lib/dossier/messages';
import { sourceLabel } from '../lib/card/format';
import { day } from './ManagerDossier';
import type { ManagerAsk } from './manager-shared';

/** Rows rendered at once; the rest behind "Show more" (thousands of predictions stay quick to filter). */
export const PREDICTIONS_PAGE = 40;
/** Set after each render of a filtered list (scripts/bench/dossier.ts reads it). */
export const PREDICTIONS_RENDER_MARK = 'backstory:predictions-rendered';

export const PREDICTION_FILTERS: { key: PredictionFilter; label: string }[] = [
  { key: 'all', label: 'All' },
  { key: 'overdue', label: 'Overdue' },
  { key: 'due-90', label: 'Due in 90 days' },
  { key: 'decided', label: 'Decided' },
  { key: 'open', label: 'Open' },
];

export interface PredictionsPanelProps {
  ask: ManagerAsk;
  /** show only predictions by or about this entity (from a card's track-record line) */
  entityId?: string | null;
  onClearEntity?: () => void;
  onOpenEntity?: (id: string) => void;
  onError: (message: string | null) => void;
  now?: () => number;
}

type SpeakerGroupOf = { speaker: string | null; items: Prediction[] };

/** Consecutive predictions by the same speaker, as one group each (the list is sorted by speaker). */
function bySpeaker(list: Prediction[]): SpeakerGroupOf[] {
  const groups: SpeakerGroupOf[] = [];
  for (const p of list) {
    const last = groups[groups.length - 1];
    if (last && last.speaker === p.speaker) last.items.push(p);
    else groups.push({ speaker: p.speaker, items: [p] });
  }
  return groups;
}

/** The filter buttons with their counts, the speaker menu and the search box. */
function PredictionToolbar(props: {
  filter: PredictionFilter;
  counts: Record<string, number>;
  onFilter: (f: PredictionFilter) => void;
  speaker: string | null;
  speakers: [string, number][];
  onSpeaker: (s: string | null) => void;
  nameOf: (id: string) => string;
  text: string;
  onText: (t: string) => void;
}) {
  return (
    <div class="prediction-toolbar">
      <div class="segmented" role="group" aria-label="Show">
        {PREDICTION_FILTERS.map((f) => (
          <button
            type="button"
            key={f.key}
            class={`seg${props.filter === f.key ? ' is-on' : ''}`}
            aria-pressed={props.filter === f.key}
            onClick={() => props.onFilter(f.key)}
          >
            {f.label} <span class="seg-count">{props.counts[f.key] ?? 0}</span>
          </button>
        ))}
      </div>
      <select
        aria-label="Speaker"
        value={props.speaker ?? '*'}
        onChange={(e) => props.onSpeaker((e.target as HTMLSelectElement).value === '*' ? null : (e.target as HTMLSelectElement).value)}
      >
        <option value="*">Any speaker</option>
        {props.speakers.map(([s, n]) => (
          <option key={s} value={s}>
            {s ? props.nameOf(s) : 'No named speaker'} ({n})
          </option>
        ))}
      </select>
      <input
        type="search"
        class="prediction-search"
        placeholder="Search predictions"
        aria-label="Search predictions"
        value={props.text}
        onInput={(e) => props.onText((e.target as HTMLInputElement).value)}
      />
    </div>
  );
}

/** One speaker's predictions under their name (a link to their entity when the manager can open it). */
function SpeakerGroup(props: {
  group: SpeakerGroupOf;
  nameOf: (id: string) => string;
  ask: ManagerAsk;
  onSaved: () => void;
  onError: (m: string | null) => void;
  onOpenEntity?: (id: string) => void;
}) {
  const g = props.group;
  return (
    <section class="speaker-group" aria-label={g.speaker ? props.nameOf(g.speaker) : 'No named speaker'}>
      <h2 class="speaker-name">
        {g.speaker && props.onOpenEntity ? (
          <button type="button" class="link" onClick={() => props.onOpenEntity!(g.speaker!)}>
            {props.nameOf(g.speaker)}
          </button>
        ) : g.speaker ? (
          props.nameOf(g.speaker)
        ) : (
          'No named speaker'
        )}
      </h2>
      <ul class="prediction-list">
        {g.items.map((p) => (
          <PredictionRow key={p.id} p={p} ask={props.ask} onSaved={props.onSaved} onError={props.onError} />
        ))}
      </ul>
    </section>
  );
}

export function PredictionsPanel(props: PredictionsPanelProps) {
  const [data, setData] = useState<{ predictions: Prediction[]; names: Record<string, string>; now: number } | null>(null);
  const [filter, setFilter] = useState<PredictionFilter>('all');
  const [speaker, setSpeaker] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [shown, setShown] = useState(PREDICTIONS_PAGE);
  const [report, setReport] = useState<string | null>(null);
  const load = () => props.ask('listPredictions', {}).then(setData, (e: Error) => props.onError(e.message));
  useEffect(() => void load(), []);

  const now = props.now?.() ?? data?.now ?? Date.now();
  const nameOf = (id: string) => data?.names[id] ?? id;
  // sorted once by speaker and target date; each filter then keeps that order
  const scoped = useMemo(
    () =>
      data
        ? sortPredictions(
            props.entityId
              ? data.predictions.filter((p) => p.speaker === props.entityId || p.subjects.includes(props.entityId!))
              : data.predictions,
            nameOf,
          )
        : [],
    [data, props.entityId],
  );
  const counts = useMemo(() => {
    const out: Record<string, number> = {};
    for (const f of PREDICTION_FILTERS) out[f.key] = matchPredictions(scoped, { filter: f.key }, now).length;
    return out;
  }, [scoped, now]);
  const list = useMemo(
    () => matchPredictions(scoped, { filter, speaker: speaker ?? undefined, text }, now),
    [scoped, filter, speaker, text, now],
  );
  const speakers = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of scoped) m.set(p.speaker ?? '', (m.get(p.speaker ?? '') ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]);
  }, [scoped]);
  useEffect(() => setShown(PREDICTIONS_PAGE), [filter, speaker, text, props.entityId]);
  // layout effect: right after the DOM holds it, before the browser paints it (the bench also times the paint)
  useLayoutEffect(() => {
    performance.mark(PREDICTIONS_RENDER_MARK);
  }, [list]);

  const groups = bySpeaker(list.slice(0, shown));

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const r: OutcomeImportReport = await props.ask('importOutcomes', { content: await file.text() });
      setReport(
        `Outcomes imported: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged${r.rejected.length ? `, ${r.rejected.length} rejected (${r.rejected[0].reason})` : ''}.`,
      );
      await load();
    } catch (e) {
      props.onError((e as Error).message);
    }
  }

  return (
    <div class="predictions">
      <div class="section-head">
        <div>
          <h1>Predictions</h1>
          <p class="muted">
            What labs and people said would happen, with the date it was due. Tracked outcomes come from Backstory’s pack; mark your own
            with a note and a source.
          </p>
        </div>
        <label class="file-button import-outcomes">
          <input
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            aria-label="Import outcomes from a dossier export"
            onChange={(e) => importFile(e.target as HTMLInputElement)}
          />
          <span class="button">Import outcomes…</span>
        </label>
      </div>
      {report && (
        <p class="notice" role="status">
          {report}
        </p>
      )}
      {props.entityId && (
        <p class="active-filters">
          <span class="chip">
            By or about {nameOf(props.entityId)}
            <button type="button" aria-label="Show all predictions" onClick={props.onClearEntity}>
              ×
            </button>
          </span>
          <span class="muted small">{trackRecordLine(trackRecord(predictionsOf(scoped, props.entityId, 'org')))}</span>
        </p>
      )}
      <PredictionToolbar
        filter={filter}
        counts={counts}
        onFilter={setFilter}
        speaker={speaker}
        speakers={speakers}
        onSpeaker={setSpeaker}
        nameOf={nameOf}
        text={text}
        onText={setText}
      />
      {data && list.length === 0 && (
        <div class="empty">
          <h3>No predictions here</h3>
          <p>Try another filter.</p>
        </div>
      )}
      {groups.map((g, i) => (
        <SpeakerGroup
          key={`${g.speaker}-${i}`}
          group={g}
          nameOf={nameOf}
          ask={props.ask}
          onSaved={load}
          onError={props.onError}
          onOpenEntity={props.onOpenEntity}
        />
      ))}
      {list.length > shown && (
        <button type="button" class="button show-more" onClick={() => setShown(shown + PREDICTIONS_PAGE * 4)}>
          Show more ({list.length - shown} left)
        </button>
      )}
    </div>
  );
}

function PredictionRow(props: { p: Prediction; ask: ManagerAsk; onSaved: () => void; onError: (m: string | null) => void }) {
  const { p } = props;
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>(p.outcome?.outcome ?? 'came-true');
  const [note, setNote] = useState(p.outcome?.note ?? '');
  const [source, setSource] = useState(p.outcome?.source ?? '');
  async function save() {
    try {
      await props.ask('setOutcome', {
        predictionId: p.id,
        outcome,
        note,
        source: source.trim(),
        statement: p.statement,
        speaker: p.speaker,
      });
      setEditing(false);
      props.onSaved();
    } catch (e) {
      props.onError((e as Error).message);
    }
  }
  async function clear() {
    try {
      await props.ask('clearOutcome', { predictionId: p.id });
      setEditing(false);
      props.onSaved();
    } catch (e) {
      props.onError((e as Error).message);
    }
  }
  const link = p.url ? p.url : p.sources?.[0];
  return (
    <li class="prediction" data-id={p.id}>
      <div class="prediction-when">
        <span class="target">{p.target ? formatTarget(p.target) : 'No date'}</span>
        <span class={`status status-${p.status}`}>{STATUS_LABELS[p.status]}</span>
      </div>
      <div class="prediction-body">
        <p class="claim-text">{p.statement}</p>
        <p class="meta">
          {p.saidAt !== null && <span>said {day(p.saidAt)}</span>}
          {p.origin === 'tracked' ? <span class="tag">tracked</span> : <span class="tag">read</span>}
          {link && (
            <a class="page-link" href={link} target="_blank" rel="noopener noreferrer">
              {p.title || sourceLabel(link)}
            </a>
          )}
          {p.target && <span title={`Read from “${p.target.phrase}”`}>from “{p.target.phrase}”</span>}
        </p>
        {p.context && !p.outcome && <p class="prediction-context small">{p.context}</p>}
        {p.outcome && (
          <p class="prediction-outcome small">
            <strong>Your verdict: {STATUS_LABELS[p.outcome.outcome]}</strong>
            {p.outcome.note && ` · ${p.outcome.note}`}
            {p.outcome.source && (
              <>
                {' · '}
                <a href={p.outcome.source} target="_blank" rel="noopener noreferrer">
                  {sourceLabel(p.outcome.source)}
                </a>
              </>
            )}
          </p>
        )}
        {editing ? (
          <div class="edit outcome-edit" role="group" aria-label="Your verdict on this prediction">
            <label>
              <span>Outcome</span>
              <select value={outcome} onChange={(e) => setOutcome((e.target as HTMLSelectElement).value as typeof outcome)}>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {STATUS_LABELS[o]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>Note</span>
              <textarea rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
            </label>
            <label>
              <span>Source link</span>
              <input type="url" placeholder="https://…" value={source} onInput={(e) => setSource((e.target as HTMLInputElement).value)} />
            </label>
            <div class="edit-actions">
              <button type="button" class="button primary" onClick={save}>
                Save verdict
              </button>
              {p.outcome && (
                <button type="button" class="button danger" onClick={clear}>
                  Remove verdict
                </button>
              )}
              <button type="button" class="link" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button type="button" class="icon-button mark-outcome" onClick={() => setEditing(true)}>
            {p.outcome ? 'Edit your verdict' : 'Mark outcome'}
          </button>
        )}
      </div>
    </li>
  );
}
