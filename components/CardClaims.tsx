// "What this article claims about it": the page's claims about one entity, most check-worthy first,
// with their kind, who said it, and the status of any tracked claim they link to.
import { useState } from 'preact/hooks';
import type { PageClaim } from '../lib/claims/types';
import { QuotedText } from './QuotedText';
import { clipText, KIND_LABELS, STATUS_LABELS } from '../lib/claims/labels';
import { speakerLabel } from './ClaimList';

/** Claims are long sentences: two, then "show all", keep the card short. */
export const CLAIMS_SHOWN = 2;

/** Long sentences cut at a word boundary, shorter on the card. */
export const clip = (text: string, max = 220) => clipText(text, max);

export function CardClaims(props: { claims: readonly PageClaim[]; nameOf?: (id: string) => string | undefined; shown?: number }) {
  const [expanded, setExpanded] = useState(false);
  const shown = props.shown ?? CLAIMS_SHOWN;
  const visible = expanded ? props.claims : props.claims.slice(0, shown);
  return (
    <>
      <ul class="claims">
        {visible.map((claim) => {
          const speaker = speakerLabel(claim, (id) => props.nameOf?.(id) ?? id);
          const tracked = claim.links.find((l) => l.kind === 'tracked' && l.status);
          const history = claim.links.filter((l) => l.kind === 'history').length;
          return (
            <li key={`${claim.start}-${claim.end}`} class={`claim kind-${claim.kind}`}>
              <span class="claim-kind">{KIND_LABELS[claim.kind]}</span>
              <QuotedText class="claim-text" text={clip(claim.text)} />
              {(speaker || tracked || history > 0) && (
                <span class="claim-meta">
                  {speaker && <span class="speaker">— {speaker}</span>}
                  {tracked?.status && (
                    <span class={`status status-${tracked.status}`} title={tracked.statement}>
                      {STATUS_LABELS[tracked.status]}
                    </span>
                  )}
                  {history > 0 && <span class="seen">also in {history} article{history === 1 ? '' : 's'} you read</span>}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {props.claims.length > shown && (
        <button type="button" class="link-btn" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${props.claims.length}`}
        </button>
      )}
    </>
  );
}
