// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { openAnswers } from './answers-kit';

const companion = useCompanion();

// A keyboard user saving a mock must not be dropped on the page's body while the save goes.
describe('the keyboard focus through saving a mock', () => {
  it('stays on Save mock while the save goes, and a second press saves nothing more', async () => {
    const c = companion();
    const { mock, user } = await openAnswers(c);
    typeInto(editorIn(mock), '{"status": 200, "body": {"result": "held", "error": ""}}');
    const save = within(mock).getByRole('button', { name: 'Save mock' });
    const release = c.bridge.holdNext('setMock', 'answer');
    save.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(save.getAttribute('aria-disabled')).toBe('true'));
    // Not disabled: a disabled button loses the focus.
    expect(save.hasAttribute('disabled')).toBe(false);
    expect(document.activeElement).toBe(save);
    await user.keyboard('{Enter}');
    release();
    await screen.findByText('Mock saved');
    expect(document.activeElement).toBe(save);
    expect(save.hasAttribute('aria-disabled')).toBe(false);
    expect(c.bridge.callsTo('setMock')).toHaveLength(1);
  });
});
