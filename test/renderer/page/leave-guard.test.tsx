// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_LIMITS } from '../../../main/contract/api';
import { useCompanion, valueOf, type Companion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderApp } from '../harness/render';
import { renderLoaded, rowOf } from '../replay/replay-kit';

// A reload or close of the page while a form holds unsaved work asks first; with nothing
// unsaved it does not. Over a real core, typing as a person does.
const companion = useCompanion();
const handler = useHandler();

/** Plays the browser about to unload the page: true when the page asked it not to (the HTML spec's cancel). */
function unloadIsCancelled(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

async function withSendEmail(): Promise<Companion> {
  const c = companion();
  for (const to of ['a@example.com', 'b@example.com', 'c@example.com']) await c.send('send_email', { to });
  await c.api.setForwardTarget('send_email', handlerUrl(handler(), '{action_name}'));
  return c;
}

describe('leaving the page with unsaved work', () => {
  it('the simulator: asks over typed parameters, not over seeded ones, and not once they are sent', async () => {
    const c = await withSendEmail();
    await c.api.saveSimulatorAction('send_email', JSON.stringify({ type: 'object', properties: { subject: { type: 'string' } } }));
    const { user } = await renderLoaded(c);
    expect(unloadIsCancelled()).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    const seeded = valueOf(await c.api.generateParameters('send_email', 1));
    await waitFor(() => expect(editorIn(dialog).state.doc.toString()).toBe(seeded));
    expect(unloadIsCancelled()).toBe(false);

    typeInto(editorIn(dialog), '{"subject": "typed"}');
    await waitFor(() => expect(unloadIsCancelled()).toBe(true));
    // Asked every time, not once: a person who stays and reloads again is asked again.
    expect(unloadIsCancelled()).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await within(dialog).findByRole('region', { name: 'Simulator result' });
    // Sent parameters stop counting as unsaved a render or two after the result shows.
    await waitFor(() => expect(unloadIsCancelled()).toBe(false));
  });

  it('the simulator: closing it with Esc twice (discarding the edits) stops asking', async () => {
    const c = await withSendEmail();
    const { user } = await renderLoaded(c);
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    await waitFor(() => editorIn(dialog));
    typeInto(editorIn(dialog), '{"subject": "typed"}');
    await waitFor(() => expect(unloadIsCancelled()).toBe(true));
    await user.keyboard('{Escape}');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Simulate a Flowent call' })).toBeNull();
    expect(unloadIsCancelled()).toBe(false);
  });

  it('the replay editor: asks over edited parameters, also once another call is chosen (the edits are kept), not once replayed', async () => {
    const c = await withSendEmail();
    const { user } = await renderLoaded(c);
    await user.click(rowOf(3));
    let pane = await screen.findByRole('complementary', { name: 'Call details' });
    await user.click(await within(pane).findByRole('button', { name: 'Edit parameters…' }));
    let editor = await within(pane).findByRole('group', { name: 'Edit parameters' });
    await waitFor(() => editorIn(editor));
    expect(unloadIsCancelled()).toBe(false);

    typeInto(editorIn(editor), '{"to": "typed@example.com"}');
    await waitFor(() => expect(unloadIsCancelled()).toBe(true));
    // The editor goes with the call; its edits are kept for when the call is chosen again.
    await user.click(rowOf(2));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Edit parameters' })).toBeNull());
    expect(unloadIsCancelled()).toBe(true);

    await user.click(rowOf(3));
    pane = await screen.findByRole('complementary', { name: 'Call details' });
    editor = await within(pane).findByRole('group', { name: 'Edit parameters' });
    await user.click(within(editor).getByRole('button', { name: 'Replay edited' }));
    await within(pane).findByRole('region', { name: 'Replay result' });
    await waitFor(() => expect(unloadIsCancelled()).toBe(false));
  });

  it('the replay editor: kept edits stop asking once their call is deleted (the history cleared, or pruned by its limits)', async () => {
    const c = await withSendEmail();
    const { user } = await renderLoaded(c);
    /** Edits call `id`'s parameters, then chooses another call: the edits are kept, and asked over. */
    const leaveEdits = async (id: number, other: number) => {
      await user.click(rowOf(id));
      const pane = await screen.findByRole('complementary', { name: 'Call details' });
      await user.click(await within(pane).findByRole('button', { name: 'Edit parameters…' }));
      const editor = await within(pane).findByRole('group', { name: 'Edit parameters' });
      await waitFor(() => editorIn(editor));
      typeInto(editorIn(editor), `{"to": "typed${id}@example.com"}`);
      await user.click(rowOf(other));
      await waitFor(() => expect(screen.queryByRole('group', { name: 'Edit parameters' })).toBeNull());
      expect(unloadIsCancelled()).toBe(true);
    };

    // The limits keep two calls: #1 goes, and with it the edits nobody can send any more.
    await leaveEdits(1, 2);
    expect((await c.api.setLimits({ ...DEFAULT_LIMITS, keepCalls: 2 })).ok).toBe(true);
    await waitFor(() => expect(unloadIsCancelled()).toBe(false));

    // Kept edits of a call still stored keep asking, until the whole history is cleared.
    await leaveEdits(3, 2);
    expect((await c.api.clearHistory()).ok).toBe(true);
    await screen.findByText('No calls yet');
    expect(unloadIsCancelled()).toBe(false);
  });

  it('the replay editor: kept edits of a call the limits keep go on asking, though calls stored after it were pruned', async () => {
    const c = await withSendEmail();
    // The three calls again, as a HAR of a year ago: imported after them (#4-#6), received long before.
    const har = valueOf(await c.core.api.exportHar({ ids: [1, 2, 3] })).text!.replace(
      /"startedDateTime": "\d{4}/g,
      '"startedDateTime": "2025',
    );
    expect(valueOf(await c.core.api.importHar(har)).imported).toBe(3);
    const { user } = await renderLoaded(c);
    await user.click(rowOf(1));
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    await user.click(await within(pane).findByRole('button', { name: 'Edit parameters…' }));
    const editor = await within(pane).findByRole('group', { name: 'Edit parameters' });
    await waitFor(() => editorIn(editor));
    typeInto(editorIn(editor), '{"to": "kept@example.com"}');
    await user.click(rowOf(2));
    await waitFor(() => expect(unloadIsCancelled()).toBe(true));

    // The limits keep three calls: the year-old imported ones go (#4-#6), and #1 stays.
    expect((await c.api.setLimits({ ...DEFAULT_LIMITS, keepCalls: 3 })).ok).toBe(true);
    await waitFor(() => expect(document.querySelector('[data-call-id="6"]')).toBeNull());
    expect((await c.api.getCall(1))?.id).toBe(1);
    // The page looks the calls of its kept edits up: give it time to, then #1's still ask.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(unloadIsCancelled()).toBe(true);
  });

  it('a mock: asks over an edited mock, not once it is saved', async () => {
    const c = companion();
    await c.send('send_email');
    const { user } = renderApp(c.bridge);
    await user.click(await screen.findByRole('button', { name: 'Answers' }));
    const dialog = await screen.findByRole('dialog', { name: 'Answers' });
    const mock = await within(dialog).findByRole('region', { name: 'Mock' });
    await waitFor(() => editorIn(mock));
    expect(unloadIsCancelled()).toBe(false);
    await user.click(within(mock).getByRole('button', { name: 'Insert example' }));
    await waitFor(() => expect(unloadIsCancelled()).toBe(true));
    await user.click(within(mock).getByRole('button', { name: 'Save mock' }));
    await screen.findByText('Mock saved');
    expect(unloadIsCancelled()).toBe(false);
  });
});
