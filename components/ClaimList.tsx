// The claims an article makes, most check-worthy first: kind, who said it, what it is about,
// its numbers, and what is known (tracked claims with status, context and sources; earlier
// articles the reader saw, with disagreements flagged). Props in, events out.
import { siteOf } from '../lib/url';
import { clipText, KIND_LABELS, metricLabel, STATUS_LABELS } from '../lib/claims/labels';
export { clipText, KIND_LABELS, metricLabel, STATUS_LABELS };
import { useState } from 'preact/hooks';
import type { ClaimLink, PageClaim } from '../lib/claims/types';
import { formatNumber, metricFamily } from '../lib/claims/numbers';
import './claim-list.css';
import { QuotedText } from './QuotedText';





/** A quotation of several sentences is one claim: it may run longer before it is cut. */
function claimClip(claim: Pick<PageClaim, 'kind'>): number {
  return claim.kind === 'quote' ? 520 : 240;
}

const hostOf = (url: string) => siteOf(url) || url;

function formatDay(ms: number): string {
  try {
    return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}

export interface ClaimListProps {
  claims: readonly PageClaim[];
  /** entity id → display name (falls back to the id) */
  nameOf?: (id: string) => string | undefined;
  /** claims shown before "Show all" (default 6) */
  limit?: number;
  /** the reader picked a claim (e.g. to scroll to it on the page) */
  onSelectClaim?: (claim: PageClaim) => void;
  /** the reader opened a source or an earlier article; the view renders plain links when absent */
  onOpenUrl?: (url: string) => void;
  /** shown when there are no claims; nothing is rendered when absent */
  emptyText?: string;
  /** save a claim as an annotation; the Save button shows only when given */
  onSaveClaim?: (claim: PageClaim) => void;
  /** claims already saved in this view, by `${start}-${end}` */
  savedKeys?: ReadonlySet<string>;
}

export const claimKey = (claim: Pick<PageClaim, 'start' | 'end'>) => `${claim.start}-${claim.end}`;

export function ClaimList(props: ClaimListProps) {
  const [expanded, setExpanded] = useState(false);
  const limit = props.limit ?? 6;
  const name = (id: string) => props.nameOf?.(id) ?? id;
  if (!props.claims.length) return props.emptyText ? <p class="muted claims-empty">{props.emptyText}</p> : null;
  const visible = expanded ? props.claims : props.claims.slice(0, limit);
  return (
    <div class="claim-list">
      <ol class="claim-items">
        {visible.map((claim) => (
          <ClaimItem
            key={claimKey(claim)}
            claim={claim}
            name={name}
            onSelect={props.onSelectClaim}
            onOpenUrl={props.onOpenUrl}
            onSave={props.onSaveClaim}
            saved={props.savedKeys?.has(claimKey(claim)) ?? false}
          />
        ))}
      </ol>
      {props.claims.length > limit && (
        <button type="button" class="link claims-more" aria-expanded={expanded ? 'true' : 'false'} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer claims' : `Show all ${props.claims.length} claims`}
        </button>
      )}
    </div>
  );
}

function ClaimItem(props: {
  claim: PageClaim;
  name: (id: string) => string;
  onSelect?: (c: PageClaim) => void;
  onOpenUrl?: (url: string) => void;
  onSave?: (c: PageClaim) => void;
  saved: boolean;
}) {
  const { claim, name } = props;
  const disagreement = claim.links.some((l) => l.disagreement);
  const subjects = claim.subjects.filter((s) => s !== claim.speaker);
  const numbers = claim.numbers.filter((n) => n.unit !== 'date' && n.unit !== 'year' && n.unit !== 'count');
  const speaker = speakerLabel(claim, name);
  return (
    <li class={`claim-item kind-${claim.kind}${disagreement ? ' has-disagreement' : ''}`} data-kind={claim.kind}>
      <div class="claim-head">
        <span class={`claim-badge kind-${claim.kind}`}>{KIND_LABELS[claim.kind]}</span>
        {speaker && <span class="claim-speaker">{speaker}</span>}
        {disagreement && (
          <span class="claim-flag" role="note" title="Another source gives a different figure for this">
            Numbers differ
          </span>
        )}
        {props.onSave && (
          <button
            type="button"
            class="link claim-save"
            disabled={props.saved}
            aria-label={props.saved ? 'Claim saved' : 'Save this claim to Backstory'}
            onClick={() => props.onSave!(claim)}
          >
            {props.saved ? 'Saved' : 'Save'}
          </button>
        )}
      </div>
      {props.onSelect ? (
        <button type="button" class="claim-text as-button" onClick={() => props.onSelect!(props.claim)} title="Show on the page">
          <QuotedText text={clipText(claim.text, claimClip(claim))} />
        </button>
      ) : (
        <QuotedText class="claim-text" text={clipText(claim.text, claimClip(claim))} />
      )}
      {numbers.length > 0 && (
        <ul class="claim-numbers" aria-label="Figures">
          {numbers.map((n, i) => {
            const value = formatNumber(n);
            const label = metricLabel(n.metric);
            return (
              <li key={i} class="claim-number" title={n.raw}>
                <span class="value">{value}</span>
                {label && !value.toLowerCase().endsWith(label.toLowerCase()) && <span class="metric"> {label}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {subjects.length > 0 && (
        <p class="claim-subjects muted">
          About {subjects.slice(0, 4).map(name).join(', ')}
          {subjects.length > 4 ? ` and ${subjects.length - 4} more` : ''}
        </p>
      )}
      {claim.links.length > 0 && (
        <ul class="claim-links">
          {claim.links.map((link) => (
            <LinkItem key={`${link.kind}-${link.id}`} link={link} claim={claim} name={name} onOpenUrl={props.onOpenUrl} />
          ))}
        </ul>
      )}
    </li>
  );
}

function ExternalLink(props: { url: string; children: preact.ComponentChildren; onOpenUrl?: (url: string) => void }) {
  return (
    <a
      // links come from the reader's own history (http pages), but a link is never a way to run script
      href={/^https?:\/\//i.test(props.url) ? props.url : undefined}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        if (!props.onOpenUrl) return;
        e.preventDefault();
        props.onOpenUrl(props.url);
      }}
    >
      {props.children}
    </a>
  );
}

function figures(numbers: ClaimLink['numbers']): string {
  return (numbers ?? []).filter((n) => n.unit !== 'date' && n.unit !== 'year').map(formatNumber).join(', ');
}

function LinkItem(props: { link: ClaimLink; claim: PageClaim; name: (id: string) => string; onOpenUrl?: (url: string) => void }) {
  const { link, claim } = props;
  const family = metricFamily(link.metric);
  const sameMeasure = claim.numbers.filter((n) => n.metric && metricFamily(n.metric) === family);
  const here = figures(sameMeasure.length ? sameMeasure : claim.numbers);
  const there = figures(link.numbers);
  const differentMeasure = link.metric && claim.metric && link.metric !== claim.metric ? metricLabel(link.metric) : undefined;
  if (link.kind === 'history') {
    return (
      <li class={`claim-link history${link.disagreement ? ' disagreement' : ''}`}>
        <p class="link-title">
          {link.disagreement ? 'Differs from' : 'Also in'} an article you read
          {link.seenAt ? <span class="muted"> · {formatDay(link.seenAt)}</span> : null}
        </p>
        {link.url && (
          <p class="link-source">
            <ExternalLink url={link.url} onOpenUrl={props.onOpenUrl}>
              {clipText(link.title || hostOf(link.url), 80)}
            </ExternalLink>
          </p>
        )}
        <q class="link-statement">{clipText(link.statement, 200)}</q>
        {link.disagreement && here && there && (
          <p class="link-compare">
            Here: <strong>{here}</strong> · there: <strong>{there}</strong>
            {differentMeasure ? <span class="muted"> (counted as {differentMeasure})</span> : null}
          </p>
        )}
      </li>
    );
  }
  return (
    <li class={`claim-link tracked${link.disagreement ? ' disagreement' : ''}`}>
      <p class="link-title">
        {link.status && <span class={`status-badge status-${link.status}`}>{STATUS_LABELS[link.status]}</span>}
        <span class="link-statement-inline">{clipText(link.statement, 160)}</span>
        {link.speaker && link.speaker !== claim.speaker && <span class="muted"> — {props.name(link.speaker)}</span>}
        {link.date && <span class="muted"> ({link.date})</span>}
      </p>
      {link.disagreement && here && there && (
        <p class="link-compare">
          Here: <strong>{here}</strong> · on record: <strong>{there}</strong>
          {differentMeasure ? <span class="muted"> (counted as {differentMeasure})</span> : null}
        </p>
      )}
      {link.context && (
        <details class="link-context" open={link.disagreement}>
          <summary>Context</summary>
          <p>{link.context}</p>
        </details>
      )}
      {link.sources && link.sources.length > 0 && (
        <p class="link-sources">
          <span class="muted">Sources: </span>
          {link.sources.slice(0, 3).map((url, i) => (
            <span key={url}>
              {i > 0 && ', '}
              <ExternalLink url={url} onOpenUrl={props.onOpenUrl}>
                {hostOf(url)}
              </ExternalLink>
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

/** Who said it: the page's name for the entity, else the name the extractor read ("Mark Zuckerberg" when only
 * "Zuck" was highlighted, or a speaker the pack does not know), never "unnamed". */
export function speakerLabel(claim: Pick<PageClaim, 'speaker' | 'speakerName'>, name: (id: string) => string): string | null {
  const readName = claim.speakerName && claim.speakerName !== 'unnamed' ? claim.speakerName : null;
  if (!claim.speaker) return readName;
  const named = name(claim.speaker);
  return named !== claim.speaker ? named : (readName ?? named);
}
