// Discovery on the page: the background finds the names the pack does not know in the text the
// page reports after each full scan of an AI page (lib/discover/discover.ts runs there, off the
// page's main thread; the text goes once, with reportPage), and this paints them over the scan's
// own text index with the quieter `backstory-discovered` highlight. DOM work only here.
import { rangeSpecFor, type TextIndex } from '../detect/extract';
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
  /** the reader asked to scan the page anyway */
  forced?: boolean;
  /** the full scan's text index (`text` is its text when it was not too long to report) */
  index?: TextIndex;
}

export interface PageDiscoveryDeps {
  /** null where the CSS Custom Highlight API is missing: names are still found and listed, not painted */
  highlight: { registry: HighlightRegistryLike; factory: HighlightFactory } | null;
  /** names the reader dismissed or promoted (keys), and "wrong match" suppressions */
  isDecided(key: string): boolean;
  /** the painted list changed (hover rebuilds its index) */
  onChange(): void;
}

export interface PageDiscovery {
  /** whether the report of this update should ask for the names (a full scan of an AI page, with its text) */
  wants(update: DiscoveryUpdate): boolean;
  /**
   * The background's answer to the report of `update`: paints `names` (undefined: the background
   * could not look; the names shown stay). Updates that do not want names clear them or keep them.
   */
  show(update: DiscoveryUpdate, names: DiscoveredName[] | undefined): DiscoveredName[];
  painted(): PaintedMention[];
  names(): DiscoveredName[];
  /** the reader decided about a name: unpaint it */
  forget(key: string): void;
  clear(): void;
}

/**
 * Names the pack lacks are shown only beside ones it knows (or when the reader asked): on a page
 * where it found none, a "new name" is more likely a survey's analyst than someone in AI.
 */
function wants(update: DiscoveryUpdate): boolean {
  return update.kind === 'full' && !update.gated && (update.mentions.length > 0 || !!update.forced) && !!update.text && !!update.index;
}

/** Every span of the names, as ranges over the scan's text (the reported text's offsets). */
function paintedSpans(names: DiscoveredName[], index: TextIndex, factory: HighlightFactory): PaintedMention[] {
  const next: PaintedMention[] = [];
  for (const name of names) {
    for (const span of name.spans) {
      const spec = rangeSpecFor(index, span.start, span.end);
      if (!spec) continue;
      next.push({
        mention: {
          start: span.start,
          end: span.end,
          text: index.text.slice(span.start, span.end),
          entityId: `${DISCOVERED_PREFIX}${name.key}`,
          name: name.name,
          type: name.type,
        },
        range: factory.createRange(spec),
      });
    }
  }
  return next;
}

export function createPageDiscovery(deps: PageDiscoveryDeps): PageDiscovery {
  let painted: PaintedMention[] = [];
  let found: DiscoveredName[] = [];

  function paint() {
    if (!deps.highlight) return;
    const { registry, factory } = deps.highlight;
    if (!painted.length) registry.delete(DISCOVERED_HIGHLIGHT);
    else registry.set(DISCOVERED_HIGHLIGHT, factory.createHighlight(painted.map((p) => p.range)));
  }

  function clear() {
    const had = painted.length > 0;
    painted = [];
    found = [];
    paint();
    if (had) deps.onChange();
  }

  return {
    wants,
    show(update, names) {
      // added content keeps the names of the full scan; a new full scan starts over
      if (update.kind !== 'full') return found;
      if (!wants(update)) {
        clear();
        return [];
      }
      if (!names) return found; // the background is away (extension updating): nothing new to paint
      found = names.filter((n) => !deps.isDecided(n.key));
      painted = deps.highlight ? paintedSpans(found, update.index!, deps.highlight.factory) : [];
      paint();
      deps.onChange();
      return found;
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
