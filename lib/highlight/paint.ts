// Paints mentions with the CSS Custom Highlight API: no element is added to or changed in the page.
import type { EntityType } from '../kb/schema';
import { rangeSpecFor, type TextIndex } from '../detect/extract';
import type { Mention } from '../detect/types';

export const HIGHLIGHT_NAMES: Record<EntityType, string> = {
  model: 'backstory-model',
  org: 'backstory-org',
  person: 'backstory-person',
};

/** The subset of CSS.highlights we use, so tests can pass a fake registry (happy-dom has none). */
export interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  delete(name: string): unknown;
}

export interface HighlightFactory {
  createRange(spec: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }): AbstractRange;
  createHighlight(ranges: AbstractRange[]): unknown;
}

export interface PaintedMention {
  mention: Mention;
  range: AbstractRange;
}

export function browserHighlightSupport(win: Window & typeof globalThis): { registry: HighlightRegistryLike; factory: HighlightFactory } | null {
  const css = (win as unknown as { CSS?: { highlights?: HighlightRegistryLike } }).CSS;
  const HighlightCtor = (win as unknown as { Highlight?: new (...r: AbstractRange[]) => unknown }).Highlight;
  const StaticRangeCtor = (win as unknown as { StaticRange?: new (init: StaticRangeInit) => StaticRange }).StaticRange;
  if (!css?.highlights || !HighlightCtor || !StaticRangeCtor) return null;
  return {
    registry: css.highlights,
    factory: {
      // StaticRange: no live-range bookkeeping cost on every later DOM mutation of the page.
      createRange: (spec) => new StaticRangeCtor(spec),
      createHighlight: (ranges) => new HighlightCtor(...ranges),
    },
  };
}

export function paintMentions(
  index: TextIndex,
  mentions: Mention[],
  registry: HighlightRegistryLike,
  factory: HighlightFactory,
): PaintedMention[] {
  const byType: Record<EntityType, AbstractRange[]> = { model: [], org: [], person: [] };
  const painted: PaintedMention[] = [];
  for (const mention of mentions) {
    const spec = rangeSpecFor(index, mention.start, mention.end);
    if (!spec) continue;
    const range = factory.createRange(spec);
    byType[mention.type].push(range);
    painted.push({ mention, range });
  }
  for (const type of Object.keys(byType) as EntityType[]) {
    if (byType[type].length) registry.set(HIGHLIGHT_NAMES[type], factory.createHighlight(byType[type]));
    else registry.delete(HIGHLIGHT_NAMES[type]);
  }
  return painted;
}

export function clearHighlights(registry: HighlightRegistryLike): void {
  for (const name of Object.values(HIGHLIGHT_NAMES)) registry.delete(name);
}
