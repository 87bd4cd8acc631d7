// Paints mentions with the CSS Custom Highlight API: no element is added to or changed in the page.
// One Highlight per entity type, registered once; ranges are added and removed as the page changes.
import type { EntityType } from '../kb/schema';
import { rangeSpecFor, type DomRangeSpec, type TextIndex } from '../detect/extract';
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

/** The subset of a Highlight (a set of ranges) we use. */
export interface HighlightLike {
  add(range: AbstractRange): unknown;
  delete(range: AbstractRange): unknown;
  clear(): void;
  readonly size: number;
}

export interface HighlightFactory {
  createRange(spec: DomRangeSpec): AbstractRange;
  createHighlight(ranges: AbstractRange[]): unknown;
}

export interface PaintedMention {
  mention: Mention;
  range: AbstractRange;
}

/** Paints and unpaints mentions; the CSS Highlight painter and the fallback box painter share it. */
export interface Painter {
  readonly kind: 'highlight-api' | 'boxes';
  add(items: PaintedMention[]): void;
  remove(items: PaintedMention[]): void;
  clear(): void;
  /** ranges currently painted */
  count(): number;
  createRange(spec: DomRangeSpec): AbstractRange;
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

export function createHighlightPainter(registry: HighlightRegistryLike, factory: HighlightFactory): Painter {
  const highlights = new Map<EntityType, HighlightLike>();
  const highlightFor = (type: EntityType): HighlightLike => {
    let h = highlights.get(type);
    if (!h) {
      h = factory.createHighlight([]) as HighlightLike;
      highlights.set(type, h);
      registry.set(HIGHLIGHT_NAMES[type], h);
    }
    return h;
  };
  return {
    kind: 'highlight-api',
    add(items) {
      for (const item of items) highlightFor(item.mention.type).add(item.range);
    },
    remove(items) {
      for (const item of items) highlights.get(item.mention.type)?.delete(item.range);
    },
    clear() {
      for (const [type, h] of highlights) {
        h.clear();
        registry.delete(HIGHLIGHT_NAMES[type]);
      }
      highlights.clear();
    },
    count() {
      let n = 0;
      for (const h of highlights.values()) n += h.size;
      return n;
    },
    createRange: (spec) => factory.createRange(spec),
  };
}

/** Ranges for mentions found in `index`, created `chunk` at a time (the generator yields between chunks). */
export function* rangeSteps(
  index: TextIndex,
  mentions: Mention[],
  painter: Painter,
  chunk = 100,
  keep?: (item: PaintedMention) => boolean,
): Generator<void, PaintedMention[], void> {
  const painted: PaintedMention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    if (i > 0 && i % chunk === 0) yield;
    const spec = rangeSpecFor(index, mentions[i].start, mentions[i].end);
    if (!spec) continue;
    const item = { mention: mentions[i], range: painter.createRange(spec) };
    if (!keep || keep(item)) painted.push(item);
  }
  return painted;
}

/** Adds painted mentions `chunk` at a time (the generator yields between chunks). */
export function* paintSteps(painter: Painter, items: PaintedMention[], chunk = 500): Generator<void, void, void> {
  for (let i = 0; i < items.length; i += chunk) {
    if (i > 0) yield;
    painter.add(items.slice(i, i + chunk));
  }
}

/** One-shot painting (tests, simple callers): replaces whatever the painter showed. */
export function paintMentions(index: TextIndex, mentions: Mention[], registry: HighlightRegistryLike, factory: HighlightFactory): PaintedMention[] {
  const painter = createHighlightPainter(registry, factory);
  for (const name of Object.values(HIGHLIGHT_NAMES)) registry.delete(name);
  const steps = rangeSteps(index, mentions, painter);
  let step = steps.next();
  while (!step.done) step = steps.next();
  painter.add(step.value);
  return step.value;
}

export function clearHighlights(registry: HighlightRegistryLike): void {
  for (const name of Object.values(HIGHLIGHT_NAMES)) registry.delete(name);
}
