// The extension's single UI host: one <backstory-ui> element on documentElement with a shadow root.
// Everything Backstory draws in the page (fallback highlight boxes, hover cards) lives inside it,
// so page CSS cannot reach in and the page's own nodes stay untouched. Created only when needed.
import { HOST_TAG } from '../detect/extract';

export interface UiHost {
  host: HTMLElement;
  shadow: ShadowRoot;
}

const hosts = new WeakMap<Document, UiHost>();

// Neutral, out-of-flow, above the page; children opt back into pointer events.
const HOST_CSS = `:host { all: initial !important; position: absolute !important; top: 0 !important; left: 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483646 !important;
  pointer-events: none !important; display: block !important; }`;

export function getUiHost(doc: Document): UiHost {
  const cached = hosts.get(doc);
  if (cached?.host.isConnected) return cached;
  // A host left by an earlier injection (extension reloaded or updated) is dead: remove it.
  for (const stale of Array.from(doc.documentElement.querySelectorAll(`:scope > ${HOST_TAG}`))) {
    if (stale !== cached?.host) stale.remove();
  }
  if (cached) {
    doc.documentElement.appendChild(cached.host);
    return cached;
  }
  const host = doc.createElement(HOST_TAG) as HTMLElement;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = HOST_CSS;
  shadow.appendChild(style);
  doc.documentElement.appendChild(host);
  const ui = { host, shadow };
  hosts.set(doc, ui);
  return ui;
}

/** Removes the host (extension context invalidated). */
export function removeUiHost(doc: Document): void {
  const cached = hosts.get(doc);
  cached?.host.remove();
  hosts.delete(doc);
}
