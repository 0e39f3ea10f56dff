import { REDACTED_CREDENTIAL } from '../url-credentials';

/**
 * A forward target whose password is `***` and no password is kept for it in this history
 * folder: files meant for git (an answer file, an export) leave it out, and the companion that
 * set it keeps it in its own history folder. `targets set` with the password gives it here, and
 * in a project still writes `***` into the file.
 */
function setItHere(action: string | null): string {
  return `run "flowent-companion targets set ${action ?? '--default'} <the URL with its password>" with this history folder`;
}

/** Why such a target cannot be used here: said alike wherever it is met. */
const LEFT_OUT =
  `${REDACTED_CREDENTIAL} for its password: it is left out of files meant for git (answer files, exports), ` +
  'and this history folder keeps no password for that URL';

/** The call's forwarding error: why nothing was forwarded, and how to forward. */
export function leftOutPasswordError(action: string, target: string, owner: string | null): string {
  return (
    `The forward target for ${action}, ${target}, has ${LEFT_OUT}, so nothing was forwarded. To forward, ${setItHere(owner)} (in a project the file keeps ${REDACTED_CREDENTIAL}), or have the ` +
    'handler take its credentials another way.'
  );
}

/**
 * Why send, replay or a probe sent nothing to such a target (what, then what to do; `giveTarget`:
 * the front end's way to name a URL for this one call): "***" would have gone as the password.
 */
export function leftOutPasswordRefusal(
  action: string,
  target: string,
  owner: string | null,
  giveTarget: string,
): { what: string; todo: string } {
  return {
    what: `The forward target for ${action}, ${target}, has ${LEFT_OUT}, so nothing was sent.`,
    todo: `To send it, ${setItHere(owner)} (in a project the file keeps ${REDACTED_CREDENTIAL}), or ${giveTarget}.`,
  };
}

/** serve's Answers: line for such a target, before the first call gets its 502. */
export function leftOutPasswordLine(target: string, from: string, fallbackToMock: boolean): string {
  return (
    `not forwarded: ${target} (${from}) has ${REDACTED_CREDENTIAL} for its password, and this history folder keeps ` +
    `none for that URL; ${fallbackToMock ? 'the mock answers' : 'calls get a 502'} until "targets set" gives it here`
  );
}

/**
 * The Project dialog's line for an answer file (`file`; `action` null: the default's) that forwards
 * to such a target: what serve, send and replay do with it (`fallbackToMock`: serve's, so the
 * mock answers in the handler's place), then what to do, as they say it.
 */
export function leftOutPasswordInFileWords(file: string, action: string | null, target: string, fallbackToMock: boolean): string {
  const meanwhile = fallbackToMock ? 'the mock answers' : 'calls get a 502';
  return (
    `${file} forwards to ${target}, which has ${LEFT_OUT}: serve forwards nothing to it (${meanwhile}), and send and ` +
    `replay send nothing. To forward, ${setItHere(action)} (in a project the file keeps ${REDACTED_CREDENTIAL}), or have ` +
    'the handler take its credentials another way.'
  );
}
