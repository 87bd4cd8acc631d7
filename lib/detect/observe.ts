// Watches the page for added or changed text and hands over only those subtrees, in batches.
// Ignores the extension's own nodes, falls back to one full rescan when a batch is huge, notices
// single-page-app navigation, and backs off on pages that never stop changing.
import { HOST_TAG } from './extract';

export interface ObserveOptions {
  doc: Document;
  win: Window & typeof globalThis;
  /** Collects changes for this long after the first one before handing them over (ms). */
  batchMs?: number;
  /** Above this many added nodes in one batch, one full rescan is cheaper than many small ones. */
  maxAddedNodes?: number;
  /**
   * Back off after more than `backoffBatches` batches within `backoffWindowMs` that only rewrote
   * what earlier batches already handed over (a ticker, a clock at 60 fps). Batches that add new
   * content (a live blog, infinite scroll) never count towards backing off.
   */
  backoffBatches?: number;
  backoffWindowMs?: number;
  now?: () => number;
  /** Subtrees (elements, or text nodes' parents) whose text is new or changed; deduplicated. */
  onChanged(roots: Element[]): void;
  /** Nodes removed from the page (their mentions can be dropped). */
  onRemoved?(nodes: Node[]): void;
  onFullRescan(reason: 'many-changes' | 'navigation'): void;
  onBackOff(): void;
}

export interface PageObserver {
  disconnect(): void;
  readonly backedOff: boolean;
  /** Handles pending changes now (tests). */
  flush(): void;
}

function isOwn(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n.nodeType === 1 && (n as Element).tagName.toLowerCase() === HOST_TAG) return true;
  }
  return false;
}

export function observePage(options: ObserveOptions): PageObserver {
  const { doc, win } = options;
  const batchMs = options.batchMs ?? 120;
  const maxAdded = options.maxAddedNodes ?? 1000;
  const backoffBatches = options.backoffBatches ?? 40;
  const backoffWindow = options.backoffWindowMs ?? 15_000;
  const now = options.now ?? (() => performance.now());

  let changed = new Set<Node>();
  let removed: Node[] = [];
  let added = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backedOff = false;
  let stopped = false;
  const churnTimes: number[] = [];
  // elements handed over before: a batch touching only these is a rewrite, not new content
  const handedOver = new WeakSet<Element>();
  let lastUrl = urlKey(win.location.href);

  function urlKey(href: string): string {
    // the fragment alone does not change the article
    const hash = href.indexOf('#');
    return hash < 0 ? href : href.slice(0, hash);
  }

  function checkNavigation(): boolean {
    const key = urlKey(win.location.href);
    if (key === lastUrl) return false;
    lastUrl = key;
    return true;
  }

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    const nodes = changed;
    const gone = removed;
    const count = added;
    changed = new Set();
    removed = [];
    added = 0;

    const roots = dedupe(nodes);
    if (roots.length && roots.every((r) => handedOver.has(r))) {
      const t = now();
      churnTimes.push(t);
      while (churnTimes.length && churnTimes[0] < t - backoffWindow) churnTimes.shift();
      if (churnTimes.length > backoffBatches) {
        backedOff = true;
        disconnect();
        options.onBackOff();
        return;
      }
    }
    for (const r of roots) handedOver.add(r);
    if (gone.length) options.onRemoved?.(gone);
    if (checkNavigation()) {
      options.onFullRescan('navigation');
      return;
    }
    if (count > maxAdded) {
      options.onFullRescan('many-changes');
      return;
    }
    if (roots.length) options.onChanged(roots);
  }

  function dedupe(nodes: Set<Node>): Element[] {
    const elements = new Set<Element>();
    for (const node of nodes) {
      const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
      if (el?.isConnected && !isOwn(el)) elements.add(el);
    }
    // keep only the outermost: drop any element with an ancestor in the set
    const roots: Element[] = [];
    for (const el of elements) {
      let covered = false;
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (elements.has(a)) {
          covered = true;
          break;
        }
      }
      if (!covered) roots.push(el);
    }
    return roots;
  }

  const observer = new win.MutationObserver((records) => {
    for (const record of records) {
      if (isOwn(record.target)) continue;
      if (record.type === 'characterData') {
        changed.add(record.target);
        added++;
        continue;
      }
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType !== 1 && node.nodeType !== 3) continue;
        if (node.nodeType === 1 && (node as Element).tagName.toLowerCase() === HOST_TAG) continue;
        changed.add(node);
        added++;
      }
      for (const node of Array.from(record.removedNodes)) {
        if (node.nodeType === 1 || node.nodeType === 3) removed.push(node);
      }
    }
    if ((changed.size || removed.length) && timer === undefined) timer = setTimeout(flush, batchMs);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });

  // History API navigations that swap no content, and back/forward.
  const onNavigate = () => {
    if (timer === undefined && !stopped) timer = setTimeout(flush, batchMs);
  };
  win.addEventListener('popstate', onNavigate);
  const navigation = (win as unknown as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener?.('currententrychange', onNavigate);

  function disconnect(): void {
    stopped = true;
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    win.removeEventListener('popstate', onNavigate);
    navigation?.removeEventListener?.('currententrychange', onNavigate);
  }

  return {
    disconnect,
    flush,
    get backedOff() {
      return backedOff;
    },
  };
}
