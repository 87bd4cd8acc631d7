import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { JumpPosition } from '../../components/EntityList';
import { claimKey } from '../../components/ClaimList';
import { PopupView, type PopupControls } from '../../components/PopupView';
import { usePopupLive } from './popup-live';
import { askBackground, askTab } from '../../lib/messaging/client';
import type { TabState } from '../../lib/messaging/protocol';
import type { PageClaim } from '../../lib/claims/types';
import { hostOf, type Settings } from '../../lib/settings';
import { ALL_SITES, siteAccess, type AccessStatus } from '../../lib/access/site-access';
import './popup.css';

/** Marks for scripts/bench/popup.ts and the e2e test: script start, tab state received, first render with the entities. */
const SCRIPT_START_MARK = 'backstory:popup-script-start';
const STATE_MARK = 'backstory:popup-state-received';
const FIRST_RENDER_MARK = 'backstory:popup-first-render';
performance.mark(SCRIPT_START_MARK);

async function resolveTabId(): Promise<number | null> {
  // popup.html?tab=<id> (tests, the demo) or the active tab
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

// Asked as the script starts, not from the first useEffect: Preact runs effects only after the
// first frame, which would hold both requests back by a frame (or its 35 ms fallback timer).
const early = (() => {
  const tabId = resolveTabId();
  const state = tabId.then((id) => (id === null ? null : askBackground('getTabState', { tabId: id })));
  const settings = askBackground('getSettings', {});
  // handled where they are used; no unhandled rejection before then
  state.catch(() => undefined);
  settings.catch(() => undefined);
  return { tabId, state, settings };
})();

function controlsFor(settings: Settings, site: string | null): PopupControls {
  return { paused: settings.paused, siteDisabled: !!site && settings.disabledSites.includes(site) };
}

/** The tab, what the background knows of it, the settings, and whether Backstory may read the page. */
function usePopupData() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<TabState | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // the page's address when there is no tab state (Backstory is off there, so the page reported nothing)
  const [pageUrl, setPageUrl] = useState<string | null>(null);
  const [savedOrphans, setSavedOrphans] = useState(0);
  const [access, setAccess] = useState<AccessStatus | null>(null);
  const site = hostOf(state?.url ?? pageUrl ?? '') || null;

  async function load(id: number, asked?: Promise<TabState | null>) {
    let next = await (asked ?? askBackground('getTabState', { tabId: id }));
    if (!next) {
      // The background may have restarted and lost its tab state: ask the page to report again.
      await askTab(id, 'rescan', { force: false }).catch(() => undefined);
      next = await askBackground('getTabState', { tabId: id });
    }
    if (!next) {
      const url = (await askTab(id, 'getState', {}).catch(() => null))?.url ?? null;
      setPageUrl(url);
      // no report: a page we may not read, not a web page, or one still loading
      const tabUrl = url ?? (await browser.tabs.get(id).catch(() => null))?.url ?? null;
      setAccess(await siteAccess(tabUrl, browser.permissions));
    } else setAccess(null);
    if (!performance.getEntriesByName(STATE_MARK).length) performance.mark(STATE_MARK);
    setState(next);
    askBackground('pageAnnotations', { tabId: id }).then(
      (p) => setSavedOrphans(p?.orphans.length ?? 0),
      () => undefined,
    );
  }

  useEffect(() => {
    early.tabId
      .then(async (id) => {
        setTabId(id);
        // the entity list renders as soon as the tab state arrives; the switches fill in alongside
        early.settings.then(setSettings, (err) => setError(String(err instanceof Error ? err.message : err)));
        if (id !== null) await load(id, early.state);
      })
      .catch((err) => setError(String(err instanceof Error ? err.message : err)))
      .finally(() => setLoading(false));
  }, []);

  return { tabId, state, settings, setSettings, loading, error, setError, site, savedOrphans, access, load };
}

type PopupData = ReturnType<typeof usePopupData>;

/** Asks for access to the site (or every site), then waits for the page's first report. */
function grantAccess({ tabId, access, load, setError }: PopupData, scope: 'site' | 'all') {
  const origins = scope === 'site' && access?.kind === 'no-access' && access.origins ? access.origins : ALL_SITES;
  // straight from the click (a user gesture), nothing awaited before it
  browser.permissions.request({ origins }).then(
    async (granted) => {
      if (!granted || tabId === null) return;
      // the background starts the content script in this tab (permissions.onAdded): wait for its report
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 250));
        const next = await askBackground('getTabState', { tabId }).catch(() => null);
        if (next) return load(tabId);
      }
      await load(tabId);
    },
    (err) => setError(`Could not ask for access: ${err instanceof Error ? err.message : String(err)}`),
  );
}

/** Jumping to mentions and claims, saving a claim, scanning anyway, the site and pause switches. */
function usePopupActions({ tabId, state, site, setSettings, setError, load }: PopupData) {
  const [position, setPosition] = useState<JumpPosition | null>(null);
  const [savedClaims, setSavedClaims] = useState<ReadonlySet<string>>(new Set());
  // next occurrence to show per entity: further clicks cycle through the mentions
  const occurrences = useRef(new Map<string, number>());

  async function apply(next: Settings) {
    setSettings(next);
    if (tabId === null) return;
    const controls = controlsFor(next, site);
    await askTab(tabId, 'applySettings', controls).catch(() => undefined); // no content script: nothing to repaint
    if (!controls.paused && !controls.siteDisabled) await load(tabId);
  }

  return {
    position,
    savedClaims,
    onSelectEntity: async (entityId: string) => {
      if (tabId === null) return;
      const n = occurrences.current.get(entityId) ?? 0;
      occurrences.current.set(entityId, n + 1);
      try {
        const { found, total } = await askTab(tabId, 'scrollToEntity', { entityId, occurrence: n });
        setPosition({ entityId, found, total, index: total ? n % total : 0 });
      } catch (err) {
        setError(`Could not reach the page: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    onSelectClaim: (claim: PageClaim) => {
      if (tabId === null) return;
      askTab(tabId, 'showText', { start: claim.start, end: claim.end, exact: claim.text }).catch((err) =>
        setError(`Could not reach the page: ${err instanceof Error ? err.message : String(err)}`),
      );
    },
    onSaveClaim: async (claim: PageClaim) => {
      if (tabId === null || !state) return;
      try {
        await askBackground('saveAnnotation', {
          tabId,
          url: state.url,
          title: state.title,
          start: claim.start,
          end: claim.end,
          exact: claim.text,
          claim: { text: claim.text, kind: claim.kind },
        });
        setSavedClaims((prev) => new Set(prev).add(claimKey(claim)));
      } catch (err) {
        setError(`Could not save the claim: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    onScanAnyway: async () => {
      if (tabId === null) return;
      await askTab(tabId, 'rescan', { force: true }).catch((err) => setError(String(err)));
      await load(tabId);
    },
    onToggleSite: async (enabled: boolean) => {
      if (!site) return;
      try {
        await apply(await askBackground('setSiteDisabled', { host: site, disabled: !enabled }));
      } catch (err) {
        setError(String(err instanceof Error ? err.message : err));
      }
    },
    onTogglePause: async (paused: boolean) => {
      try {
        await apply(await askBackground('updateSettings', { patch: { paused } }));
      } catch (err) {
        setError(String(err instanceof Error ? err.message : err));
      }
    },
  };
}

function App() {
  const data = usePopupData();
  const { tabId, state, settings, setSettings, setError, site } = data;
  const actions = usePopupActions(data);
  const live = usePopupLive(tabId, settings, setSettings, setError);

  useEffect(() => {
    if (state && !performance.getEntriesByName(FIRST_RENDER_MARK).length) performance.mark(FIRST_RENDER_MARK);
  }, [state]);

  return (
    <PopupView
      state={state}
      loading={data.loading}
      error={data.error}
      site={site}
      controls={settings ? controlsFor(settings, site) : null}
      position={actions.position}
      savedOrphans={data.savedOrphans}
      liveContext={live.liveContext}
      onToggleLive={live.onToggleLive}
      discovered={live.discovered}
      onSelectEntity={actions.onSelectEntity}
      savedClaims={actions.savedClaims}
      onSelectClaim={actions.onSelectClaim}
      onSaveClaim={actions.onSaveClaim}
      onScanAnyway={actions.onScanAnyway}
      onOpenManager={() => void browser.runtime.openOptionsPage()}
      access={data.access}
      onGrantAccess={(scope) => grantAccess(data, scope)}
      onOpenDossier={(entityId) => void askBackground('openDossier', { entityId }).catch(() => undefined)}
      onToggleSite={actions.onToggleSite}
      onTogglePause={actions.onTogglePause}
    />
  );
}

render(<App />, document.getElementById('app')!);
