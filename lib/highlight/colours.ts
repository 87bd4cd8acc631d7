// The reader's highlight colours, applied in the page. The palette itself comes with the manifest's
// stylesheet; custom colours are one <style> inside Backstory's own <backstory-ui> element (its light
// DOM, so the rules reach the document's ::highlight() pseudo-elements; the page's nodes stay
// untouched) and one in its shadow root for the fallback boxes.
import type { EntityType } from '../kb/schema';
import { getUiHost } from './host';
import { customHighlightCss } from './palette';

const styles = new WeakMap<Document, { page: HTMLStyleElement; boxes: HTMLStyleElement }>();

export function applyHighlightColours(doc: Document, colours: Partial<Record<EntityType, string>> | undefined): void {
  const css = customHighlightCss(colours);
  let current = styles.get(doc);
  if (!css.page && !current) return; // defaults, and nothing to undo: no host needed
  const { host, shadow } = getUiHost(doc);
  if (!current?.page.isConnected || !current.boxes.isConnected) {
    current = { page: doc.createElement('style'), boxes: doc.createElement('style') };
    current.page.dataset.backstory = 'colours';
    host.appendChild(current.page);
    shadow.appendChild(current.boxes);
    styles.set(doc, current);
  }
  if (current.page.textContent !== css.page) current.page.textContent = css.page;
  if (current.boxes.textContent !== css.boxes) current.boxes.textContent = css.boxes;
}
