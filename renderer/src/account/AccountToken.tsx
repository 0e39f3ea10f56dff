import type { AccountState } from '../../../main/contract/account';
import { removeApiToken, saveApiToken } from './account-actions';
import { SecretSection } from '../shared/SecretSection';
import { useMetaStore } from '../page/stores';
import { apiTokenEdgeSpaceWords, apiTokenNowWords, unreadableNote } from '../../../main/contract/words';

/** The active profile's API token: whether it is set and where from, never its value. */
export function AccountToken({ account }: { account: AccountState }) {
  const profile = account.activeProfile;
  const token = account.apiToken;
  const keychainUnavailable = useMetaStore((s) => s.status?.keychainUnavailable ?? null);
  return (
    <SecretSection
      title="API token"
      envVar={account.apiTokenVariable}
      state={token}
      canSet={account.canSetApiToken}
      current={
        !token.set && token.unreadable
          ? unreadableNote('API token', account.canSetApiToken)
          : apiTokenNowWords(profile, token, account.apiTokenVariable)
      }
      keychainUnavailable={keychainUnavailable}
      currentTestId="api-token-current"
      inputLabel="New API token"
      saveLabel="Save token"
      clearLabel="Clear token"
      clearable={token.source !== 'environment'}
      onSave={(value) => saveApiToken(profile, value)}
      onClear={() => removeApiToken(profile)}
      // Sent to Flowent as it is: a space at an edge makes a token Flowent refuses.
      spaceWords={apiTokenEdgeSpaceWords}
      readOnlyTestId="api-token-hint"
      errorLabel="API token error"
    />
  );
}
