// The popup's live-context switch and its list of new names, as one hook so the popup page only
// wires it in. The switch asks for host permissions inside the click (a user gesture).
import { h, type ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DiscoveredList } from '../../components/DiscoveredList';
import { toggleLiveContext } from '../../components/LiveContextSettings';
import type { DiscoveredName } from '../../lib/discover/types';
import { askBackground, askTab } from '../../lib/messaging/client';
import type { Settings } from '../../lib/settings';

export const browserPermissions = {
  request: (origins: string[]) => browser.permissions.request({ origins }),
  remove: (origins: string[]) => browser.permissions.remove({ origins }),
};

export function usePopupLive(tabId: number | null, settings: Settings | null, setSettings: (s: Settings) => void, setError: (m: string) => void) {
  const [names, setNames] = useState<DiscoveredName[]>([]);
  const [decisions, setDecisions] = useState<Record<string, 'promoted' | 'dismissed' | 'busy' | 'failed'>>({});

  useEffect(() => {
    if (tabId === null) return;
    askBackground('getDiscovered', { tabId }).then(setNames, () => undefined);
  }, [tabId]);

  async function decide(name: DiscoveredName, kind: 'promote' | 'dismiss') {
    setDecisions((d) => ({ ...d, [name.key]: 'busy' }));
    try {
      if (kind === 'promote') await askBackground('promoteDiscovered', { name: name.name, type: name.type, role: name.role, org: name.org, orgEntityId: name.orgEntityId });
      else await askBackground('dismissDiscovered', { name: name.name, type: name.type });
      setDecisions((d) => ({ ...d, [name.key]: kind === 'promote' ? 'promoted' : 'dismissed' }));
      if (tabId !== null) await askTab(tabId, 'forgetDiscovered', { key: name.key }).catch(() => undefined);
    } catch (err) {
      setDecisions((d) => ({ ...d, [name.key]: 'failed' }));
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  const discovered: ComponentChild = h(DiscoveredList, {
    names,
    decisions,
    onPromote: (n: DiscoveredName) => void decide(n, 'promote'),
    onDismiss: (n: DiscoveredName) => void decide(n, 'dismiss'),
  });

  return {
    liveContext: settings?.liveContext ?? false,
    onToggleLive: (on: boolean) => {
      if (!settings) return;
      toggleLiveContext(on, settings, askBackground, browserPermissions).then(setSettings, (err: Error) => setError(err.message));
    },
    discovered,
  };
}
