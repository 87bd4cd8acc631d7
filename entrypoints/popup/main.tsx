import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PopupView } from '../../components/PopupView';
import { askBackground, askTab } from '../../lib/messaging/client';
import type { TabState } from '../../lib/messaging/protocol';
import './popup.css';

async function resolveTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function App() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<TabState | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const occurrences = new Map<string, number>();

  async function load(id: number) {
    let next = await askBackground('getTabState', { tabId: id });
    if (!next) {
      // The background may have restarted and lost its tab state: ask the page to report again.
      await askTab(id, 'rescan', { force: false }).catch(() => undefined);
      next = await askBackground('getTabState', { tabId: id });
    }
    setState(next);
  }

  useEffect(() => {
    resolveTabId()
      .then(async (id) => {
        setTabId(id);
        if (id !== null) await load(id);
      })
      .catch((err) => setError(String(err instanceof Error ? err.message : err)))
      .finally(() => setLoading(false));
  }, []);

  return (
    <PopupView
      state={state}
      loading={loading}
      error={error}
      onSelectEntity={(entityId) => {
        if (tabId === null) return;
        const n = occurrences.get(entityId) ?? 0;
        occurrences.set(entityId, n + 1);
        void askTab(tabId, 'scrollToEntity', { entityId, occurrence: n });
      }}
      onScanAnyway={async () => {
        if (tabId === null) return;
        await askTab(tabId, 'rescan', { force: true }).catch((err) => setError(String(err)));
        await load(tabId);
      }}
      onOpenManager={() => void browser.runtime.openOptionsPage()}
    />
  );
}

render(<App />, document.getElementById('app')!);
