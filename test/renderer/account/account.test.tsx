// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../harness/render';
import { openAccount, useAccountCompanion } from './account-setup';

const { gateway, companion } = useAccountCompanion();

describe('account dialog: profiles', () => {
  it("the new profile form says why it cannot be saved, and every field's problem at once", async () => {
    const c = companion();
    const { dialog, user } = await openAccount(c);
    const profiles = within(dialog).getByRole('region', { name: 'Profiles' });
    await user.click(within(profiles).getByRole('button', { name: 'Add profile…' }));
    const save = within(profiles).getByRole('button', { name: 'Save profile' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(save.title).toBe('Give the profile a name and a Gateway URL to save it.');
    expect(within(profiles).getByTestId('profile-save-why').textContent).toBe('Give the profile a name and a Gateway URL to save it.');
    // Nothing typed is no mistake yet.
    expect(within(profiles).queryAllByRole('alert')).toEqual([]);

    await user.type(within(profiles).getByLabelText('Profile name'), 'Staging Env!');
    expect(within(profiles).getByTestId('profile-save-why').textContent).toBe('Give the profile a Gateway URL to save it.');
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'not a url');
    expect(within(profiles).getByRole('alert', { name: 'Profile name problem' }).textContent).toBe(
      '"Staging Env!" is not a profile name: use 1-40 lowercase letters, digits, - or _.',
    );
    expect(within(profiles).getByRole('alert', { name: 'Gateway base URL problem' }).textContent).toBe(
      'The Gateway URL must be an http(s) URL such as https://api.flowent.chat/api/v1/gateway, not "not a url".',
    );
    expect(save.disabled).toBe(true);
    expect(save.title).toBe('Fix the name and the Gateway URL to save the profile.');

    await user.clear(within(profiles).getByLabelText('Profile name'));
    await user.type(within(profiles).getByLabelText('Profile name'), 'staging');
    // The core's rule, said as it is typed: a password in the URL is neither kept nor repeated.
    await user.clear(within(profiles).getByLabelText('Gateway base URL'));
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://deploy:S3CRET@staging.flowent.chat/api/v1/gateway');
    const credentials = within(profiles).getByRole('alert', { name: 'Gateway base URL problem' }).textContent;
    expect(credentials).toContain('"https://deploy:***@staging.flowent.chat/api/v1/gateway": credentials do not belong in the Gateway URL');
    expect(credentials).not.toContain('S3CRET');
    expect(save.disabled).toBe(true);
    // A query string, which the Gateway's paths cannot follow, is named with the URL to give instead.
    await user.clear(within(profiles).getByLabelText('Gateway base URL'));
    await user.type(
      within(profiles).getByLabelText('Gateway base URL'),
      'https://staging.flowent.chat/api/v1/gateway?region=eu&token=S3CRET',
    );
    // Its values are not repeated, as the command line prints them: a token is often given there.
    expect(within(profiles).getByRole('alert', { name: 'Gateway base URL problem' }).textContent).toBe(
      '"https://staging.flowent.chat/api/v1/gateway?region=***&token=***": a Gateway URL takes no query string (the Gateway\'s paths are added after it), so it was not saved. Remove the part from "?" on: https://staging.flowent.chat/api/v1/gateway.',
    );
    await user.clear(within(profiles).getByLabelText('Gateway base URL'));
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://staging.flowent.chat/api/v1/gateway#access_token=S3CRET');
    expect(within(profiles).getByRole('alert', { name: 'Gateway base URL problem' }).textContent).toMatch(
      /^"https:\/\/staging\.flowent\.chat\/api\/v1\/gateway#\*\*\*": a Gateway URL takes no fragment/,
    );
    expect(save.disabled).toBe(true);
    await user.clear(within(profiles).getByLabelText('Gateway base URL'));
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://staging.flowent.chat/api/v1/gateway');
    expect(within(profiles).queryAllByRole('alert')).toEqual([]);
    expect(within(profiles).queryByTestId('profile-save-why')).toBeNull();
    expect(save.disabled).toBe(false);
    expect(save.title).toBe('');
    await user.click(save);
    await waitFor(() => expect(within(profiles).getByTestId('profile-staging')).toBeTruthy());
  });

  it('adds a profile, switches to it, edits its URL, and deletes it after confirming', async () => {
    const c = companion();
    const { user, dialog } = await openAccount(c);
    const profiles = within(dialog).getByRole('region', { name: 'Profiles' });
    expect(within(profiles).getByTestId('profile-default').textContent).toContain('active');

    await user.click(within(profiles).getByRole('button', { name: 'Add profile…' }));
    await user.type(within(profiles).getByLabelText('Profile name'), 'staging');
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://staging.flowent.chat/api/v1/gateway');
    await user.click(within(profiles).getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(within(profiles).getByTestId('profile-staging').textContent).toContain('https://staging.flowent.chat/api/v1/gateway'),
    );
    expect(c.bridge.callsTo('saveProfile')).toEqual([[{ name: 'staging', baseUrl: 'https://staging.flowent.chat/api/v1/gateway' }]]);

    await user.click(within(profiles).getByRole('button', { name: 'Use staging' }));
    await waitFor(() => expect(within(profiles).getByTestId('profile-staging').textContent).toContain('active'));
    expect((await c.api.getAccount()).activeProfile).toBe('staging');

    await user.click(within(profiles).getByRole('button', { name: 'Edit profile staging' }));
    const url = within(profiles).getByLabelText('Gateway base URL');
    await user.clear(url);
    await user.type(url, 'not a url');
    // Said under the field as it is typed; the save waits until it is fixed.
    expect(within(profiles).getByRole('alert', { name: 'Gateway base URL problem' }).textContent).toContain(
      'The Gateway URL must be an http(s) URL',
    );
    await user.click(within(profiles).getByRole('button', { name: 'Save profile' }));
    expect(c.bridge.callsTo('saveProfile')).toHaveLength(1);
    expect((await c.api.getAccount()).profiles.find((profile) => profile.name === 'staging')?.baseUrl).toBe(
      'https://staging.flowent.chat/api/v1/gateway',
    );

    await user.click(within(profiles).getByRole('button', { name: 'Cancel' }));
    expect(within(profiles).queryByRole('button', { name: 'Delete profile default' })).toBeNull();
    // The question every deletion asks, with Keep focused: Esc takes it back and leaves the dialog open.
    await user.click(within(profiles).getByRole('button', { name: 'Delete profile staging' }));
    const question = within(profiles).getByRole('group', { name: 'Confirm deleting the profile' });
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep' })));
    await user.keyboard('{Escape}');
    expect(within(profiles).queryByRole('group', { name: 'Confirm deleting the profile' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(profiles).getByRole('button', { name: 'Delete profile staging' })));
    await user.click(within(profiles).getByRole('button', { name: 'Delete profile staging' }));
    expect(c.bridge.callsTo('deleteProfile')).toHaveLength(0);
    await user.click(within(profiles).getByRole('button', { name: 'Delete staging for good' }));
    await waitFor(() => expect(within(profiles).queryByTestId('profile-staging')).toBeNull());
    // The row went with the keyboard in it: it lands on Add profile…, not on whatever control was nearest.
    await waitFor(() => expect(document.activeElement).toBe(within(profiles).getByRole('button', { name: 'Add profile…' })));
    expect(within(profiles).getByTestId('profile-default').textContent).toContain('active');
  });

  it('says FLOWENT_BASE_URL wins over the default URL it edits: beside the URL, in the form and when saved', async () => {
    // This companion's FLOWENT_BASE_URL is the Gateway stand-in's; the default profile's URL comes from it.
    const c = companion();
    const variable = gateway().baseUrl;
    const { user, dialog } = await openAccount(c);
    const profiles = within(dialog).getByRole('region', { name: 'Profiles' });
    expect(within(profiles).getByTestId('profile-default-source').textContent?.trim()).toBe('(from FLOWENT_BASE_URL)');

    await user.click(within(profiles).getByRole('button', { name: 'Edit profile default' }));
    // The form edits the saved URL (none yet), not the variable's, which saving would copy into the profile.
    expect((within(profiles).getByLabelText('Gateway base URL') as HTMLInputElement).value).toBe('');
    const inUse = `FLOWENT_BASE_URL is set (${variable}): it is the default profile's Gateway for this run, and the saved URL applies when it is unset.`;
    expect(within(profiles).getByRole('note', { name: 'Gateway URL in use' }).textContent).toBe(inUse);
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://saved.flowent.chat/api/v1/gateway');
    await user.click(within(profiles).getByRole('button', { name: 'Save profile' }));

    await screen.findByText(`Profile default saved: https://saved.flowent.chat/api/v1/gateway. ${inUse}`);
    await waitFor(() =>
      expect(within(profiles).getByTestId('profile-default-source').textContent?.trim()).toBe(
        '(from FLOWENT_BASE_URL; the saved https://saved.flowent.chat/api/v1/gateway applies when it is unset)',
      ),
    );
    expect(within(profiles).getByTestId('profile-default').textContent).toContain(variable);
    expect((await c.api.getAccount()).defaultGateway).toMatchObject({
      from: 'environment',
      saved: 'https://saved.flowent.chat/api/v1/gateway',
    });
    // Edited again, the form starts from what was saved.
    await user.click(within(profiles).getByRole('button', { name: 'Edit profile default' }));
    expect((within(profiles).getByLabelText('Gateway base URL') as HTMLInputElement).value).toBe(
      'https://saved.flowent.chat/api/v1/gateway',
    );
  });
});

describe('account dialog: opening and closing', () => {
  it('opens with f and closes with Esc', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
    await user.keyboard('f');
    expect(await screen.findByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Flowent account' })).toBeNull();
  });
});
