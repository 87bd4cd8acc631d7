// The popup's list of names found on the page that the pack does not know yet.
import type { DiscoveredName } from '../lib/discover/types';
import './DiscoveredList.css';

export interface DiscoveredListProps {
  names: readonly DiscoveredName[];
  onSelect?: (name: DiscoveredName) => void;
  onPromote?: (name: DiscoveredName) => void;
  onDismiss?: (name: DiscoveredName) => void;
  /** per name key: what happened after a click */
  decisions?: Readonly<Record<string, 'promoted' | 'dismissed' | 'busy' | 'failed'>>;
}

export function DiscoveredList(props: DiscoveredListProps) {
  if (!props.names.length) return null;
  return (
    <section class="discovered-list" aria-labelledby="discovered-title">
      <h2 id="discovered-title" class="group-title discovered-title">
        <span class="dot dot-discovered" aria-hidden="true" />
        New names <span class="muted group-count">{props.names.length} not in the pack</span>
      </h2>
      <ul class="entity-list">
        {props.names.map((n) => {
          const decision = props.decisions?.[n.key];
          return (
            <li key={n.key} class="discovered-row">
              <button type="button" class="entity-row" onClick={() => props.onSelect?.(n)} title={n.sentences[0] ?? n.name}>
                <span class="bar bar-discovered" aria-hidden="true" />
                <span class="entity-name">{n.name}</span>
                <span class="muted discovered-kind">{n.type === 'person' ? 'person' : 'org'}</span>
              </button>
              {decision === 'promoted' && <span class="discovered-done">Added</span>}
              {decision === 'dismissed' && <span class="discovered-done">Dismissed</span>}
              {decision !== 'promoted' && decision !== 'dismissed' && (
                <span class="discovered-buttons">
                  {props.onPromote && (
                    <button
                      type="button"
                      class="mini"
                      disabled={decision === 'busy'}
                      onClick={() => props.onPromote?.(n)}
                      aria-label={`Add ${n.name} to Backstory`}
                    >
                      Add
                    </button>
                  )}
                  {props.onDismiss && (
                    <button
                      type="button"
                      class="mini"
                      disabled={decision === 'busy'}
                      onClick={() => props.onDismiss?.(n)}
                      aria-label={`Dismiss ${n.name} for good`}
                    >
                      Dismiss
                    </button>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
