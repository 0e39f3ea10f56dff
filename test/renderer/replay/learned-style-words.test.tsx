// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { flowentPayload, signedAs } from '../../helpers/flowent-signer';
import { KEY, useCompanion } from '../harness/companion';
import { renderLoaded } from './replay-kit';

const companion = useCompanion();

describe('where the simulator says which style it signs with', () => {
  it('says the other calls are signed alike by every style, with the calls, not the styles, as the subject', async () => {
    const c = companion();
    // A number tells the styles apart; plain ASCII text does not.
    await c.send('send_email', { to: 'a@example.com', n: 1 });
    await c.send('send_email', { to: 'b@example.com' });
    const { user } = await renderLoaded(c);
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    expect((await within(dialog).findByLabelText('Learned signing style')).textContent).toBe(
      'Calls this companion signs use Python example (as sent, ASCII escapes), learned from 1 Flowent call (the one other Flowent call is signed alike by every style).',
    );
  });

  it('counts the Flowent calls signed in another style than the learned one, by that style', async () => {
    const c = companion();
    // Text past ASCII and keys out of order: Python's and Go's examples sign them differently.
    const telling = (n: number) => flowentPayload('send_email', { zebra: `Zürich ${n}`, apple: n });
    for (let n = 0; n < 3; n++) await c.post('/actions/send_email', signedAs(telling(n), KEY, 'python'));
    await c.post('/actions/send_email', signedAs(telling(9), KEY, 'go'));
    const { user } = await renderLoaded(c);
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    expect((await within(dialog).findByLabelText('Learned signing style')).textContent).toBe(
      'Calls this companion signs use Python example (as sent, ASCII escapes), learned from 3 Flowent calls. ' +
        'Flowent calls so far: Python example (as sent, ASCII escapes), 3 of 4 calls; 1 signed Go example (sorted keys, Go escaping).',
    );
  });
});
