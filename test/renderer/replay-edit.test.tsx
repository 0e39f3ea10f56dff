// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, makeCall } from './fake-bridge';
import { resetPage } from './harness/render';
import { editorIn, renderLoaded, rowOf, typeInto } from './replay-test-kit';

afterEach(resetPage);

async function openEditor() {
  const bridge = new FakeBridge([
    makeCall({
      id: 3,
      requestBody: '{"action_name":"send_email","parameters":{"to":"a@example.com","n":1},"timestamp":1700000000,"signature":"abc"}',
    }),
  ]);
  bridge.respondInfo.startupForwardTarget = 'http://localhost:8000/actions/{action_name}';
  const view = await renderLoaded(bridge);
  await view.user.click(rowOf(3));
  const pane = await screen.findByRole('complementary', { name: 'Call details' });
  await view.user.click(await within(pane).findByRole('button', { name: 'Edit parameters…' }));
  const editor = await within(pane).findByRole('group', { name: 'Edit parameters' });
  await waitFor(() => editorIn(editor));
  return { ...view, bridge, pane, editor };
}

describe('replay with edited parameters', () => {
  it('starts from the call’s parameters and replays the edited ones, re-signed (Ctrl/Cmd+Enter too)', async () => {
    const { bridge, pane, editor, user } = await openEditor();
    expect(JSON.parse(editorIn(editor).state.doc.toString())).toEqual({ to: 'a@example.com', n: 1 });
    expect(within(pane).getByLabelText('Learned signing style').textContent).toBe(
      'Flowent signs with python style, learned from 37 calls.',
    );
    typeInto(editorIn(editor), '{"to": "b@example.com", "n": 2}');
    await user.click(within(editor).getByRole('button', { name: 'Replay edited' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(bridge.callsTo('replayEdited')).toEqual([[3, '{"to": "b@example.com", "n": 2}', null]]);
    expect(result.textContent).toContain('#4');
    expect(result.textContent).toContain('python');

    fireEvent.keyDown(editorIn(editor).contentDOM, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(bridge.callsTo('replayEdited')).toHaveLength(2));
  });

  it('refuses what is not a JSON object before sending, and can reset to the original', async () => {
    const { bridge, editor, user } = await openEditor();
    typeInto(editorIn(editor), '[1, 2]');
    expect(within(editor).getByLabelText('Parameters problem').textContent).toContain('JSON object');
    expect((within(editor).getByRole('button', { name: 'Replay edited' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(editor).getByRole('button', { name: 'Reset to the original' }));
    await waitFor(() => expect(JSON.parse(editorIn(editor).state.doc.toString())).toEqual({ to: 'a@example.com', n: 1 }));
    bridge.refuseNext.set('replayEdited', { code: 'no-key', message: 'Re-signing needs the HMAC key: set it in Settings.' });
    await user.click(within(editor).getByRole('button', { name: 'Replay edited' }));
    expect((await within(editor).findByRole('alert', { name: 'Edited replay error' })).textContent).toContain('set it in Settings');
  });
});

describe('Esc in the edit-parameters editor', () => {
  const warning = 'Unsaved changes to the edited parameters of call #3: press Esc again to discard them, or save first.';
  const editorOpen = (pane: HTMLElement) => within(pane).queryByRole('group', { name: 'Edit parameters' }) !== null;
  const text = (editor: HTMLElement) => editorIn(editor).state.doc.toString();
  // The user's Esc comes from inside the editor, where they typed.
  const focusEditor = (editor: HTMLElement) => act(() => editorIn(editor).focus());

  it('closes at once while the parameters are the call’s own, and gives the focus back to its button', async () => {
    const { pane, editor, user } = await openEditor();
    focusEditor(editor);
    await user.keyboard('{Escape}');
    expect(editorOpen(pane)).toBe(false);
    expect(screen.queryByText(warning)).toBeNull();
    expect(document.activeElement).toBe(within(pane).getByRole('button', { name: 'Edit parameters…' }));
  });

  it('warns once over edited parameters and keeps them; a second Esc discards them', async () => {
    const { pane, editor, user } = await openEditor();
    typeInto(editorIn(editor), '{"to": "typed@example.com"}');
    focusEditor(editor);
    await user.keyboard('{Escape}');
    expect(await screen.findByText(warning)).toBeTruthy();
    expect(editorOpen(pane)).toBe(true);
    expect(text(editor)).toBe('{"to": "typed@example.com"}');
    await user.keyboard('{Escape}');
    expect(editorOpen(pane)).toBe(false);
  });

  it('closes at once once the edited parameters are replayed', async () => {
    const { bridge, pane, editor, user } = await openEditor();
    typeInto(editorIn(editor), '{"to": "typed@example.com"}');
    await user.click(within(editor).getByRole('button', { name: 'Replay edited' }));
    await within(pane).findByRole('region', { name: 'Replay result' });
    expect(bridge.callsTo('replayEdited')).toHaveLength(1);
    focusEditor(editor);
    await user.keyboard('{Escape}');
    expect(editorOpen(pane)).toBe(false);
    expect(screen.queryByText(warning)).toBeNull();
  });

  it('is not what a dialog’s Esc warns about: the shortcut list closes at once over edited parameters', async () => {
    const { pane, editor, user } = await openEditor();
    typeInto(editorIn(editor), '{"to": "typed@example.com"}');
    await user.keyboard('?');
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    expect(screen.queryByText(warning)).toBeNull();
    // The edits are still guarded afterwards.
    focusEditor(editor);
    await user.keyboard('{Escape}');
    expect(await screen.findByText(warning)).toBeTruthy();
    expect(editorOpen(pane)).toBe(true);
  });
});
