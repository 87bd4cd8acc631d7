// Settings: pause, hover delay, highlight colours per type, sites Backstory stays off on, history retention.
// Every change is saved at once; the background validates it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { HIGHLIGHT_PALETTE } from '../lib/highlight/palette';
import type { EntityType } from '../lib/kb/schema';
import type { Settings } from '../lib/settings';
import type { ManagerAsk } from './manager-shared';

const TYPES: { type: EntityType; label: string; fallback: string }[] = [
  { type: 'model', label: 'AI models', fallback: HIGHLIGHT_PALETTE.model.line },
  { type: 'org', label: 'Labs and companies', fallback: HIGHLIGHT_PALETTE.org.line },
  { type: 'person', label: 'People', fallback: HIGHLIGHT_PALETTE.person.line },
];
const RETENTION = [7, 30, 90, 180, 365];

export function normaliseHost(input: string): string | null {
  const raw = input.trim().toLowerCase();
  if (!raw) return null;
  try {
    const host = new URL(raw.includes('://') ? raw : `https://${raw}`).hostname;
    return /^[a-z0-9.-]+$/.test(host) && host.includes('.') ? host : null;
  } catch {
    return null;
  }
}

export function SettingsPanel(props: { ask: ManagerAsk; onError: (m: string | null) => void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<string>('');

  useEffect(() => {
    props.ask('getSettings', {}).then(setSettings, (err: Error) => props.onError(err.message));
  }, []);

  async function patch(p: Partial<Settings>) {
    setSettings((s) => (s ? { ...s, ...p } : s));
    try {
      setSettings(await props.ask('updateSettings', { patch: p }));
      setStatus('Saved');
    } catch (err) {
      props.onError((err as Error).message);
    }
  }

  async function setSiteDisabled(host: string, disabled: boolean) {
    try {
      setSettings(await props.ask('setSiteDisabled', { host, disabled }));
      setStatus('Saved');
    } catch (err) {
      props.onError((err as Error).message);
    }
  }

  if (!settings) return <div class="single" />;
  return (
    <div class="single settings">
      <div class="section-head">
        <h1>Settings</h1>
        <p class="muted small" role="status" aria-live="polite">
          {status}
        </p>
      </div>

      <section class="panel">
        <label class="setting-row">
          <span>
            <strong>Pause Backstory everywhere</strong>
            <span class="muted small block">No highlights or cards on any page until you turn it back on.</span>
          </span>
          <input type="checkbox" class="toggle" checked={settings.paused} onChange={(e) => patch({ paused: (e.target as HTMLInputElement).checked })} />
        </label>
      </section>

      <HoverDelaySection settings={settings} setSettings={setSettings} patch={patch} />
      <ColoursSection settings={settings} patch={patch} />
      <SitesSection settings={settings} setSiteDisabled={setSiteDisabled} />
      <section class="panel">
        <label class="setting-row">
          <span>
            <strong>Keep reading history for</strong>
            <span class="muted small block">Claims from pages you read, used to link the same claim across articles.</span>
          </span>
          <select value={String(settings.historyRetentionDays)} onChange={(e) => patch({ historyRetentionDays: Number((e.target as HTMLSelectElement).value) })}>
            {[...new Set([...RETENTION, settings.historyRetentionDays])]
              .sort((a, b) => a - b)
              .map((d) => (
                <option key={d} value={String(d)}>
                  {d === 365 ? '1 year' : `${d} days`}
                </option>
              ))}
          </select>
        </label>
      </section>
    </div>
  );
}

type Patch = (p: Partial<Settings>) => Promise<void>;

function HoverDelaySection(props: { settings: Settings; setSettings(s: Settings): void; patch: Patch }) {
  const { settings, setSettings, patch } = props;
  // the slider saves once it rests for a moment, not on every step
  const delayTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (delayTimer.current && clearTimeout(delayTimer.current)), []);
  return (
  <section class="panel">
    <label class="setting-row" for="hover-delay">
      <span>
        <strong>Hover delay</strong>
        <span class="muted small block">How long the pointer rests on a name before its card opens.</span>
      </span>
      <output class="value">{settings.hoverDelayMs} ms</output>
    </label>
    <input
      id="hover-delay"
      type="range"
      min={0}
      max={1000}
      step={50}
      value={settings.hoverDelayMs}
      onInput={(e) => {
        const value = Number((e.target as HTMLInputElement).value);
        setSettings({ ...settings, hoverDelayMs: value });
        if (delayTimer.current) clearTimeout(delayTimer.current);
        delayTimer.current = setTimeout(() => void patch({ hoverDelayMs: value }), 250);
      }}
    />
    <div class="range-labels muted small">
      <span>Instant</span>
      <span>1 second</span>
    </div>
  </section>
  );
}

function ColoursSection(props: { settings: Settings; patch: Patch }) {
  const { settings, patch } = props;
  return (
  <section class="panel">
    <h2>Highlight colours</h2>
    <div class="colours">
      {TYPES.map((t) => {
        const value = settings.colours[t.type] || t.fallback;
        return (
          <div class="colour" key={t.type}>
            <label>
              <input
                type="color"
                value={/^#[0-9a-f]{6}$/i.test(value) ? value : t.fallback}
                onChange={(e) => patch({ colours: { ...settings.colours, [t.type]: (e.target as HTMLInputElement).value } })}
              />
              <span class="swatch-text" style={{ textDecorationColor: value, background: `color-mix(in srgb, ${value} 22%, transparent)` }}>
                {t.label}
              </span>
            </label>
            {settings.colours[t.type] && (
              <button type="button" class="link small" onClick={() => patch({ colours: { ...settings.colours, [t.type]: '' } })}>
                Default
              </button>
            )}
          </div>
        );
      })}
    </div>
  </section>
  );
}

function SitesSection(props: { settings: Settings; setSiteDisabled(host: string, disabled: boolean): Promise<void> }) {
  const { settings, setSiteDisabled } = props;
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState<string | null>(null);
  return (
  <section class="panel">
    <h2>Sites where Backstory stays off</h2>
    {settings.disabledSites.length === 0 ? (
      <p class="muted small">None. Turn a site off from the popup or a card, or add it here.</p>
    ) : (
      <ul class="sites">
        {settings.disabledSites.map((host) => (
          <li key={host}>
            <span>{host}</span>
            <button type="button" class="link small" onClick={() => setSiteDisabled(host, false)} aria-label={`Turn Backstory back on for ${host}`}>
              Turn back on
            </button>
          </li>
        ))}
      </ul>
    )}
    <form
      class="row"
      onSubmit={(e) => {
        e.preventDefault();
        const host = normaliseHost(site);
        if (!host) {
          setSiteError('Enter a site such as news.example.com');
          return;
        }
        setSiteError(null);
        setSite('');
        void setSiteDisabled(host, true);
      }}
    >
      <input value={site} onInput={(e) => setSite((e.target as HTMLInputElement).value)} placeholder="news.example.com" aria-label="Site to turn off" />
      <button type="submit" class="button">
        Turn off on this site
      </button>
    </form>
    {siteError && (
      <p class="error small" role="alert">
        {siteError}
      </p>
    )}
  </section>
  );
}
