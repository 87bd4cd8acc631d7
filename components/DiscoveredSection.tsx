// The card section for a name the pack does not know: what the article says about it, and the
// reader's two choices (add it to Backstory, or never show it again).
import type { DiscoveredName } from '../lib/discover/types';
import liveCss from './LiveContext.css?inline';

export type DecisionState = 'idle' | 'promoting' | 'promoted' | 'dismissing' | 'dismissed' | 'failed';

export interface DiscoveredSectionProps {
  name: DiscoveredName;
  decision?: DecisionState;
  error?: string | null;
  onPromote?: () => void;
  onDismiss?: () => void;
  withStyles?: boolean;
  /** repeat the role line (the card already says it in its description) */
  showRole?: boolean;
}

export function describeRole(name: Pick<DiscoveredName, 'role' | 'org' | 'type'>): string | null {
  if (name.role && name.org) return `${capitalise(name.role)}, ${name.org}`;
  if (name.role) return capitalise(name.role);
  if (name.org) return `At ${name.org}`;
  return null;
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

export function DiscoveredSection(props: DiscoveredSectionProps) {
  const { name } = props;
  const decision = props.decision ?? 'idle';
  const role = describeRole(name);
  const busy = decision === 'promoting' || decision === 'dismissing';
  return (
    <section class="discovered" aria-label="New name found on this page">
      {props.withStyles !== false && <style>{liveCss}</style>}
      <span class="discovered-tag" title="Backstory found this name from how the article describes it; it is not in the knowledge pack.">
        New name · not in Backstory’s pack yet
      </span>
      {props.showRole && role && <p class="discovered-role">{role}</p>}
      {name.sentences.length > 0 && (
        <ul class="discovered-quotes" aria-label="What the article says">
          {name.sentences.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      <div class="discovered-actions">
        {decision === 'promoted' && (
          <span class="discovered-status" role="status">
            Added to Backstory: highlighted as a known {name.type === 'person' ? 'person' : 'organisation'} from the next page you open.
          </span>
        )}
        {decision === 'dismissed' && (
          <span class="discovered-status" role="status">
            Dismissed: Backstory will not show this name again.
          </span>
        )}
        {decision !== 'promoted' && decision !== 'dismissed' && (
          <>
            {props.onPromote && (
              <button type="button" class="primary" disabled={busy} onClick={props.onPromote}>
                {decision === 'promoting' ? 'Adding…' : 'Add to Backstory'}
              </button>
            )}
            {props.onDismiss && (
              <button type="button" disabled={busy} onClick={props.onDismiss} title="Never highlight this name again">
                {decision === 'dismissing' ? 'Dismissing…' : 'Dismiss for good'}
              </button>
            )}
          </>
        )}
        {decision === 'failed' && (
          <span class="discovered-status" role="alert">
            {props.error ?? 'That did not work.'}
          </span>
        )}
      </div>
    </section>
  );
}
