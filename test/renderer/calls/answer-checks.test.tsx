// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { answererWords, tunnelCallerWords } from '../../../main/contract/words';
import { cap } from '../../../main/contract/words/said';
import type { AnsweredBy, MockChoice, Selection } from '../../../main/contract/api';
import { KEY, useCompanion, valueOf } from '../harness/companion';
import { startServe } from '../../helpers/spawn-cli';
import { closedPort, handlerUrl, useHandler } from '../../helpers/handler-process';
import { openCall, resetPage } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';
import { reachableTunnel } from '../../helpers/stand-in-tunnels';
import { serveForwardingToNobody } from '../../helpers/serve-forwarding';

const companion = useCompanion();
// A stand-in tunnel whose public URL reaches the companion through the tunnel's own way in.
const tunnelled = useCompanion(() => ({ core: { tunnelProvider: reachableTunnel() }, env: { NGROK_AUTHTOKEN: 'test-token' } }));
const handler = useHandler();

describe('contract check', () => {
  it('lists violations in their own box and marks the row', async () => {
    const c = companion();
    // The handler answers HTML: not the JSON Flowent expects.
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'garbage'));
    await c.send('send_email');
    await c.send('create_ticket');
    const { violations } = (await c.api.getCall(1))!;
    expect(violations.length).toBeGreaterThan(0);
    const { pane, row } = await openCall(c.bridge, 1);
    const box = within(pane).getByRole('note', { name: 'Contract check' });
    expect(
      within(box)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(violations.map((v) => v.message));
    expect(box.textContent).toMatch(/^Problem with the answer:/);
    // Its own marker, in the answer's column: not beside the signature's verdict. It says why
    // in a word: an HTML answer is "not JSON", not the same "contract" as every other problem.
    const mark = within(row).getByTestId('violation-mark');
    expect(mark.textContent).toBe('not JSON');
    expect(mark.closest('.col-status')).not.toBeNull();
    expect(mark.getAttribute('title')).toBe(`Answer breaks Flowent's contract: ${violations.map((v) => v.message).join('; ')}`);
    const clean = document.querySelector('[data-call-id="2"]') as HTMLElement;
    expect(within(clean).queryByTestId('violation-mark')).toBeNull();
    // A mock can be made from it (to try the flow's failure branch), with a word that it copies the failure.
    within(pane).getByRole('button', { name: 'Make a mock from this answer' });
    expect(within(pane).getByTestId('mock-copies-failure').textContent).toContain("This answer breaks Flowent's contract");
  });

  it('has no contract box for a clean answer', async () => {
    const c = companion();
    await c.send('send_email');
    const { pane } = await openCall(c.bridge, 1);
    expect(within(pane).queryByRole('note', { name: 'Contract check' })).toBeNull();
    expect(within(pane).queryByRole('note', { name: 'Forwarding' })).toBeNull();
    expect(within(pane).queryByTestId('forwarded-for')).toBeNull();
    expect(within(pane).queryByTestId('mock-copies-failure')).toBeNull();
  });
});

describe('forwarding and the tunnel', () => {
  it('shows the target, the error, the registration verdict and the tunnel client', async () => {
    const c = tunnelled();
    expect((await c.api.openTunnel()).ok).toBe(true);
    const port = await closedPort();
    await c.api.setForwardTarget('send_email', `http://127.0.0.1:${port}/actions/{action_name}`);
    // A registration check through the tunnel: ngrok's edge appends the caller's address.
    await c.send('send_email', {}, { key: null, extra: { test: true }, headers: { 'x-forwarded-for': '34.120.1.9' }, throughTunnel: true });
    // The same header sent straight to the webhook port is the caller's own say: no tunnel line.
    await c.send('send_email', {}, { key: null, extra: { test: true }, headers: { 'x-forwarded-for': '6.6.6.6' } });
    const straight = await openCall(c.bridge, 2);
    expect(within(straight.pane).queryByTestId('forwarded-for')).toBeNull();
    resetPage();
    const { pane } = await openCall(c.bridge, 1);
    // The command line's calls <id> says it in the same words, after the agent's loopback address.
    expect(within(pane).getByTestId('forwarded-for').textContent).toBe(cap(tunnelCallerWords('34.120.1.9')));
    expect(within(pane).getByTestId('forwarded-for').textContent).toBe('Through the tunnel from 34.120.1.9');
    const box = within(pane).getByRole('note', { name: 'Forwarding' });
    expect(within(box).getByTestId('forward-target').textContent).toBe(`http://127.0.0.1:${port}/actions/send_email`);
    // Why it failed is in the "never answered" box at the top: the forwarding note does not repeat it.
    expect(within(box).queryByTestId('forward-error')).toBeNull();
    expect(within(box).getByTestId('registration-would-pass').textContent).toBe(
      "Flowent's registration check would fail with this answer.",
    );
    // The 502 is the companion's own, in place of an answer the handler never gave: said as that.
    expect(within(pane).getByTestId('answered-by').textContent).toBe(
      "this companion's 502 error answer, because your handler refused the connection",
    );
    const unanswered = within(pane).getByRole('note', { name: 'No answer' });
    expect(unanswered.textContent).toMatch(
      /^Your handler never answered:Your handler at .* refused the connection: .* Start your handler, or check the port\.$/,
    );
    expect(within(pane).queryByRole('note', { name: 'Contract check' })).toBeNull();
    // Its words are no answer to copy into a mock.
    expect(within(pane).queryByRole('button', { name: 'Make a mock from this answer' })).toBeNull();
    const row = document.querySelector('[data-call-id="1"]') as HTMLElement;
    expect(within(row).getByTestId('violation-mark').textContent).toBe('no listener');
    expect(within(row).getByTestId('violation-mark').getAttribute('aria-label')).toMatch(
      /^No answer, so Flowent sees a failed action: Your handler at .* refused the connection/,
    );
  });

  it('says a replay to a handler that is down got no answer, and why, with nothing to make a mock of', async () => {
    const c = companion();
    await c.send('send_email');
    const port = await closedPort();
    await c.api.replayCall(1, 'as-is', `http://127.0.0.1:${port}/actions/{action_name}`);
    const { pane, row } = await openCall(c.bridge, 2);
    expect(within(row).getByTestId('violation-mark').textContent).toBe('no listener');
    expect(within(pane).getByTestId('answered-by').textContent).toBe('no answer: your handler refused the connection');
    expect(within(pane).getByRole('note', { name: 'No answer' }).textContent).toMatch(/^Your handler never answered:/);
    // Not an "empty body": nothing came back.
    const answer = within(pane).getByRole('region', { name: 'Answer' });
    expect(within(answer).getByTestId('no-answer-body').textContent).toBe('Nothing came back: no status, headers or body.');
    expect(within(answer).queryByLabelText('Answer body')).toBeNull();
    expect(within(pane).queryByRole('button', { name: 'Make a mock from this answer' })).toBeNull();
  });

  it('says a handler that timed out never answered, and what to do', async () => {
    const c = await companion.restart({ core: { forwardTimeoutMs: 300 } });
    const { pane, row } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'hang'));
    expect(within(row).getByTestId('violation-mark').textContent).toBe('timed out');
    const unanswered = within(pane).getByRole('note', { name: 'No answer' });
    expect(unanswered.textContent).toMatch(
      /^Your handler never answered:Your handler at .* did not answer within 300 ms \(Flowent gives up after 30 s\)\. Check its log for where it waits, and answer sooner: do slow work after answering\.$/,
    );
    expect(within(pane).getByTestId('answered-by').textContent).toBe(
      "this companion's 504 error answer, because your handler did not answer in time",
    );
    // Said once, at the top, not again under "Forwarded to"; the 504 body the companion answered
    // (to Flowent, in the cloud) says what happened without the handler's address.
    const said = (await c.api.getCall(1))!.violations[0]!.message;
    expect(pane.textContent!.split(said).length - 1).toBe(1);
    expect(pane.textContent).toContain("Your handler did not answer within Flowent Companion's forward timeout.");
    expect(within(pane).queryByTestId('forward-error')).toBeNull();
    expect(within(pane).queryByRole('button', { name: 'Make a mock from this answer' })).toBeNull();
  });

  it("says a replay went to this companion's webhook, and where the webhook forwarded it, not that it was forwarded to the webhook", async () => {
    const c = companion();
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'ok'));
    expect((await c.api.setMock('create_ticket', '{"status":200,"body":{"result":"made","error":""}}', 'json')).ok).toBe(true);
    await c.send('send_email');
    await c.send('create_ticket');
    const own = `${(await c.api.getStatus()).webhookBaseUrl!.replace(/\/+$/, '')}/actions/{action_name}`;
    expect((await c.api.replayCall(1, 'as-is', own)).ok).toBe(true);
    expect((await c.api.replayCall(2, 'as-is', own)).ok).toBe(true);
    // #3: send_email, which the webhook forwards to the handler.
    let { pane } = await openCall(c.bridge, 3);
    let box = within(pane).getByRole('note', { name: 'Forwarding' });
    expect(box.textContent).toBe(
      `Sent to this companion's webhook at ${own.replace('{action_name}', 'send_email')}, which forwarded it to your handler at ${handlerUrl(handler(), 'ok')}`,
    );
    resetPage();
    // #4: create_ticket, which the webhook's mock answers: nothing forwarded.
    ({ pane } = await openCall(c.bridge, 4));
    box = within(pane).getByRole('note', { name: 'Forwarding' });
    expect(box.textContent).toBe(
      `Sent to this companion's webhook at ${own.replace('{action_name}', 'create_ticket')}, whose mock answered it`,
    );
  });

  it('says why the handler gave no answer under "Forwarded to" when the mock answered in its place', async () => {
    const port = await closedPort();
    const c = await companion.restart({ core: { forwardTarget: `http://127.0.0.1:${port}/actions/{action_name}`, fallbackToMock: true } });
    await c.send('send_email');
    const { pane } = await openCall(c.bridge, 1);
    // The mock's answer is clean: no box at the top, so the forwarding note is where the failure is said.
    expect(within(pane).queryByRole('note', { name: 'No answer' })).toBeNull();
    const box = within(pane).getByRole('note', { name: 'Forwarding' });
    expect(within(box).getByTestId('forward-error').textContent).toMatch(/^Your handler at .* refused the connection/);
  });

  // Seen with `mocks set create_ticket --file m1.yaml` of one answer: the details said "its
  // fallback (no rule held)" of a mock that has no rules.
  it('says a mock of one answer answered, with no rule or fallback it does not have', async () => {
    const c = companion();
    const set = await c.api.setMock('create_ticket', 'status: 200\nbody:\n  result: created\n  error: ""\n', 'yaml');
    expect(set.ok).toBe(true);
    await c.send('create_ticket');
    const { pane } = await openCall(c.bridge, 1);
    expect(within(pane).getByTestId('answered-by').textContent).toBe('the mock of create_ticket');
  });

  it('labels every way of answering, and says truthfully which mock answer was given', () => {
    const said = (answeredBy: AnsweredBy, mockChoice: MockChoice | null) => answererWords({ answeredBy, action: 'send_email', mockChoice });
    expect(said('forward', null)).toBe('your handler');
    // A 504 for a handler too slow is a failed forward too: nothing claims it was unreachable.
    expect(said('forward-error', null)).toBe('an error answer: forwarding to your handler failed');
    const builtIn = { kind: 'built-in' } as const;
    expect(said('mock', { mock: 'none', response: builtIn })).toBe('the built-in answer (send_email has no mock)');
    const rule = (index: number, name: string | null, selection: Selection = 'rules') => ({
      kind: 'response' as const,
      selection,
      index,
      name,
    });
    expect(said('mock', { mock: 'action', response: rule(1, 'vip customer') })).toBe("the mock of send_email, rule 'vip customer'");
    expect(said('mock', { mock: 'action', response: rule(2, null) })).toBe('the mock of send_email, rule responses[2]');
    expect(said('mock', { mock: 'default', response: rule(2, null, 'sequence') })).toBe('the default mock for every action, sequence #3');
    expect(said('mock', { mock: 'action', response: { kind: 'fallback', name: null } })).toBe(
      'the mock of send_email, its fallback (no rule held)',
    );
    // A mock of one answer has no rules: nothing held or failed to, it is the mock's answer.
    expect(said('mock', { mock: 'action', response: { kind: 'only', name: null } })).toBe('the mock of send_email');
    expect(said('mock', { mock: 'action', response: { kind: 'only', name: 'created' } })).toBe(
      "the mock of send_email, its answer 'created'",
    );
    expect(said('mock', { mock: 'default', response: { kind: 'only', name: null } })).toBe('the default mock for every action');
    expect(said('mock', { mock: 'action', response: builtIn })).toBe(
      'the built-in answer (the mock of send_email has no response or fallback that applies)',
    );
    expect(said('fallback-mock', { mock: 'none', response: builtIn })).toBe(
      'the built-in answer (send_email has no mock), because your handler gave no answer',
    );
    expect(said('mock', null)).toBe('a mock or the built-in answer (which one was not recorded for this call)');
  });
  it('says the headers left out of what the handler got with where the call went, not as a problem with the request', async () => {
    const c = companion();
    // An imported call with a header no HTTP client can send, replayed to a handler: it goes without it.
    const body = JSON.stringify({ action_name: 'ok', parameters: {}, timestamp: Math.floor(Date.now() / 1000) });
    const headers = [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'bad header', value: 'x' },
    ];
    const entry = {
      startedDateTime: new Date().toISOString(),
      request: { method: 'POST', url: 'http://h/actions/ok', headers, postData: { text: body } },
    };
    valueOf(await c.api.importHar(JSON.stringify({ log: { version: '1.2', entries: [entry] } })));
    valueOf(await c.api.replayCall(1, 'as-is', handlerUrl(handler(), 'ok')));
    const { pane } = await openCall(c.bridge, 2);
    const box = within(pane).getByRole('note', { name: 'Forwarding' });
    expect(within(box).getByTestId('headers-not-sent').textContent).toBe(
      'Not sent on, because no HTTP client can send them: "bad header" (not a valid header name). The call went without them.',
    );
    expect(within(pane).queryByRole('alert', { name: 'Problem' })).toBeNull();
  });
});

describe('make a mock from this answer', () => {
  it('stores the answer as the action mock and says so', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'ok'));
    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    expect(c.bridge.callsTo('mockFromCall')).toEqual([[1]]);
    // send_email forwards: the toast says the mock does not answer yet (test/renderer/answers has the rest).
    await screen.findByText(/^Saved as the mock for send_email, but send_email forwards to your handler/);
    expect((await c.api.getAnswerSettings()).mocks.map((m) => m.action)).toEqual(['send_email']);
    expect(screen.queryByRole('alert')).toBeNull();
    // The mock answers what the handler answered, byte for byte.
    await c.api.setAnswerMode('send_email', 'mock');
    await c.send('send_email');
    const [handled, mocked] = [(await c.api.getCall(1))!, (await c.api.getCall(2))!];
    expect(mocked.answeredBy).toBe('mock');
    expect(mocked.response.body).toBe(handled.response.body);
  });

  it('asks before replacing a mock the action has of its own, naming it; Cancel keeps it, Replace replaces it', async () => {
    const c = companion();
    const rules = Array.from({ length: 8 }, (_, i) => ({
      name: `rule ${i}`,
      when: [{ path: 'parameters.recipient', equals: `r${i}@example.com` }],
      status: 200,
      body: { result: `hand-written ${i}`, error: '' },
    }));
    const text = JSON.stringify({ selection: 'rules', responses: rules }, null, 2);
    expect((await c.api.setMock('send_email', text, 'json')).ok).toBe(true);
    await c.send('send_email');
    const { pane, user } = await openCall(c.bridge, 1);
    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    const confirm = await within(pane).findByRole('group', { name: 'Confirm replacing the mock' });
    expect(confirm.textContent).toMatch(/^Replace the mock of send_email \(8 rules, updated [^)]+\) with this call's answer\?/);
    expect(c.bridge.callsTo('mockFromCall')).toEqual([]);

    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(within(pane).queryByRole('group', { name: 'Confirm replacing the mock' })).toBeNull();
    expect(c.bridge.callsTo('mockFromCall')).toEqual([]);
    expect((await c.api.getAnswerSettings()).mocks.map((m) => m.text)).toEqual([text]);

    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    await user.click(await within(pane).findByRole('button', { name: 'Replace the mock' }));
    await screen.findByText('Saved as the mock for send_email');
    expect(c.bridge.callsTo('mockFromCall')).toEqual([[1]]);
    expect((await c.api.getAnswerSettings()).mocks.map((m) => m.text)).not.toEqual([text]);
  });

  it('shows a refusal as an error banner', async () => {
    const c = companion();
    await c.send('send_email');
    const { pane, user } = await openCall(c.bridge, 1);
    // The history was cleared meanwhile (from the command line), and the page has not heard yet.
    c.bridge.events.pause();
    await c.core.api.clearHistory();
    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    await waitFor(() =>
      expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toContainEqual(
        expect.stringContaining('Could not make a mock from call #1: There is no call #1 in the history (it may have been cleared).'),
      ),
    );
    expect((await c.api.getAnswerSettings()).mocks).toEqual([]);
  });
});

describe("a replay through another companion's webhook on this data folder", () => {
  // It answered itself: no handler was reached, yet the webhook, not a handler, got the replay.
  it('names the webhook it was sent to when that webhook answered itself', async () => {
    const c = companion();
    await c.send('send_email');
    const server = await startServe(['--port', '0', '--no-inspector', '--data-dir', c.dataDir], { FLOWENT_HMAC_KEY: KEY });
    try {
      valueOf(await c.api.replayCall(1, 'as-is', `${server.baseUrl}/actions/{action_name}`));
    } finally {
      server.child.kill('SIGKILL');
    }
    const { pane } = await openCall(c.bridge, 2);
    const box = within(pane).getByRole('note', { name: 'Forwarding' });
    // No mock of send_email: its built-in answer, as "Answered by" says, not a mock's.
    expect(box.textContent).toBe(
      `Sent to another companion's webhook at ${server.baseUrl}/actions/send_email, which gave its built-in answer`,
    );
  });

  // The page's webhook is not the serve's: the page called the serve's webhook the handler ("Forwarded to").
  it('names the webhook it was sent to, and the handler that webhook forwarded it to', async () => {
    const c = companion();
    await c.send('send_email');
    const server = await startServe(['--port', '0', '--no-inspector', '--forward', handlerUrl(handler(), 'ok'), '--data-dir', c.dataDir], {
      FLOWENT_HMAC_KEY: KEY,
    });
    try {
      valueOf(await c.api.replayCall(1, 'as-is', `${server.baseUrl}/actions/{action_name}`));
    } finally {
      server.child.kill('SIGKILL');
    }
    const { pane } = await openCall(c.bridge, 2);
    const box = within(pane).getByRole('note', { name: 'Forwarding' });
    expect(box.textContent).toBe(
      `Sent to another companion's webhook at ${server.baseUrl}/actions/send_email, which forwarded it to your handler at ${handlerUrl(handler(), 'ok')}`,
    );
  });

  // No handler answered, so its record named none: the serve's 502 read as a webhook's, the handler it tried unsaid.
  it('names the handler that webhook forwarded it to when that handler refused the connection', async () => {
    const c = companion();
    await c.send('send_email');
    const cleanups: (() => void | Promise<void>)[] = [];
    let sentTo: string;
    let nobody: string;
    try {
      const behind = await serveForwardingToNobody(c.dataDir, KEY, cleanups);
      ({ nobody } = behind);
      sentTo = `${behind.server.baseUrl}/actions/send_email`;
      valueOf(await c.api.replayCall(1, 'as-is', `${behind.server.baseUrl}/actions/{action_name}`));
    } finally {
      for (const cleanup of cleanups) await cleanup();
    }
    const { pane } = await openCall(c.bridge, 2);
    const box = within(pane).getByRole('note', { name: 'Forwarding' });
    expect(box.textContent).toBe(
      `Sent to another companion's webhook at ${sentTo}, which forwarded it to your handler at ${nobody}/actions/send_email`,
    );
    expect(within(box).getByTestId('forward-target').textContent).toBe(sentTo);
    expect(within(box).getByTestId('handler-reached').textContent).toBe(`${nobody}/actions/send_email`);
  });
});
