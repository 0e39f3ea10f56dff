// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { ActionCreate } from '../../../main/contract/api';
import { registeredWords, registrationCheckPassedWords } from '../../../main/contract/words';
import { fetch } from 'undici';
import { closedPort } from '../../helpers/handler-process';
import { useCompanion, valueOf, type Companion, type CompanionOptions } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { API_TOKEN, gatewayOptions, otherClientSession, useGateway } from '../harness/gateway';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderApp, rowOf } from '../harness/render';
import { otherName, reachableTunnel } from '../../helpers/stand-in-tunnels';

/** Past the check's 250 ms pause in typing, with room for a loaded machine. */
const SLOW = { timeout: 3000 };

const SEND_EMAIL_SCHEMA = {
  type: 'object',
  properties: { recipient: { type: 'string' }, subject: { type: 'string' } },
  required: ['recipient'],
};

/** The API token of a second Flowent tenant, for a second profile. */
const STAGING_TOKEN = 'api_staging_token';

const gateway = useGateway({ apiTokens: { [API_TOKEN]: 'tenant-1', [STAGING_TOKEN]: 'tenant-2' } });
const handler = useHandler();
const companionOptions = (more: CompanionOptions = {}): CompanionOptions => {
  const reach = gatewayOptions(gateway());
  return {
    ngrokAuthtoken: 'test-token',
    ...more,
    env: { ...reach.env, ...more.env },
    core: { ...reach.core, tunnelProvider: reachableTunnel(), ...more.core },
  };
};
const companion = useCompanion(() => companionOptions());

/** An action as a developer registers it, with its webhook at the handler (Flowent's check reaches it). */
function actionInput(name: string, patch: Partial<ActionCreate> = {}): ActionCreate {
  return { name, description: `Does ${name}`, webhook_url: handlerUrl(handler(), name), json_schema: SEND_EMAIL_SCHEMA, ...patch };
}

/** The companion with the API token set and `names` registered in Flowent. */
async function withActions(c: Companion, names: string[] = []): Promise<Companion> {
  valueOf(await c.api.setFlowentApiToken('default', API_TOKEN));
  for (const name of names) {
    valueOf(await c.api.registerAction(actionInput(name)));
  }
  return c;
}

/** Registers an action in Flowent as another client does (the Gateway's own API, with a session of its own). */
async function registerElsewhere(action: ActionCreate): Promise<void> {
  const jwt_token = await otherClientSession(gateway());
  const created = await fetch(`${gateway().baseUrl}/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt_token}` },
    body: JSON.stringify(action),
  });
  if (created.status !== 201 && created.status !== 200) throw new Error(`registering ${action.name}: ${created.status}`);
}

async function openActions(c: Companion) {
  const view = renderApp(c.bridge);
  await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
  await view.user.click(screen.getByRole('button', { name: 'Account' }));
  const dialog = await screen.findByRole('dialog', { name: 'Flowent account' });
  await view.user.click(within(dialog).getByRole('tab', { name: 'Actions' }));
  return { ...view, dialog };
}

/** The register form's "Register here" part, the form opened from the Actions tab with send_email's name and description typed. */
async function registerHereFor(dialog: HTMLElement, user: UserEvent): Promise<HTMLElement> {
  await user.click(await within(dialog).findByRole('button', { name: 'Register an action…' }));
  const form = within(dialog).getByRole('form', { name: 'Register an action' });
  await user.type(within(form).getByLabelText('Name'), 'send_email');
  await user.type(within(form).getByLabelText('Description'), 'Sends an email');
  return within(form).getByRole('region', { name: 'Register here' });
}

describe('actions: empty states', () => {
  it('without a token it says to set one, and lists nothing', async () => {
    const c = companion();
    const { dialog } = await openActions(c);
    expect((await within(dialog).findByTestId('actions-empty')).textContent).toContain(
      'Set your API token (Account tab) to see your actions',
    );
    expect(c.bridge.callsTo('listActions')).toHaveLength(0);
  });

  it('with a token and no actions it says how to register one', async () => {
    const { dialog } = await openActions(await withActions(companion()));
    expect((await within(dialog).findByTestId('actions-empty')).textContent).toContain('No actions registered in Flowent yet');
  });
});

describe('actions: list, view, edit, delete', () => {
  it('lists actions with linked and stale badges, shows one with its schema, copies it, edits and deletes it', async () => {
    const c = await withActions(companion(), ['create_ticket']);
    // Linked at a URL that reaches this companion, but is not one it answers on now: stale.
    const gone = otherName(c.baseUrl);
    valueOf(await c.api.registerHere('send_email', 'Does send_email', SEND_EMAIL_SCHEMA, gone));
    const { dialog, user } = await openActions(c);
    const table = await within(dialog).findByRole('table', { name: 'Actions' });
    const row = within(table).getByTestId('action-row-send_email');
    expect(row.textContent).toContain('linked');
    expect(row.textContent).toContain('stale');
    expect(row.textContent).toContain(`${gone}/actions/send_email`);
    expect(within(table).getByTestId('action-row-create_ticket').textContent).not.toContain('linked');

    await user.click(within(row).getByRole('button', { name: 'send_email' }));
    const view = within(dialog).getByRole('region', { name: 'Action send_email' });
    expect(within(view).getByLabelText('JSON Schema').textContent).toContain('"recipient"');
    // serve's words for the same link, with the page's way to point it here.
    expect(view.textContent).toContain(
      `send_email (default) still points at ${gone}/actions/send_email, which no longer reaches this companion: ` +
        "Flowent's calls to it fail. Point it here again with Edit › Register here.",
    );
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
    await waitFor(() => expect(c.bridge.callsTo('updateAction')).toHaveLength(1), SLOW);
    expect(c.bridge.callsTo('updateAction')[0]?.[1]).toMatchObject({ description: 'Sends one email' });
    const after = await within(dialog).findByRole('region', { name: 'Action send_email' });
    await waitFor(() => expect(after.textContent).toContain('Sends one email'));
    expect(
      gateway()
        .stored()
        .find((action) => action.name === 'send_email')?.description,
    ).toBe('Sends one email');

    await user.click(within(after).getByRole('button', { name: 'Delete…' }));
    expect(c.bridge.callsTo('deleteAction')).toHaveLength(0);
    await user.click(within(after).getByRole('button', { name: 'Delete send_email from Flowent' }));
    await waitFor(() => expect(within(dialog).queryByTestId('action-row-send_email')).toBeNull());
    expect(within(dialog).getByTestId('action-row-create_ticket')).toBeTruthy();
    expect(c.bridge.callsTo('deleteAction')).toEqual([['send_email']]);
    expect(
      gateway()
        .stored()
        .map((action) => action.name),
    ).toEqual(['create_ticket']);
  });

  it('links an action that points at this companion, and says why it does not link one that points at a handler', async () => {
    const c = await withActions(companion(), ['create_ticket']);
    valueOf(await c.api.registerAction(actionInput('send_email', { webhook_url: `${c.baseUrl}/actions/send_email` })));
    const { dialog, user } = await openActions(c);
    const table = await within(dialog).findByRole('table', { name: 'Actions' });

    await user.click(within(within(table).getByTestId('action-row-create_ticket')).getByRole('button', { name: 'create_ticket' }));
    const foreign = within(dialog).getByRole('region', { name: 'Action create_ticket' });
    await user.click(within(foreign).getByRole('button', { name: 'Link to this companion' }));
    await waitFor(() =>
      expect(foreign.textContent).toContain(
        `create_ticket points at ${handlerUrl(handler(), 'create_ticket')}, not at this companion (this companion is at ${c.baseUrl}`,
      ),
    );
    expect(foreign.textContent).toContain('Point it here with Edit › Register here, which links it too.');
    expect((await c.api.getAccount()).links).toEqual([]);

    await user.click(within(foreign).getByRole('button', { name: '← All actions' }));
    await user.click(within(await within(dialog).findByTestId('action-row-send_email')).getByRole('button', { name: 'send_email' }));
    const own = within(dialog).getByRole('region', { name: 'Action send_email' });
    await user.click(within(own).getByRole('button', { name: 'Link to this companion' }));
    await within(own).findByRole('button', { name: 'Unlink' }, SLOW);
    expect((await c.api.getAccount()).links.map((link) => link.action)).toEqual(['send_email']);
  });

  it("lists the active profile's actions, and lists again after a switch of profile", async () => {
    const c = await withActions(companion(), ['send_email']);
    // A second profile on the same Gateway, with another tenant's token and its own action.
    await c.api.saveProfile({ name: 'staging', baseUrl: gateway().baseUrl });
    await c.api.setFlowentApiToken('staging', STAGING_TOKEN);
    await c.api.setActiveProfile('staging');
    valueOf(await c.api.registerAction(actionInput('staging_only')));
    await c.api.setActiveProfile('default');
    const { dialog, user } = await openActions(c);
    await within(dialog).findByTestId('action-row-send_email');
    await user.click(within(dialog).getByRole('tab', { name: 'Account' }));
    await user.click(within(dialog).getByRole('button', { name: 'Use staging' }));
    await user.click(within(dialog).getByRole('tab', { name: 'Actions' }));
    await within(dialog).findByTestId('action-row-staging_only');
    expect(within(dialog).queryByTestId('action-row-send_email')).toBeNull();
    expect(within(dialog).getByRole('region', { name: 'Action registry' }).textContent).toContain('profile staging');
  });

  it('shows a listing refusal in words', async () => {
    // Flowent cannot be reached: nothing listens at the profile's base URL.
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const c = await withActions(await companion.restart(companionOptions({ env: { FLOWENT_BASE_URL: unreachable } })));
    const { dialog } = await openActions(c);
    expect((await within(dialog).findByRole('alert', { name: 'Actions error' })).textContent).toBe(
      `Cannot reach the Flowent Gateway at ${unreachable}: the connection to ${new URL(unreachable).host} was refused (nothing is listening there). Check the Gateway URL and your internet connection.`,
    );
  });
});

describe('actions: the register form', () => {
  it('Esc over a half-filled form warns once and keeps it; a second Esc discards it; an untouched form closes at once', async () => {
    const { dialog, user } = await openActions(await withActions(companion()));
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
    const c = await withActions(companion(), ['create_ticket']);
    const { dialog, user } = await openActions(c);
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
    expect(within(form).getByRole('alert', { name: 'description problems' }).textContent).toBe(
      'description must be 1-500 characters (it has 0).',
    );
    expect(c.bridge.callsTo('registerAction')).toHaveLength(0);

    typeInto(editorIn(form), '{"type": "objct"');
    const notJson = 'json_schema is not valid JSON: the text ends before the JSON does (“}” missing) (line 1, column 17).';
    await waitFor(() => expect(within(form).getByRole('alert', { name: 'json_schema problems' }).textContent).toBe(notJson), SLOW);
    // Still alone once the fields' check has come back: a schema that does not parse is not called missing too.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(within(form).getByRole('alert', { name: 'json_schema problems' }).textContent).toBe(notJson);
    // Register here stays where it was, blocked by that problem, rather than going while the schema is typed.
    const hereButton = within(within(form).getByRole('region', { name: 'Register here' })).getByRole('button', {
      name: /^Register .* here$/,
    }) as HTMLButtonElement;
    expect(hereButton.disabled).toBe(true);
    expect(hereButton.title).toBe('Fix the name, description and schema first.');
    typeInto(editorIn(form), '{"type": "objct"}');
    await waitFor(
      () =>
        expect(within(form).getByRole('alert', { name: 'json_schema problems' }).textContent).toContain(
          'json_schema is not a valid JSON Schema: json_schema.type must be one of "array", "boolean", "integer", "null", "number", "object", "string", not "objct".',
        ),
      SLOW,
    );

    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'create_ticket');
    await user.type(within(form).getByLabelText('Description'), 'Opens a ticket');
    const url = within(form).getByLabelText('Webhook URL');
    await user.clear(url);
    await user.type(url, handlerUrl(handler(), 'create_ticket'));
    typeInto(editorIn(form), '{"type": "object"}');
    await waitFor(() => expect(within(form).queryAllByRole('alert')).toHaveLength(0), SLOW);
    expect(c.bridge.callsTo('registerAction')).toHaveLength(0);

    // Flowent's 409, in words.
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect((await within(form).findByRole('alert', { name: 'Flowent error' })).textContent).toContain(
      'An action "create_ticket" already exists on Flowent.',
    );

    await user.clear(name);
    await user.type(name, 'open_ticket');
    await waitFor(() => expect(c.bridge.callsTo('checkAction').at(-1)?.[0]).toMatchObject({ name: 'open_ticket' }), SLOW);
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    const table = await within(dialog).findByRole('table', { name: 'Actions' });
    expect(within(table).getByTestId('action-row-open_ticket').textContent).toContain(handlerUrl(handler(), 'create_ticket'));
    expect(c.bridge.callsTo('registerAction')[1]?.[0]).toEqual({
      name: 'open_ticket',
      description: 'Opens a ticket',
      webhook_url: handlerUrl(handler(), 'create_ticket'),
      json_schema: { type: 'object' },
    });
  });
});

describe('register here', () => {
  it('registers with one click, shows progress while Flowent checks, and the result next to the check', async () => {
    const c = await withActions(companion());
    let release = () => {};
    gateway().answerAfterCheck = new Promise<void>((resolve) => (release = resolve));
    const { dialog, user } = await openActions(c);
    const here = await registerHereFor(dialog, user);
    expect(within(here).getByTestId('register-here-url').textContent).toBe(`${c.baseUrl}/actions/send_email`);
    await waitFor(
      () => expect(c.bridge.callsTo('checkAction').at(-1)?.[0]).toMatchObject({ name: 'send_email', description: 'Sends an email' }),
      SLOW,
    );
    await waitFor(() =>
      expect((within(here).getByRole('button', { name: 'Register send_email here' }) as HTMLButtonElement).disabled).toBe(false),
    );
    await user.click(within(here).getByRole('button', { name: 'Register send_email here' }));

    expect((await within(here).findByTestId('register-here-progress')).textContent).toContain('Waiting for Flowent');
    expect(c.bridge.callsTo('registerHere')[0]).toEqual([
      'send_email',
      'Sends an email',
      { type: 'object', properties: {}, required: [] },
      c.baseUrl,
    ]);
    // Flowent's registration check is already in the history while Flowent has not answered.
    await rowOf(1);

    release();
    const result = await within(here).findByTestId('register-here-result');
    // The command line's remark on Flowent's check, as a sentence: register --here's line says it in brackets.
    expect(result.textContent).toContain(
      `${registeredWords({ action: 'send_email', profile: 'default', implied: 'default', webhookUrl: `${c.baseUrl}/actions/send_email` })}: ` +
        `${registrationCheckPassedWords(false)}. It is linked to this companion.`,
    );
    expect(within(here).queryByTestId('register-here-progress')).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Close Flowent account' }));
    await user.click(await rowOf(1));
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    await waitFor(() =>
      expect(within(pane).getByTestId('registration-result').textContent).toBe(
        `Registration of send_email: accepted by Flowent (registered with webhook_url ${c.baseUrl}/actions/send_email)`,
      ),
    );
    expect((await c.api.getAccount()).links.map((l) => l.webhookUrl)).toEqual([`${c.baseUrl}/actions/send_email`]);
  });

  it('says the answer is coming next to the check while Flowent waits, then why it refused', async () => {
    const c = await withActions(companion());
    // The companion forwards send_email to a handler that fails: Flowent's check gets a 500.
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'error500'));
    let release = () => {};
    gateway().answerAfterCheck = new Promise<void>((resolve) => (release = resolve));
    const { dialog, user } = await openActions(c);
    const here = await registerHereFor(dialog, user);
    // Not listening on every interface: a LAN address would not reach the companion, so it is not offered.
    const choices = within(here).getByRole('combobox', { name: 'Register at' });
    expect([...choices.querySelectorAll('option')].map((o) => o.textContent)).toEqual([`This computer ${c.baseUrl}`]);
    await waitFor(() =>
      expect((within(here).getByRole('button', { name: 'Register send_email here' }) as HTMLButtonElement).disabled).toBe(false),
    );
    await user.click(within(here).getByRole('button', { name: 'Register send_email here' }));
    await within(here).findByTestId('register-here-progress');
    await user.click(within(dialog).getByRole('button', { name: 'Close Flowent account' }));

    await user.click(await rowOf(1));
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    expect((await within(pane).findByTestId('registration-result')).textContent).toBe(
      "Registration of send_email: waiting for Flowent's answer…",
    );
    release();
    await waitFor(() =>
      expect(within(pane).getByTestId('registration-result').textContent).toContain(
        `Registration of send_email: refused by Flowent: Flowent's registration check failed: your webhook at ${c.baseUrl}/actions/send_email returned status 500.`,
      ),
    );
    expect(c.bridge.callsTo('registerHere')[0]?.[3]).toBe(c.baseUrl);
  });

  it('offers the public URL first while the tunnel is online, and lets the core resolve it', async () => {
    const c = await withActions(companion(), ['send_email']);
    const publicUrl = valueOf(await c.api.openTunnel()).url;
    const { dialog, user } = await openActions(c);
    await user.click(within(await within(dialog).findByTestId('action-row-send_email')).getByRole('button', { name: 'send_email' }));
    const here = within(dialog).getByRole('region', { name: 'Register here' });
    expect((within(here).getByRole('combobox', { name: 'Register at' }) as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(
      `Public URL ${publicUrl}`,
    );
    expect(within(here).getByTestId('register-here-url').textContent).toBe(`${publicUrl}/actions/send_email`);
    await user.click(within(here).getByRole('button', { name: 'Register send_email here' }));
    // The Gateway stand-in runs no registration check on an update (Flowent documents none): the page
    // says the data folder whose history holds none, and where else one may have gone.
    expect((await within(here).findByTestId('register-here-result')).textContent).toBe(
      `Updated send_email → ${publicUrl}/actions/send_email: No companion using the data folder ${c.dataDir} has stored ` +
        'a registration check for this update. Flowent does not say whether it checks again on an update; ' +
        'if the webhook_url points at your handler, or at a companion using another data folder, look there. ' +
        'To send one now, use Simulate (s), as a registration check. It is linked to this companion.',
    );
    expect(c.bridge.callsTo('registerHere')[0]?.[3]).toBeNull();
    expect(gateway().stored()[0]!.webhook_url).toBe(`${publicUrl}/actions/send_email`);
  });

  it('says, while the tunnel reconnects, that the URLs it still offers are ones Flowent in the cloud cannot reach', async () => {
    const tunnel = reachableTunnel();
    const c = await withActions(await companion.restart(companionOptions({ core: { tunnelProvider: tunnel } })), ['send_email']);
    valueOf(await c.api.openTunnel());
    const { dialog, user } = await openActions(c);
    await user.click(within(await within(dialog).findByTestId('action-row-send_email')).getByRole('button', { name: 'send_email' }));
    const here = within(dialog).getByRole('region', { name: 'Register here' });
    expect(within(here).queryByTestId('register-here-tunnel-wait')).toBeNull();

    tunnel.loseConnection();
    await waitFor(() =>
      expect(within(here).getByTestId('register-here-tunnel-wait').textContent).toBe(
        "The desktop app's tunnel is reconnecting (its connection to ngrok was lost), so the desktop app has no public URL for " +
          'Flowent to call until it is online. The URLs offered below are ones Flowent in the cloud cannot reach: register here ' +
          'once the tunnel is online, unless Flowent runs where it reaches them.',
      ),
    );
    expect((within(here).getByRole('combobox', { name: 'Register at' }) as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(
      `This computer ${c.baseUrl}`,
    );
  });

  it('after a failed Register, an emptied Webhook URL is not flagged and a Register here success clears the old refusal', async () => {
    const c = await withActions(companion());
    const { dialog, user } = await openActions(c);
    const here = await registerHereFor(dialog, user);
    const form = within(dialog).getByRole('form', { name: 'Register an action' });
    const url = within(form).getByLabelText('Webhook URL');
    await user.type(url, `http://127.0.0.1:${await closedPort()}/actions/send_email`);
    await waitFor(
      () => expect(c.bridge.callsTo('checkAction').at(-1)?.[0]).toMatchObject({ webhook_url: (url as HTMLInputElement).value }),
      SLOW,
    );
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect((await within(form).findByRole('alert', { name: 'Flowent error' })).textContent).toContain(
      "Flowent's registration check failed",
    );

    // Emptied, the URL is left to Register here: nothing to fix, said neither at the field nor beside Register.
    await user.clear(url);
    await waitFor(() => expect(c.bridge.callsTo('checkAction').at(-1)?.[0]).toMatchObject({ webhook_url: '' }), SLOW);
    expect(within(form).queryByRole('alert', { name: 'webhook_url problems' })).toBeNull();
    expect(form.textContent).not.toContain('problem first');

    await user.click(within(here).getByRole('button', { name: 'Register send_email here' }));
    expect((await within(here).findByTestId('register-here-result')).textContent).toContain(
      `Registered send_email → ${c.baseUrl}/actions/send_email: Flowent's registration check passed.`,
    );
    expect(within(form).queryAllByRole('alert')).toEqual([]);
    expect(form.textContent).not.toContain('problem first');

    // The form's own Register still needs a URL, and says so at the field.
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect((await within(form).findByRole('alert', { name: 'webhook_url problems' })).textContent).toContain('must be an absolute URL');
    expect(c.bridge.callsTo('registerAction')).toHaveLength(1);
  });

  it('the form’s own Register clears a Register here success, which would sit beside its refusal', async () => {
    const c = await withActions(companion());
    const { dialog, user } = await openActions(c);
    const here = await registerHereFor(dialog, user);
    const form = within(dialog).getByRole('form', { name: 'Register an action' });
    // Blocked until the fields' check comes back: a click before then does nothing, on a busy machine too.
    await waitFor(() =>
      expect((within(here).getByRole('button', { name: 'Register send_email here' }) as HTMLButtonElement).disabled).toBe(false),
    );
    await user.click(within(here).getByRole('button', { name: 'Register send_email here' }));
    expect((await within(here).findByTestId('register-here-result')).textContent).toContain('Registered send_email');

    // Registered already: Flowent refuses the form's send_email, and Register here's success is old news.
    const url = within(form).getByLabelText('Webhook URL');
    await user.type(url, handlerUrl(handler(), 'send_email'));
    await waitFor(
      () => expect(c.bridge.callsTo('checkAction').at(-1)?.[0]).toMatchObject({ webhook_url: (url as HTMLInputElement).value }),
      SLOW,
    );
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect(await within(form).findByRole('alert', { name: 'Flowent error' })).toBeTruthy();
    expect(within(here).queryByTestId('register-here-result')).toBeNull();
  });

  it('shows a refusal next to the button', async () => {
    const c = await withActions(companion());
    // The handler the companion forwards to refuses Flowent's registration check.
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'reg_fail'));
    const { dialog, user } = await openActions(c);
    const here = await registerHereFor(dialog, user);
    await waitFor(() =>
      expect((within(here).getByRole('button', { name: 'Register send_email here' }) as HTMLButtonElement).disabled).toBe(false),
    );
    await user.click(within(here).getByRole('button', { name: 'Register send_email here' }));
    expect((await within(here).findByRole('alert', { name: 'Register here error' })).textContent).toContain(
      `Flowent's registration check failed: your webhook at ${c.baseUrl}/actions/send_email returned status 400.`,
    );
  });
});

describe('parameter problems in the detail pane', () => {
  it('says that no schema is cached yet, and how to get one', async () => {
    // Registered in Flowent by another client: this companion has not seen its schema.
    const c = await withActions(companion());
    await registerElsewhere(actionInput('send_email'));
    // Flowent's registration check went to the handler: this call is the companion's first.
    await c.send('send_email', { subject: 7 });
    const { user } = renderApp(c.bridge);
    await user.click(await rowOf(1));
    const panel = await screen.findByTestId('parameter-check');
    expect(panel.textContent).toContain('no schema cached for send_email: open Account → Actions once online');
    expect(c.bridge.callsTo('checkParameters')).toEqual([[1]]);
    // Listing the actions (which caches their schemas) brings the check of the open call up to date.
    await user.click(within(panel).getByRole('button', { name: 'Account → Actions' }));
    expect(await screen.findByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
    await waitFor(() => expect(c.bridge.callsTo('listActions')).toHaveLength(1));
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Parameter problems' }).textContent).toContain('parameters.recipient is missing'),
    );
  });

  // Online, "open Account → Actions once online" sent the reader to a listing that already left the action out.
  it('says an action missing from the last listing is not on Flowent, since when, and what to do', async () => {
    const c = await withActions(companion(), ['send_email']);
    valueOf(await c.api.listActions());
    await c.send('broken', { recipient: 'a@b.c' });
    const { user } = renderApp(c.bridge);
    await user.click(await rowOf(1));
    const panel = await screen.findByTestId('parameter-check');
    await waitFor(() =>
      expect(panel.textContent).toMatch(
        /^Parameters: Flowent's list of actions \(fetched .+\) does not include broken: register it in Account → Actions, or check the action name the call was sent with\.$/,
      ),
    );
    expect(panel.textContent).not.toContain('once online');
    await user.click(within(panel).getByRole('button', { name: 'Account → Actions' }));
    expect(await screen.findByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
  });

  it('lists each parameter problem next to the signature verdict once the schema is cached', async () => {
    const c = await withActions(companion(), ['send_email']);
    await c.send('send_email', { subject: 7 });
    await c.send('send_email', { recipient: 'a@b.c' });
    await c.api.listActions();
    const { user } = renderApp(c.bridge);
    await user.click(await rowOf(1));
    const problems = await screen.findByRole('list', { name: 'Parameter problems' });
    expect([...problems.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'parameters.recipient is missing (the schema requires it).',
      'parameters.subject should be a string.',
    ]);
    await user.click(await rowOf(2));
    await waitFor(() => expect(screen.getByTestId('parameter-check').textContent).toContain('match the schema of send_email'));
  });
});

// Link and Unlink take each other's place once done: the keyboard must stay on the one now there.
describe('actions: the keyboard focus through Link and Unlink', () => {
  it('stays on the button that took the pressed one’s place', async () => {
    const c = await withActions(companion());
    valueOf(await c.api.registerAction(actionInput('send_email', { webhook_url: `${c.baseUrl}/actions/send_email` })));
    const { dialog, user } = await openActions(c);
    await user.click(within(await within(dialog).findByTestId('action-row-send_email')).getByRole('button', { name: 'send_email' }));
    const view = within(dialog).getByRole('region', { name: 'Action send_email' });
    within(view).getByRole('button', { name: 'Link to this companion' }).focus();
    await user.keyboard('{Enter}');
    const unlink = await within(view).findByRole('button', { name: 'Unlink' }, SLOW);
    await waitFor(() => expect(document.activeElement).toBe(unlink));
    await user.keyboard('{Enter}');
    const link = await within(view).findByRole('button', { name: 'Link to this companion' }, SLOW);
    await waitFor(() => expect(document.activeElement).toBe(link));
    expect((await c.api.getAccount()).links).toEqual([]);
  });
});

// An action's view goes away under the keyboard (back to the list, or the action deleted): the focus must not go with it.
describe('actions: the keyboard focus leaving an action', () => {
  it('goes back to its row, asks before deleting with Keep it focused, and lands on the list after the delete', async () => {
    const c = await withActions(companion(), ['send_email', 'create_ticket']);
    const { dialog, user } = await openActions(c);
    const openByKeyboard = async () => {
      (await within(dialog).findByRole('button', { name: 'send_email' })).focus();
      await user.keyboard('{Enter}');
      return within(dialog).getByRole('region', { name: 'Action send_email' });
    };
    let view = await openByKeyboard();
    within(view).getByRole('button', { name: '← All actions' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'send_email' })));

    view = await openByKeyboard();
    within(view).getByRole('button', { name: 'Delete…' }).focus();
    await user.keyboard('{Enter}');
    const question = within(view).getByRole('group', { name: 'Confirm deleting the action' });
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep it' })));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(within(view).getByRole('button', { name: 'Delete…' })));

    await user.keyboard('{Enter}');
    within(view).getByRole('button', { name: 'Delete send_email from Flowent' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(dialog).queryByRole('region', { name: 'Action send_email' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Register an action…' })));
    expect(c.bridge.callsTo('deleteAction')).toEqual([['send_email']]);
  });
});

// The Edit form takes the place of the action's view: going there and back by keyboard, the
// focus must land in what is shown, not on the page's body.
describe('actions: the keyboard focus through the Edit form', () => {
  it('goes to the first field it can change, and back to Edit after Cancel and after Save', async () => {
    const c = await withActions(companion(), ['send_email']);
    const { dialog, user } = await openActions(c);
    (await within(dialog).findByRole('button', { name: 'send_email' })).focus();
    await user.keyboard('{Enter}');
    const view = within(dialog).getByRole('region', { name: 'Action send_email' });
    await waitFor(() => expect(document.activeElement).toBe(within(view).getByRole('button', { name: '← All actions' })));

    const openEdit = async () => {
      within(dialog).getByRole('button', { name: 'Edit' }).focus();
      await user.keyboard('{Enter}');
      const form = within(dialog).getByRole('form', { name: 'Edit send_email' });
      // The name cannot change: the keyboard starts on the description.
      await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Description')));
      return form;
    };
    let form = await openEdit();
    within(form).getByRole('button', { name: 'Cancel' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Edit' })));

    form = await openEdit();
    await user.keyboard(' again');
    within(form).getByRole('button', { name: 'Save changes' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(dialog).queryByRole('form', { name: 'Edit send_email' })).toBeNull(), SLOW);
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Edit' })));
    expect(c.bridge.callsTo('updateAction')[0]?.[1]).toMatchObject({ description: 'Does send_email again' });
  });
});
