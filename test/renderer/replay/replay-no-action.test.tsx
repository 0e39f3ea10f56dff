// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';
import { NO_ACTION_TARGET_WORDS } from '../../../main/contract/words';
import { expectNoParametersToEditThenOffered } from './no-parameters-to-edit';

const companion = useCompanion();

// A call naming no action (its body not JSON) was a dead end: the refusal told the reader to set
// a target "for the action" in Answers, offered "This companion" as {action_name}, which the
// core then refused for want of an action, and "Edit parameters…" opened on {} as if it had some.
describe('replaying a call that names no action', () => {
  it('says up front that only a full URL takes it, and "This companion" sends it to the path it came to', async () => {
    const c = companion();
    await c.post('/', 'not json');
    const { pane, user } = await openCall(c.bridge, 1);
    expect((await within(pane).findByTestId('empty-target')).textContent).toBe(NO_ACTION_TARGET_WORDS);
    expect(NO_ACTION_TARGET_WORDS).toContain('only a full URL, without {action_name}, can receive it');

    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const error = await within(pane).findByRole('alert', { name: 'Replay error' });
    expect(error.textContent).toContain(
      'There is no handler to send this call to: it names no action. Give a target URL here: a full URL, without {action_name}.',
    );

    await user.click(within(error).getByRole('button', { name: 'Send to this companion instead' }));
    const field = within(pane).getByLabelText<HTMLInputElement>('Replay target URL');
    expect(field.value).toBe(`${c.baseUrl}/`);
    expect(field.value).not.toContain('{action_name}');
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    // Sent: the companion's webhook refuses the body as it refused it from Flowent.
    expect(await within(pane).findByRole('region', { name: 'Replay result' })).toBeTruthy();
    expect(within(pane).queryByRole('alert', { name: 'Replay error' })).toBeNull();
    // The note stays: whatever the field holds, a target with {action_name} would be refused.
    expect(within(pane).getByTestId('empty-target').textContent).toBe(NO_ACTION_TARGET_WORDS);
  });

  it('does not offer to edit the parameters of a body that is not a JSON object, and says why', async () => {
    const c = companion();
    await c.post('/', 'not json');
    await c.send('charge_card', { amount: 5 });
    await expectNoParametersToEditThenOffered(await openCall(c.bridge, 1), "this call's body is not a JSON object");
  });
});
