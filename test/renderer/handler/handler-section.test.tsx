// @vitest-environment happy-dom
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { KEY, useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { startSignatureHandler, type SignatureHandler } from '../../helpers/signature-handler-process';
import { hasPython } from '../../core/handler-check/verifier-runners';
import { sign } from '../../../main/core/signature';
import { openCall, resetPage } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();

// One forwarded call per verdict the handler's answer can give: the section's first line must
// read as a sentence for each (the unknown verdict once read "It its answer says nothing...").
const VERDICTS = [
  { behaviour: 'ok', verdict: 'accepted', line: 'It accepted the signature (200).' },
  // The problem box above quotes these answers' errors: the section gives their status only.
  { behaviour: 'refuses_signatures', verdict: 'refused', line: 'It rejected the signature (401).' },
  { behaviour: 'error500', verdict: 'unknown', line: 'Its 500 says nothing about the signature.' },
] as const;

describe("the call's 'Your handler' section", () => {
  for (const { behaviour, verdict, line } of VERDICTS) {
    it(`says the ${verdict} verdict in a sentence`, async () => {
      const c = companion();
      const { pane } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), behaviour));
      expect((await c.api.getCall(1))?.handler?.verdict).toBe(verdict);
      const section = within(pane).getByRole('region', { name: 'Your handler' });
      expect(within(section).getByTestId('handler-verdict').textContent).toBe(line);
    });
  }
});

describe("checking the handler's verifier", () => {
  it('shows each request as the core sends it, n of the total, and Cancel stops it once the request in flight is answered', async () => {
    const c = companion();
    // A handler that answers each call only when the test lets it: the probe goes one step at a time.
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'gated'));
    // Non-ASCII text and keys out of order: the styles sign it in different bytes, so the probe has several requests.
    const forwarded = c.send('send_email', { to: 'zoë@example.com', b: 2, a: { y: 'é', x: 1 } });
    await handler().release(1);
    await forwarded;
    // The handler serves the whole file: what it received before this probe.
    const before = (await handler().received()).length;
    const { pane, user } = await openCall(c.bridge, 1);
    const section = within(pane).getByRole('region', { name: 'Your handler' });
    await user.click(within(section).getByRole('button', { name: "Check my handler's verifier…" }));
    // What it will send, said as it goes: not a request per style when styles write the call alike.
    expect(within(section).getByRole('group', { name: "Confirm checking your handler's verifier" }).textContent).toContain(
      'styles that write it the same share one request',
    );
    await user.click(within(section).getByRole('button', { name: 'Send the calls' }));

    const progress = within(section).getByRole('group', { name: "Checking your handler's verifier" });
    const step = () => within(progress).getByTestId('probe-step').textContent ?? '';
    const bar = () => within(progress).getByRole('progressbar', { name: 'Requests answered' });
    await waitFor(() => expect(step()).toMatch(/^Sending 1 of \d+: \w/));
    const total = Number(/ of (\d+):/.exec(step())![1]);
    expect(total).toBeGreaterThan(2);
    expect([bar().getAttribute('value'), bar().getAttribute('max')]).toEqual(['0', String(total)]);
    await handler().release(1);
    await waitFor(() => expect(step()).toMatch(new RegExp(`^Sending 2 of ${total}: `)));
    expect(bar().getAttribute('value')).toBe('1');

    await user.click(within(progress).getByRole('button', { name: 'Cancel' }));
    expect(c.bridge.callsTo('stopProbe')).toEqual([[1]]);
    expect(step()).toMatch(/^Stopping: nothing more is sent/);
    await handler().release(1);
    const result = await within(section).findByRole('region', { name: 'Probe result' });
    expect(result.querySelector('[data-finding]')?.getAttribute('data-finding')).toBe('stopped');
    expect(result.textContent).toContain(`Stopped after 2 of ${total} requests`);
    expect(within(section).queryByRole('group', { name: "Checking your handler's verifier" })).toBeNull();
    // Nothing more was sent: the probe's two requests.
    expect(await handler().received()).toHaveLength(before + 2);
  });
});

describe('a probe of the handler started elsewhere (another page, the command line against the same serve)', () => {
  /** Forwards call #1 through the gated handler, and starts a probe of it as another page would: straight at the core. */
  async function probeStartedElsewhere(c: ReturnType<typeof companion>) {
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'gated'));
    const forwarded = c.send('send_email', { to: 'zoë@example.com', b: 2, a: { y: 'é', x: 1 } });
    await handler().release(1);
    await forwarded;
    const before = (await handler().received()).length;
    const probe = c.api.probeHandler(1, null);
    // Its first request reached the handler: the probe is going.
    await waitFor(async () => expect(await handler().received()).toHaveLength(before + 1));
    return { probe, before };
  }

  it('shows its steps in the page showing the call, and the page can stop it', async () => {
    const c = companion();
    const { probe, before } = await probeStartedElsewhere(c);
    const { pane, user } = await openCall(c.bridge, 1);
    const section = within(pane).getByRole('region', { name: 'Your handler' });
    // Opened while it goes on: the page reads where it is, with no step to wait for.
    const progress = await within(section).findByRole('group', { name: "Checking your handler's verifier" });
    const step = () => within(progress).getByTestId('probe-step').textContent ?? '';
    await waitFor(() => expect(step()).toMatch(/^Sending 1 of \d+: \w/));
    const total = Number(/ of (\d+):/.exec(step())![1]);
    expect(within(section).getByRole('button', { name: "Check my handler's verifier…" }).getAttribute('aria-disabled')).toBe('true');
    await handler().release(1);
    await waitFor(() => expect(step()).toMatch(new RegExp(`^Sending 2 of ${total}: `)));

    await user.click(within(progress).getByRole('button', { name: 'Cancel' }));
    expect(c.bridge.callsTo('stopProbe')).toEqual([[1]]);
    expect(step()).toMatch(/^Stopping: nothing more is sent/);
    await handler().release(1);
    const result = await probe;
    expect(result.ok && result.value.finding.code).toBe('stopped');
    // Its end reaches the page too: no progress stays up.
    await waitFor(() => expect(within(section).queryByRole('group', { name: "Checking your handler's verifier" })).toBeNull());
    expect(within(section).getByRole('button', { name: "Check my handler's verifier…" }).getAttribute('aria-disabled')).toBeNull();
    expect(await handler().received()).toHaveLength(before + 2);
  });

  it("keeps the confirm's Send the calls focusable while a probe started elsewhere runs, and a press sends nothing", async () => {
    const c = companion();
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'gated'));
    const forwarded = c.send('send_email', { to: 'zoë@example.com', b: 2, a: { y: 'é', x: 1 } });
    await handler().release(1);
    await forwarded;
    const { pane, user } = await openCall(c.bridge, 1);
    const section = within(pane).getByRole('region', { name: 'Your handler' });
    await user.click(within(section).getByRole('button', { name: "Check my handler's verifier…" }));
    const send = within(section).getByRole('button', { name: 'Send the calls' });
    await waitFor(() => expect(document.activeElement).toBe(send));
    const probe = c.api.probeHandler(1, null);
    await within(section).findByRole('group', { name: "Checking your handler's verifier" });
    expect(send.getAttribute('aria-disabled')).toBe('true');
    expect(send.hasAttribute('disabled')).toBe(false);
    expect(document.activeElement).toBe(send);
    await user.click(send);
    expect(c.bridge.callsTo('probeHandler')).toEqual([]);
    await c.api.stopProbe(1);
    await handler().release(1);
    expect((await probe).ok).toBe(true);
    await waitFor(() => expect(send.getAttribute('aria-disabled')).toBeNull());
  });

  it('shows a probe that starts while the page is open, until it ends', async () => {
    const c = companion();
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'gated'));
    const forwarded = c.send('send_email', { to: 'zoë@example.com', b: 2, a: { y: 'é', x: 1 } });
    await handler().release(1);
    await forwarded;
    const { pane } = await openCall(c.bridge, 1);
    const section = within(pane).getByRole('region', { name: 'Your handler' });
    const probe = c.api.probeHandler(1, null);
    const progress = await within(section).findByRole('group', { name: "Checking your handler's verifier" });
    await waitFor(() => expect(within(progress).getByTestId('probe-step').textContent).toMatch(/^Sending 1 of \d+: \w/));
    await c.api.stopProbe(1);
    await handler().release(1);
    expect((await probe).ok).toBe(true);
    await waitFor(() => expect(within(section).queryByRole('group', { name: "Checking your handler's verifier" })).toBeNull());
  });
});

describe('one screen names one style per thing: the style this call was signed in, and the one learned from all calls', () => {
  it('a call signed otherwise than most: the handler box says "this call was signed with", the replay line what re-signing uses', async () => {
    const c = companion();
    const timestamp = Math.floor(Date.now() / 1000);
    // Bodies with spaces between tokens, signed over the bytes as sent: only the raw style matches them.
    for (let n = 0; n < 3; n++) {
      const spaced = `{"action_name": "send_email", "parameters": {"n": ${n}}, "timestamp": ${timestamp}}`;
      const signature = createHmac('sha256', KEY).update(spaced).digest('hex');
      await c.post('/actions/send_email', `${spaced.slice(0, -1)}, "signature": "${signature}"}`);
    }
    // Sent in UTF-8, signed as Python's json.dumps writes it (ASCII escapes): valid in python, not raw.
    const asSent = JSON.stringify({ action_name: 'send_email', parameters: { name: 'Renée' }, timestamp });
    const signature = createHmac('sha256', KEY).update(asSent.replace('é', '\\u00e9')).digest('hex');
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'refuses_signatures'));
    await c.post('/actions/send_email', `${asSent.slice(0, -1)},"signature":"${signature}"}`);
    const stored = await c.api.getCall(4);
    expect(stored?.signature.styles.filter((s) => s.matched).map((s) => s.style)).not.toContain('raw');

    const { pane, user } = await openCall(c.bridge, 4);
    const box = within(pane).getByRole('group', { name: 'Your handler and the signature' });
    // Named by label, as the signature details name them; each verifier is in a fold of the box.
    expect(box.textContent).toContain(
      "this call was signed with Python example (as sent, ASCII escapes), though most of this Flowent's calls are signed with Raw body bytes (signature member cut out)",
    );
    expect(box.textContent).toContain(
      '"Show a verifier that checks this style" below gives a verifier that accepts how this call was signed, and ' +
        `"Show a verifier for most of this Flowent's calls" below gives one for most of this Flowent's calls.`,
    );
    await user.click(within(box).getByText("Show a verifier for most of this Flowent's calls"));
    expect(await within(box).findByText('Raw body bytes (signature member cut out)', { selector: 'strong' })).toBeTruthy();
    expect(c.bridge.callsTo('getVerifierSnippet')).toContainEqual(['python', 'raw']);
    expect(within(pane).getByLabelText('Learned signing style').textContent).toBe(
      'Calls this companion signs use Raw body bytes (signature member cut out), learned from 3 Flowent calls. ' +
        'Flowent calls so far: Raw body bytes (signature member cut out), 3 of 4 calls; 1 signed Python example (as sent, ASCII escapes).',
    );
    // Nothing on the screen says "Flowent signs with" one style here and another there.
    expect(pane.textContent).not.toContain('Flowent signs with');
  });
});

describe.skipIf(!hasPython)('a probe on a call every style signs alike, after a call that told styles apart', () => {
  // A real handler verifying as JavaScript's JSON.stringify writes the payload (keys as sent, raw UTF-8).
  let jsHandler: SignatureHandler;
  beforeAll(async () => {
    jsHandler = await startSignatureHandler('node', KEY);
  });
  afterAll(() => jsHandler?.stop());

  it('says the call cannot tell the styles apart, and the refused call still shows what its handler refused', async () => {
    const c = companion();
    await c.api.setForwardTarget('greet', jsHandler.target.replace('{action_name}', 'greet'));
    const timestamp = Math.floor(Date.now() / 1000);
    const call = (parameters: Record<string, string>) => JSON.stringify({ action_name: 'greet', parameters, timestamp });
    // #1: go-signed, with non-ASCII text, <&> and keys out of order: refused. #2: plain ASCII, keys in order: accepted.
    await c.post('/actions/greet', sign(call({ city: 'Zürich', b: '<&>' }), KEY, 'go').body);
    await c.post('/actions/greet', sign(call({ a: 'x' }), KEY, 'python').body);
    expect([(await c.api.getCall(1))?.handlerSignature, (await c.api.getCall(2))?.handlerSignature]).toEqual(['refused', 'accepted']);

    const { pane, user } = await openCall(c.bridge, 2);
    const section = within(pane).getByRole('region', { name: 'Your handler' });
    await user.click(within(section).getByRole('button', { name: "Check my handler's verifier…" }));
    await user.click(within(section).getByRole('button', { name: 'Send the calls' }));
    const result = await within(section).findByRole('region', { name: 'Probe result' }, { timeout: 15_000 });
    expect(result.textContent).toContain('every signing style gives this call the same bytes');
    expect(result.textContent).toContain('probe a call with non-ASCII text, <, > or &, or keys out of order');
    // The one signed request: every style on it accepted only where its bytes were all the others'.
    const signedRow = within(result).getAllByRole('row')[1]!;
    // Named as the signature details name them, the style's id in the row's title.
    const signedStyles = within(signedRow).getByRole('rowheader');
    expect(signedStyles.textContent).toMatch(
      /^Python example \(as sent, ASCII escapes\) \(here only\); Go example \(sorted keys, Go escaping\) \(here only\); /,
    );
    expect(signedStyles.title).toMatch(/^python\ngo\n/);

    resetPage();
    const refused = await openCall(c.bridge, 1);
    const box = within(refused.pane).getByRole('group', { name: 'Your handler and the signature' });
    const refusedStyles = within(box).getByTestId('handler-styles-refused').textContent ?? '';
    expect(refusedStyles).toContain('Go example (sorted keys, Go escaping)');
    expect(refusedStyles).toContain('Go struct (struct field order, nested keys sorted, Go escaping)');
    expect(within(box).getByTitle('go-struct').textContent).toBe('Go struct (struct field order, nested keys sorted, Go escaping)');
    expect(within(box).getByTestId('handler-styles-accepted').textContent).not.toContain('Go example');
    expect(box.textContent).not.toMatch(/verifies with [^;]*\bgo\b/);
  });
});

describe.skipIf(!hasPython)("a probe's finding names styles as the table beside it does", () => {
  const handlers: Partial<Record<'python' | 'none', SignatureHandler>> = {};
  beforeAll(async () => {
    handlers.python = await startSignatureHandler('python', KEY);
    handlers.none = await startSignatureHandler('none', KEY);
  });
  afterAll(async () => {
    await handlers.python?.stop();
    await handlers.none?.stop();
  });

  /** Probes call #1, forwarded to `handler`, from the page; the result region. */
  async function probeFromThePage(handler: SignatureHandler) {
    const c = companion();
    await c.api.setForwardTarget('greet', handler.target.replace('{action_name}', 'greet'));
    // Non-ASCII and keys out of order: the styles sign it in different bytes.
    const body = JSON.stringify({
      action_name: 'greet',
      parameters: { name: 'Renée', city: '北京' },
      timestamp: Math.floor(Date.now() / 1000),
    });
    await c.post('/actions/greet', sign(body, KEY, 'python').body);
    const { pane, user } = await openCall(c.bridge, 1);
    const section = within(pane).getByRole('region', { name: 'Your handler' });
    await user.click(within(section).getByRole('button', { name: "Check my handler's verifier…" }));
    await user.click(within(section).getByRole('button', { name: 'Send the calls' }));
    return within(section).findByRole('region', { name: 'Probe result' }, { timeout: 15_000 });
  }

  it('by their labels, never their ids', async () => {
    const result = await probeFromThePage(handlers.python!);
    const finding = within(result).getByRole('status').textContent ?? '';
    expect(finding).toMatch(
      /^Your handler checks signatures: it rejected the wrong signature and accepted Python example \(as sent, ASCII escapes\); /,
    );
    expect(finding).not.toMatch(/\bpython\b|sorted\+ascii/);
  });

  it('tells the page to take the verifier shown under it, not to run a command', async () => {
    const result = await probeFromThePage(handlers.none!);
    const finding = within(result).getByRole('alert').textContent ?? '';
    expect(finding).toMatch(/^Security problem: your handler does not check signatures\./);
    expect(finding).toMatch(/Reject calls whose signature does not match with 401: "Show a verifier" below gives a check that does\.$/);
    expect(finding).not.toContain('flowent-companion');
    expect(within(result).getByText('Show a verifier')).toBeTruthy();
  });
});
