// Discovery on the page: after each full scan of an AI page, the background finds the names the
// pack does not know (lib/discover/discover.ts runs there, off the page's main thread) and this
// paints them with the quieter `backstory-discovered` highlight. DOM work only here.
import { extractText, rangeSpecFor } from '../detect/extract';
import type { Mention } from '../detect/types';
import type { HighlightFactory, HighlightRegistryLike, PaintedMention } from '../highlight/paint';
import type { DiscoveredName } from './types';

export const DISCOVERED_HIGHLIGHT = 'backstory-discovered';
export const DISCOVERED_PREFIX = 'discovered:';

export interface DiscoveryUpdate {
  kind: 'full' | 'added' | 'backed-off';
  gated: boolean;
  mentions: Mention[];
  text: string;
}

export interface PageDiscoveryDeps {
  doc: Document;
  win: Window & typeof globalThis;
  /** null where the CSS Custom Highlight API is missing: names are still found and listed, not painted */
  highlight: { registry: HighlightRegistryLike; factory: HighlightFactory } | null;
  /** names the reader dismissed or promoted (keys), and "wrong match" suppressions */
  isDecided(key: string): boolean;
  /** the background's discoverOnPage */
  discover(text: string, mentions: Mention[]): Promise<DiscoveredName[]>;
  /** the painted list changed (hover rebuilds its index) */
  onChange(): void;
}

export interface PageDiscovery {
  run(update: DiscoveryUpdate): Promise<DiscoveredName[]>;
  painted(): PaintedMention[];
  names(): DiscoveredName[];
  /** the reader decided about a name: unpaint it */
  forget(key: string): void;
  clear(): void;
}

function idle(win: Window & typeof globalThis): Promise<void> {
  // Called as a method of the window: Firefox throws "called on an object that does not implement
  // interface Window" when a WebIDL method is called unbound (Chromium tolerates it).
  const w = win as unknown as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number };
  return new Promise((resolve) =>
    typeof w.requestIdleCallback === 'function' ? w.requestIdleCallback(() => resolve(), { timeout: 1000 }) : win.setTimeout(resolve, 50),
  );
}

export function createPageDiscovery(deps: PageDiscoveryDeps): PageDiscovery {
  let painted: PaintedMention[] = [];
  let found: DiscoveredName[] = [];
  let generation = 0;

  function paint() {
    if (!deps.highlight) return;
    const { registry, factory } = deps.highlight;
    if (!painted.length) registry.delete(DISCOVERED_HIGHLIGHT);
    else registry.set(DISCOVERED_HIGHLIGHT, factory.createHighlight(painted.map((p) => p.range)));
  }

  function clear() {
    generation++;
    const had = painted.length > 0;
    painted = [];
    found = [];
    paint();
    if (had) deps.onChange();
  }

  return {
    async run(update) {
      // added content keeps the names of the full scan; a new full scan starts over
      if (update.kind !== 'full') return found;
      if (update.gated) {
        clear();
        return [];
      }
      const gen = ++generation;
      await idle(deps.win);
      if (gen !== generation) return found;
      // the same extraction as the scanner: offsets line up with the mentions when the page did not change
      const index = extractText(deps.doc);
      const mentions = index.text === update.text ? update.mentions : [];
      let names: DiscoveredName[];
      try {
        names = (await deps.discover(index.text, mentions)).filter((n) => !deps.isDecided(n.key));
      } catch {
        return found; // the background is away (extension updating): nothing new to paint
      }
      if (gen !== generation) return found;
      const next: PaintedMention[] = [];
      if (deps.highlight) {
        for (const name of names) {
          for (const span of name.spans) {
            const spec = rangeSpecFor(index, span.start, span.end);
            if (!spec) continue;
            next.push({
              mention: { start: span.start, end: span.end, text: index.text.slice(span.start, span.end), entityId: `${DISCOVERED_PREFIX}${name.key}`, name: name.name, type: name.type },
              range: deps.highlight.factory.createRange(spec),
            });
          }
        }
      }
      painted = next;
      found = names;
      paint();
      deps.onChange();
      return names;
    },
    painted: () => painted,
    names: () => found,
    forget(key) {
      const id = `${DISCOVERED_PREFIX}${key}`;
      found = found.filter((n) => n.key !== key);
      painted = painted.filter((p) => p.mention.entityId !== id);
      paint();
      deps.onChange();
    },
    clear,
  };
}
