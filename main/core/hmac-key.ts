/** Where the headless command reads the HMAC key (the desktop app keeps it in the keychain). */
export const HMAC_KEY_ENV = 'FLOWENT_HMAC_KEY';
