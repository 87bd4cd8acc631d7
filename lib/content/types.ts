// Shapes the content-script modules share (annotator, hover, anchoring) and the UI the entrypoint
// hands them: lib/ holds no component, so the modules that mount Preact components
// (entrypoints/content/card-ui.ts, card-section.ts, note-editor-ui.ts) come in through ContentUi.
import type { VirtualElement } from '@floating-ui/dom';
import type { ComponentChild } from 'preact';
import type { CardProps } from '../card/types';
import type { CardTheme } from '../card/theme';
import type { DiscoveredName } from '../discover/types';
import type { BackgroundType, ReqOf, ResOf, ToBackground } from '../messaging/protocol';

export type AskBackground = <K extends BackgroundType>(type: K, payload: ReqOf<ToBackground, K>) => Promise<ResOf<ToBackground, K>>;

export interface ContextLike {
  isValid: boolean;
  onInvalidated(cb: () => void): unknown;
}

export interface ShowOptions {
  theme: CardTheme;
  /** move focus into the card (keyboard path) */
  focus: boolean;
  /** what the live region announces */
  announce: string;
}

export interface CardUi {
  show(anchor: VirtualElement, props: CardProps, options: ShowOptions): void;
  update(props: CardProps): void;
  /** tells screen readers something new about the open card */
  announce(text: string): void;
  hide(): void;
  isOpen(): boolean;
  /** the card's outer element: pointer and focus events for the hover state machine */
  frame(): HTMLElement;
  /** true when an event happened inside the card (events from the shadow root are retargeted to the host) */
  containsEvent(event: Event): boolean;
  containsNode(node: Node | null): boolean;
  destroy(): void;
  /** loads the card's code ahead of need (lib/content/lazy-ui.ts): the pointer rests on a mention */
  prefetch?(): void;
}

export interface CardSectionDeps {
  ask: AskBackground;
  /** the content script's idea of the switch (may be stale: the background decides) */
  liveEnabled(): boolean;
  discovered(key: string): DiscoveredName | undefined;
  /** an answer arrived or a decision changed: re-render the open card */
  onChange(): void;
  /** the reader added or dismissed a discovered name */
  onDecided(key: string, decision: 'promoted' | 'dismissed'): void;
  now?: () => number;
}

export interface CardSections {
  /** the sections for an entity's card, or null when there is nothing to add */
  section(entityId: string): ComponentChild;
}

/**
 * The card's UI, built by entrypoints/card-ui.ts (the only place that imports components) and loaded on
 * first need; the content script holds lazy shells of it (lib/content/lazy-ui.ts).
 */
export interface ContentUi {
  /** `frame`: the card's outer element, made by the shell before the UI loaded (hover.ts listens to it) */
  createCardUi(doc: Document, win: Window, frame?: HTMLElement): CardUi;
  createCardSections(deps: CardSectionDeps): CardSections;
  createNoteEditorUi(doc: Document, win: Window): NoteEditorUi;
  /** loads the UI ahead of need (at idle once a scan found mentions) */
  prefetch?(): void;
}

/** An open note editor or notice over the page. */
export interface EditorPanel {
  close(): void;
}

/** What the note editor edits, and what it does with the reader's changes. */
export interface NoteEditorView {
  quote: string;
  note: string;
  tags: string;
  update(note: string, tags: string[]): Promise<void>;
  /** deletes the passage; resolves to its undo */
  remove(): Promise<() => Promise<void>>;
}

/** Opens the note editor (components/NoteEditor.tsx) next to a passage; `closed` runs once it is gone. */
export interface NoteEditorUi {
  open(view: NoteEditorView, rect: DOMRect | null, closed: () => void): EditorPanel;
  notice(message: string, rect: DOMRect | null, closed: () => void): EditorPanel;
}
