// The manager's dossier: everything read about one entity. The entities read about (most first) on
// the left; on the right its card, figures that disagree, the timeline of claims (filters by kind,
// speaker and date, search), its predictions and tracked claims, the reader's annotations and
// related entities. Views only: the background answers through `ask`.
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { Dossier, DossierEntityRow, TimelineEntry } from '../lib/dossier/build';
import { facetsOf, filterTimeline, fragmentLink } from '../lib/dossier/build';
import { formatDate, keyFacts, sourceLabel, TYPE_NAMES } from '../lib/card/format';
import { STATUS_LABELS, trackRecordLine, type Prediction } from '../lib/predictions/list';
import { formatTarget } from '../lib/predictions/target-date';
import type { DownloadFile, ManagerAsk } from './manager-shared';

/** Timeline rows on the first screen; the rest behind "Show more" (a dossier can hold thousands). */
export const TIMELINE_PAGE = 25;
/** Set after the dossier's first screen has rendered (scripts/bench/dossier.ts reads it). */
export const DOSSIER_RENDER_MARK = 'backstory:dossier-rendered';
/** Set when the full timeline (for filters and search) has arrived. */
export const DOSSIER_TIMELINE_MARK = 'backstory:dossier-timeline';
/** Set when the dossier arrives from the background, before it renders. */
export const DOSSIER_ANSWER_MARK = 'backstory:dossier-answer';

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
export const day = (ms: number) => DAY_FORMAT.format(ms);

const KIND_LABELS: Record<string, string> = {
  quote: 'Quote',
  quantity: 'Number',
  comparison: 'Comparison',
  prediction: 'Prediction',
  other: 'Statement',
};

export interface DossierPanelProps {
  ask: ManagerAsk;
  entityId: string | null;
  onOpenEntity: (id: string) => void;
  onOpenPredictions: (entityId: string) => void;
  download: (file: DownloadFile) => void;
  onError: (message: string | null) => void;
}

export function DossierPanel(props: DossierPanelProps) {
  const [entities, setEntities] = useState<DossierEntityRow[] | null>(null);
  const [dossier, setDossier] = useState<Dossier | null | undefined>(undefined);
  const current = props.entityId ?? entities?.[0]?.id ?? null;
  // a layout effect: the question leaves as soon as the entity changed, not after the next frame
  // (a passive effect waits for a paint, which a busy machine delays by tens of ms)
  useLayoutEffect(() => {
    if (!current) return;
    let live = true;
    setDossier(undefined);
    // the first screen from the newest claims; the full timeline (for filters and search) right after
    props.ask('getDossier', { entityId: current, timelineLimit: TIMELINE_PAGE }).then(
      (d) => {
        if (!live) return; // the reader has moved on to another entity
        performance.mark(DOSSIER_ANSWER_MARK);
        setDossier(d);
      },
      (e: Error) => props.onError(e.message),
    );
    return () => {
      live = false;
    };
  }, [current]);
  // the list of everything read reads the whole history: asked for after the dossier asked for, so it
  // does not hold the first screen back (without an entity in the address it picks the first one)
  useEffect(() => {
    if (entities) return;
    if (current && dossier === undefined) return;
    props.ask('listDossierEntities', {}).then(setEntities, (e: Error) => props.onError(e.message));
  }, [dossier === undefined, entities === null]);

  return (
    <div class="layout dossier-layout">
      <nav class="filters" aria-label="Entities you have read about">
        <p class="filter-title">Read about</p>
        {entities && entities.length === 0 && (
          <p class="muted small dossier-none">Nothing yet: claims about the names Backstory finds in articles you read gather here.</p>
        )}
        <div class="filter-items">
          {(entities ?? []).slice(0, 60).map((e) => (
            <button
              type="button"
              key={e.id}
              class={`filter${e.id === current ? ' is-active' : ''}`}
              aria-current={e.id === current ? 'page' : undefined}
              title={`${e.claims} claims from ${e.pages} page${e.pages === 1 ? '' : 's'}`}
              onClick={() => props.onOpenEntity(e.id)}
            >
              <span class={`dot type-${e.type}`} aria-hidden="true" />
              <span class="filter-label">{e.name}</span>
              <span class="filter-count">{e.claims}</span>
            </button>
          ))}
        </div>
      </nav>
      <section class="dossier" aria-live="polite">
        {!current && entities && (
          <div class="empty">
            <h3>No dossiers yet</h3>
            <p>
              Read a few AI news articles with Backstory on: what they say about each lab, model and person is kept here, on this device
              only.
            </p>
          </div>
        )}
        {current && dossier === undefined && <p class="muted">Loading…</p>}
        {current && dossier === null && <p class="muted">Backstory does not know this entity.</p>}
        {dossier && <DossierView key={dossier.entity.id} dossier={dossier} {...props} />}
      </section>
    </div>
  );
}

function DossierView(props: DossierPanelProps & { dossier: Dossier }) {
  const first = props.dossier;
  // the first screen has only the predictions' count: the list (below the timeline) follows, asked
  // for before the full timeline (the smaller answer first)
  const [predictions, setPredictions] = useState<Prediction[] | null>(
    first.predictions.length || !first.predictionsTotal ? first.predictions : null,
  );
  useEffect(() => {
    if (predictions) return;
    let live = true;
    props.ask('getDossierPredictions', { entityId: first.entity.id }).then(
      (list) => {
        if (live) setPredictions(list);
      },
      (e: Error) => props.onError(e.message),
    );
    return () => {
      live = false;
    };
  }, [first]);
  const [full, setFull] = useState<Dossier['timeline'] | null>(first.timeline.length >= first.timelineTotal ? first.timeline : null);
  useEffect(() => {
    if (full) return;
    let live = true;
    props.ask('getDossierTimeline', { entityId: first.entity.id }).then(
      (t) => {
        performance.mark(DOSSIER_TIMELINE_MARK);
        if (live) setFull(t);
      },
      (e: Error) => props.onError(e.message),
    );
    return () => {
      live = false;
    };
  }, [first]);
  const d = useMemo(() => ({ ...first, timeline: full ?? first.timeline, predictions: predictions ?? [] }), [first, full, predictions]);
  const nameOf = (id: string) => d.names[id] ?? id;
  const facets = useMemo(() => (full ? facetsOf(full) : first.facets), [first, full]);
  // layout effect: right after the DOM holds it, before the browser paints it (the bench also times the paint)
  useLayoutEffect(() => {
    performance.mark(DOSSIER_RENDER_MARK);
  }, [first]);
  const line = trackRecordLine(d.trackRecord);
  const facts = keyFacts(d.entity.facts ?? [], 6);
  const type = d.entity.type;

  async function exportAs(format: 'markdown' | 'json') {
    try {
      props.download(await props.ask('exportDossier', { entityId: d.entity.id, format }));
    } catch (e) {
      props.onError((e as Error).message);
    }
  }

  return (
    <article class="dossier-view" aria-labelledby="dossier-name">
      <header class="dossier-head">
        <div class="dossier-title">
          <h1 id="dossier-name">{d.entity.name}</h1>
          <span class={`badge badge-${type} type-${type}`}>{TYPE_NAMES[type]}</span>
        </div>
        <div class="row dossier-export">
          <button type="button" class="button" onClick={() => exportAs('markdown')}>
            Export Markdown
          </button>
          <button type="button" class="button" onClick={() => exportAs('json')}>
            Export JSON
          </button>
        </div>
      </header>
      <p class="dossier-desc">{d.entity.description}</p>
      <p class="muted small dossier-summary">
        {d.timelineTotal} claim{d.timelineTotal === 1 ? '' : 's'} from {d.pages} page{d.pages === 1 ? '' : 's'} you read (kept{' '}
        {d.retentionDays} days, on this device only)
        {line && (
          <>
            {' · '}
            <button type="button" class="link track-record" onClick={() => props.onOpenPredictions(d.entity.id)}>
              {line}
            </button>
          </>
        )}
      </p>

      {facts.length > 0 && <FactsSection facts={facts} />}
      {d.disagreements.length > 0 && <DisagreementsSection d={d} />}
      <TimelineSection d={d} full={full} facets={facets} nameOf={nameOf} />
      {d.predictions.length > 0 && <PredictionsSection d={d} nameOf={nameOf} onOpenPredictions={props.onOpenPredictions} />}
      {d.tracked.length > 0 && <TrackedSection d={d} />}
      {d.annotations.length > 0 && <AnnotationsSection d={d} />}
      {d.related.length > 0 && <RelatedSection d={d} onOpenEntity={props.onOpenEntity} />}
    </article>
  );
}

type DossierFacets = Dossier['facets'];

function FactsSection(props: { facts: ReturnType<typeof keyFacts> }) {
  const { facts } = props;
  return (
    <section class="panel dossier-facts" aria-labelledby="facts-h">
      <h2 id="facts-h">Facts</h2>
      <table class="facts-table">
        <tbody>
          {facts.map((f) => (
            <tr key={f.text}>
              <td class="asof">{formatDate(f.asOf)}</td>
              <td>
                {f.text}{' '}
                <a href={f.source} target="_blank" rel="noopener noreferrer" class="src">
                  {sourceLabel(f.source)}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DisagreementsSection(props: { d: Dossier }) {
  const { d } = props;
  return (
    <section class="dossier-section" aria-labelledby="dis-h">
      <h2 id="dis-h">Figures that disagree</h2>
      {d.disagreements.map((g) => (
        <div class="disagreement" key={g.family}>
          <h3>{g.label}</h3>
          <ul class="figures">
            {g.figures.map((f, i) => (
              <li class="figure" key={i}>
                <strong class="figure-value">{f.value}</strong>
                <span class="figure-source">
                  {f.link ? (
                    <a href={f.link} target="_blank" rel="noopener noreferrer" title={f.text}>
                      {f.title || (f.url ? sourceLabel(f.url) : '')}
                    </a>
                  ) : (
                    f.title
                  )}
                </span>
                <span class="muted small">
                  {day(f.date)}
                  {f.origin === 'tracked' ? ' · tracked' : ''}
                </span>
              </li>
            ))}
          </ul>
          {g.more > 0 && (
            <p class="muted small figures-more">
              and {g.more} more figure{g.more === 1 ? '' : 's'} in the timeline
            </p>
          )}
        </div>
      ))}
    </section>
  );
}

/** Everything the reader has read about the entity, with filters by kind, speaker, date and words. */
function TimelineSection(props: { d: Dossier; full: Dossier['timeline'] | null; facets: DossierFacets; nameOf(id: string): string }) {
  const { d, full, facets, nameOf } = props;
  const [kinds, setKinds] = useState<string[]>([]);
  const [speaker, setSpeaker] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [shown, setShown] = useState(TIMELINE_PAGE);
  const filtered = useMemo(
    () =>
      filterTimeline(
        d.timeline,
        { kinds, speaker, from: from ? Date.parse(from) : undefined, to: to ? Date.parse(to) + 86_399_999 : undefined, text },
        nameOf,
      ),
    [d, kinds, speaker, from, to, text],
  );
  useEffect(() => setShown(TIMELINE_PAGE), [kinds, speaker, from, to, text]);
  return (
    <section class="dossier-section" aria-labelledby="tl-h">
      <div class="section-head timeline-head">
        <h2 id="tl-h">
          Everything you’ve read{' '}
          <span class="muted">
            ({full ? filtered.length : d.timelineTotal}
            {full && filtered.length !== d.timelineTotal ? ` of ${d.timelineTotal}` : ''})
          </span>
        </h2>
      </div>
      {d.timelineTotal > 0 && (
        <div class="timeline-filters" role="group" aria-label="Filter the timeline">
          <input
            type="search"
            class="timeline-search"
            placeholder={`Search in ${d.entity.name}’s dossier`}
            aria-label="Search this dossier"
            value={text}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
          />
          <div class="row kind-filters">
            {facets.kinds.map(([k, n]) => {
              const on = kinds.includes(k);
              return (
                <button
                  type="button"
                  key={k}
                  class={`tag kind-filter${on ? ' is-on' : ''}`}
                  aria-pressed={on}
                  onClick={() => setKinds(on ? kinds.filter((x) => x !== k) : [...kinds, k])}
                >
                  {KIND_LABELS[k] ?? k} <span class="muted">{n}</span>
                </button>
              );
            })}
          </div>
          <div class="row">
            <label class="small">
              <span class="sr-only">Speaker</span>
              <select
                aria-label="Speaker"
                value={speaker ?? '*'}
                onChange={(e) => setSpeaker((e.target as HTMLSelectElement).value === '*' ? null : (e.target as HTMLSelectElement).value)}
              >
                <option value="*">Any speaker</option>
                {facets.speakers.map(([s, n]) => (
                  <option key={s} value={s}>
                    {s ? nameOf(s) : 'No named speaker'} ({n})
                  </option>
                ))}
              </select>
            </label>
            <label class="small date-filter">
              From <input type="date" aria-label="From date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
            </label>
            <label class="small date-filter">
              to <input type="date" aria-label="To date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
            </label>
          </div>
        </div>
      )}
      {d.timelineTotal === 0 && (
        <p class="muted">
          No claims about {d.entity.name} in your reading history{d.retentionDays ? ` of the last ${d.retentionDays} days` : ''}.
        </p>
      )}
      <ol class="timeline">
        {filtered.slice(0, shown).map((item) => (
          <TimelineRow key={`${item.url}\n${item.text}`} item={item} nameOf={nameOf} />
        ))}
      </ol>
      {filtered.length > shown && (
        <button type="button" class="button show-more" onClick={() => setShown(shown + TIMELINE_PAGE * 5)}>
          Show more ({filtered.length - shown} left)
        </button>
      )}
    </section>
  );
}

function PredictionsSection(props: { d: Dossier; nameOf(id: string): string; onOpenPredictions(entityId: string): void }) {
  const { d, nameOf } = props;
  return (
    <section class="dossier-section" aria-labelledby="pred-h">
      <div class="section-head">
        <h2 id="pred-h">
          Predictions <span class="muted">({d.predictionsTotal})</span>
        </h2>
        <button type="button" class="link" onClick={() => props.onOpenPredictions(d.entity.id)}>
          All predictions →
        </button>
      </div>
      <ul class="plain-list">
        {d.predictions.slice(0, 12).map((p) => (
          <PredictionLine key={p.id} p={p} nameOf={nameOf} />
        ))}
      </ul>
    </section>
  );
}

function TrackedSection(props: { d: Dossier }) {
  const { d } = props;
  return (
    <section class="dossier-section" aria-labelledby="tracked-h">
      <h2 id="tracked-h">
        Tracked claims <span class="muted">({d.tracked.length})</span>
      </h2>
      <ul class="plain-list">
        {d.tracked.map((c) => (
          <li key={c.id} class="tracked-row">
            <span class={`status status-${c.status}`}>{c.status.replace(/-/g, ' ')}</span>
            <span>
              {c.statement} <span class="muted small">({formatDate(c.date)})</span>{' '}
              {c.sources.slice(0, 2).map((s) => (
                <a key={s} class="src small" href={s} target="_blank" rel="noopener noreferrer">
                  {sourceLabel(s)}
                </a>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnnotationsSection(props: { d: Dossier }) {
  const { d } = props;
  return (
    <section class="dossier-section" aria-labelledby="ann-h">
      <h2 id="ann-h">
        Your annotations <span class="muted">({d.annotations.length})</span>
      </h2>
      <ul class="plain-list">
        {d.annotations.map((a) => (
          <li key={a.id}>
            <blockquote class="quote">{a.quote}</blockquote>
            {a.note && <p class="note">{a.note}</p>}
            <p class="meta">
              <a class="page-link" href={a.link} target="_blank" rel="noopener noreferrer">
                {a.title}
              </a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RelatedSection(props: { d: Dossier; onOpenEntity(entityId: string): void }) {
  const { d } = props;
  return (
    <section class="dossier-section" aria-labelledby="rel-h">
      <h2 id="rel-h">Related</h2>
      <div class="row related-chips">
        {dedupe(d.related).map((r) => (
          <button type="button" key={r.id} class={`tag related type-${r.type}`} onClick={() => props.onOpenEntity(r.id)} title={r.relation}>
            <span class={`dot type-${r.type}`} aria-hidden="true" /> {r.name}
          </button>
        ))}
      </div>
    </section>
  );
}

function dedupe<T extends { id: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list
    .filter((x) => {
      if (seen.has(x.id)) return false;
      seen.add(x.id);
      return true;
    })
    .slice(0, 40);
}

function TimelineRow(props: { item: TimelineEntry; nameOf: (id: string) => string }) {
  const { item } = props;
  return (
    <li class="timeline-item">
      <div class="timeline-date">
        <time dateTime={new Date(item.date).toISOString()}>{day(item.date)}</time>
      </div>
      <div class="timeline-body">
        <div class="row timeline-meta">
          <span class={`kind kind-${item.kind}`}>{KIND_LABELS[item.kind] ?? item.kind}</span>
          {item.speaker && <span class="speaker">{props.nameOf(item.speaker)}</span>}
        </div>
        <p class="claim-text">{item.text}</p>
        <p class="meta">
          <a
            class="page-link"
            href={fragmentLink(item.url, item.text)}
            target="_blank"
            rel="noopener noreferrer"
            title="Open the article at this passage"
          >
            {item.title || item.url}
          </a>
          <span>read {day(item.seenAt)}</span>
        </p>
      </div>
    </li>
  );
}

export function PredictionLine(props: { p: Prediction; nameOf: (id: string) => string }) {
  const { p } = props;
  return (
    <li class="prediction-line">
      <span class={`status status-${p.status}`}>{STATUS_LABELS[p.status]}</span>
      <span>
        {p.statement}{' '}
        <span class="muted small">
          {p.speaker ? `${props.nameOf(p.speaker)} · ` : ''}target {formatTarget(p.target)}
        </span>
      </span>
    </li>
  );
}
