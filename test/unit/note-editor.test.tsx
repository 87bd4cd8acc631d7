// The note editor component: note and tags in, save/delete/undo out, Esc and Ctrl+Enter, focus.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { NoteEditor, SaveNotice, type NoteEditorProps } from '../../components/NoteEditor';

afterEach(cleanup);

function setup(over: Partial<NoteEditorProps> = {}) {
  const props: NoteEditorProps = {
    quote: 'a passage the reader saved',
    note: 'first thought',
    tags: 'costs',
    onSave: vi.fn(async () => undefined),
    onDelete: vi.fn(async () => vi.fn(async () => undefined)),
    onClose: vi.fn(),
    ...over,
  };
  render(<NoteEditor {...props} />);
  return {
    props,
    note: screen.getByLabelText('Note') as HTMLTextAreaElement,
    tags: screen.getByLabelText('Tags') as HTMLInputElement,
    done: screen.getByRole('button', { name: 'Done' }) as HTMLButtonElement,
  };
}

describe('NoteEditor', () => {
  it('shows the quote, the note and tags, and focuses the note', () => {
    const { note, tags } = setup();
    expect(screen.getByRole('dialog', { name: 'Saved to Backstory' })).toBeTruthy();
    expect(screen.getByText('a passage the reader saved').className).toBe('quote');
    expect(note.value).toBe('first thought');
    expect(tags.value).toBe('costs');
    expect(document.activeElement).toBe(note);
  });

  it('closes without saving when nothing changed', async () => {
    const { props, done } = setup();
    fireEvent.click(done);
    await waitFor(() => expect(props.onClose).toHaveBeenCalledTimes(1));
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it('saves the note and parsed tags, then closes', async () => {
    const { props, note, tags, done } = setup();
    fireEvent.input(note, { target: { value: 'second thought' } });
    fireEvent.input(tags, { target: { value: 'costs, #chips' } });
    fireEvent.click(done);
    await waitFor(() => expect(props.onClose).toHaveBeenCalledTimes(1));
    expect(props.onSave).toHaveBeenCalledWith('second thought', ['costs', 'chips']);
  });

  it('keeps the editor open with the reason when saving fails', async () => {
    const { props, note, done } = setup({ onSave: vi.fn(async () => Promise.reject(new Error('The database is full.'))) });
    fireEvent.input(note, { target: { value: 'changed' } });
    fireEvent.click(done);
    await screen.findByText('The database is full.');
    expect(screen.getByText('The database is full.').className).toBe('status error');
    expect(done.disabled).toBe(false);
    expect(props.onClose).not.toHaveBeenCalled();
  });

  it('Esc anywhere closes; Ctrl+Enter saves', async () => {
    const first = setup();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(first.props.onClose).toHaveBeenCalledTimes(1);
    cleanup();
    const second = setup();
    fireEvent.input(second.note, { target: { value: 'by keyboard' } });
    fireEvent.keyDown(second.note, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(second.props.onSave).toHaveBeenCalledWith('by keyboard', ['costs']));
  });

  it('does not let key presses in the panel reach the page', () => {
    const { note } = setup();
    const page = vi.fn();
    document.addEventListener('keydown', page);
    fireEvent.keyDown(note, { key: 'k' });
    document.removeEventListener('keydown', page);
    expect(page).not.toHaveBeenCalled();
  });

  it('deletes with an undo that restores and closes', async () => {
    const undo = vi.fn(async () => undefined);
    const { props } = setup({ onDelete: vi.fn(async () => undo) });
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const undoButton = await screen.findByRole('button', { name: 'Undo' });
    expect(screen.getByText('Deleted.')).toBeTruthy();
    expect(screen.queryByLabelText('Note')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(undoButton));
    fireEvent.click(undoButton);
    await waitFor(() => expect(props.onClose).toHaveBeenCalledTimes(1));
    expect(undo).toHaveBeenCalledTimes(1);
  });
});

describe('SaveNotice', () => {
  it('says why the save failed and focuses Close', () => {
    const onClose = vi.fn();
    render(<SaveNotice message="That selection holds no page text." onClose={onClose} />);
    expect(screen.getByRole('alert').textContent).toBe('That selection holds no page text.');
    const close = screen.getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    fireEvent.click(close);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
