// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { handlerUrl, rawHeader, useHandler } from '../../helpers/handler-process';
import { openCall } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();

// A replay to a typed URL sends the call's own Authorization and Cookie there, as stored, as
// `replay --target` does: the result says so in the command's words, the names, never the values.
describe("a replay result's credentials note", () => {
  it("names the call's own credential headers a replay to a typed target carried, without their values", async () => {
    const c = companion();
    await c.send('send_email', {}, { headers: { authorization: 'Bearer pageBEARERsecret7', cookie: 'session=pageCOOKIE8' } });
    const { pane, user } = await openCall(c.bridge, 1);
    const target = handlerUrl(handler(), 'send_email');
    await user.type(within(pane).getByLabelText('Replay target URL'), target);
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    const [received] = await handler().received();
    expect(rawHeader(received!.headers, 'authorization')).toEqual(['Bearer pageBEARERsecret7']);
    expect(within(result).getByRole('note', { name: 'Credentials sent' }).textContent).toBe(
      `The replay to ${target} carried the call's own authorization and cookie headers, as stored with it; replay to a URL you trust with them.`,
    );
    expect(result.textContent).not.toMatch(/pageBEARERsecret7|pageCOOKIE8/);
  });

  // The field left empty, the call goes to the target saved for its action, where its answer came from.
  it('says nothing of a replay to the action’s own forwarding target, the field left empty', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(
      c,
      'send_email',
      handlerUrl(handler(), '{action_name}'),
      {},
      {
        headers: { authorization: 'Bearer pageBEARERsecret7' },
      },
    );
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(result.textContent).toContain('passed');
    expect(rawHeader((await handler().received()).at(-1)!.headers, 'authorization')).toEqual(['Bearer pageBEARERsecret7']);
    expect(within(result).queryByRole('note', { name: 'Credentials sent' })).toBeNull();
  });
});
