// The note editor for a saved passage: its quote, a note and tags, Done / Delete (with undo), and a
// notice for a save that failed. Props in, events out; entrypoints/content/note-editor-ui.ts
// mounts it in Backstory's shadow root, its styles are lib/card/note-editor.css.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { parseTagInput } from '../lib/annotations/model';

/** Fixed coordinates next to the passage (CSS lengths). */
export type PanelPosition = { left: string; top?: string; bottom?: string };

export interface NoteEditorProps {
  quote: string;
  note: string;
  /** the tags as the reader types them ("costs, meta") */
  tags: string;
  /** where the panel sits (fixed, next to the passage) */
  position?: PanelPosition;
  onSave(note: string, tags: string[]): Promise<void>;
  /** deletes the passage; resolves to its undo */
  onDelete(): Promise<() => Promise<void>>;
  onClose(): void;
}

/** How long "Deleted. Undo" stays before the panel closes. */
export const UNDO_MS = 8000;

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'error'; message: string } | { kind: 'deleted'; undo: () => Promise<void> };

/** Esc closes (wherever focus is), Ctrl/⌘+Enter saves: listened on the whole document while the panel is open. */
function useEditorKeys(panel: { current: HTMLElement | null }, onEscape: () => void, onSubmit: () => void) {
  const latest = useRef({ onEscape, onSubmit });
  latest.current = { onEscape, onSubmit };
  useLayoutEffect(() => {
    const doc = panel.current?.ownerDocument;
    if (!doc) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        latest.current.onEscape();
      } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        latest.current.onSubmit();
      }
    };
    doc.addEventListener('keydown', onKey, true);
    return () => doc.removeEventListener('keydown', onKey, true);
  }, [panel]);
}

// key presses inside the panel must not reach the page's shortcuts
const keepKeys = (e: KeyboardEvent) => e.stopPropagation();

export function NoteEditor(props: NoteEditorProps) {
  const panel = useRef<HTMLDivElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const tagsRef = useRef<HTMLInputElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [ids] = useState(() => `bs-note-${Math.random().toString(36).slice(2)}`);

  // The fields are read when saving, not mirrored in state: what is in them then is what is saved.
  async function commit() {
    const note = noteRef.current?.value ?? props.note;
    const tags = tagsRef.current?.value ?? props.tags;
    if (note === props.note && tags === props.tags) return props.onClose();
    setStatus({ kind: 'saving' });
    try {
      await props.onSave(note, parseTagInput(tags));
      props.onClose();
    } catch (err) {
      setStatus({ kind: 'error', message: (err as Error).message });
    }
  }

  async function remove() {
    try {
      setStatus({ kind: 'deleted', undo: await props.onDelete() });
    } catch (err) {
      setStatus({ kind: 'error', message: (err as Error).message });
    }
  }

  useEditorKeys(panel, props.onClose, () => void commit());
  useLayoutEffect(() => noteRef.current?.focus({ preventScroll: true }), []);
  const deleted = status.kind === 'deleted';
  useEffect(() => {
    if (!deleted) return;
    undoRef.current?.focus();
    const timer = setTimeout(props.onClose, UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);

  return (
    <div ref={panel} class="saved-editor" role="dialog" aria-label="Saved to Backstory" style={props.position} onKeyDown={keepKeys}>
      {status.kind === 'deleted' ? (
        <div class="row">
          <span class="status" role="status">
            Deleted.
          </span>
          <button
            ref={undoRef}
            type="button"
            onClick={async () => {
              await status.undo();
              props.onClose();
            }}
          >
            Undo
          </button>
        </div>
      ) : (
        <>
          <p class="head">
            <span class="dot" />
            <span>Saved to Backstory</span>
          </p>
          <p class="quote">{props.quote}</p>
          <label for={ids}>Note</label>
          <textarea ref={noteRef} id={ids} placeholder="Why does this matter?" defaultValue={props.note} />
          <label for={`${ids}-tags`}>Tags</label>
          <input ref={tagsRef} id={`${ids}-tags`} placeholder="comma, separated" defaultValue={props.tags} />
          <div class="row">
            <span class={status.kind === 'error' ? 'status error' : 'status'} role="status">
              {status.kind === 'saving' ? 'Saving…' : status.kind === 'error' ? status.message : ''}
            </span>
            <button type="button" class="danger" onClick={() => void remove()}>
              Delete
            </button>
            <button type="button" class="primary" disabled={status.kind === 'saving'} onClick={() => void commit()}>
              Done
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** A save that could not be made: the reason and a Close button. */
export function SaveNotice(props: { message: string; position?: PanelPosition; onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => close.current?.focus({ preventScroll: true }), []);
  return (
    <div class="saved-editor" role="dialog" aria-label="Backstory" style={props.position}>
      <p class="error" role="alert">
        {props.message}
      </p>
      <div class="row">
        <span class="status" />
        <button ref={close} type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
