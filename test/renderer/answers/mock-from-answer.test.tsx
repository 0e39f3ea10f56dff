// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';
import { handlerUrl, useHandler } from '../../helpers/handler-process';

const companion = useCompanion();
const handler = useHandler();

describe('answers: a mock made from an answer of an action that forwards', () => {
  it('says the mock does not answer yet, opens the action in Answers, and one click makes it answer', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'create_ticket', handlerUrl(handler(), 'ok'));
    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    await screen.findByText(
      'Saved as the mock for create_ticket, but create_ticket forwards to your handler, so the mock does not answer yet.',
    );
    const dialog = await screen.findByRole('dialog', { name: 'Answers' });
    expect((within(dialog).getByRole('combobox', { name: 'Answers for' }) as HTMLSelectElement).value).toBe('create_ticket');
    const mock = within(dialog).getByRole('region', { name: 'Mock' });
    await waitFor(() =>
      expect(within(mock).getByTestId('mock-stored').textContent).toMatch(
        /^A mock is stored for create_ticket \(updated [^)]+\), but it does not answer: create_ticket forwards to your handler \(its mode is Forward\)/,
      ),
    );

    await user.click(within(mock).getByRole('button', { name: 'Answer create_ticket with its mock' }));
    expect(c.bridge.callsTo('setAnswerMode')).toEqual([['create_ticket', 'mock']]);
    await waitFor(() => expect(within(mock).queryByRole('button', { name: 'Answer create_ticket with its mock' })).toBeNull());
    expect(within(mock).getByTestId('mock-stored').textContent).toMatch(/^A mock is stored for create_ticket \(updated [^)]+\)\.$/);
    // The core answers with the mock now: the handler's answer, byte for byte.
    await c.send('create_ticket');
    const [handled, mocked] = [(await c.api.getCall(1))!, (await c.api.getCall(2))!];
    expect(mocked.answeredBy).toBe('mock');
    expect(mocked.response.body).toBe(handled.response.body);
  });

  it('an action answered by mocks gets the toast alone', async () => {
    const c = companion();
    await c.send('create_ticket');
    const { pane, user } = await openCall(c.bridge, 1);
    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    await screen.findByText('Saved as the mock for create_ticket');
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
  });
});
