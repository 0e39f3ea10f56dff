import type { StartFailure } from '../contract/api';
import { wordStartFailure, type StartVocabulary } from '../contract/words';
import { DATA_DIR_ENV } from '../core';

/**
 * Where the desktop app's user acts when it cannot start: it has no flags (one port, one
 * address), only the environment it is started in.
 */
export const DESKTOP_START_VOCABULARY: StartVocabulary = {
  choosePort: () => null,
  chooseHost: null,
  chooseDataDir: `start the app with ${DATA_DIR_ENV} set to another folder`,
};

/** Why the desktop app could not start, for its error dialog. */
export function inDesktopWords(failure: StartFailure): string {
  return wordStartFailure(failure, DESKTOP_START_VOCABULARY);
}
