// @vitest-environment happy-dom
import { expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { followModeSetWords, profileInUseWords, profileRemovedWords, profileSavedWords } from '../../../main/contract/words';
import { useCompanion, valueOf } from '../harness/companion';
import { API_TOKEN, gatewayOptions, useGateway } from '../harness/gateway';
import { renderApp } from '../harness/render';

// The Account tab's toasts for the account's own changes say them in the words
// `actions profile add|use|remove` prints (main/contract/words/account-change-words.ts).

const gateway = useGateway();
const companion = useCompanion(() => gatewayOptions(gateway()));

const STAGING = 'https://staging.flowent.chat/api/v1/gateway';

it('says a profile saved, put in use and removed as the command line does, and the follow mode set', async () => {
  const c = companion();
  valueOf(await c.api.setFlowentApiToken('default', API_TOKEN));
  const { user } = renderApp(c.bridge);
  await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
  await user.click(screen.getByRole('button', { name: 'Account' }));
  const dialog = await screen.findByRole('dialog', { name: 'Flowent account' });
  const profiles = await within(dialog).findByRole('region', { name: 'Profiles' });

  await user.click(within(profiles).getByRole('button', { name: 'Add profile…' }));
  await user.type(within(profiles).getByLabelText('Profile name'), 'staging');
  await user.type(within(profiles).getByLabelText('Gateway base URL'), STAGING);
  await user.click(within(profiles).getByRole('button', { name: 'Save profile' }));
  await screen.findByText(`Profile staging saved: ${STAGING}`);
  expect(profileSavedWords(await c.api.getAccount(), 'staging')).toBe(`Profile staging saved: ${STAGING}`);

  await user.click(within(profiles).getByRole('button', { name: 'Use staging' }));
  await screen.findByText(`Using profile staging (${STAGING})`);
  const account = await c.api.getAccount();
  expect(profileInUseWords(account, 'staging')).toBe(`Using profile staging (${STAGING})`);
  await user.click(within(profiles).getByRole('button', { name: 'Use default' }));
  await screen.findByText(`Using profile default (${gateway().baseUrl})`);

  await user.click(within(profiles).getByRole('button', { name: 'Delete profile staging' }));
  const question = within(profiles).getByRole('group', { name: 'Confirm deleting the profile' });
  await user.click(within(question).getByRole('button', { name: 'Delete staging for good' }));
  await screen.findByText('Removed profile staging');
  expect(profileRemovedWords('staging')).toBe('Removed profile staging');

  await user.selectOptions(within(dialog).getByLabelText('Follow mode'), 'ask');
  await screen.findByText(followModeSetWords('ask'));
  await user.selectOptions(within(dialog).getByLabelText('Follow mode'), 'auto');
  await screen.findByText(followModeSetWords('auto'));
  expect((await c.api.getAccount()).followMode).toBe('auto');
});
