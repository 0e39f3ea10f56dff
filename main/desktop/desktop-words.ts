import type { MessageBoxSyncOptions } from 'electron';
import type { StartFailure } from '../contract/api';
import { wordStartFailure, type StartVocabulary } from '../contract/words';
import { DATA_DIR_ENV } from '../core/paths';

/**
 * Where the desktop app's user acts when it cannot start: it has no flags (one port, one
 * address), only the environment it is started in.
 */
export const DESKTOP_START_VOCABULARY: StartVocabulary = {
  choosePort: () => null,
  chooseHost: null,
  chooseDataDir: `start the app with ${DATA_DIR_ENV} set to another folder`,
  // The desktop app loads the module built for it by `npm start` (main/desktop/prepare-native.mjs).
  buildSqliteModule: (packageFolder) => `start the app with npm start in ${packageFolder}, which builds the module for it`,
};

/** Why the desktop app could not start, for its error dialog. */
export function inDesktopWords(failure: StartFailure): string {
  return wordStartFailure(failure, DESKTOP_START_VOCABULARY);
}

/**
 * Asked when the page would go (reload, closing the window, quitting) while a form holds edits
 * not yet saved or sent: the page's beforeunload reaches main as `will-prevent-unload`. Stay is
 * the default, so an Enter pressed in passing loses nothing.
 */
export const LEAVE_UNSAVED_BOX = {
  type: 'warning',
  title: 'Unsaved changes',
  message: 'Leave with unsaved changes?',
  detail: 'Edits you have not saved or sent yet (parameters, a mock, an action) are lost if you leave.',
  buttons: ['Leave', 'Stay'],
  defaultId: 1,
  cancelId: 1,
  noLink: true,
} satisfies MessageBoxSyncOptions;

/** The index of Leave in LEAVE_UNSAVED_BOX's buttons: what showMessageBoxSync returns for it. */
export const LEAVE_BUTTON = 0;
