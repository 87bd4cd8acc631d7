// Which painted mention is under the pointer? Custom highlights have no events
// (w3c/csswg-drafts#7647), so we ask the browser for the caret position under the point,
// look up the mentions indexed by that text node, and confirm with the mention's rectangles
// (the caret lookup snaps to the nearest text even when the pointer is in a margin).

export interface RangeLike {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

export interface Hittable<M> {
  mention: M;
  range: RangeLike;
}

export interface CaretPoint {
  node: Node;
  offset: number;
}

export interface RectLike {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Pointer tolerance in CSS px around a mention's rectangles (sub-pixel gaps between lines and glyphs). */
export const HIT_SLOP = 1;

export interface MentionIndex<M> {
  /** mentions touching a text node, in document order */
  byNode: Map<Node, Hittable<M>[]>;
  size: number;
}

/** Indexes mentions by every text node they touch, so a lookup costs one Map get. */
export function indexMentions<M>(items: readonly Hittable<M>[]): MentionIndex<M> {
  const byNode = new Map<Node, Hittable<M>[]>();
  const add = (node: Node, item: Hittable<M>) => {
    const list = byNode.get(node);
    if (list) list.push(item);
    else byNode.set(node, [item]);
  };
  for (const item of items) {
    const { startContainer, endContainer } = item.range;
    add(startContainer, item);
    if (endContainer === startContainer) continue;
    // A mention split across elements ("DeepSeek <b>R1</b>"): index the text nodes in between too.
    const doc = startContainer.ownerDocument;
    const root = commonAncestor(startContainer, endContainer);
    if (!doc || !root) {
      add(endContainer, item);
      continue;
    }
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    walker.currentNode = startContainer;
    let node = walker.nextNode();
    let guard = 0;
    while (node && guard++ < 64) {
      add(node, item);
      if (node === endContainer) break;
      node = walker.nextNode();
    }
  }
  return { byNode, size: items.length };
}

function commonAncestor(a: Node, b: Node): Node | null {
  const seen = new Set<Node>();
  for (let n: Node | null = a; n; n = n.parentNode) seen.add(n);
  for (let n: Node | null = b; n; n = n.parentNode) if (seen.has(n)) return n;
  return null;
}

/** The caret under a viewport point, with either browser API (Firefox and Chrome 128+: caretPositionFromPoint). */
export function caretFromPoint(doc: Document, x: number, y: number): CaretPoint | null {
  const withPosition = doc as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    const pos = withPosition.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  const withRange = doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null };
  if (typeof withRange.caretRangeFromPoint === 'function') {
    const range = withRange.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

export function pointInRects(x: number, y: number, rects: Iterable<RectLike>, slop = HIT_SLOP): boolean {
  for (const r of rects) {
    if (x >= r.left - slop && x <= r.right + slop && y >= r.top - slop && y <= r.bottom + slop) return true;
  }
  return false;
}

/**
 * The mention under (x, y), or null. `rectsOf` measures a mention's client rectangles
 * (in the page: a live Range's getClientRects; in tests: fixed boxes).
 */
export function hitTest<M>(
  index: MentionIndex<M>,
  caret: CaretPoint | null,
  x: number,
  y: number,
  rectsOf: (range: RangeLike) => Iterable<RectLike>,
): Hittable<M> | null {
  if (!caret || !index.size) return null;
  const candidates = index.byNode.get(caret.node);
  if (!candidates) return null;
  for (const item of candidates) {
    // Cheap filter first: the caret must fall within (or at the edge of) the mention in this node.
    const { startContainer, startOffset, endContainer, endOffset } = item.range;
    if (caret.node === startContainer && caret.offset < startOffset) continue;
    if (caret.node === endContainer && caret.offset > endOffset) continue;
    if (pointInRects(x, y, rectsOf(item.range))) return item;
  }
  return null;
}

/** Client rectangles of any range-like object, through a reusable live Range (StaticRange has no geometry). */
export function measureRange(scratch: Range, range: RangeLike): DOMRectList | RectLike[] {
  try {
    scratch.setStart(range.startContainer, range.startOffset);
    scratch.setEnd(range.endContainer, range.endOffset);
    return scratch.getClientRects();
  } catch {
    // the page removed or shortened the text since it was painted
    return [];
  }
}
