// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { closedPort, handlerUrl } from '../../helpers/handler-process';
import { valueOf } from '../harness/companion';
import { rowOf } from '../harness/render';
import { reachableTunnel } from '../../helpers/stand-in-tunnels';
import { registeredWords, registrationCheckPassedWords } from '../../../main/contract/words';
import { openActions, registerHereFor, SLOW, useActionsCompanion } from './actions-setup';

const { gateway, handler, companion, companionOptions, withActions } = useActionsCompanion();

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
