// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { openAnswers } from './answers-kit';

const companion = useCompanion();

// A keystroke and Esc close together (a fast typist, a busy machine): the page may not have
// rendered the keystroke yet, and Esc must still find the edit unsaved.
describe('answers: Esc right after typing in the mock editor', () => {
  it('asks before discarding, though no render came between the keystroke and Esc', async () => {
    const { editor, dialog } = await openAnswers(companion());
    // One act: React renders nothing until both have happened, as when Esc comes in the same tick.
    act(() => {
      editor.dispatch({ changes: { from: editor.state.doc.length, insert: ' ' } });
      editor.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBe(dialog);
    const ask = within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    expect(ask.textContent).toContain('Unsaved changes to the default mock: discard them and close, or keep editing and save first?');
  });
});
