// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
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
});
