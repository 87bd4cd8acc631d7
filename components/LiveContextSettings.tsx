// The manager's "Live context" section: the opt-in switch (asking for host permissions in the
// click), the endpoints, the cache, pack updates and the names the reader added or dismissed.
import { useEffect, useState } from 'preact/hooks';
import type { DiscoveredNameRecord } from '../lib/db/database';
import type { PackUpdateStatus } from '../lib/live/types';
import { liveOrigins } from '../lib/live/permissions';
import type { BackgroundType, ReqOf, ResOf, ToBackground } from '../lib/messaging/protocol';
import type { Settings } from '../lib/settings';
import './LiveContextSettings.css';

type Ask = <K extends BackgroundType>(type: K, payload: ReqOf<ToBackground, K>) => Promise<ResOf<ToBackground, K>>;

/** browser.permissions, passed in by the page (components make no browser calls). */
export interface LivePermissions {
  request(origins: string[]): Promise<boolean>;
  remove(origins: string[]): Promise<boolean>;
}

export const WHAT_IS_SENT =
  'Only the Wikipedia title or Wikidata id of the name you open a card for (or, for a new name, the name itself) is sent — never the page’s address or text. Answers are kept on this device: Wikipedia summaries for 14 days, current roles for 24 hours.';

/**
 * Turns live context on or off. Must run inside the click: browsers grant host permissions only
 * in a user gesture. Returns the new settings, or throws with a message for the reader.
 */
export async function toggleLiveContext(on: boolean, settings: Settings, ask: Ask, permissions: LivePermissions): Promise<Settings> {
  const origins = liveOrigins(settings);
  if (on) {
    // a mirror on this machine needs no host permission (lib/live/permissions.ts)
    const granted = origins.length ? await permissions.request(origins) : true;
    if (!granted) throw new Error('Live context stays off: the browser did not allow Backstory to reach Wikipedia and Wikidata.');
    return ask('setLiveContext', { on: true });
  }
  const next = await ask('setLiveContext', { on: false });
  // give the hosts back; the switch is what matters if the browser refuses
  if (origins.length) await permissions.remove(origins).catch(() => false);
  return next;
}

/** What the panel's sections share: the settings, one action at a time, and the status line. */
interface SectionProps {
  ask: Ask;
  permissions: LivePermissions;
  settings: Settings;
  setSettings(s: Settings): void;
  busy: string | null;
  run(label: string, work: () => Promise<void>): Promise<void>;
  setStatus(text: string): void;
}

export function LiveContextPanel(props: { ask: Ask; permissions: LivePermissions; onError: (m: string | null) => void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<DiscoveredNameRecord[]>([]);

  const loadDecisions = () => props.ask('discoveredDecisions', {}).then(setDecisions, () => undefined);
  useEffect(() => {
    props.ask('getSettings', {}).then(setSettings, (err: Error) => props.onError(err.message));
    void loadDecisions();
  }, []);

  async function run(label: string, work: () => Promise<void>) {
    setBusy(label);
    props.onError(null);
    try {
      await work();
    } catch (err) {
      props.onError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  if (!settings) return <div class="single" />;
  const section: SectionProps = { ask: props.ask, permissions: props.permissions, settings, setSettings, busy, run, setStatus };

  return (
    <div class="single settings live-settings">
      <div class="section-head">
        <h1>Live context</h1>
        <p class="muted small" role="status" aria-live="polite">
          {status}
        </p>
      </div>
      <LiveSwitchSection {...section} />
      <EndpointsSection {...section} />
      <PackUpdateSection {...section} />
      <DecisionsSection {...section} decisions={decisions} reload={loadDecisions} />
    </div>
  );
}

function LiveSwitchSection(props: SectionProps) {
  const { settings, busy, run, setSettings, setStatus } = props;
  return (
  <section class="panel">
    <label class="setting-row">
      <span>
        <strong>Live context from Wikipedia and Wikidata</strong>
        <span class="muted small block">Off by default. When on, cards add today’s Wikipedia summary and current roles, with the time they were fetched.</span>
      </span>
      <input
        type="checkbox"
        class="toggle"
        data-testid="live-switch"
        checked={settings.liveContext}
        disabled={busy === 'switch'}
        onChange={(e) => {
          const on = (e.target as HTMLInputElement).checked;
          void run('switch', async () => {
            try {
              setSettings(await toggleLiveContext(on, settings, props.ask, props.permissions));
              setStatus(on ? 'Live context is on' : 'Live context is off');
            } catch (err) {
              (e.target as HTMLInputElement).checked = settings.liveContext;
              throw err;
            }
          });
        }}
      />
    </label>
    <p class="muted small">{WHAT_IS_SENT}</p>
  </section>
  );
}

function EndpointsSection(props: SectionProps) {
  const { settings, busy, run, setSettings, setStatus } = props;
  const [wikipedia, setWikipedia] = useState(settings.wikipediaBase);
  const [wikidata, setWikidata] = useState(settings.wikidataBase);
  const endpointsChanged = wikipedia.trim() !== settings.wikipediaBase || wikidata.trim() !== settings.wikidataBase;
  return (
  <section class="panel">
    <h2>Endpoints</h2>
    <p class="muted small">For a Wikimedia mirror. Backstory asks for permission to reach a new address when live context is on.</p>
    <form
      class="endpoint-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run('endpoints', async () => {
          const patch = { wikipediaBase: wikipedia.trim(), wikidataBase: wikidata.trim() };
          if (settings.liveContext) {
            const origins = liveOrigins(patch);
            const granted = origins.length ? await props.permissions.request(origins) : true;
            if (!granted) throw new Error('The browser did not allow Backstory to reach the new addresses; the old ones stay.');
          }
          const next = await props.ask('updateSettings', { patch });
          setSettings(next);
          setWikipedia(next.wikipediaBase);
          setWikidata(next.wikidataBase);
          setStatus('Saved');
        });
      }}
    >
      <label class="field">
        <span>Wikipedia</span>
        <input type="url" value={wikipedia} onInput={(e) => setWikipedia((e.target as HTMLInputElement).value)} placeholder="https://en.wikipedia.org" />
      </label>
      <label class="field">
        <span>Wikidata</span>
        <input type="url" value={wikidata} onInput={(e) => setWikidata((e.target as HTMLInputElement).value)} placeholder="https://www.wikidata.org" />
      </label>
      <div class="row">
        <button type="submit" class="button" disabled={!endpointsChanged || busy === 'endpoints'}>
          Save endpoints
        </button>
        <button
          type="button"
          class="button"
          onClick={() =>
            void run('cache', async () => {
              await props.ask('clearLiveCache', {});
              setStatus('Live context cache cleared');
            })
          }
        >
          Clear cached answers
        </button>
      </div>
    </form>
  </section>
  );
}

function PackUpdateSection(props: SectionProps) {
  const { settings, busy, run, setSettings, setStatus } = props;
  const [packUrl, setPackUrl] = useState(settings.packUpdateUrl);
  const [check, setCheck] = useState<PackUpdateStatus | null>(null);
  return (
  <section class="panel">
    <h2>Knowledge pack updates</h2>
    <p class="muted small">Backstory checks this address only when you press the button. Your own entities are kept when a pack is installed.</p>
    <form
      class="row"
      onSubmit={(e) => {
        e.preventDefault();
        void run('check', async () => {
          if (packUrl.trim() !== settings.packUpdateUrl) setSettings(await props.ask('updateSettings', { patch: { packUpdateUrl: packUrl.trim() } }));
          setCheck(await props.ask('checkPackUpdate', {}));
        });
      }}
    >
      <input class="grow" type="url" value={packUrl} onInput={(e) => setPackUrl((e.target as HTMLInputElement).value)} placeholder="https://example.org/backstory-pack.json" aria-label="Pack update address" />
      <button type="submit" class="button" disabled={busy === 'check'}>
        {busy === 'check' ? 'Checking…' : 'Check for update'}
      </button>
    </form>
    {check && <PackCheckResult check={check} busy={busy === 'install'} onInstall={() => void run('install', async () => {
      const done = await props.ask('installPackUpdate', {});
      setCheck({ status: 'up-to-date', installed: done.version, remote: done.version });
      setStatus(`Installed pack ${done.version} (${done.entities} entities)`);
    })} />}
  </section>
  );
}

function DecisionsSection(props: SectionProps & { decisions: DiscoveredNameRecord[]; reload(): Promise<unknown> }) {
  const { decisions, run } = props;
  return (
  <section class="panel">
    <h2>New names you decided about</h2>
    {decisions.length === 0 ? (
      <p class="muted small">None yet. Names the pack does not know get a dotted highlight on AI pages; add or dismiss them from their card or the popup.</p>
    ) : (
      <ul class="sites decisions">
        {decisions.map((d) => (
          <li key={d.key}>
            <span>
              {d.name} <span class="muted small">· {d.type === 'person' ? 'person' : 'organisation'} · {d.status === 'promoted' ? 'added' : 'dismissed'}</span>
            </span>
            {d.status === 'dismissed' && (
              <button
                type="button"
                class="link small"
                onClick={() =>
                  void run('undo', async () => {
                    await props.ask('undoDiscoveredDecision', { name: d.name });
                    await props.reload();
                  })
                }
              >
                Show again
              </button>
            )}
          </li>
        ))}
      </ul>
    )}
  </section>
  );
}

function PackCheckResult(props: { check: PackUpdateStatus; busy: boolean; onInstall: () => void }) {
  const { check } = props;
  if (check.status === 'no-url') return <p class="muted small" role="status">Enter the address of a pack file first.</p>;
  if (check.status === 'up-to-date') return <p class="small" role="status">Up to date: version {check.installed} is installed{check.remote !== check.installed ? ` (the address offers ${check.remote})` : ''}.</p>;
  if (check.status === 'error') return <p class="error small" role="alert">{check.error}</p>;
  if (check.status === 'invalid') {
    return (
      <div class="error small" role="alert">
        <p>That file is not a valid Backstory pack; nothing was changed.</p>
        <ul>
          {check.errors.slice(0, 5).map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div class="row" role="status">
      <span class="small">
        Version {check.remote} is available ({check.entities} entities; {check.installed} installed).
      </span>
      <button type="button" class="button primary" disabled={props.busy} onClick={props.onInstall}>
        {props.busy ? 'Installing…' : `Install ${check.remote}`}
      </button>
    </div>
  );
}
