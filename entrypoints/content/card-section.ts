// The card's extra sections, content-script side: the live section for any entity, and for a name
// found on the page what the article says and the add/dismiss choice. Asks the background (which
// alone may fetch) and re-renders the open card as answers arrive.
import { Fragment, h } from 'preact';
import { DiscoveredSection, type DecisionState } from '../../components/DiscoveredSection';
import { LiveContext, type LiveSectionState } from '../../components/LiveContext';
import type { DiscoveredName } from '../../lib/discover/types';
import { DISCOVERED_PREFIX } from '../../lib/discover/page';
import type { CardSectionDeps, CardSections } from '../../lib/content/types';

export type { CardSectionDeps, CardSections };

/** "off" and failures are asked again after this long (the reader may have turned live context on). */
const RECHECK_MS = 20_000;

export function createCardSections(deps: CardSectionDeps): CardSections {
  const now = deps.now ?? Date.now;
  const live = new Map<string, { state: LiveSectionState; at: number }>();
  const decisions = new Map<string, { state: DecisionState; error?: string; name: DiscoveredName }>();

  function load(entityId: string) {
    const known = live.get(entityId);
    const settled = known && known.state.status !== 'loading';
    const recheck = settled && (known.state.status === 'off' || known.state.status === 'unavailable') && now() - known.at > RECHECK_MS;
    if (known && !recheck) return;
    live.set(entityId, { state: { status: 'loading' }, at: now() });
    deps
      .ask('getLiveContext', { entityId })
      .then(
        (state) => live.set(entityId, { state, at: now() }),
        (err: unknown) =>
          live.set(entityId, { state: { status: 'unavailable', error: err instanceof Error ? err.message : String(err) }, at: now() }),
      )
      .finally(() => deps.onChange());
  }

  async function decide(name: DiscoveredName, kind: 'promote' | 'dismiss') {
    decisions.set(name.key, { state: kind === 'promote' ? 'promoting' : 'dismissing', name });
    deps.onChange();
    try {
      if (kind === 'promote') {
        await deps.ask('promoteDiscovered', {
          name: name.name,
          type: name.type,
          role: name.role,
          org: name.org,
          orgEntityId: name.orgEntityId,
        });
      } else {
        await deps.ask('dismissDiscovered', { name: name.name, type: name.type });
      }
      const done = kind === 'promote' ? 'promoted' : 'dismissed';
      decisions.set(name.key, { state: done, name });
      deps.onDecided(name.key, done);
    } catch (err) {
      decisions.set(name.key, { state: 'failed', error: err instanceof Error ? err.message : String(err), name });
    }
    deps.onChange();
  }

  return {
    section(entityId) {
      load(entityId);
      const entry = live.get(entityId)!;
      // while the switch is believed off, a card shows no loading placeholder for a section that will not come
      const state = entry.state.status === 'loading' && !deps.liveEnabled() ? null : entry.state;
      const liveNode = state
        ? h(LiveContext, {
            state,
            onRetry: () => {
              live.delete(entityId);
              load(entityId);
              deps.onChange();
            },
          })
        : null;
      if (!entityId.startsWith(DISCOVERED_PREFIX)) return liveNode;
      const key = entityId.slice(DISCOVERED_PREFIX.length);
      const decision = decisions.get(key);
      // once decided, the name leaves the page's list but its open card keeps saying what happened
      const name = deps.discovered(key) ?? decision?.name;
      if (!name) return liveNode;
      return h(
        Fragment,
        null,
        h(DiscoveredSection, {
          name,
          decision: decision?.state,
          error: decision?.error,
          onPromote: () => void decide(name, 'promote'),
          onDismiss: () => void decide(name, 'dismiss'),
        }),
        liveNode,
      );
    },
  };
}
