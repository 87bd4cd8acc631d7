// Fallback painter for browsers without the CSS Custom Highlight API: translucent boxes drawn from
// range rectangles inside the extension's shadow-root host. The page's own nodes are never touched.
import type { EntityType } from '../kb/schema';
import type { DomRangeSpec } from '../detect/extract';
import { getUiHost } from './host';
import { boxPaletteCss } from './palette';
import type { PaintedMention, Painter } from './paint';

const BOX_CSS = `
.layer { position: absolute; top: 0; left: 0; width: 0; height: 0; pointer-events: none; }
.box { position: absolute; box-sizing: border-box; border-radius: 2px; pointer-events: none; }
${boxPaletteCss()}
`;

export function createBoxPainter(doc: Document, win: Window): Painter {
  const items = new Set<PaintedMention>();
  let layer: HTMLElement | null = null;
  let frame = 0;
  let listening = false;

  function ensureLayer(): HTMLElement {
    if (layer?.isConnected) return layer;
    const { shadow } = getUiHost(doc);
    const style = doc.createElement('style');
    style.textContent = BOX_CSS;
    layer = doc.createElement('div');
    layer.className = 'layer';
    shadow.append(style, layer);
    return layer;
  }

  function layout(): void {
    frame = 0;
    if (!items.size) {
      layer?.replaceChildren();
      return;
    }
    const target = ensureLayer();
    const fragment = doc.createDocumentFragment();
    const dx = win.scrollX;
    const dy = win.scrollY;
    const live = doc.createRange();
    for (const item of items) {
      const r = item.range;
      if (!r.startContainer.isConnected || !r.endContainer.isConnected) continue;
      try {
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
      } catch {
        continue; // the text changed under the range; the observer will rescan it
      }
      for (const rect of Array.from(live.getClientRects())) {
        if (rect.width < 1 || rect.height < 1) continue;
        const box = doc.createElement('div');
        box.className = `box ${item.mention.type satisfies EntityType}`;
        box.style.cssText = `left:${rect.left + dx}px;top:${rect.top + dy}px;width:${rect.width}px;height:${rect.height}px`;
        fragment.appendChild(box);
      }
    }
    target.replaceChildren(fragment);
  }

  function schedule(): void {
    if (!frame) frame = win.requestAnimationFrame(layout);
  }

  // Inner scroll containers and resizes move text without any DOM change.
  function onScroll(event: Event): void {
    if (event.target !== doc && items.size) schedule();
  }

  function listen(on: boolean): void {
    if (on === listening) return;
    listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    win[method]('resize', schedule, { passive: true } as AddEventListenerOptions);
    doc[method]('scroll', onScroll, { capture: true, passive: true } as AddEventListenerOptions);
  }

  return {
    kind: 'boxes',
    add(list) {
      for (const item of list) items.add(item);
      listen(true);
      schedule();
    },
    // a generator to fit the Painter interface; boxes are laid out in one animation frame, nothing to slice
    // biome-ignore lint/correctness/useYield: the interface's step protocol, with no step to take here
    *replaceSteps(list) {
      items.clear();
      for (const item of list) items.add(item);
      listen(items.size > 0);
      schedule();
    },
    remove(list) {
      for (const item of list) items.delete(item);
      schedule();
    },
    clear() {
      items.clear();
      listen(false);
      if (frame) win.cancelAnimationFrame(frame);
      frame = 0;
      layer?.replaceChildren();
    },
    count: () => items.size,
    // Live ranges: only they can report their rectangles.
    createRange(spec: DomRangeSpec) {
      const range = doc.createRange();
      range.setStart(spec.startContainer, spec.startOffset);
      range.setEnd(spec.endContainer, spec.endOffset);
      return range;
    },
    /** Synchronous layout, for tests. */
    layoutNow: layout,
  } as Painter & { layoutNow(): void };
}
