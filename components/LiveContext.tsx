// The card's live section: what Wikipedia and Wikidata say now, with the time it was fetched.
// Props in, events out: the background fetched and cached everything already.
import type { LiveContextResult, LiveFacts, LiveRole } from '../lib/live/types';
import { formatDate } from '../lib/card/format';
import liveCss from './LiveContext.css?inline';

export type LiveSectionState = { status: 'loading' } | LiveContextResult;

export interface LiveContextProps {
  state: LiveSectionState;
  /** "now", for the relative age (tests pass a fixed clock) */
  now?: number;
  onRetry?: () => void;
  /** render the section's stylesheet (the card's shadow root has no other copy of it) */
  withStyles?: boolean;
}

/** "5 min ago", "3 h ago", "2 days ago": how old the cached value is. */
export function age(fetchedAt: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - fetchedAt) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

function exact(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function safeHref(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

export function roleText(role: LiveRole): string {
  const base = role.of ? `${role.label}, ${role.of}` : role.label;
  return role.start ? `${base} (since ${formatDate(role.start)})` : base;
}

export function LiveContext(props: LiveContextProps) {
  const { state } = props;
  if (state.status === 'off' || state.status === 'no-source') return null;
  const now = props.now ?? Date.now();
  const styles = props.withStyles !== false ? <style>{liveCss}</style> : null;

  if (state.status === 'loading') {
    return (
      <section class="live" aria-busy="true" aria-label="Live context">
        {styles}
        <p class="live-head">Live context</p>
        <span class="skeleton" style={{ width: '90%' }} />
        <span class="skeleton" style={{ width: '70%' }} />
      </section>
    );
  }
  if (state.status === 'unavailable' || state.status === 'not-found') {
    return (
      <section class="live" aria-label="Live context">
        {styles}
        <p class="live-head">Live context</p>
        <p class={`live-note${state.status === 'unavailable' ? ' is-warn' : ''}`} role="status">
          {state.status === 'not-found'
            ? 'Wikipedia has no article that matches this name.'
            : `Live context is unavailable right now (${state.error ?? 'no answer'}); the card shows what the pack knows.`}
          {state.status === 'unavailable' && props.onRetry && (
            <button type="button" class="retry" onClick={props.onRetry}>
              Try again
            </button>
          )}
        </p>
      </section>
    );
  }

  const summary = state.summary?.value;
  const facts = state.facts?.value;
  // the oldest part decides what "as of" the section is
  const dated = [state.summary, state.facts].filter((d): d is NonNullable<typeof d> => !!d);
  const fetchedAt = Math.min(...dated.map((d) => d.fetchedAt));
  const stale = dated.some((d) => d.stale);
  const pageUrl = safeHref(summary?.pageUrl);
  const website = safeHref(facts?.website);

  return (
    <section class="live" aria-label="Live context from Wikipedia and Wikidata">
      {styles}
      <p class="live-head">
        <span>Live · Wikipedia{facts ? ' & Wikidata' : ''}</span>
        <time
          class={`live-asof${stale ? ' is-stale' : ''}`}
          dateTime={new Date(fetchedAt).toISOString()}
          title={`Fetched ${exact(fetchedAt)}`}
        >
          as of {age(fetchedAt, now)}
        </time>
      </p>
      {summary && (
        <div class="live-body">
          {summary.thumbnail && /^data:image\//.test(summary.thumbnail.src) && (
            <img class="live-thumb" src={summary.thumbnail.src} alt="" width={56} height={56} />
          )}
          <div class="live-text">
            {summary.description && <p class="live-desc">{summary.description}</p>}
            {summary.extract && <p class="live-extract">{summary.extract}</p>}
          </div>
        </div>
      )}
      {facts && <FactList facts={facts} />}
      {(pageUrl || website) && (
        <p class="live-links">
          {pageUrl && (
            <a href={pageUrl} target="_blank" rel="noopener noreferrer">
              Wikipedia article
            </a>
          )}
          {website && (
            <a href={website} target="_blank" rel="noopener noreferrer">
              Official website
            </a>
          )}
        </p>
      )}
    </section>
  );
}

function FactList({ facts }: { facts: LiveFacts }) {
  const rows: { k: string; v: string }[] = [];
  for (const role of facts.roles) rows.push({ k: role.kind === 'employer' ? 'Works at' : 'Now', v: roleText(role) });
  if (facts.inception) rows.push({ k: 'Founded', v: formatDate(facts.inception) });
  if (!rows.length) return null;
  return (
    <ul class="live-facts">
      {rows.map((r) => (
        <li key={`${r.k}${r.v}`}>
          <span class="k">{r.k}</span>
          {r.v}
        </li>
      ))}
    </ul>
  );
}
