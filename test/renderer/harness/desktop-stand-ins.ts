/**
 * The two parts of Electron that the desktop app's core wiring uses and that cannot run here:
 * the OS keychain behind `safeStorage`, and the save/open dialogs. Everything around them is the
 * app's own code (the secret store in the data folder, HAR files written and read by main).
 */
import type { DialogLike } from '../../../main/desktop/har-dialogs';
import type { SafeStorageLike } from '../../../main/desktop/secret-store';

/**
 * The OS keychain, there or not (a Linux desktop without a secret service has none). Its
 * "encryption" is reversible and visibly not the plain text, as real ciphertext is not.
 */
export const keychainStandIn = (available: boolean): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => (available ? 'gnome_libsecret' : 'basic_text'),
  encryptString: (plain) => Buffer.from('sealed:' + [...plain].reverse().join('')),
  decryptString: (sealed) => [...sealed.toString().slice('sealed:'.length)].reverse().join(''),
});

/** The user's part in the save and open dialogs: the path they pick, or null for Cancel. */
export interface DialogChoices {
  savePath: string | null;
  openPath: string | null;
}

export function dialogStandIn(choices: DialogChoices): DialogLike<never> {
  return {
    showSaveDialog: async () => (choices.savePath === null ? { canceled: true } : { canceled: false, filePath: choices.savePath }),
    showOpenDialog: async () =>
      choices.openPath === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [choices.openPath] },
  };
}
