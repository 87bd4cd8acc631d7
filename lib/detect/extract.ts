// Visible article text as one joined string, mapped back to the DOM text nodes it came from.
// Works with any DOM (Chromium, happy-dom, linkedom): it takes the document as a parameter.
import type { Steps } from './schedule';

/** The extension's own UI host; never scanned. */
export const HOST_TAG = 'backstory-ui';

const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'SVG',
  'MATH',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'VIDEO',
  'AUDIO',
  'NAV',
  'MENU',
  'HEAD',
  'TITLE',
  'FORM',
  'DIALOG',
  HOST_TAG.toUpperCase(),
]);
// header/footer/aside are page chrome when outside the article; inside an <article> they are part of it.
const CHROME_TAGS = new Set(['HEADER', 'FOOTER', 'ASIDE']);
const SKIP_ROLES = new Set([
  'navigation',
  'menu',
  'menubar',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'toolbar',
  'button',
  'tablist',
  'dialog',
  'alert',
]);
const CHROME_CLASS =
  /(^|[\s_-])(share|sharing|social|nav|navbar|menu|breadcrumbs?|cookie|newsletter|subscribe|comments?|related|promo|advert|ads?|sidebar|footer|header)([\s_-]|$)/i;

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
  'CAPTION',
  'SUMMARY',
  'DETAILS',
]);

export interface TextIndex {
  /** Joined text; block boundaries become "\n". */
  text: string;
  /** Text nodes in document order. */
  nodes: Text[];
  /** starts[i] = offset in `text` where nodes[i] begins. */
  starts: number[];
  /** parents[i] = the element holding nodes[i], when the walk recorded it */
  parents?: Element[];
}

export interface ExtractOptions {
  /** Scan only inside this root (default: the article body, or the document body). */
  root?: Element;
  /** Skip elements hidden by CSS (needs layout; off in DOMs without getComputedStyle). */
  checkVisibility?: boolean;
}

/** Picks the element that holds the article: <article>, <main>, schema.org Article, or the densest text block. */
export function findArticleRoot(doc: Document): Element {
  const body = doc.body ?? doc.documentElement;
  const articles = Array.from(doc.querySelectorAll('article, [itemtype*="Article" i], [role="main"], main'));
  // Sizes by paragraph count, not textContent: on a 2 MB page that would copy megabytes of text
  // (and feed the garbage collector) just to compare two numbers.
  const bodyParagraphs = body.getElementsByTagName('p').length;
  let best: Element | null = null;
  let bestSize = 0;
  for (const el of articles) {
    if (el.closest(HOST_TAG)) continue;
    const paragraphs = el.getElementsByTagName('p').length;
    // few paragraphs: measure the text itself (small by definition)
    const size = paragraphs >= 5 ? paragraphs * 200 : (el.textContent ?? '').length;
    if (size > bestSize) {
      best = el;
      bestSize = size;
    }
  }
  // An <article> that holds under a quarter of the page's paragraphs is often a teaser card; look further.
  if (best && bestSize >= 500 && best.getElementsByTagName('p').length >= bodyParagraphs * 0.25) return best;
  return densestBlock(body) ?? body;
}

/**
 * Text-density fallback for pages without article markup: the deepest element holding at least
 * 80% of the page's paragraph text (and at least 1,000 characters of it), else null.
 */
function densestBlock(body: Element): Element | null {
  const paragraphs = body.querySelectorAll('p');
  if (paragraphs.length < 3) return null;
  const totals = new Map<Element, number>();
  let all = 0;
  for (const p of Array.from(paragraphs)) {
    const length = (p.textContent ?? '').length;
    if (length < 40) continue;
    all += length;
    for (let el = p.parentElement; el && el !== body; el = el.parentElement) totals.set(el, (totals.get(el) ?? 0) + length);
  }
  if (all < 1000) return null;
  let pick: Element | null = null;
  let pickDepth = -1;
  for (const [el, total] of totals) {
    if (total < all * 0.8) continue;
    let depth = 0;
    for (let a = el.parentElement; a; a = a.parentElement) depth++;
    if (depth > pickDepth) {
      pick = el;
      pickDepth = depth;
    }
  }
  return pick;
}

const HIDDEN_STYLE = /(display\s*:\s*none|visibility\s*:\s*hidden)/i;

// The page text that saved passages refer to (lib/anchor/text.ts) is broader than the article: a
// reader may save a caption, a sidebar or a comment. Only what is never rendered text is left out.
const PAGE_SKIP_NAMES = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'head',
  'title',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  HOST_TAG,
]);

/** The page walk's skip test: elements that hold no rendered text, and `hidden` ones. */
function isSkippedOnPage(el: Element): boolean {
  return PAGE_SKIP_NAMES.has(el.localName) || el.hasAttribute('hidden');
}

// The same sets by localName (lower case, no string made per element): the walk's hot path.
const SKIP_NAMES = new Set([...SKIP_TAGS].map((t) => t.toLowerCase()));
const CHROME_NAMES = new Set([...CHROME_TAGS].map((t) => t.toLowerCase()));
const BLOCK_NAMES = new Set([...BLOCK_TAGS].map((t) => t.toLowerCase()));

export function isSkippedElement(el: Element, insideArticle: boolean, checkVisibility = false): boolean {
  const name = el.localName;
  if (SKIP_NAMES.has(name)) return true;
  // header/footer/aside are chrome unless they belong to an article (its byline, its tags)
  if (!insideArticle && CHROME_NAMES.has(name) && !el.parentElement?.closest('article, main, [role="main"]')) return true;
  // most inline elements carry no attributes at all
  if (!el.hasAttributes()) return checkVisibility && isHiddenByStyle(el);
  // One call for the names, then a read of only those present (a link has an href and nothing
  // asked about here): in a content script's world every DOM read is a binding call. The checks
  // are independent (any one skips the element), so their order does not matter.
  const names = el.getAttributeNames();
  for (let i = 0; i < names.length; i++) {
    switch (names[i]) {
      case 'hidden':
        return true;
      case 'aria-hidden':
        if (el.getAttribute('aria-hidden') === 'true') return true;
        break;
      case 'contenteditable':
        if (el.getAttribute('contenteditable') !== 'false') return true;
        break;
      case 'role': {
        const role = el.getAttribute('role');
        if (role && (SKIP_ROLES.has(role) || role === 'textbox')) return true;
        break;
      }
      case 'class': {
        const cls = el.getAttribute('class');
        if (cls && cls.length < 200 && CHROME_CLASS.test(cls) && !/article|story|content|body/i.test(cls)) return true;
        break;
      }
      case 'style': {
        const style = el.getAttribute('style');
        if (style && HIDDEN_STYLE.test(style)) return true;
        break;
      }
    }
  }
  return checkVisibility && isHiddenByStyle(el);
}

function isHiddenByStyle(el: Element): boolean {
  const computed = el.ownerDocument.defaultView?.getComputedStyle?.(el);
  return !!computed && (computed.display === 'none' || computed.visibility === 'hidden');
}

function isArticleElement(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  return tag === 'ARTICLE' || tag === 'MAIN' || el.getAttribute('role') === 'main' || /Article/i.test(el.getAttribute('itemtype') ?? '');
}

/**
 * Whether a node added later should be scanned: not inside the extension's host, an editable
 * region, a skipped element or page chrome. Returns the insideArticle flag to scan it with, or null.
 */
export function scanContextOf(node: Node): { insideArticle: boolean } | null {
  const chain: Element[] = [];
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) chain.push(el);
  if (!chain.length || !node.isConnected) return null;
  const insideArticle = chain.some(isArticleElement);
  // the node itself (an added element may be chrome) and its ancestors
  for (let i = 0; i < chain.length; i++) {
    const tag = chain[i].tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML') break;
    if (isSkippedElement(chain[i], insideArticle)) return null;
  }
  return { insideArticle };
}

export function extractText(doc: Document, options: ExtractOptions = {}): TextIndex {
  const root = options.root ?? findArticleRoot(doc);
  return extractFrom(root, options.checkVisibility ?? false);
}

export function extractFrom(root: Element, checkVisibility = false, insideArticle?: boolean): TextIndex {
  const steps = extractSteps(root, checkVisibility, insideArticle);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

// Nodes read per step when driven by hand, and per piece when a slice runner says how much time is left.
const NODES_PER_STEP = 512;
const NODES_PER_PIECE = 64;

/**
 * The same walk as extractFrom(), yielding every few hundred nodes so a scheduler can slice it.
 *
 * A plain walk over firstChild/nextSibling: no filter callback per node (the costly part of a
 * filtered TreeWalker), and leaving a block is seen too, so "<p>A</p>B" reads "A\nB". The
 * elements above the current node are kept on a stack, so climbing back up and knowing each
 * text's parent cost no DOM reads (in a content script's world every read goes through a lookup).
 */
export function extractSteps(root: Element, checkVisibility = false, insideArticle?: boolean): Steps<TextIndex> {
  return walkSteps(root, false, checkVisibility, insideArticle);
}

/**
 * The same walk over all of the page's rendered text under <body> (not only the article; chrome
 * included), with the same blocks and breaks: the text saved passages are anchored in.
 */
export function pageTextSteps(doc: Document): Steps<TextIndex> {
  return walkSteps(doc.body ?? doc.documentElement, true);
}

function* walkSteps(root: Element, page: boolean, checkVisibility = false, insideArticle?: boolean): Steps<TextIndex> {
  const rootName = root.localName;
  const walk: Walk = {
    root,
    page,
    inArticle: insideArticle ?? (rootName !== 'body' && rootName !== 'html'),
    checkVisibility,
    node: root.firstChild,
    parent: root,
    above: [],
    pendingBreak: false,
    nodes: [],
    starts: [],
    parents: [],
    parts: [],
    length: 0,
  };
  let hasTime = yield;
  for (;;) {
    const piece = hasTime ? NODES_PER_PIECE : NODES_PER_STEP;
    do walkSome(walk, piece);
    while (walk.node && hasTime?.());
    if (!walk.node) break;
    hasTime = yield;
  }
  return {
    text: walk.parts.length === 1 ? walk.parts[0] : walk.parts.join(''),
    nodes: walk.nodes,
    starts: walk.starts,
    parents: walk.parents,
  };
}

interface Walk {
  root: Element;
  /** the page walk (isSkippedOnPage), else the article walk (isSkippedElement) */
  page: boolean;
  inArticle: boolean;
  checkVisibility: boolean;
  /** the next node to read (null: done), its parent, and the elements above that parent */
  node: Node | null;
  parent: Element;
  above: Element[];
  pendingBreak: boolean;
  nodes: Text[];
  starts: number[];
  parents: Element[];
  /** the text, joined step by step (one join of a hundred thousand pieces at the end would be one long task) */
  parts: string[];
  length: number;
}

/** Reads up to `max` nodes. */
function walkSome(walk: Walk, max: number): void {
  const { root, nodes, starts, parents, above, inArticle, checkVisibility, page } = walk;
  const pieces: string[] = [];
  let { node, parent, length, pendingBreak } = walk;
  outer: for (let n = 0; node && n < max; n++) {
    const type = node.nodeType;
    if (type === 3) {
      const value = (node as Text).data;
      if (value) {
        if (pendingBreak && length > 0) {
          pieces.push('\n');
          length += 1;
        }
        pendingBreak = false;
        nodes.push(node as Text);
        starts.push(length);
        parents.push(parent);
        pieces.push(value);
        length += value.length;
      }
    } else if (type === 1 && !(page ? isSkippedOnPage(node as Element) : isSkippedElement(node as Element, inArticle, checkVisibility))) {
      if (BLOCK_NAMES.has((node as Element).localName)) pendingBreak = true;
      const first: Node | null = node.firstChild;
      if (first) {
        above.push(parent);
        parent = node as Element;
        node = first;
        continue;
      }
    }
    let next: Node | null;
    while (!(next = node.nextSibling)) {
      // climbing out of `parent`
      if (parent === root) {
        node = null;
        break outer;
      }
      if (BLOCK_NAMES.has(parent.localName)) pendingBreak = true;
      node = parent;
      parent = above.pop()!;
    }
    node = next;
  }
  if (pieces.length) walk.parts.push(pieces.join(''));
  walk.node = node;
  walk.parent = parent;
  walk.length = length;
  walk.pendingBreak = pendingBreak;
}

/** Index of the text node holding offset `offset` (binary search over starts). */
export function nodeIndexAt(index: TextIndex, offset: number): number {
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface DomRangeSpec {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
}

/** Maps [start, end) in the joined text back to DOM positions. */
export function rangeSpecFor(index: TextIndex, start: number, end: number): DomRangeSpec | null {
  if (!index.nodes.length || end <= start) return null;
  const a = nodeIndexAt(index, start);
  const b = nodeIndexAt(index, end - 1);
  const startNode = index.nodes[a];
  const endNode = index.nodes[b];
  const startOffset = start - index.starts[a];
  const endOffset = end - index.starts[b];
  if (startOffset > startNode.data.length || endOffset > endNode.data.length) return null;
  return { startContainer: startNode, startOffset, endContainer: endNode, endOffset };
}

const DATE_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="date"]',
  'meta[name="publish-date"]',
  'meta[name="pubdate"]',
  'meta[name="DC.date.issued"]',
  'meta[property="og:published_time"]',
];

function isoDay(value: string | null | undefined): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value ?? '');
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 1900 || year > 2100) return undefined;
  return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
}

/**
 * When the page was published (YYYY-MM[-DD]), from its metadata: article:published_time and
 * similar meta tags, JSON-LD datePublished, else the first <time datetime> in the article.
 * Names mean different things in different years ("Twitter" in 2016, "Thinking Machines" in 1989).
 */
export function pageDate(doc: Document, root?: Element): string | undefined {
  for (const selector of DATE_META) {
    const meta = doc.querySelector(selector);
    // some sites write the date in a `value` attribute
    const day = isoDay(meta?.getAttribute('content') ?? meta?.getAttribute('value'));
    if (day) return day;
  }
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).slice(0, 10)) {
    const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(script.textContent ?? '');
    const day = isoDay(m?.[1]);
    if (day) return day;
  }
  const time = (root ?? findArticleRoot(doc)).querySelector('time[datetime]') ?? doc.querySelector('time[datetime]');
  return isoDay(time?.getAttribute('datetime'));
}
