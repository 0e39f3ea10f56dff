// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { editorIn, typeInto } from '../harness/editor-kit';
import { useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderLoaded, rowOf } from './replay-kit';
import { showToast } from '../../../renderer/src/page/ui-actions';

const companion = useCompanion();
const handler = useHandler();

/** Call #3 of Flowent's history, with replays going to the handler; its edit-parameters editor open. */
async function openEditor() {
  const c = companion();
  await c.send('send_email', { to: 'x@example.com' });
  await c.send('send_email', { to: 'y@example.com' });
  await c.send('send_email', { to: 'a@example.com', n: 1 });
  await c.api.setForwardTarget('send_email', handlerUrl(handler(), '{action_name}'));
  const view = await renderLoaded(c);
  await view.user.click(rowOf(3));
  const pane = await screen.findByRole('complementary', { name: 'Call details' });
  await view.user.click(await within(pane).findByRole('button', { name: 'Edit parameters…' }));
  const editor = await within(pane).findByRole('group', { name: 'Edit parameters' });
  await waitFor(() => editorIn(editor));
  return { ...view, c, pane, editor };
}

describe('replay with edited parameters', () => {
  it('starts from the call’s parameters and replays the edited ones, re-signed (Ctrl/Cmd+Enter too)', async () => {
    const { c, pane, editor, user } = await openEditor();
    expect(JSON.parse(editorIn(editor).state.doc.toString())).toEqual({ to: 'a@example.com', n: 1 });
    // A number among the parameters tells the styles apart: the python style is learned for sure,
    // from that one call; the two plain ASCII ones every style signs alike tell nothing.
    expect(within(pane).getByLabelText('Learned signing style').textContent).toBe(
      'Calls this companion signs use Python example (as sent, ASCII escapes), learned from 1 Flowent call (the 2 other Flowent calls are signed alike by every style).',
    );
    typeInto(editorIn(editor), '{"to": "b@example.com", "n": 2}');
    await user.click(within(editor).getByRole('button', { name: 'Replay edited' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(c.bridge.callsTo('replayEdited')).toEqual([[3, '{"to": "b@example.com", "n": 2}', null, null]]);
    expect(result.textContent).toContain('#4');
    expect(result.textContent).toContain('python');
    const sent = JSON.parse((await handler().received()).at(-1)!.body.toString());
    expect(sent.parameters).toEqual({ to: 'b@example.com', n: 2 });

    fireEvent.keyDown(editorIn(editor).contentDOM, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(c.bridge.callsTo('replayEdited')).toHaveLength(2));
    await waitFor(() => expect(document.querySelector('[data-call-id="5"]')).not.toBeNull());
    // It sends only: the editor's own Ctrl+Enter (a blank line) does not run as well.
    expect(editorIn(editor).state.doc.toString()).toBe('{"to": "b@example.com", "n": 2}');
  });

  it('refuses what is not a JSON object before sending, and can reset to the original', async () => {
    const { c, editor, user } = await openEditor();
    typeInto(editorIn(editor), '[1, 2]');
    expect(within(editor).getByLabelText('Parameters problem').textContent).toContain('JSON object');
    expect((within(editor).getByRole('button', { name: 'Replay edited' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(editor).getByRole('button', { name: 'Reset to the original' }));
    await waitFor(() => expect(JSON.parse(editorIn(editor).state.doc.toString())).toEqual({ to: 'a@example.com', n: 1 }));
    // With no key, the core cannot re-sign: the page shows its refusal.
    await c.api.clearHmacKey();
    await user.click(within(editor).getByRole('button', { name: 'Replay edited' }));
    expect((await within(editor).findByRole('alert', { name: 'Edited replay error' })).textContent).toBe(
      'Re-signing needs the HMAC key. Set the key in Settings > HMAC key, or use Replay as is to send the original bytes.',
    );
  });
});

describe('Esc in the edit-parameters editor', () => {
  // The editor has no Save: the warning names the button that keeps the edits.
  const warning =
    'Unsaved changes to the edited parameters of call #3: press Esc again to discard them, or replay them first (Replay edited).';
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
    const { c, pane, editor, user } = await openEditor();
    typeInto(editorIn(editor), '{"to": "typed@example.com"}');
    await user.click(within(editor).getByRole('button', { name: 'Replay edited' }));
    await within(pane).findByRole('region', { name: 'Replay result' });
    expect(c.bridge.callsTo('replayEdited')).toHaveLength(1);
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

describe('edits kept when another call is chosen', () => {
  const kept = 'The edited parameters of call #3 are kept: choose the call again to go on with them.';
  const text = (editor: HTMLElement) => editorIn(editor).state.doc.toString();
  const toastRegion = () => screen.getAllByRole('status').find((s) => s.closest('.toasts'));

  it('says so once, and no longer once the call is chosen again', async () => {
    const { editor, user } = await openEditor();
    typeInto(editorIn(editor), '{"to": "typed@example.com"}');
    await user.click(rowOf(2));
    await waitFor(() => expect(screen.getAllByText(kept)).toHaveLength(1));
    await user.click(rowOf(3));
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    expect(text(await within(pane).findByRole('group', { name: 'Edit parameters' }))).toBe('{"to": "typed@example.com"}');
    expect(screen.queryByText(kept)).toBeNull();
    // Away and back and away again within the toast's time: the live region holds the words once.
    await user.click(rowOf(2));
    await user.click(rowOf(3));
    await user.click(rowOf(2));
    await waitFor(() => expect(screen.getAllByText(kept)).toHaveLength(1));
    expect(toastRegion()?.textContent).toBe(kept);
  });

  it('is one of the toasts, which say a repeated message once while it is up', async () => {
    const c = companion();
    await c.send('send_email', { to: 'x@example.com' });
    await renderLoaded(c);
    act(() => {
      showToast('Copied');
      showToast('Copied');
    });
    expect(toastRegion()?.textContent).toBe('Copied');
  });
});
