import { describe, expect, it } from 'vitest';
import type {
  AccountState,
  FlowentAction,
  ParameterCheck,
  ParameterProblem,
  RegisteredHere,
  SimulatorAction,
  RegistrationRecord,
  Warned,
} from '../../../main/contract/api';
import { SCHEMA } from '../account/harness';
import { accountRig, dataFolderText, eventually, SECRET_TOKEN } from './account-harness';

type Refusal = { ok: false; code: string };

const REJECTED = { code: 'flowent-api-token-rejected', profile: 'default', variable: 'FLOWENT_API_TOKEN' };
type Answer<T> = { ok: true; value: T } | Refusal;

/** A rig on which send_email is registered with SCHEMA, its webhook this companion's. */
async function rigWithSendEmail() {
  const rig = await accountRig();
  const input = {
    name: 'send_email',
    description: 'Send',
    webhook_url: `${rig.companion.baseUrl}/actions/send_email`,
    json_schema: SCHEMA,
  };
  expect((await rig.call<Answer<unknown>>('registerAction', input)).ok).toBe(true);
  return rig;
}

describe('the account contract through the real core and the inspector', () => {
  it('exchanges the API token on connect and reports when the session expires', async () => {
    const rig = await accountRig();
    const before = Date.now();
    const connected = await rig.call<Answer<AccountState>>('connectFlowent');
    const after = Date.now();
    expect(connected.ok).toBe(true);
    const account = await rig.call<AccountState>('getAccount');
    expect(account).toMatchObject({
      activeProfile: 'default',
      apiToken: { set: true, source: 'environment' },
      session: { lastError: null },
      followMode: 'ask',
    });
    // The countdown's end: the stand-in's documented 86400 s lifetime from the exchange.
    expect(account.session.expiresAt).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(account.session.expiresAt).toBeLessThanOrEqual(after + 86_400_000);
    expect(rig.gateway.exchanges).toBe(1);
    expect(rig.events).toContainEqual({ type: 'account-changed' });
  });

  it('says "API token rejected" and keeps it as the session’s last error until a good token is set', async () => {
    const rig = await accountRig({ token: 'not-a-token-flowent-knows' });
    expect(await rig.call('connectFlowent')).toEqual({ ok: false, ...REJECTED });
    expect((await rig.call<AccountState>('getAccount')).session).toEqual({
      expiresAt: null,
      lastError: REJECTED,
    });
    expect(await rig.call('listActions')).toMatchObject({ ok: false, code: 'flowent-api-token-rejected' });

    // Headless: the token can be replaced from the inspector, for this run only.
    const set = await rig.call<Answer<AccountState>>('setFlowentApiToken', 'default', SECRET_TOKEN);
    expect(set).toMatchObject({ ok: true, value: { apiToken: { set: true, source: 'session' }, session: { lastError: null } } });
    expect(await rig.call('listActions')).toEqual({ ok: true, value: { value: [], warnings: [] } });
    expect((await rig.call<AccountState>('getAccount')).session.expiresAt).not.toBeNull();
  });

  it('on a 401 mid-session exchanges again once and the request goes through', async () => {
    const rig = await accountRig();
    expect((await rig.call<Answer<unknown>>('listActions')).ok).toBe(true);
    rig.gateway.revokeSessions();
    expect((await rig.call<Answer<unknown>>('listActions')).ok).toBe(true);
    expect(rig.gateway.exchanges).toBe(2);
    expect(rig.gateway.requests.map((request) => request.status)).toEqual([200, 200, 401, 200, 200]);
  });

  it('when the API token was revoked meanwhile, the 401’s re-exchange fails with "API token rejected" as the session’s error', async () => {
    const rig = await accountRig();
    expect((await rig.call<Answer<unknown>>('listActions')).ok).toBe(true);
    // Revoked in Gateway Management: the token no longer exchanges, and its sessions end.
    delete rig.gateway.options.apiTokens[SECRET_TOKEN];
    rig.gateway.revokeSessions();
    expect(await rig.call('listActions')).toEqual({ ok: false, ...REJECTED });
    expect(rig.gateway.requests.map((request) => `${request.path.split('/').pop()} ${request.status}`)).toEqual([
      'exchange 200',
      'actions 200',
      'actions 401',
      'exchange 401',
    ]);
    expect((await rig.call<AccountState>('getAccount')).session.lastError).toEqual(REJECTED);
  });

  it('without a token, says where to set it', async () => {
    const rig = await accountRig({ token: null });
    const account = await rig.call<AccountState>('getAccount');
    expect(account).toMatchObject({
      apiToken: { set: false, source: null },
      canSetApiToken: true,
      apiTokenVariable: 'FLOWENT_API_TOKEN',
    });
    expect(await rig.call('connectFlowent')).toMatchObject({
      ok: false,
      code: 'flowent-no-api-token',
      variable: 'FLOWENT_API_TOKEN',
    });
  });

  it('keeps profiles, each with its own token, and switches the session with the active one', async () => {
    const rig = await accountRig({ env: { FLOWENT_API_TOKEN_STAGING: 'not-a-token-flowent-knows' } });
    expect(await rig.call('saveProfile', { name: 'Staging!', baseUrl: rig.gateway.baseUrl })).toMatchObject({
      ok: false,
      code: 'flowent-bad-profile',
      field: 'name',
      value: 'Staging!',
    });
    expect(await rig.call('saveProfile', { name: 'local', baseUrl: 'ftp://example' })).toMatchObject({
      ok: false,
      code: 'flowent-bad-profile',
      field: 'baseUrl',
      value: 'ftp://example',
    });
    const saved = await rig.call<Answer<AccountState>>('saveProfile', { name: 'staging', baseUrl: `${rig.gateway.baseUrl}/` });
    expect(saved).toMatchObject({
      ok: true,
      value: { profiles: [{ name: 'default' }, { name: 'staging', baseUrl: rig.gateway.baseUrl }], activeProfile: 'default' },
    });
    expect(await rig.call('setActiveProfile', 'nope')).toMatchObject({ ok: false, code: 'flowent-unknown-profile' });
    const staging = await rig.call<Answer<AccountState>>('setActiveProfile', 'staging');
    expect(staging).toMatchObject({
      ok: true,
      value: {
        activeProfile: 'staging',
        apiToken: { set: true, source: 'environment' },
        apiTokenVariable: 'FLOWENT_API_TOKEN_STAGING',
      },
    });
    // staging's own token is sent, never the default profile's.
    expect(await rig.call('connectFlowent')).toMatchObject({ ok: false, code: 'flowent-api-token-rejected' });
    expect(await rig.call('deleteProfile', 'default')).toMatchObject({ ok: false, code: 'flowent-default-profile' });
    expect(await rig.call('deleteProfile', 'staging')).toMatchObject({
      ok: true,
      value: { activeProfile: 'default', profiles: [{ name: 'default' }] },
    });
    expect(await rig.call('connectFlowent')).toMatchObject({ ok: true, value: { session: { lastError: null } } });
  });

  it('lists, registers, updates and deletes actions, with 404 and 409 in words', async () => {
    const rig = await accountRig();
    const url = `${rig.companion.baseUrl}/actions/send_email`;
    const input = { name: 'send_email', description: 'Send an email', webhook_url: url, json_schema: SCHEMA };
    const registered = await rig.call<Answer<Warned<FlowentAction>>>('registerAction', input);
    expect(registered).toMatchObject({ ok: true, value: { value: { name: 'send_email', webhook_url: url }, warnings: [] } });
    expect(await rig.call('registerAction', input)).toMatchObject({
      ok: false,
      code: 'flowent-action-exists',
      action: 'send_email',
    });
    expect(await rig.call('listActions')).toMatchObject({ ok: true, value: { value: [{ name: 'send_email' }] } });
    expect(await rig.call('updateAction', 'send_email', { description: 'Send one email' })).toMatchObject({
      ok: true,
      value: { value: { description: 'Send one email' } },
    });
    expect(await rig.call('updateAction', 'nope', { description: 'x' })).toMatchObject({
      ok: false,
      code: 'flowent-action-not-found',
      action: 'nope',
    });
    expect(await rig.call('deleteAction', 'send_email')).toEqual({ ok: true, value: { message: 'Action deleted successfully' } });
    expect(await rig.call('deleteAction', 'send_email')).toMatchObject({ ok: false, code: 'flowent-action-not-found' });
    expect(rig.gateway.stored()).toEqual([]);
  });

  it('checks an action the way Flowent does before anything is sent, and refuses malformed arguments', async () => {
    const rig = await accountRig();
    const check = await rig.call<{ problems: { field: string; message: string }[] }>(
      'checkAction',
      { name: 'Send Email', description: '', webhook_url: 'not a url', json_schema: { type: 'nonsense' } },
      false,
    );
    expect(check.problems.map((problem) => problem.field)).toEqual(['name', 'description', 'webhook_url', 'json_schema']);
    expect(check.problems[0]?.message).toContain('1-100 lowercase letters, digits or underscores');
    expect(await rig.call('checkAction', { description: 'Fine' }, true)).toEqual({ problems: [], warnings: [] });
    // Past Flowent's limits but typed by a person: answered in words, not refused as malformed.
    expect(await rig.call('checkAction', { description: 'x'.repeat(600) }, true)).toMatchObject({
      problems: [{ field: 'description', message: 'description must be 1-500 characters (it has 600).' }],
    });
    expect(await rig.call('registerHere', 'Send Email', 'Send', {}, rig.companion.baseUrl)).toMatchObject({
      ok: false,
      code: 'flowent-invalid-input',
      problems: [{ field: 'name', message: expect.stringContaining('"Send Email" is not an action name') }],
    });
    // A registration Flowent would refuse is refused here, in words, and never sent.
    expect(await rig.call('registerAction', { name: 'ok_name', description: 'x', webhook_url: 'nope', json_schema: {} })).toMatchObject({
      ok: false,
      code: 'flowent-invalid-input',
      problems: expect.arrayContaining([
        expect.objectContaining({ field: 'webhook_url', message: expect.stringContaining('must be an absolute URL') }),
      ]),
    });
    expect(rig.gateway.requests).toEqual([]);
    expect(await rig.raw('updateAction', ['send_email', { name: 'renamed' }])).toMatchObject({
      status: 400,
      json: { code: 'invalid-arguments', method: 'updateAction', message: expect.stringContaining('to rename an action, register it') },
    });
    expect(await rig.raw('setFollowMode', ['sometimes'])).toMatchObject({
      status: 400,
      json: { message: 'setFollowMode: `mode` must be "auto" or "ask".' },
    });
  });

  it('registerHere without an open tunnel tells the user to open it', async () => {
    const rig = await accountRig();
    expect(await rig.call('registerHere', 'send_email', 'Send', SCHEMA, null)).toEqual({
      ok: false,
      code: 'flowent-no-public-url',
      forRegistration: true,
    });
    expect(rig.gateway.requests).toEqual([]);
  });

  it('registerHere on the tunnel URL: Flowent’s check arrives as a call, the action is linked, the outcome recorded', async () => {
    const rig = await accountRig();
    const publicUrl = rig.companion.baseUrl.replace('127.0.0.1', 'localhost');
    rig.tunnel.goOnline(publicUrl);
    const registered = await rig.call<Answer<Warned<RegisteredHere>>>('registerHere', 'send_email', 'Send an email', SCHEMA, null);
    const webhookUrl = `${publicUrl}/actions/send_email`;
    expect(registered).toMatchObject({ ok: true, value: { value: { created: true, webhookUrl, action: { webhook_url: webhookUrl } } } });
    expect((await rig.companion.core.api.listCalls({})).calls).toMatchObject([{ action: 'send_email', test: true, status: 200 }]);
    const finished = rig.events.find((event) => event.type === 'registration-finished');
    expect(finished).toMatchObject({
      record: { profile: 'default', action: 'send_email', webhookUrl, ok: true, created: true, failure: null },
    });
    // The check reached the companion while registerHere waited: stored before the record says finished.
    const stored = rig.events.findIndex((event) => event.type === 'call-stored');
    expect(stored).toBeGreaterThanOrEqual(0);
    expect(stored).toBeLessThan(rig.events.indexOf(finished!));
    const account = await rig.call<AccountState>('getAccount');
    expect(account.links).toMatchObject([{ action: 'send_email', webhookUrl }]);
    expect(account.stale).toEqual([]);
    expect(account.registrations).toMatchObject([{ action: 'send_email', ok: true }]);

    // Again: the action exists, so it is updated (409 → PUT), still one record per attempt.
    expect(await rig.call('registerHere', 'send_email', 'Send one email', SCHEMA, null)).toMatchObject({
      ok: true,
      value: { value: { created: false } },
    });
    expect((await rig.call<AccountState>('getAccount')).registrations.map((record) => record.created)).toEqual([false, true]);

    // The tunnel closes: the UI is told to read the account again, and the link is now stale.
    const before = rig.events.length;
    await rig.tunnel.close();
    expect(rig.events.slice(before).map((event) => event.type)).toEqual(['tunnel-status', 'account-changed']);
    expect((await rig.call<AccountState>('getAccount')).stale).toMatchObject([{ action: 'send_email', webhookUrl }]);
  });

  it('registerHere failing Flowent’s registration check: the failing call is in the history and the record says why', async () => {
    const rig = await accountRig();
    const mock = await rig.companion.core.api.setMock(
      'send_email',
      JSON.stringify({ answerRegistrationCheck: true, status: 500, body: { result: '', error: 'down' } }),
      'json',
    );
    expect(mock.ok).toBe(true);
    const failed = await rig.call<Refusal>('registerHere', 'send_email', 'Send', SCHEMA, rig.companion.baseUrl);
    expect(failed).toMatchObject({
      ok: false,
      code: 'flowent-registration-check-failed',
      said: expect.stringContaining('returned status 500'),
    });
    expect((await rig.companion.core.api.listCalls({})).calls).toMatchObject([{ action: 'send_email', test: true, status: 500 }]);
    const record = (rig.events.find((event) => event.type === 'registration-finished') as { record: RegistrationRecord }).record;
    expect(record).toMatchObject({
      ok: false,
      created: false,
      failure: { code: 'flowent-registration-check-failed', said: expect.stringContaining('returned status 500') },
      webhookUrl: `${rig.companion.baseUrl}/actions/send_email`,
    });
    expect(record.finishedAt).toBeGreaterThanOrEqual(record.startedAt);
    expect((await rig.call<AccountState>('getAccount')).links).toEqual([]);
  });

  it('keeps the newest 20 registration records, refusals included', async () => {
    const rig = await accountRig();
    // An empty description is refused before anything is sent, and still recorded.
    for (let i = 0; i < 21; i++) await rig.call('registerHere', `action_${i}`, '', SCHEMA, rig.companion.baseUrl);
    const records = (await rig.call<AccountState>('getAccount')).registrations;
    expect(records.map((record) => record.action)).toEqual(Array.from({ length: 20 }, (_, i) => `action_${20 - i}`));
    expect(records[0]).toMatchObject({
      ok: false,
      failure: {
        code: 'flowent-invalid-input',
        problems: [{ field: 'description', message: expect.stringContaining('description must be 1-500 characters') }],
      },
    });
  });

  it('checks a stored call’s parameters against the action’s cached schema', async () => {
    const rig = await rigWithSendEmail();
    expect((await rig.gateway.executeAction('send_email', { recipient: 'not-an-email', count: 'three' })).status).toBe(200);
    const call = (await rig.companion.core.api.listCalls({ test: false })).calls[0];
    const check = await rig.call<Answer<ParameterCheck>>('checkParameters', call?.id);
    expect(check).toMatchObject({ ok: true, value: { status: 'checked' } });
    const problems = check.ok ? check.value.problems : [];
    expect(problems.map((problem) => `${problem.path} ${problem.keyword}`).sort()).toEqual([
      'parameters.count type',
      'parameters.recipient format',
      'parameters.subject required',
    ]);
    expect(await rig.call('checkParameters', 9999)).toMatchObject({ ok: false, code: 'call-not-found' });
  });

  it('checks a call against a schema defined in the simulator before Flowent’s copy, as the simulator itself does', async () => {
    const rig = await rigWithSendEmail();
    // A change tried here before it is registered: Flowent's copy does not require `priority`.
    const tried = { ...SCHEMA, properties: { ...SCHEMA.properties, priority: { type: 'string' } }, required: ['priority'] };
    expect((await rig.call<Answer<unknown>>('saveSimulatorAction', 'send_email', JSON.stringify(tried))).ok).toBe(true);
    const parameters = { recipient: 'a@example.com', subject: 'Hi' };
    expect((await rig.gateway.executeAction('send_email', parameters)).status).toBe(200);
    const call = (await rig.companion.core.api.listCalls({ test: false })).calls[0];

    const check = await rig.call<Answer<ParameterCheck>>('checkParameters', call?.id);
    expect(check).toMatchObject({ ok: true, value: { status: 'checked', schema: { from: 'simulator' } } });
    const inDetails = check.ok ? check.value.problems.map((problem) => problem.path) : [];
    const inSimulator = await rig.call<Answer<ParameterProblem[]>>('checkSimulatedParameters', 'send_email', JSON.stringify(parameters));
    expect(inDetails).toEqual(['parameters.priority']);
    expect(inSimulator.ok && inSimulator.value.map((problem) => problem.path)).toEqual(inDetails);
    expect((await rig.call<SimulatorAction[]>('listSimulatorActions')).find((entry) => entry.action === 'send_email')).toMatchObject({
      origin: 'local',
    });
  });

  it('never lets the token value out: not in the account, events, inspector answers or the data folder', async () => {
    const rig = await accountRig({ token: null });
    const answers: unknown[] = [];
    answers.push(await rig.call('setFlowentApiToken', 'default', SECRET_TOKEN));
    rig.tunnel.goOnline(rig.companion.baseUrl.replace('127.0.0.1', 'localhost'));
    answers.push(await rig.call('connectFlowent'));
    answers.push(await rig.call('registerHere', 'send_email', 'Send', SCHEMA, null));
    answers.push(await rig.call('setFollowMode', 'auto'));
    rig.tunnel.change({ previous: rig.companion.baseUrl.replace('127.0.0.1', 'localhost'), current: rig.companion.baseUrl });
    await eventually(() => rig.events.find((event) => event.type === 'actions-followed'), 'actions-followed');
    answers.push(await rig.call('getAccount'));
    expect(rig.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['account-changed', 'registration-finished', 'actions-followed']),
    );
    expect(JSON.stringify(answers)).toContain('"source":"session"');
    expect(JSON.stringify(answers)).not.toContain(SECRET_TOKEN);
    expect(JSON.stringify(rig.events)).not.toContain(SECRET_TOKEN);
    // The session's JWT is memory-only too.
    expect(dataFolderText(rig.companion.dataDir)).not.toContain(SECRET_TOKEN);
    expect(dataFolderText(rig.companion.dataDir)).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(rig.gateway.exchanges).toBe(1);
  });
});
