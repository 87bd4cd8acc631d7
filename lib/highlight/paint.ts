// Paints mentions with the CSS Custom Highlight API: no element is added to or changed in the page.
// One Highlight per entity type, registered once; ranges are added and removed as the page changes.
import type { EntityType } from '../kb/schema';
import { nodeIndexAt, type DomRangeSpec, type TextIndex } from '../detect/extract';
import type { Mention } from '../detect/types';
import type { HasTime, Steps } from '../detect/schedule';

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
  /** a range from `spec`, which it must not keep (callers reuse one spec object) */
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
  /**
   * Replaces everything painted with `items`, built up out of sight in steps and shown in one swap
   * at the end: nothing is repainted while it fills, and the old highlights stay until then.
   */
  replaceSteps(items: PaintedMention[]): Generator<void, void, void>;
  remove(items: PaintedMention[]): void;
  clear(): void;
  /** ranges currently painted */
  count(): number;
  /** a range from `spec`, which it must not keep (callers reuse one spec object) */
  createRange(spec: DomRangeSpec): AbstractRange;
}

export function browserHighlightSupport(
  win: Window & typeof globalThis,
): { registry: HighlightRegistryLike; factory: HighlightFactory } | null {
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

// Ranges added to a not-yet-shown highlight between yields.
const STAGE_CHUNK = 4000;

export function createHighlightPainter(registry: HighlightRegistryLike, factory: HighlightFactory): Painter {
  let highlights = new Map<EntityType, HighlightLike>();
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
    *replaceSteps(items) {
      const staged = new Map<EntityType, HighlightLike>();
      for (let i = 0; i < items.length; i += STAGE_CHUNK) {
        if (i > 0) yield;
        stageRanges(items, i, Math.min(items.length, i + STAGE_CHUNK), staged, factory);
      }
      // one swap per type: set() replaces a registered highlight of the same name
      for (const [type, h] of staged) registry.set(HIGHLIGHT_NAMES[type], h);
      for (const type of highlights.keys()) if (!staged.has(type)) registry.delete(HIGHLIGHT_NAMES[type]);
      highlights = staged;
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

function stageRanges(
  items: PaintedMention[],
  from: number,
  to: number,
  staged: Map<EntityType, HighlightLike>,
  factory: HighlightFactory,
): void {
  for (let i = from; i < to; i++) {
    const type = items[i].mention.type;
    let h = staged.get(type);
    if (!h) {
      h = factory.createHighlight([]) as HighlightLike;
      staged.set(type, h);
    }
    h.add(items[i].range);
  }
}

/**
 * Ranges for mentions found in `index`, created `chunk` at a time (the generator yields between
 * chunks). `keep` gets each with the index of the text node it starts in.
 */
export function* rangeSteps(
  index: TextIndex,
  mentions: Mention[],
  painter: Painter,
  chunk = 500,
  keep?: (item: PaintedMention, node: number) => boolean,
): Steps<PaintedMention[]> {
  const painted: PaintedMention[] = [];
  const cursor = { node: 0, last: -1 };
  let hasTime: HasTime | undefined;
  for (let i = 0; i < mentions.length; ) {
    // with a slice runner: pieces of 64 while the slice has time
    const piece = hasTime ? Math.min(chunk, 64) : chunk;
    do {
      const to = Math.min(mentions.length, i + piece);
      makeRanges(index, mentions, i, to, painter, keep, painted, cursor);
      i = to;
    } while (i < mentions.length && hasTime?.());
    if (i < mentions.length) hasTime = yield;
  }
  return painted;
}

/**
 * Ranges for mentions[from, to). Mentions come in reading order, so the text node holding each one
 * is found by walking forward from the previous one's (binary search when they do not).
 */
function makeRanges(
  index: TextIndex,
  mentions: Mention[],
  from: number,
  to: number,
  painter: Painter,
  keep: ((item: PaintedMention, node: number) => boolean) | undefined,
  painted: PaintedMention[],
  cursor: { node: number; last: number },
): void {
  const { nodes, starts } = index;
  const last = starts.length - 1;
  if (last < 0) return;
  const spec: DomRangeSpec = { startContainer: nodes[0], startOffset: 0, endContainer: nodes[0], endOffset: 0 };
  let n = cursor.node;
  for (let i = from; i < to; i++) {
    const { start, end } = mentions[i];
    if (end <= start) continue;
    if (start < cursor.last) n = nodeIndexAt(index, start);
    cursor.last = start;
    while (n < last && starts[n + 1] <= start) n++;
    let m = n;
    while (m < last && starts[m + 1] <= end - 1) m++;
    const startNode = nodes[n];
    const endNode = nodes[m];
    const startOffset = start - starts[n];
    const endOffset = end - starts[m];
    // the page may have changed the text since it was read (length: no string is made)
    if (startOffset > startNode.length || endOffset > endNode.length) continue;
    // one init object for all: a range copies what it needs from it
    spec.startContainer = startNode;
    spec.startOffset = startOffset;
    spec.endContainer = endNode;
    spec.endOffset = endOffset;
    const item = { mention: mentions[i], range: painter.createRange(spec) };
    if (!keep || keep(item, n)) painted.push(item);
  }
  cursor.node = n;
}

/** One-shot painting (tests, simple callers): replaces whatever the painter showed. */
export function paintMentions(
  index: TextIndex,
  mentions: Mention[],
  registry: HighlightRegistryLike,
  factory: HighlightFactory,
): PaintedMention[] {
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
