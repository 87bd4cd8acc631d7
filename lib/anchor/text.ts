// The page text that selectors refer to: every rendered text node under <body>, in document order,
// with "\n" between blocks. Broader than the detector's article text on purpose: a reader may
// save a caption, a sidebar or a comment, not only the article body.
import { nodeIndexAt, type DomRangeSpec } from '../detect/extract';
import type { HasTime, Steps } from '../detect/schedule';

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'HEAD', 'TITLE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'CANVAS', 'BACKSTORY-UI']);
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TD', 'TH', 'TR', 'UL', 'CAPTION', 'SUMMARY', 'DETAILS',
]);

export interface AnchorText {
  text: string;
  nodes: Text[];
  /** starts[i]: offset of nodes[i] in `text` */
  starts: number[];
}

export function pageText(doc: Document): AnchorText {
  const steps = pageTextSteps(doc);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** pageText in steps, for a slice runner (lib/detect/schedule.ts): a long page never blocks the main thread. */
export function* pageTextSteps(doc: Document): Steps<AnchorText> {
  const root = doc.body ?? doc.documentElement;
  const nodes: Text[] = [];
  const starts: number[] = [];
  const chunks: string[] = [];
  let length = 0;
  let pendingBreak = false;
  const walker = doc.createTreeWalker(root, 0x1 | 0x4, {
    acceptNode(node: Node) {
      if (node.nodeType === 1) {
        const tag = (node as Element).tagName.toUpperCase();
        if (BLOCKS.has(tag)) pendingBreak = true;
        if (SKIP.has(tag) || (node as Element).hasAttribute('hidden')) return 2; // REJECT
        return 3; // SKIP: descend
      }
      return 1;
    },
  });
  let sinceCheck = 0;
  let hasTime: HasTime | undefined;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // every 64 nodes: go on while the slice has time (driven by hand, a step is 64 nodes). The walker
    // follows changes the page makes in between; a passage whose nodes changed is found on a re-check.
    if (++sinceCheck === 64) {
      sinceCheck = 0;
      if (!hasTime?.()) hasTime = yield;
    }
    const data = (node as Text).data;
    if (!data) continue;
    if (pendingBreak && length > 0 && !/\s$/.test(chunks[chunks.length - 1])) {
      chunks.push('\n');
      length += 1;
    }
    pendingBreak = false;
    nodes.push(node as Text);
    starts.push(length);
    chunks.push(data);
    length += data.length;
  }
  return { text: chunks.join(''), nodes, starts };
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
  index.nodes.forEach((n, i) => at.set(n, i));
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
