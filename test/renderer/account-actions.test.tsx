// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { FlowentAction } from '../../main/contract/api';
import { FakeBridge, makeCall, makeStatus } from './fake-bridge';
import { editorIn, typeInto } from './harness/editor-kit';
import { renderApp, resetPage } from './harness/render';

afterEach(resetPage);

/** Past the check's 250 ms pause in typing, with room for a loaded machine. */
const SLOW = { timeout: 3000 };

const SEND_EMAIL_SCHEMA = {
  type: 'object',
  properties: { recipient: { type: 'string' }, subject: { type: 'string' } },
  required: ['recipient'],
};

function flowentAction(name: string, patch: Partial<FlowentAction> = {}): FlowentAction {
  return {
    id: `act-${name}`,
    tenant_id: 'tenant-1',
    name,
    description: `Does ${name}`,
    json_schema: SEND_EMAIL_SCHEMA,
    webhook_url: `https://handler.example/actions/${name}`,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-02T10:00:00Z',
    ...patch,
  };
}

function withToken(bridge: FakeBridge, actions: FlowentAction[] = []): FakeBridge {
  bridge.flowent.tokens.set('default', { source: 'keychain', rejected: false });
  bridge.flowent.actions.set('default', actions);
  return bridge;
}

async function openActions(bridge: FakeBridge) {
  const view = renderApp(bridge);
  await waitFor(() => expect(bridge.callsTo('getAccount').length).toBeGreaterThan(0));
  await view.user.click(screen.getByRole('button', { name: 'Account' }));
  const dialog = await screen.findByRole('dialog', { name: 'Flowent account' }, { timeout: 5000 });
  await view.user.click(within(dialog).getByRole('tab', { name: 'Actions' }));
  return { ...view, dialog };
}

/** The list row of a call, once it is rendered. */
function rowOf(id: number): Promise<HTMLElement> {
  return waitFor(() => {
    const row = document.querySelector<HTMLElement>(`[data-call-id="${id}"]`);
    if (!row) throw new Error(`call #${id} is not listed`);
    return row;
  });
}

describe('actions: empty states', () => {
  it('without a token it says to set one, and lists nothing', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    const { dialog } = await openActions(bridge);
    expect((await within(dialog).findByTestId('actions-empty')).textContent).toContain(
      'Set your API token (Account tab) to see your actions',
    );
    expect(bridge.callsTo('listActions')).toHaveLength(0);
  });

  it('with a token and no actions it says how to register one', async () => {
    const { dialog } = await openActions(withToken(new FakeBridge([makeCall({ id: 1 })])));
    expect((await within(dialog).findByTestId('actions-empty')).textContent).toContain('No actions registered in Flowent yet');
  });
});

describe('actions: list, view, edit, delete', () => {
  it('lists actions with linked and stale badges, shows one with its schema, copies it, edits and deletes it', async () => {
    const bridge = withToken(new FakeBridge([makeCall({ id: 1 })]), [flowentAction('send_email'), flowentAction('create_ticket')]);
    bridge.flowent.links.push({
      profile: 'default',
      action: 'send_email',
      webhookUrl: 'https://handler.example/actions/send_email',
      linkedAt: 1,
    });
    bridge.flowent.stale.push({
      profile: 'default',
      action: 'send_email',
      webhookUrl: 'https://handler.example/actions/send_email',
      linkedAt: 1,
      message: 'send_email no longer reaches this companion.',
    });
    const { dialog, user } = await openActions(bridge);
    const table = await within(dialog).findByRole('table', { name: 'Actions' });
    const row = within(table).getByTestId('action-row-send_email');
    expect(row.textContent).toContain('linked');
    expect(row.textContent).toContain('stale');
    expect(row.textContent).toContain('https://handler.example/actions/send_email');
    expect(within(table).getByTestId('action-row-create_ticket').textContent).not.toContain('linked');

    await user.click(within(row).getByRole('button', { name: 'send_email' }));
    const view = within(dialog).getByRole('region', { name: 'Action send_email' });
    expect(within(view).getByLabelText('JSON Schema').textContent).toContain('"recipient"');
    expect(view.textContent).toContain('send_email no longer reaches this companion.');
    await user.click(within(view).getByRole('button', { name: 'Copy JSON Schema' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(JSON.stringify(SEND_EMAIL_SCHEMA, null, 2));

    await user.click(within(view).getByRole('button', { name: 'Edit' }));
    const form = within(dialog).getByRole('form', { name: 'Edit send_email' });
    const description = within(form).getByLabelText('Description');
    await user.clear(description);
    await within(form).findByRole('alert', { name: 'description problems' }, SLOW);
    // Fixed and sent at once, before the check that follows typing has run: what is sent is checked, not the old problem.
    await user.type(description, 'Sends one email');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(bridge.callsTo('updateAction')).toHaveLength(1), SLOW);
    expect(bridge.callsTo('updateAction')[0]?.[1]).toMatchObject({ description: 'Sends one email' });
    const after = await within(dialog).findByRole('region', { name: 'Action send_email' });
    expect(after.textContent).toContain('Sends one email');

    await user.click(within(after).getByRole('button', { name: 'Delete…' }));
    expect(bridge.callsTo('deleteAction')).toHaveLength(0);
    await user.click(within(after).getByRole('button', { name: 'Delete send_email from Flowent' }));
    await waitFor(() => expect(within(dialog).queryByTestId('action-row-send_email')).toBeNull());
    expect(within(dialog).getByTestId('action-row-create_ticket')).toBeTruthy();
    expect(bridge.callsTo('deleteAction')).toEqual([['send_email']]);
  });

  it("lists the active profile's actions, and lists again after a switch of profile", async () => {
    const bridge = withToken(new FakeBridge([makeCall({ id: 1 })]), [flowentAction('send_email')]);
    bridge.flowent.profiles.push({ name: 'staging', baseUrl: 'https://staging.example/api/v1/gateway' });
    bridge.flowent.tokens.set('staging', { source: 'keychain', rejected: false });
    bridge.flowent.actions.set('staging', [flowentAction('staging_only')]);
    const { dialog, user } = await openActions(bridge);
    await within(dialog).findByTestId('action-row-send_email');
    await user.click(within(dialog).getByRole('tab', { name: 'Account' }));
    await user.click(within(dialog).getByRole('button', { name: 'Use staging' }));
    await user.click(within(dialog).getByRole('tab', { name: 'Actions' }));
    await within(dialog).findByTestId('action-row-staging_only');
    expect(within(dialog).queryByTestId('action-row-send_email')).toBeNull();
    expect(within(dialog).getByRole('region', { name: 'Action registry' }).textContent).toContain('profile staging');
  });

  it('shows a listing refusal in words', async () => {
    const bridge = withToken(new FakeBridge([makeCall({ id: 1 })]));
    bridge.refuseNext.set('listActions', {
      code: 'flowent-unreachable',
      message: 'Flowent could not be reached at https://api.flowent.chat: check the base URL.',
    });
    const { dialog } = await openActions(bridge);
    expect((await within(dialog).findByRole('alert', { name: 'Actions error' })).textContent).toContain('Flowent could not be reached');
  });
});

describe('actions: the register form', () => {
  it('Esc over a half-filled form warns once and keeps it; a second Esc discards it; an untouched form closes at once', async () => {
    const bridge = withToken(new FakeBridge([makeCall({ id: 1 })]));
    const { dialog, user } = await openActions(bridge);
    await user.click(await within(dialog).findByRole('button', { name: 'Register an action…' }));
    const form = within(dialog).getByRole('form', { name: 'Register an action' });
    await user.type(within(form).getByLabelText('Name'), 'send_email');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('send_email');
    expect(
      await screen.findByText('Unsaved changes to the action send_email: press Esc again to discard them, or save first.'),
    ).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Flowent account' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Account' }));
    const again = await screen.findByRole('dialog', { name: 'Flowent account' });
    await user.click(await within(again).findByRole('button', { name: 'Register an action…' }));
    await within(again).findByRole('form', { name: 'Register an action' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Flowent account' })).toBeNull();
  });

  it('shows problems next to their fields as the user types, before anything is sent; then registers', async () => {
    const bridge = withToken(new FakeBridge([makeCall({ id: 1 })]), [flowentAction('create_ticket')]);
    const { dialog, user } = await openActions(bridge);
    await user.click(await within(dialog).findByRole('button', { name: 'Register an action…' }));
    const form = within(dialog).getByRole('form', { name: 'Register an action' });
    await waitFor(() => editorIn(form));

    await user.type(within(form).getByLabelText('Name'), 'Send-Email');
    await user.type(within(form).getByLabelText('Webhook URL'), 'not a url');
    await waitFor(
      () => expect(within(form).getByRole('alert', { name: 'name problems' }).textContent).toContain('"Send-Email" is not an action name'),
      SLOW,
    );
    await waitFor(
      () => expect(within(form).getByRole('alert', { name: 'webhook_url problems' }).textContent).toContain('must be an absolute URL'),
      SLOW,
    );
    // An empty field the user has not been to is not scolded; trying to send shows it, and sends nothing.
    expect(within(form).queryByRole('alert', { name: 'description problems' })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect(within(form).getByRole('alert', { name: 'description problems' }).textContent).toBe('description is required.');
    expect(bridge.callsTo('registerAction')).toHaveLength(0);

    typeInto(editorIn(form), '{"type": "objct"');
    await waitFor(
      () => expect(within(form).getByRole('alert', { name: 'json_schema problems' }).textContent).toContain('not valid JSON'),
      SLOW,
    );
    typeInto(editorIn(form), '{"type": "objct"}');
    await waitFor(
      () => expect(within(form).getByRole('alert', { name: 'json_schema problems' }).textContent).toContain('"objct" is not a type'),
      SLOW,
    );

    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'create_ticket');
    await user.type(within(form).getByLabelText('Description'), 'Opens a ticket');
    const url = within(form).getByLabelText('Webhook URL');
    await user.clear(url);
    await user.type(url, 'https://handler.example/actions/create_ticket');
    typeInto(editorIn(form), '{"type": "object"}');
    await waitFor(() => expect(within(form).queryAllByRole('alert')).toHaveLength(0), SLOW);
    expect(bridge.callsTo('registerAction')).toHaveLength(0);

    // Flowent's 409, in words.
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect((await within(form).findByRole('alert', { name: 'Flowent error' })).textContent).toContain(
      'Flowent already has an action named create_ticket',
    );

    await user.clear(name);
    await user.type(name, 'open_ticket');
    await waitFor(() => expect(bridge.callsTo('checkAction').at(-1)?.[0]).toMatchObject({ name: 'open_ticket' }), SLOW);
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    const table = await within(dialog).findByRole('table', { name: 'Actions' });
    expect(within(table).getByTestId('action-row-open_ticket').textContent).toContain('https://handler.example/actions/create_ticket');
    expect(bridge.callsTo('registerAction')[1]?.[0]).toEqual({
      name: 'open_ticket',
      description: 'Opens a ticket',
      webhook_url: 'https://handler.example/actions/create_ticket',
      json_schema: { type: 'object' },
    });
  });
});

describe('register here', () => {
  it('registers at a LAN URL with one click, shows progress while Flowent checks, and the result next to the check', async () => {
    const bridge = withToken(new FakeBridge([makeCall({ id: 1 })]));
    bridge.status = makeStatus({ listeningOnAllInterfaces: true });
    let release = () => {};
    bridge.flowent.registrationGate = new Promise<void>((resolve) => (release = resolve));
    const { dialog, user } = await openActions(bridge);
    await user.click(await within(dialog).findByRole('button', { name: 'Register an action…' }));
    const form = within(dialog).getByRole('form', { name: 'Register an action' });
    await user.type(within(form).getByLabelText('Name'), 'send_email');
    await user.type(within(form).getByLabelText('Description'), 'Sends an email');
    const here = within(form).getByRole('region', { name: 'Register here' });
    await user.selectOptions(within(here).getByRole('combobox', { name: 'Register at' }), 'LAN http://192.168.1.100:8787 (en0)');
    expect(within(here).getByTestId('register-here-url').textContent).toBe('http://192.168.1.100:8787/actions/send_email');
    await waitFor(
      () => expect(bridge.callsTo('checkAction').at(-1)?.[0]).toMatchObject({ name: 'send_email', description: 'Sends an email' }),
      SLOW,
    );
    await waitFor(() =>
      expect((within(here).getByRole('button', { name: 'Register send_email here' }) as HTMLButtonElement).disabled).toBe(false),
    );
    await user.click(within(here).getByRole('button', { name: 'Register send_email here' }));

    expect((await within(here).findByTestId('register-here-progress')).textContent).toContain('Waiting for Flowent');
    expect(bridge.callsTo('registerHere')[0]).toEqual([
      'send_email',
      'Sends an email',
      { type: 'object', properties: {}, required: [] },
      'http://192.168.1.100:8787',
    ]);
    // Flowent's registration check is already in the history while Flowent has not answered.
    await rowOf(2);

    release();
    const result = await within(here).findByTestId('register-here-result');
    expect(result.textContent).toContain('Registered send_email at http://192.168.1.100:8787/actions/send_email');
    expect(within(here).queryByTestId('register-here-progress')).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Close Flowent account' }));
    await user.click(await rowOf(2));
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    await waitFor(() =>
      expect(within(pane).getByTestId('registration-result').textContent).toBe(
        'Registration of send_email: accepted by Flowent (registered)',
      ),
    );
    expect(bridge.flowent.links.map((l) => l.webhookUrl)).toEqual(['http://192.168.1.100:8787/actions/send_email']);
  });

  it('says the answer is coming next to the check while Flowent waits, then why it refused', async () => {
    const bridge = withToken(new FakeBridge([makeCall({ id: 1 })]), [flowentAction('send_email')]);
    bridge.flowent.registrationCheckStatus = 500;
    let release = () => {};
    bridge.flowent.registrationGate = new Promise<void>((resolve) => (release = resolve));
    const { dialog, user } = await openActions(bridge);
    await user.click(within(await within(dialog).findByTestId('action-row-send_email')).getByRole('button', { name: 'send_email' }));
    const here = within(dialog).getByRole('region', { name: 'Register here' });
    // Not listening on every interface: a LAN address would not reach the companion, so it is not offered.
    const choices = within(here).getByRole('combobox', { name: 'Register at' });
    expect([...choices.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['This computer http://127.0.0.1:8787']);
    expect(within(here).getByTestId('register-here-url').textContent).toBe('http://127.0.0.1:8787/actions/send_email');
    await user.click(within(here).getByRole('button', { name: 'Register send_email here' }));
    await within(here).findByTestId('register-here-progress');
    await user.click(within(dialog).getByRole('button', { name: 'Close Flowent account' }));

    await user.click(await rowOf(2));
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    expect((await within(pane).findByTestId('registration-result')).textContent).toBe(
      "Registration of send_email: waiting for Flowent's answer…",
    );
    release();
    await waitFor(() =>
      expect(within(pane).getByTestId('registration-result').textContent).toBe(
        'Registration of send_email: refused by Flowent: Flowent refused the registration: the webhook answered its registration check with 500.',
      ),
    );
    expect(bridge.callsTo('registerHere')[0]?.[3]).toBe('http://127.0.0.1:8787');
  });

  it('offers the public URL first while the tunnel is online, and lets the core resolve it', async () => {
    const bridge = withToken(new FakeBridge([makeCall({ id: 1 })]), [flowentAction('send_email')]);
    bridge.status = makeStatus({ tunnel: { state: 'online', url: 'https://quiet-fox-42.ngrok-free.app', reason: null } });
    const { dialog, user } = await openActions(bridge);
    await user.click(within(await within(dialog).findByTestId('action-row-send_email')).getByRole('button', { name: 'send_email' }));
    const here = within(dialog).getByRole('region', { name: 'Register here' });
    expect((within(here).getByRole('combobox', { name: 'Register at' }) as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(
      'Public URL https://quiet-fox-42.ngrok-free.app',
    );
    expect(within(here).getByTestId('register-here-url').textContent).toBe('https://quiet-fox-42.ngrok-free.app/actions/send_email');
    await user.click(within(here).getByRole('button', { name: 'Register send_email here' }));
    expect((await within(here).findByTestId('register-here-result')).textContent).toContain(
      'Updated send_email at https://quiet-fox-42.ngrok-free.app/actions/send_email',
    );
    expect(bridge.callsTo('registerHere')[0]?.[3]).toBeNull();
  });

  it('shows a refusal next to the button', async () => {
    const bridge = withToken(new FakeBridge([makeCall({ id: 1 })]), [flowentAction('send_email')]);
    bridge.flowent.registrationCheckStatus = 404;
    const { dialog, user } = await openActions(bridge);
    await user.click(within(await within(dialog).findByTestId('action-row-send_email')).getByRole('button', { name: 'send_email' }));
    const here = within(dialog).getByRole('region', { name: 'Register here' });
    await user.click(within(here).getByRole('button', { name: 'Register send_email here' }));
    expect((await within(here).findByRole('alert', { name: 'Register here error' })).textContent).toContain(
      'answered its registration check with 404',
    );
  });
});

describe('parameter problems in the detail pane', () => {
  const badCall = () =>
    makeCall({ id: 5, requestBody: '{"action_name":"send_email","parameters":{"subject":7},"timestamp":1645123456,"signature":"x"}' });

  it('says that no schema is cached yet, and how to get one', async () => {
    const bridge = new FakeBridge([badCall()]);
    const { user } = renderApp(bridge);
    await user.click(await rowOf(5));
    const panel = await screen.findByTestId('parameter-check');
    expect(panel.textContent).toContain('no schema cached for send_email: open Account → Actions once online');
    expect(bridge.callsTo('checkParameters')).toEqual([[5]]);
    // Listing the actions (which caches their schemas) brings the check of the open call up to date.
    withToken(bridge, [flowentAction('send_email')]);
    bridge.emit([{ type: 'account-changed' }]);
    await user.click(within(panel).getByRole('button', { name: 'Account → Actions' }));
    expect(await screen.findByRole('dialog', { name: 'Flowent account' }, { timeout: 5000 })).toBeTruthy();
    await waitFor(() => expect(bridge.callsTo('listActions')).toHaveLength(1));
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Parameter problems' }).textContent).toContain('parameters.recipient is missing'),
    );
  });

  it('lists each parameter problem next to the signature verdict once the schema is cached', async () => {
    const bridge = withToken(
      new FakeBridge([badCall(), makeCall({ id: 6, requestBody: '{"action_name":"send_email","parameters":{"recipient":"a@b.c"}}' })]),
      [flowentAction('send_email')],
    );
    await bridge.listActions();
    const { user } = renderApp(bridge);
    await user.click(await rowOf(5));
    const problems = await screen.findByRole('list', { name: 'Parameter problems' });
    expect([...problems.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'parameters.recipient is missing (the schema requires it).',
      'parameters.subject should be a string.',
    ]);
    await user.click(await rowOf(6));
    await waitFor(() => expect(screen.getByTestId('parameter-check').textContent).toContain('match the schema of send_email'));
  });
});
