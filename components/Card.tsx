// The hover card: who or what a highlighted name is, dated facts with sources, related entities,
// what this article claims about it, and the actions that keep a reader in control.
// Props in, events out: no browser.* here (entrypoints/content/card-ui.ts mounts it in the page).
import { useState } from 'preact/hooks';
import type { Fact } from '../lib/kb/schema';
import type { EntityDetails } from '../lib/messaging/protocol';
import type { ActionState, CardMention, CardProps, CardStatus } from '../lib/card/types';
import {
  claimsAbout,
  formatDate,
  keyFacts,
  relatedGroups,
  shortDescription,
  sourceLabel,
  sourceLinks,
  TYPE_NAMES,
} from '../lib/card/format';
import { CardClaims } from './CardClaims';
import { trackRecordLine } from '../lib/predictions/list';

export type { ActionState, CardMention, CardProps, CardStatus };

const ACTION_TEXT = {
  save: { idle: 'Save', busy: 'Saving…', done: 'Saved', failed: 'Save failed' },
  notThis: { idle: 'Wrong match', busy: 'Removing…', done: 'Removed here', failed: 'Could not remove' },
  disableSite: { idle: 'Turn off on this site', busy: 'Turning off…', done: 'Turned off', failed: 'Could not turn off' },
} as const;

export function Card(props: CardProps) {
  const { mention, status, details } = props;
  const id = props.idBase ?? 'bs-card';
  const entity = details?.entity;
  // a former name on an older page ("Twitter (renamed X Corp. in 2023)") is what the page meant
  // so is a version the pack does not know yet ("Gemini 3.5 Flash"): the card below is the nearest one it knows
  const name = mention.formerName || mention.newVersion ? mention.name : (entity?.name ?? mention.name);
  const type = entity?.type ?? mention.type;
  // "R1" or "Zuckerberg" for DeepSeek-R1 or Mark Zuckerberg: say how the page wrote it (not for mere spacing or case)
  const squash = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const writtenDifferently = !!mention.text && squash(mention.text) !== squash(name) && props.isMatch !== false && !mention.newVersion;
  const newVersionOf = mention.newVersion && props.isMatch !== false ? (entity?.name ?? null) : null;

  return (
    <div
      class={`card type-${type}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-name`}
      aria-describedby={`${id}-desc`}
      tabIndex={-1}
      data-status={status}
    >
      <header class="head">
        <div class="head-row">
          <h2 class="name" id={`${id}-name`}>
            {name}
          </h2>
          <button type="button" class="close" aria-label="Close (Esc)" title="Close (Esc)" onClick={props.onClose}>
            {/* a glyph, not an inline SVG: the SVG was never painted inside the card's shadow root */}
            <span class="close-glyph" aria-hidden="true">
              ×
            </span>
          </button>
        </div>
        <div class="meta-row">
          <span class={`badge badge-${type}`}>{TYPE_NAMES[type]}</span>
          {writtenDifferently && <span class="as-written">written “{mention.text}” here</span>}
          {newVersionOf && (
            <span
              class="new-version"
              title="A version named after a model family Backstory knows; its knowledge pack has no entry for it yet."
            >
              not in Backstory’s pack yet: below is {newVersionOf}, the nearest version it knows
            </span>
          )}
          {props.backTo && props.onBack && (
            <button type="button" class="back" onClick={props.onBack}>
              ← {props.backTo}
            </button>
          )}
        </div>
      </header>

      <div class="body" id={`${id}-desc`}>
        {status === 'loading' && <Loading />}
        {status === 'error' && (
          <div class="state state-error" role="alert">
            <p>Couldn’t load the details for {name}.</p>
            {props.error && <p class="detail">{props.error}</p>}
            {props.onRetry && (
              <button type="button" class="btn" onClick={props.onRetry}>
                Try again
              </button>
            )}
          </div>
        )}
        {status === 'missing' && (
          <div class="state">
            <p>{name} is no longer in Backstory’s knowledge pack.</p>
          </div>
        )}
        {status === 'ready' && details && <CardDetails {...props} details={details} idBase={id} />}
      </div>

      <footer class="actions">
        {props.onSave && <ActionButton kind="save" state={props.actions?.save} onClick={props.onSave} />}
        {props.onNotThis && props.isMatch !== false && (
          <ActionButton
            kind="notThis"
            state={props.actions?.notThis}
            onClick={props.onNotThis}
            title={`“${mention.text}” on this site is not ${name}: stop highlighting it here`}
          />
        )}
        {props.onDisableSite && (
          <ActionButton
            kind="disableSite"
            state={props.actions?.disableSite}
            onClick={props.onDisableSite}
            title={`Stop highlighting on ${props.site}`}
            label={`Turn off on ${props.site}`}
          />
        )}
      </footer>
    </div>
  );
}

function ActionButton(props: { kind: keyof typeof ACTION_TEXT; state?: ActionState; onClick: () => void; title?: string; label?: string }) {
  const state = props.state ?? 'idle';
  const text = state === 'idle' && props.label ? props.label : ACTION_TEXT[props.kind][state];
  return (
    <button
      type="button"
      class={`btn action action-${props.kind}${state === 'done' ? ' is-done' : ''}${state === 'failed' ? ' is-failed' : ''}`}
      disabled={state === 'busy' || state === 'done'}
      title={props.title}
      onClick={props.onClick}
    >
      {text}
    </button>
  );
}

function Loading() {
  return (
    <div class="state state-loading" aria-busy="true">
      <span class="sr-only">Loading…</span>
      <span class="skeleton" style={{ width: '92%' }} />
      <span class="skeleton" style={{ width: '78%' }} />
      <span class="skeleton" style={{ width: '64%' }} />
    </div>
  );
}

function CardDetails(props: CardProps & { details: EntityDetails; idBase: string }) {
  const { details } = props;
  const { entity } = details;
  const facts = keyFacts(entity.facts);
  const groups = relatedGroups(details.related, { onPage: props.onPage });
  const about = claimsAbout(props.claims ?? [], entity.id);
  const sources = sourceLinks(details);

  return (
    <>
      <p class="desc">{shortDescription(entity.description)}</p>
      <DossierLinks details={details} onOpenDossier={props.onOpenDossier} />
      {props.extra}

      {facts.length > 0 ? (
        <FactsTable facts={facts} idBase={props.idBase} />
      ) : (
        <p class="muted no-facts">No dated facts recorded for {entity.name} yet.</p>
      )}

      {about.length > 0 && (
        <section class="section" aria-labelledby={`${props.idBase}-claims`}>
          <h3 id={`${props.idBase}-claims`}>
            In this article <span class="count">{about.length}</span>
          </h3>
          <CardClaims claims={about} nameOf={props.nameOf} />
        </section>
      )}

      {groups.length > 0 && (
        <section class="section" aria-labelledby={`${props.idBase}-related`}>
          <h3 id={`${props.idBase}-related`}>Related</h3>
          <dl class="related">
            {groups.map((group) => (
              <div class="rel-row" key={group.label}>
                <dt>{group.label}</dt>
                <dd>
                  {group.items.map((item) => (
                    <button
                      type="button"
                      key={item.id}
                      class={`chip chip-${item.type}${item.onPage ? ' on-page' : ''}`}
                      onClick={() => props.onShowEntity?.(item.id)}
                      title={item.onPage ? `${item.name} (also on this page)` : item.name}
                    >
                      <span class={`dot dot-${item.type}`} aria-hidden="true" />
                      {item.name}
                      {item.detail && <span class="chip-detail"> · {item.detail}</span>}
                    </button>
                  ))}
                  {group.more > 0 && <span class="more">+{group.more} more</span>}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {sources.length > 0 && (
        <p class="sources">
          <span class="sources-label">Sources</span>
          {sources.map((s, i) => (
            <span key={s.url}>
              {i > 0 && <span aria-hidden="true"> · </span>}
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {s.label}
              </a>
            </span>
          ))}
        </p>
      )}
    </>
  );
}

/** The track record of a person's or lab's predictions, and the way to everything read about it. */
function DossierLinks(props: { details: EntityDetails; onOpenDossier?: CardProps['onOpenDossier'] }) {
  const { entity, trackRecord: record, readClaims } = props.details;
  const line = record && entity.type !== 'model' ? trackRecordLine(record) : '';
  if (!props.onOpenDossier || (!line && !readClaims)) return null;
  return (
    <div class="dossier-links">
      {line && (
        <button type="button" class="link-btn track-record" onClick={() => props.onOpenDossier!(entity.id, 'predictions')}>
          {line}
        </button>
      )}
      {!!readClaims && (
        <button type="button" class="link-btn read-all" onClick={() => props.onOpenDossier!(entity.id)}>
          Everything you’ve read about {entity.name} ({readClaims} claim{readClaims === 1 ? '' : 's'}) →
        </button>
      )}
    </div>
  );
}

/** Facts shown before "show more": the card should fit beside a paragraph, not cover the page. */
export const FACTS_SHOWN = 3;

function FactsTable(props: { facts: Fact[]; idBase: string }) {
  const [expanded, setExpanded] = useState(false);
  const { facts } = props;
  // collapsed: where it started and the two most recent, still in date order
  const visible = expanded || facts.length <= FACTS_SHOWN ? facts : [facts[0], ...facts.slice(facts.length - (FACTS_SHOWN - 1))];
  return (
    <section class="section" aria-labelledby={`${props.idBase}-facts`}>
      {/* a two-column table: the "as of" date in the gutter reads like a timeline and costs no extra line */}
      <table class="facts">
        <thead>
          <tr>
            <th scope="col" class="asof-head">
              As of
            </th>
            <th scope="col" id={`${props.idBase}-facts`}>
              Key facts
            </th>
          </tr>
        </thead>
        <tbody>
          {visible.map((fact) => (
            <tr key={fact.text}>
              <td class="asof">{formatDate(fact.asOf)}</td>
              <td class="fact">
                {fact.text}{' '}
                <a href={fact.source} target="_blank" rel="noopener noreferrer" class="src" title={fact.source}>
                  {sourceLabel(fact.source)}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {facts.length > FACTS_SHOWN && (
        <button type="button" class="link-btn more-facts" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Fewer facts' : `${facts.length - FACTS_SHOWN} more fact${facts.length - FACTS_SHOWN === 1 ? '' : 's'}`}
        </button>
      )}
    </section>
  );
}
