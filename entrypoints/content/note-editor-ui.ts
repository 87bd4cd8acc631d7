// Mounts the note editor (components/NoteEditor.tsx) in Backstory's shadow root, next to the passage
// it edits, with its stylesheet (lib/card/note-editor.css). Page text only reaches it as props.
import { h, render, type ComponentChild } from 'preact';
import { NoteEditor, SaveNotice, type PanelPosition } from '../../components/NoteEditor';
import editorCss from '../../lib/card/note-editor.css?inline';
import type { EditorPanel, NoteEditorUi } from '../../lib/content/types';
import { getUiHost } from '../../lib/highlight/host';

const WIDTH = 320;
/** room the editor needs below the passage before it opens above it instead */
const HEIGHT = 260;

/** Fixed position: below the passage when there is room, above it otherwise. */
export function editorPosition(rect: DOMRect | null, win: { innerWidth: number; innerHeight: number }): PanelPosition {
  const width = Math.min(WIDTH, win.innerWidth - 16);
  const left = Math.max(8, Math.min(rect?.left ?? 16, win.innerWidth - width - 8));
  const below = (rect?.bottom ?? 16) + 8;
  if (below + HEIGHT < win.innerHeight || !rect) return { left: `${left}px`, top: `${Math.max(8, below)}px` };
  return { left: `${left}px`, bottom: `${Math.max(8, win.innerHeight - rect.top + 8)}px` };
}

export function createNoteEditorUi(doc: Document, win: Window): NoteEditorUi {
  function mount(panel: (close: () => void) => ComponentChild, closed: () => void): EditorPanel {
    const { shadow } = getUiHost(doc);
    if (!shadow.querySelector('style[data-saved-editor]')) {
      const style = doc.createElement('style');
      style.dataset.savedEditor = '';
      style.textContent = editorCss;
      shadow.append(style);
    }
    const container = doc.createElement('div');
    shadow.append(container);
    let done = false;
    const close = () => {
      if (done) return;
      done = true;
      render(null, container);
      container.remove();
      closed();
    };
    render(panel(close), container);
    return { close };
  }

  return {
    open(view, rect, closed) {
      return mount(
        (close) =>
          h(NoteEditor, {
            quote: view.quote,
            note: view.note,
            tags: view.tags,
            position: editorPosition(rect, win),
            onSave: view.update,
            onDelete: view.remove,
            onClose: close,
          }),
        closed,
      );
    },
    notice(message, rect, closed) {
      return mount((close) => h(SaveNotice, { message, position: editorPosition(rect, win), onClose: close }), closed);
    },
  };
}
