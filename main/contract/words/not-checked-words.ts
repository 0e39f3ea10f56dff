import type { Diagnosis } from '../shared';
import { HMAC_KEY_ENV } from '../secret-variables';

/**
 * Why a signed call that arrived with no HMAC key set was not checked, and what to do: said of
 * the call as it came and read later alike, so never "no key is set" of a call opened once a key
 * is (it read "no HMAC key is set ... Set FLOWENT_HMAC_KEY" beside a key set, with no word of
 * replaying the call, the only way to check it).
 */
export const NOT_CHECKED_WITHOUT_KEY: Pick<Diagnosis, 'message' | 'hint'> = {
  message: 'The call is signed, but no HMAC key was set when it arrived.',
  hint: `Set ${HMAC_KEY_ENV} or enter the key in Settings (copy it from Gateway Management > HMAC Keys), then replay the call to check it.`,
};

/** The verdict line's headline for such a call: why follows it (NOT_CHECKED_WITHOUT_KEY), not "no key is set", untrue once one is. */
export const NOT_CHECKED_HEADLINE = 'Signature not checked.';
