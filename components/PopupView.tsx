import type { ComponentChildren } from 'preact';
import type { TabState } from '../lib/messaging/protocol';
import { EntityList, type JumpPosition } from './EntityList';
import { ClaimList } from './ClaimList';
import type { PageClaim } from '../lib/claims/types';
import type { AccessStatus } from '../lib/access/site-access';

export interface PopupControls {
  /** Backstory is paused everywhere */
  paused: boolean;
  /** this site is on the disable list */
  siteDisabled: boolean;
}

export interface PopupViewProps {
  state: TabState | null;
  loading?: boolean;
  error?: string | null;
  /** the tab's site, for the "on this site" toggle (absent on pages Backstory cannot run on) */
  site?: string | null;
  controls?: PopupControls | null;
  /** the mention the last click jumped to, for "2 of 5" */
  position?: JumpPosition | null;
  onSelectEntity?: (entityId: string) => void;
  onScanAnyway?: () => void;
  onOpenManager?: () => void;
  onToggleSite?: (enabled: boolean) => void;
  onTogglePause?: (paused: boolean) => void;
  /** saved annotations on this page that re-anchoring could not find (lib/content/anchoring.ts) */
  savedOrphans?: number;
  /** opt-in live context from Wikipedia/Wikidata (lib/live/popup-live.ts) */
  liveContext?: boolean;
  onToggleLive?: (on: boolean) => void;
  /** the reader picked a claim: show it on the page */
  onSelectClaim?: (claim: PageClaim) => void;
  onSaveClaim?: (claim: PageClaim) => void;
  savedClaims?: ReadonlySet<string>;
  /** names on this page the pack does not know (components/DiscoveredList.tsx) */
  discovered?: ComponentChildren;
  /** when the tab has not reported: whether Backstory may read it (lib/access/site-access.ts) */
  access?: AccessStatus | null;
  /** asks the browser for access: 'site' (this tab's site) or 'all' sites; must run in the click */
  onGrantAccess?: (scope: 'site' | 'all') => void;
  /** "Everything you've read about X" (lib/dossier): opens the manager at the entity's dossier */
  onOpenDossier?: (entityId: string) => void;
}

export function PopupView(props: PopupViewProps) {
  const { state, controls } = props;
  const off = !!controls && (controls.paused || controls.siteDisabled);
  const nameOf = (id: string) => state?.mentions.find((m) => m.entityId === id)?.name;
  return (
    <main class="popup" aria-busy={props.loading ? 'true' : 'false'}>
      <header class="popup-head">
        <h1>
          <span class="logo" aria-hidden="true" />
          Backstory
        </h1>
        {props.onOpenManager && (
          <button type="button" class="link" onClick={props.onOpenManager}>
            Saved &amp; settings
          </button>
        )}
      </header>

      {props.error && (
        <p role="alert" class="error">
          {props.error}
        </p>
      )}

      {controls && (
        <div class="controls">
          {props.site && (
            <Switch
              label={`On ${props.site}`}
              checked={!controls.siteDisabled}
              disabled={controls.paused}
              onChange={(on) => props.onToggleSite?.(on)}
            />
          )}
          <Switch label="Pause everywhere" checked={controls.paused} onChange={(paused) => props.onTogglePause?.(paused)} />
          {props.onToggleLive && <Switch label="Live context" checked={!!props.liveContext} onChange={(on) => props.onToggleLive?.(on)} />}
        </div>
      )}

      {props.loading && !state && <p class="muted">Reading this page…</p>}
      {!props.loading && !state && !props.error && !off && <NoReport access={props.access ?? null} onGrant={props.onGrantAccess} />}

      {off && (
        <p class="notice" role="status">
          {controls!.paused ? 'Backstory is paused everywhere.' : `Backstory is off on ${props.site}.`} Turn it back on to see highlights and cards.
        </p>
      )}

      {state && !off && (
        <>
          <p class="page-title" title={state.url}>
            {state.title || state.url}
          </p>
          {state.storageError && (
            <p class="notice storage-error" role="status">
              {state.storageError}
            </p>
          )}
          {state.backedOff && (
            <p class="notice backed-off" role="status">
              This page keeps changing, so Backstory stopped scanning it for new text. What it found before stays highlighted.
            </p>
          )}
          {!!props.savedOrphans && (
            <p class="notice orphans" role="status">
              {props.savedOrphans === 1 ? '1 saved annotation' : `${props.savedOrphans} saved annotations`} could not be found on this page.{' '}
              {props.onOpenManager && (
                <button type="button" class="link" onClick={props.onOpenManager}>
                  See them in the manager
                </button>
              )}
            </p>
          )}
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
          <EntityList mentions={state.mentions} onSelect={props.onSelectEntity} position={props.position} onOpenDossier={props.onOpenDossier} />
          {!state.gated && props.discovered}
          {state.claims?.length > 0 && (
            <section class="page-claims" aria-labelledby="claims-heading">
              <h2 id="claims-heading" class="group-title">
                Claims on this page <span class="muted">({state.claims.length})</span>
              </h2>
              <ClaimList
                claims={state.claims}
                nameOf={nameOf}
                onSelectClaim={props.onSelectClaim}
                onSaveClaim={props.onSaveClaim}
                savedKeys={props.savedClaims}
              />
            </section>
          )}
        </>
      )}
    </main>
  );
}

function NoReport({ access, onGrant }: { access: AccessStatus | null; onGrant?: (scope: 'site' | 'all') => void }) {
  if (access?.kind === 'no-access') {
    return (
      <div class="notice site-access" role="status" data-access="none">
        <p>
          Backstory has no access to {access.host ? <strong>{access.host}</strong> : 'this site'}, so it cannot read this page. Site access was
          turned off in the browser's extension settings.
        </p>
        {onGrant && (
          <p class="access-actions">
            {access.host && (
              <button type="button" data-grant="site" onClick={() => onGrant('site')}>
                Allow on {access.host}
              </button>
            )}
            <button type="button" data-grant="all" onClick={() => onGrant('all')}>
              Allow on all sites
            </button>
          </p>
        )}
      </div>
    );
  }
  if (access?.kind === 'not-web') {
    return (
      <p class="muted" data-access="not-web">
        This is not a web page: Backstory runs on http and https pages.
      </p>
    );
  }
  return (
    <p class="muted" data-access="granted">
      Backstory has not scanned this tab yet. If the page was open before Backstory was installed, reload it.
    </p>
  );
}

function Switch(props: { label: string; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label class={`switch${props.disabled ? ' is-disabled' : ''}`}>
      <input
        type="checkbox"
        role="switch"
        checked={props.checked}
        disabled={props.disabled}
        aria-checked={props.checked ? 'true' : 'false'}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <span class="track" aria-hidden="true" />
      <span class="switch-label">{props.label}</span>
    </label>
  );
}
