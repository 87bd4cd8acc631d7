// The card UI (Preact, floating-ui, the Card components, their CSS, the note editor) is half of what a
// page would load, and most pages never open a card: the content script holds these shells instead,
// which look like the real UI to hover.ts and anchoring.ts and load it (entrypoints/card-ui.ts) on
// first need, or earlier at idle (`prefetch`). A page the extension may not script keeps its
// highlights; its card just does not open (no error).
import type { VirtualElement } from '@floating-ui/dom';
import type { CardProps } from '../card/types';
import type { CardSectionDeps, CardSections, CardUi, ContentUi, EditorPanel, NoteEditorUi, ShowOptions } from './types';

/** Where entrypoints/card-ui.ts leaves the UI, in the content script's isolated world. */
export const CARD_UI_GLOBAL = '__backstoryCardUi';

export interface UiLoader {
  /** the UI once loaded, else null */
  current(): ContentUi | null;
  /** loads it (once; again after a failure); resolves to null when it cannot be loaded */
  get(): Promise<ContentUi | null>;
}

export function createUiLoader(load: () => Promise<ContentUi>): UiLoader {
  let loaded: ContentUi | null = null;
  let loading: Promise<ContentUi | null> | null = null;
  return {
    current: () => loaded,
    get() {
      loading ??= load().then(
        (ui) => (loaded = ui),
        () => {
          loading = null; // a later need may try again (the background was restarting)
          return null;
        },
      );
      return loading;
    },
  };
}

/** What the annotator gets: the shells, and a way to load the real UI ahead of need. */
export function lazyContentUi(loader: UiLoader): ContentUi {
  return {
    createCardUi: (doc, win) => lazyCardUi(loader, doc, win),
    createCardSections: (deps) => lazySections(loader, deps),
    createNoteEditorUi: (doc, win) => lazyNoteEditor(loader, doc, win),
    prefetch: () => void loader.get(),
  };
}

/**
 * The card's frame exists from the start (hover.ts listens to it), empty and detached; the real UI
 * adopts it. A show before the UI is loaded waits for it, keeping the latest props and announcement.
 */
function lazyCardUi(loader: UiLoader, doc: Document, win: Window): CardUi {
  const frame = doc.createElement('div');
  frame.className = 'frame';
  let real: CardUi | null = null;
  let pending: { anchor: VirtualElement; props: CardProps; options: ShowOptions } | null = null;
  let destroyed = false;

  const adopt = (ui: ContentUi) => (real ??= ui.createCardUi(doc, win, frame));

  const shell: CardUi = {
    show(anchor, props, options) {
      const ui = loader.current();
      if (ui) {
        pending = null;
        adopt(ui).show(anchor, props, options);
        return;
      }
      pending = { anchor, props, options };
      void loader.get().then((loaded) => {
        const wanted = pending;
        pending = null;
        if (!loaded || destroyed || !wanted) return; // could not load, or closed meanwhile
        adopt(loaded).show(wanted.anchor, wanted.props, wanted.options);
      });
    },
    update(props) {
      if (real) real.update(props);
      else if (pending) pending.props = props;
    },
    announce(text) {
      if (real) real.announce(text);
      else if (pending) pending.options = { ...pending.options, announce: text };
    },
    hide() {
      pending = null;
      real?.hide();
    },
    // a card waiting for its UI counts as open: the hover code keeps updating it
    isOpen: () => (real?.isOpen() ?? false) || pending !== null,
    frame: () => frame,
    containsEvent: (event) => event.composedPath().includes(frame),
    containsNode: (node) => !!node && frame.contains(node),
    destroy() {
      destroyed = true;
      pending = null;
      real?.destroy();
    },
    prefetch: () => void loader.get(),
  };
  return shell;
}

/** No extra sections until the UI is there; once it is, the open card is re-rendered with them. */
function lazySections(loader: UiLoader, deps: CardSectionDeps): CardSections {
  let real: CardSections | null = null;
  return {
    section(entityId) {
      const ui = loader.current();
      if (!ui) {
        void loader.get().then((loaded) => loaded && deps.onChange());
        return null;
      }
      real ??= ui.createCardSections(deps);
      return real.section(entityId);
    },
  };
}

/** The editor or notice opens once the UI is loaded, unless closed before; `closed` runs either way. */
function lazyNoteEditor(loader: UiLoader, doc: Document, win: Window): NoteEditorUi {
  let real: NoteEditorUi | null = null;
  function later(openReal: (ui: NoteEditorUi) => EditorPanel, closed: () => void): EditorPanel {
    const ui = loader.current();
    if (ui) return openReal((real ??= ui.createNoteEditorUi(doc, win)));
    let panel: EditorPanel | null = null;
    let done = false;
    void loader.get().then((loaded) => {
      if (done) return;
      if (!loaded) {
        done = true;
        closed();
        return;
      }
      panel = openReal((real ??= loaded.createNoteEditorUi(doc, win)));
    });
    return {
      close() {
        if (panel) return panel.close();
        if (done) return;
        done = true;
        closed();
      },
    };
  }
  return {
    open: (view, rect, closed) => later((ui) => ui.open(view, rect, closed), closed),
    notice: (message, rect, closed) => later((ui) => ui.notice(message, rect, closed), closed),
  };
}
