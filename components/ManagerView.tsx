// The manager page (options page, opened in a tab): saved annotations, custom entities, data
// (import/export, storage), settings and reading history. Views only: everything reaches the
// background through the `ask` prop, files leave through `download`.
import { useEffect, useState } from 'preact/hooks';
import type { StorageStatus } from '../lib/annotations/messages';
import type { PageRecord } from '../lib/messaging/protocol';
import { AnnotationsPanel } from './ManagerAnnotations';
import { DataPanel } from './ManagerData';
import { EntitiesPanel } from './ManagerEntities';
import { SettingsPanel } from './ManagerSettings';
import { LiveContextPanel, type LivePermissions } from './LiveContextSettings';
import { DossierPanel } from './ManagerDossier';
import { PredictionsPanel } from './ManagerPredictions';
import type { DownloadFile, ManagerAsk } from './manager-shared';

export const MANAGER_TABS = [
  { key: 'saved', label: 'Saved' },
  { key: 'dossier', label: 'Dossiers' },
  { key: 'predictions', label: 'Predictions' },
  { key: 'entities', label: 'Custom entities' },
  { key: 'data', label: 'Import & export' },
  { key: 'settings', label: 'Settings' },
  { key: 'live', label: 'Live context' },
  { key: 'history', label: 'Reading history' },
] as const;
export type ManagerTab = (typeof MANAGER_TABS)[number]['key'];

export interface ManagerViewProps {
  ask: ManagerAsk;
  tab: ManagerTab;
  /** the entity a dossier or the predictions list is opened at (`#dossier/<id>`) */
  param?: string | null;
  onTab: (tab: ManagerTab, param?: string | null) => void;
  download: (file: DownloadFile) => void;
  openUrl: (url: string) => void;
  now?: () => number;
  /** host permissions for live context (browser.permissions, from the page) */
  permissions?: LivePermissions;
}

export function ManagerView(props: ManagerViewProps) {
  const [error, setError] = useState<string | null>(null);
  const [storage, setStorage] = useState<StorageStatus | null>(null);
  const [version, setVersion] = useState(0);

  const refreshStorage = () =>
    props.ask('storageEstimate', {}).then(
      (s) => setStorage(s),
      (err: Error) => setError(err.message),
    );
  useEffect(() => void refreshStorage(), [version]);

  // a failed action may be a full disk: the storage line says so
  const onError = (message: string | null) => {
    setError(message);
    if (message) void refreshStorage();
  };
  const changed = () => setVersion((v) => v + 1);
  const banner = error ?? storage?.error ?? null;

  return (
    <div class="manager">
      <header class="topbar">
        <div class="brand">
          <span class="logo" aria-hidden="true" />
          <span class="brand-name">Backstory</span>
        </div>
        <nav class="tabs" aria-label="Manager sections">
          {MANAGER_TABS.map((t) => (
            <a
              key={t.key}
              href={`#${t.key}`}
              class={`tab${props.tab === t.key ? ' is-active' : ''}`}
              aria-current={props.tab === t.key ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                setError(null);
                props.onTab(t.key);
              }}
            >
              {t.label}
              {t.key === 'saved' && storage ? <span class="tab-count">{storage.annotations.toLocaleString()}</span> : null}
            </a>
          ))}
        </nav>
        <p class="privacy">Everything here stays in this browser</p>
      </header>

      {banner && (
        <div class="banner" role="alert">
          <span>{banner}</span>
          {error && (
            <button type="button" class="link" onClick={() => setError(null)}>
              Dismiss
            </button>
          )}
        </div>
      )}

      <main class="page">
        {props.tab === 'saved' && <AnnotationsPanel ask={props.ask} openUrl={props.openUrl} download={props.download} onError={onError} version={version} now={props.now} />}
        {props.tab === 'dossier' && (
          <DossierPanel
            ask={props.ask}
            entityId={props.param ?? null}
            onOpenEntity={(id) => props.onTab('dossier', id)}
            onOpenPredictions={(id) => props.onTab('predictions', id)}
            download={props.download}
            onError={onError}
          />
        )}
        {props.tab === 'predictions' && (
          <PredictionsPanel
            ask={props.ask}
            entityId={props.param ?? null}
            onClearEntity={() => props.onTab('predictions')}
            onOpenEntity={(id) => props.onTab('dossier', id)}
            onError={onError}
            now={props.now}
          />
        )}
        {props.tab === 'entities' && <EntitiesPanel ask={props.ask} onError={onError} />}
        {props.tab === 'data' && <DataPanel ask={props.ask} download={props.download} onError={onError} storage={storage} onChanged={changed} />}
        {props.tab === 'settings' && <SettingsPanel ask={props.ask} onError={onError} />}
        {props.tab === 'live' && props.permissions && <LiveContextPanel ask={props.ask} permissions={props.permissions} onError={onError} />}
        {props.tab === 'history' && <HistoryPanel ask={props.ask} onError={onError} onChanged={changed} />}
      </main>
    </div>
  );
}

function HistoryPanel(props: { ask: ManagerAsk; onError: (m: string | null) => void; onChanged: () => void }) {
  const [pages, setPages] = useState<PageRecord[] | null>(null);
  const [cleared, setCleared] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const load = () => props.ask('listPages', {}).then(setPages, (err: Error) => props.onError(err.message));
  useEffect(() => void load(), []);
  async function clear() {
    try {
      const r = await props.ask('clearHistory', {});
      setCleared(`Cleared ${r.pages} pages and ${r.claims} claims. Saved annotations are kept.`);
      setConfirming(false);
      props.onChanged();
      await load();
    } catch (err) {
      props.onError((err as Error).message);
    }
  }
  return (
    <div class="single">
      <div class="section-head">
        <div>
          <h1>Reading history</h1>
          <p class="muted">Pages where Backstory found AI names, kept on this device so claims can be compared across articles.</p>
        </div>
        {pages && pages.length > 0 && !confirming && (
          <button type="button" class="button" onClick={() => setConfirming(true)}>
            Clear history…
          </button>
        )}
        {confirming && (
          <div class="row" role="group" aria-label="Confirm clearing history">
            <button type="button" class="button danger solid" onClick={clear}>
              Clear history
            </button>
            <button type="button" class="link" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        )}
      </div>
      {cleared && (
        <p class="notice" role="status">
          {cleared}
        </p>
      )}
      {pages && <PageCacheTable pages={pages} />}
    </div>
  );
}

export function PageCacheTable(props: { pages: PageRecord[] }) {
  if (!props.pages.length) return <p class="muted">No pages yet. Pages where Backstory finds AI names appear here.</p>;
  return (
    <table class="pages">
      <thead>
        <tr>
          <th scope="col">Page</th>
          <th scope="col">Visited</th>
          <th scope="col">Names</th>
          <th scope="col">Claims</th>
        </tr>
      </thead>
      <tbody>
        {props.pages.map((p) => (
          <tr key={p.url}>
            <td>
              <a href={p.url} target="_blank" rel="noopener noreferrer">{p.title || p.url}</a>
            </td>
            <td>{new Date(p.visitedAt).toLocaleString()}</td>
            <td>{Object.keys(p.entityCounts).length}</td>
            <td>{p.claimCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
