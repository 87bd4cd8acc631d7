// The page text that selectors refer to: every rendered text node under <body>, in document order,
// with "\n" between blocks. Broader than the detector's article text on purpose: a reader may
// save a caption, a sidebar or a comment, not only the article body. The walk is the detector's
// (lib/detect/extract.ts pageTextSteps: same blocks, same breaks) with a broader skip list.
// Passages saved with the older walker of this file (its own block list: NAV, PRE; no break after
// a trailing space) keep anchoring: a TextPosition that no longer matches falls back to the quote.
import { nodeIndexAt, pageTextSteps, type DomRangeSpec, type TextIndex } from '../detect/extract';

export { pageTextSteps };

/** The page text and where each of its text nodes starts (the detector's TextIndex shape). */
export type AnchorText = TextIndex;

export function pageText(doc: Document): AnchorText {
  const steps = pageTextSteps(doc);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const nodeAt = nodeIndexAt;
export type RangeSpec = DomRangeSpec;

/** DOM positions for [start, end) of the text; offsets on an inserted "\n" snap to the nearest node edge. */
export function rangeSpecAt(index: AnchorText, start: number, end: number): RangeSpec | null {
  if (!index.nodes.length || end <= start) return null;
  let a = nodeAt(index, start);
  let startOffset = start - index.starts[a];
  if (startOffset >= index.nodes[a].data.length && a + 1 < index.nodes.length) {
    a += 1;
    startOffset = 0;
  }
  const b = nodeAt(index, end - 1);
  const endOffset = Math.min(end - index.starts[b], index.nodes[b].data.length);
  if (b < a) return null;
  return { startContainer: index.nodes[a], startOffset, endContainer: index.nodes[b], endOffset };
}

/** Offsets in the text of a DOM range (a selection), or null when it covers none of the text. */
export function offsetsOfRange(index: AnchorText, range: Range): { start: number; end: number } | null {
  const at = new Map<Node, number>();
  for (const [i, n] of index.nodes.entries()) at.set(n, i);
  const probe = range.cloneRange();
  const point = (container: Node, offset: number) => {
    probe.setStart(container, offset);
    probe.collapse(true);
    return probe;
  };
  // First node that starts at or after the boundary / last node that starts before it (document order).
  const firstAtOrAfter = (container: Node, offset: number): number => {
    const p = point(container, offset);
    let lo = 0;
    let hi = index.nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p.comparePoint(index.nodes[mid], 0) >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  let start: number;
  const si = at.get(range.startContainer);
  if (si !== undefined) start = index.starts[si] + range.startOffset;
  else {
    const i = firstAtOrAfter(range.startContainer, range.startOffset);
    if (i >= index.nodes.length) return null;
    start = index.starts[i];
  }
  let end: number;
  const ei = at.get(range.endContainer);
  if (ei !== undefined) end = index.starts[ei] + range.endOffset;
  else {
    const i = firstAtOrAfter(range.endContainer, range.endOffset) - 1;
    if (i < 0) return null;
    end = index.starts[i] + index.nodes[i].data.length;
  }
  return end > start ? { start, end } : null;
}
