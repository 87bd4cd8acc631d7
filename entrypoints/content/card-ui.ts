// Mounts the hover card in the page: one frame in the <backstory-ui> shadow root, a live region for
// screen readers, the card's stylesheet, and floating-ui positioning that follows resizes. Wiring (it
// mounts a component), so it lives with the entrypoint; lib/content/hover.ts gets it through its deps.
import { h, render } from 'preact';
import { autoUpdate, type VirtualElement } from '@floating-ui/dom';
import { Card } from '../../components/Card';
import cardCss from '../../lib/card/card.css?inline';
import { cardWidth, positionCard } from '../../lib/card/layout';
import type { CardUi } from '../../lib/content/types';
import { getUiHost } from '../../lib/highlight/host';

export function createCardUi(doc: Document, win: Window, frame?: HTMLElement): CardUi {
  // Built once, detached: nothing is added to the page until a card first shows.
  const style = doc.createElement('style');
  style.textContent = cardCss;
  const root = doc.createElement('div');
  root.className = 'root card-root';
  const frameEl = frame ?? doc.createElement('div');
  frameEl.className = 'frame';
  const live = doc.createElement('div');
  live.className = 'sr-only';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  root.append(frameEl, live);
  const mounted = { root, frame: frameEl, live };
  let open = false;
  let stopAutoUpdate: (() => void) | null = null;
  let positionSeq = 0;
  // a fresh Card per show: no expanded lists carried over from the previous entity
  let showCount = 0;

  /** Puts the card into the shared <backstory-ui> host (again, if the page removed the host). */
  function mount() {
    if (!root.isConnected) getUiHost(doc).shadow.append(style, root);
    return mounted;
  }

  function reposition(anchor: VirtualElement, frame: HTMLElement) {
    const seq = ++positionSeq;
    void positionCard(anchor, frame).then((pos) => {
      if (seq !== positionSeq || !open) return;
      frame.style.transform = `translate(${pos.x}px, ${pos.y}px)`;
      frame.style.setProperty('--card-max-height', `${pos.maxHeight}px`);
      frame.style.opacity = '';
      frame.style.pointerEvents = '';
      frame.dataset.placement = pos.placement;
    });
  }

  const ui: CardUi = {
    show(anchor, props, options) {
      const m = mount();
      stopAutoUpdate?.();
      m.root.dataset.theme = options.theme;
      m.frame.style.setProperty('--card-width', `${cardWidth(win.innerWidth)}px`);
      const wasOpen = open;
      if (!wasOpen) {
        // Until positioned: invisible (no flash in the corner) but still focusable, unlike visibility: hidden.
        m.frame.style.opacity = '0';
        m.frame.style.pointerEvents = 'none';
      }
      showCount++;
      open = true;
      m.frame.classList.add('is-open');
      m.frame.classList.toggle('is-entering', !wasOpen);
      render(h(Card, { ...props, key: `${showCount}:${props.mention.entityId}` }), m.frame);
      // ancestorScroll off: scrolling dismisses the card, so only resizes and layout shifts move it
      stopAutoUpdate = autoUpdate(anchor, m.frame, () => reposition(anchor, m.frame), { ancestorScroll: false, animationFrame: false });
      ui.announce(options.announce);
      if (options.focus) m.frame.querySelector<HTMLElement>('.card')?.focus({ preventScroll: true });
    },
    update(props) {
      if (!open) return;
      render(h(Card, { ...props, key: `${showCount}:${props.mention.entityId}` }), mounted.frame);
    },
    announce(text) {
      // Re-announce even when the text repeats: clear first, then set on a later task.
      live.textContent = '';
      win.setTimeout(() => {
        if (open) live.textContent = text;
      }, 60);
    },
    hide() {
      open = false;
      stopAutoUpdate?.();
      stopAutoUpdate = null;
      positionSeq++;
      render(null, mounted.frame);
      mounted.frame.classList.remove('is-open', 'is-entering');
      mounted.live.textContent = '';
    },
    isOpen: () => open,
    frame: () => frameEl,
    containsEvent(event) {
      return event.composedPath().includes(frameEl);
    },
    containsNode(node) {
      return !!node && frameEl.contains(node);
    },
    destroy() {
      ui.hide();
      root.remove();
      style.remove();
    },
  };
  return ui;
}
