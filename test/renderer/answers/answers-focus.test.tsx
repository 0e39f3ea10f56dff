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

// "Answer send_email with its mock" goes once the mock answers: the keyboard must not go with it.
describe('the keyboard focus after making the mock answer', () => {
  it('lands on the line saying the mock is stored and answers', async () => {
    const c = companion();
    expect((await c.api.setMock('send_email', '{"status": 200, "body": {"result": "mocked", "error": ""}}', 'json')).ok).toBe(true);
    expect((await c.api.setAnswerMode('send_email', 'forward')).ok).toBe(true);
    const { dialog, user } = await openAnswers(c);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
    // The editor is drawn anew for the action picked.
    const mock = within(dialog).getByRole('region', { name: 'Mock' });
    const answer = await within(mock).findByRole('button', { name: 'Answer send_email with its mock' });
    answer.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(mock).queryByRole('button', { name: 'Answer send_email with its mock' })).toBeNull());
    const mockUse = within(mock).getByTestId('mock-stored');
    await waitFor(() => expect(document.activeElement).toBe(mockUse));
    expect(mockUse.textContent).toMatch(/^A mock is stored for send_email \(updated [^)]+\)\.$/);
  });
});
