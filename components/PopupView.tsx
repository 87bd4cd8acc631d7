import type { TabState } from '../lib/messaging/protocol';
import { EntityList } from './EntityList';
import { ClaimList } from './ClaimList';

export interface PopupViewProps {
  state: TabState | null;
  loading?: boolean;
  error?: string | null;
  onSelectEntity?: (entityId: string) => void;
  onScanAnyway?: () => void;
  onOpenManager?: () => void;
}

export function PopupView(props: PopupViewProps) {
  const { state } = props;
  return (
    <main class="popup" aria-busy={props.loading ? 'true' : 'false'}>
      <header class="popup-head">
        <h1>Backstory</h1>
        {props.onOpenManager && (
          <button type="button" class="link" onClick={props.onOpenManager}>
            Saved &amp; settings
          </button>
        )}
      </header>
      {props.error && <p role="alert" class="error">{props.error}</p>}
      {props.loading && !state && <p class="muted">Reading this page…</p>}
      {!props.loading && !state && !props.error && <p class="muted">Backstory has not scanned this tab (it runs on http and https pages).</p>}
      {state && (
        <>
          <p class="page-title" title={state.url}>{state.title || state.url}</p>
          {state.gated && (
            <div class="gate" role="status">
              <p>This page doesn’t look like AI news, so Backstory is staying quiet.</p>
              {props.onScanAnyway && (
                <button type="button" onClick={props.onScanAnyway}>
                  Scan this page anyway
                </button>
              )}
            </div>
          )}
          {!state.gated && state.mentions.length === 0 && <p class="muted">No known AI models, labs or people on this page.</p>}
          <EntityList mentions={state.mentions} onSelect={props.onSelectEntity} />
          {state.claims?.length > 0 && (
            <section class="page-claims" aria-labelledby="claims-heading">
              <h2 id="claims-heading" class="group-title">
                Claims on this page <span class="muted">({state.claims.length})</span>
              </h2>
              <ClaimList claims={state.claims} nameOf={(id) => state.mentions.find((m) => m.entityId === id)?.name} />
            </section>
          )}
        </>
      )}
    </main>
  );
}
