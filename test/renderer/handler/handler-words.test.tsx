// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openCall } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();

/** Non-ASCII text and keys out of order: the styles sign it in different bytes. */
const TELLS_STYLES_APART = { to: 'zoë@example.com', b: 2, a: { y: 'é', x: 1 } };

describe("the handler's words: a handler that turns a signature down rejected it (refused is the companion's word)", () => {
  it('what the handler did so far says "rejected" for valid signatures and for bad ones', async () => {
    const c = companion();
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'refuses_signatures'));
    await c.send('send_email', TELLS_STYLES_APART);
    await c.send('send_email', { to: 'b@example.com' }, { key: 'not-the-key' });
    const { pane } = await openCall(c.bridge, 1);
    const taught = within(pane).getByRole('group', { name: 'Your handler and the signature' }).querySelector('.handler-taught')!;
    expect(taught.textContent).toContain('Styles it rejected');
    // Today's totals for this route, said as such: an old call's details would read them as that call's.
    expect(taught.textContent).toContain('Valid signatures so far (as of now)0 accepted, 1 rejected');
    expect(taught.textContent).toContain('Bad or no signature so far (as of now)0 accepted, 1 rejected');
    // The handler's URL ends in "refuses_signatures": only the words are read.
    expect(taught.textContent!.replace(handlerUrl(handler(), 'refuses_signatures'), '')).not.toMatch(/refus/i);
  });
});

describe('a rejected call every style signs alike', () => {
  it('is said in one line, not as every style rejected: it tells nothing about the style, the key or the check is the cause', async () => {
    const c = companion();
    // Plain ASCII text, keys in order: every style signs it in the same bytes.
    const { pane } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'refuses_signatures'), { to: 'a@example.com' });
    const box = within(pane).getByRole('group', { name: 'Your handler and the signature' });
    expect(box.getAttribute('data-code')).toBe('handler-refused-valid-signature');
    expect(within(box).queryByTestId('handler-styles-refused')).toBeNull();
    expect(within(box).getByTestId('handler-rejected-alike').textContent).toBe(
      'All 13 styles sign the call it rejected alike: this tells nothing about which style it verifies (its key differs, or it signs text no known style produces).',
    );
    // The lesson itself: no style counted as rejected.
    expect((await c.api.getCall(1))?.handler?.known).toMatchObject({ refused: 1, refusedAlike: 1, stylesRefused: [] });
  });

  it('beside calls that tell styles apart: those styles are listed, the call signed alike said once after them', async () => {
    const c = companion();
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'refuses_signatures'));
    await c.send('send_email', TELLS_STYLES_APART);
    await c.send('send_email', { to: 'a@example.com' });
    const { pane } = await openCall(c.bridge, 2);
    const box = within(pane).getByRole('group', { name: 'Your handler and the signature' });
    expect(within(box).getByTestId('handler-styles-refused').textContent!.split('; ').length).toBeLessThan(13);
    expect(within(box).getByTestId('handler-rejected-alike').textContent).toBe(
      'One more call it rejected is signed alike by all 13 styles: this tells nothing about which style it verifies (its key differs, or it signs text no known style produces).',
    );
  });
});

describe("the handler's error is quoted once: the problem box above quotes it, the handler's words say what they conclude", () => {
  it('a 500 about something else: "its 500 says nothing about the signature", the error only in the problem box', async () => {
    const c = companion();
    const { pane } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'error500'));
    expect(within(pane).getByTestId('answer-error').textContent).toContain('database is down');
    const section = within(pane).getByRole('region', { name: 'Your handler' });
    expect(within(section).getByTestId('handler-verdict').textContent).toBe('Its 500 says nothing about the signature.');
    expect(section.textContent).not.toContain('database is down');
  });

  it('a 401 "Invalid signature": the box and the section say 401, the problem box quotes its error', async () => {
    const c = companion();
    const { pane } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'refuses_signatures'));
    expect(within(pane).getByTestId('answer-error').textContent).toContain('Invalid signature');
    const box = within(pane).getByRole('group', { name: 'Your handler and the signature' });
    expect(box.textContent).toContain('Your handler rejected a valid signature (it answered 401),');
    expect(box.textContent).not.toContain('Invalid signature');
    const section = within(pane).getByRole('region', { name: 'Your handler' });
    expect(within(section).getByTestId('handler-verdict').textContent).toBe('It rejected the signature (401).');
  });
});

describe("a handler that rejected Flowent's unsigned registration check", () => {
  it('is told about the registration check, not about a signature to disagree on: there is none', async () => {
    const c = companion();
    const { pane } = await openForwardedCall(
      c,
      'send_email',
      handlerUrl(handler(), 'refuses_signatures'),
      {},
      { key: null, extra: { test: true } },
    );
    const box = within(pane).getByRole('group', { name: 'Your handler and the registration check' });
    expect(box.getAttribute('data-code')).toBe('handler-refused-registration-check');
    expect(box.textContent).toMatch(
      /^Your handler must answer Flowent's registration check with any 2xx\. Your handler rejected Flowent's registration check/,
    );
    expect(box.textContent).not.toContain('disagree about the signature');
  });
});
