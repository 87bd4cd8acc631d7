// What the hover controller's parts share (lib/content/hover.ts builds it): the page, the card's frame,
// the machine's state and the open card, and the index of painted mentions the pointer is tested against.
import type { ComponentChild } from 'preact';
import { caretFromPoint, hitTest, indexMentions, measureRange, type MentionIndex } from '../card/hit-test';
import type { HoverEvent, HoverState, HoverTarget } from '../card/machine';
import type { CardProps } from '../card/types';
import type { PageClaim } from '../claims/types';
import type { HighlightFactory, HighlightRegistryLike, PaintedMention } from '../highlight/paint';
import type { AskBackground, CardUi } from './types';

export interface HoverDeps {
  doc: Document;
  win: Window & typeof globalThis;
  ask: AskBackground;
  /** the page session's highlight registry (lib/content/session.ts); null without the Highlight API */
  highlights: { registry: HighlightRegistryLike; factory: HighlightFactory } | null;
  /** builds the card's frame in the page (entrypoints/content/card-ui.ts) */
  createCardUi(doc: Document, win: Window): CardUi;
  painted(): readonly PaintedMention[];
  claims(): readonly PageClaim[];
  nameOf(entityId: string): string | undefined;
  /** the user's hover delay (ContentConfig.settings.hoverDelayMs) */
  hoverDelayMs(): number;
  /** the reader said this match is wrong: forget it and repaint without it */
  onSuppressed(mention: PaintedMention['mention']): void;
  /** the reader turned Backstory off on this site: clear the highlights */
  onSiteDisabled(): void;
  /** saves the mention with its context; absent until saving is wired (the Save button is hidden then) */
  save?: (painted: PaintedMention) => Promise<void>;
  /** extra card sections for an entity (live context, discovered names): entrypoints/content/card-section.ts */
  extraSection?: (entityId: string) => ComponentChild;
}

export interface HoverController {
  /** keyboard path: go to the next/previous mention, scroll it into view, open its card and focus it */
  focusMention(direction: 'next' | 'previous'): { found: boolean; index: number; total: number };
  /** briefly highlight a range (the popup's "show on page") */
  flash(range: AbstractRange): void;
  /** claims or mentions changed: re-render an open card */
  refresh(): void;
  /** the current machine state, for tests and diagnostics */
  state(): HoverState;
  destroy(): void;
}

export interface OpenView {
  target: HoverTarget;
  painted: PaintedMention;
  /** the entity shown: the mention's, or a related one the reader clicked through to */
  entityId: string;
  trail: string[];
  actions: NonNullable<CardProps['actions']>;
  via: 'pointer' | 'keyboard';
}

export const keyOf = (p: PaintedMention) => `${p.mention.start}:${p.mention.end}:${p.mention.entityId}`;

/** The mention index, rebuilt when the annotator repaints (it replaces the array). */
export interface MentionIndexCache {
  current(): MentionIndex<PaintedMention['mention']>;
  byKey(key: string): PaintedMention | undefined;
}

export function createMentionIndex(painted: () => readonly PaintedMention[], onRebuild: () => void): MentionIndexCache {
  let indexedFrom: readonly PaintedMention[] | null = null;
  let index: MentionIndex<PaintedMention['mention']> = indexMentions([]);
  const byKey = new Map<string, PaintedMention>();
  return {
    current() {
      const now = painted();
      if (now !== indexedFrom) {
        indexedFrom = now;
        index = indexMentions(now);
        byKey.clear();
        for (const p of now) byKey.set(keyOf(p), p);
        onRebuild();
      }
      return index;
    },
    byKey: (key) => byKey.get(key),
  };
}

export interface HoverSession {
  readonly deps: HoverDeps;
  readonly doc: Document;
  readonly win: Window & typeof globalThis;
  readonly ui: CardUi;
  readonly mentions: MentionIndexCache;
  /** a range reused for measuring */
  readonly scratch: Range;
  state: HoverState;
  view: OpenView | null;
  hoveredKey: string | null;
  lastPointer: { x: number; y: number } | null;
  keyboardIndex: number | null;
  keyboardOpenedAt: number;
  focusBefore: Element | null;
  dispatch(event: HoverEvent): void;
  /** adds a listener removed on destroy */
  listen(target: EventTarget, type: string, fn: (e: Event) => void, options?: AddEventListenerOptions): void;
}

export function rectsOf(s: HoverSession, p: PaintedMention) {
  return Array.from(measureRange(s.scratch, p.range));
}

/** The painted mention under a point, if any. */
export function mentionAt(s: HoverSession, x: number, y: number): PaintedMention | null {
  const idx = s.mentions.current();
  if (!idx.size) return null;
  return hitTest(idx, caretFromPoint(s.doc, x, y), x, y, (range) => Array.from(measureRange(s.scratch, range))) as PaintedMention | null;
}

export function isFocusInCard(s: HoverSession): boolean {
  // focus inside a shadow root shows as the host on the document
  const active = s.doc.activeElement;
  if (!active?.shadowRoot) return false;
  return s.ui.containsNode(active.shadowRoot.activeElement);
}
