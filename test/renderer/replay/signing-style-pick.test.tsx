// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { createHmac } from 'node:crypto';
import { KEY, useCompanion, type Companion } from '../harness/companion';
import { editorIn } from '../harness/editor-kit';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openCall } from '../harness/render';
import { renderLoaded } from './replay-kit';
import { styleLabel } from '../../../main/contract/style-labels';
import { STYLE_NAMES } from '../../../main/contract/names-and-limits';

// PROTOCOL.md §2: a signer (the simulator, replay, copy as cURL) lets the user pick the style,
// defaulting to the learned one. One labelled select, the same in the simulator and the replay
// panel, reached with Tab; what is picked is what the core signs with.
const companion = useCompanion();
const handler = useHandler();

const FIELD = 'Signing style';

function styleSelect(within_: HTMLElement): HTMLSelectElement {
  return within(within_).getByRole('combobox', { name: FIELD }) as HTMLSelectElement;
}

/** The select offers the learned style first (picked), then every style by its label. */
async function expectEveryStyle(c: Companion, select: HTMLSelectElement) {
  const learned = (await c.api.getLearnedStyle()).style;
  const options = [...select.options];
  expect(select.value).toBe('');
  await waitFor(() => expect(options[0]!.textContent).toBe(`As learned: ${styleLabel(learned)}`));
  expect(options.slice(1).map((o) => [o.value, o.textContent])).toEqual(STYLE_NAMES.map((s) => [s, styleLabel(s)]));
}

/** The sorted+ascii style, written here apart from the app's engine: keys sorted at every level, compact, non-ASCII escaped. */
function sortedAscii(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
        )
      : v;
  return JSON.stringify(sorted(value)).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describe('the signing style, picked in the simulator', () => {
  it('defaults to the learned style and signs the simulated call in the style picked', async () => {
    const c = companion();
    await c.send('send_email', { recipient: 'a@example.com' });
    const { user } = await renderLoaded(c);
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    await waitFor(() => expect(editorIn(dialog).state.doc.toString()).not.toBe(''));
    const select = styleSelect(dialog);
    await expectEveryStyle(c, select);
    // Said what the learned style is, beside it.
    expect(select.getAttribute('aria-describedby')).toBe(within(dialog).getByLabelText('Learned signing style').id);

    // Reached from the checkbox before it with Tab.
    within(dialog)
      .getByRole('checkbox', { name: /Spoil the signature/ })
      .focus();
    await user.tab();
    expect(document.activeElement).toBe(select);

    await user.type(within(dialog).getByRole('textbox', { name: 'Simulator target URL' }), handlerUrl(handler(), 'ok'));
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(c.bridge.callsTo('simulateCall').at(-1)).toEqual([expect.not.objectContaining({ style: expect.anything() })]);

    await user.selectOptions(select, 'go');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(c.bridge.callsTo('simulateCall')).toHaveLength(2));
    expect(c.bridge.callsTo('simulateCall').at(-1)).toEqual([expect.objectContaining({ style: 'go' })]);
    const result = within(dialog).getByRole('region', { name: 'Simulator result' });
    await waitFor(() => expect(result.textContent).toContain('go style'));
    const stored = (await c.api.listCalls({ limit: 1 })).calls[0]!;
    expect((await c.api.getCall(stored.id))!.signature.styles.find((s) => s.style === 'go')?.matched).toBe(true);
  });

  it('is not offered with the registration check, which goes unsigned', async () => {
    const c = companion();
    await c.send('send_email', { recipient: 'a@example.com' });
    const { user } = await renderLoaded(c);
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    await user.click(within(dialog).getByRole('checkbox', { name: /registration check/ }));
    expect(within(dialog).queryByRole('combobox', { name: FIELD })).toBeNull();
  });
});

describe('the signing style, picked in the replay panel', () => {
  it('signs Replay re-signed, the edited replay and Copy as cURL, re-signed in the style picked', async () => {
    const c = companion();
    await c.send('send_email', { to: 'zoë@example.com', b: 2, a: 1 });
    const { pane, user } = await openCall(c.bridge, 1);
    const select = styleSelect(pane);
    await expectEveryStyle(c, select);
    expect(select.getAttribute('aria-describedby')).toBe(within(pane).getByLabelText('Learned signing style').id);
    const target = handlerUrl(handler(), 'ok');
    await user.type(within(pane).getByLabelText('Replay target URL'), target);
    // Reached from the target with Tab (past its "This companion"), before the buttons it is for.
    within(pane).getByLabelText('Replay target URL').focus();
    for (let presses = 0; presses < 3 && document.activeElement !== select; presses++) await user.tab();
    expect(document.activeElement).toBe(select);
    await user.tab();
    expect(document.activeElement).toBe(within(pane).getByRole('button', { name: 'Replay as is' }));

    await user.selectOptions(select, 'sorted+ascii');
    await user.click(within(pane).getByRole('button', { name: 'Replay re-signed' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(c.bridge.callsTo('replayCall')).toEqual([[1, 'resign', target, 'sorted+ascii']]);
    expect(result.textContent).toContain('sorted+ascii');
    const replay = (await c.api.getCall(2))!;
    expect(replay.signature.styles.find((s) => s.style === 'sorted+ascii')?.matched).toBe(true);

    await user.click(within(pane).getByRole('button', { name: 'Copy as cURL, re-signed' }));
    await waitFor(() => expect(c.bridge.callsTo('copyAsCurl')).toEqual([[1, true, 'sorted+ascii']]));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toContain('--data-binary'));
    const copied = /--data-binary '(.*)'$/s.exec(await navigator.clipboard.readText())![1]!;
    const { signature, ...signed } = JSON.parse(copied) as Record<string, unknown>;
    expect(signature).toBe(createHmac('sha256', KEY).update(sortedAscii(signed)).digest('hex'));

    await user.click(within(pane).getByRole('button', { name: 'Edit parameters…' }));
    const editor = within(pane).getByRole('group', { name: 'Edit parameters' });
    await user.click(within(editor).getByRole('button', { name: 'Replay edited' }));
    await waitFor(() => expect(c.bridge.callsTo('replayEdited')).toHaveLength(1));
    expect(c.bridge.callsTo('replayEdited')[0]![3]).toBe('sorted+ascii');

    // Back to the learned style: the core picks it (null), as learned when the call is sent.
    await user.selectOptions(select, '');
    await user.click(within(pane).getByRole('button', { name: 'Replay re-signed' }));
    await waitFor(() => expect(c.bridge.callsTo('replayCall')).toHaveLength(2));
    expect(c.bridge.callsTo('replayCall')[1]).toEqual([1, 'resign', target, null]);
  });
});
