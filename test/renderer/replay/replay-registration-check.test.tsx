// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();

describe('replaying a registration check re-signed', () => {
  it('says it went unsigned with a fresh timestamp, as Flowent sends one, where a signed replay names its style', async () => {
    const c = companion();
    const target = handlerUrl(handler(), '{action_name}');
    const { pane, user } = await openForwardedCall(c, 'send_email', target, {}, { key: null, extra: { test: true } });
    await user.click(within(pane).getByRole('button', { name: 'Replay re-signed' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(result.textContent).toContain('Signatureunsigned registration check, fresh timestamp (as Flowent sends it)');
  });

  it('names the style a call Flowent signed was re-signed in', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), '{action_name}'));
    await user.click(within(pane).getByRole('button', { name: 'Replay re-signed' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(result.textContent).toMatch(/Signaturere-signed \(\w+\)/);
  });
});
