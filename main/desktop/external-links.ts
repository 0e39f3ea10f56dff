import { shell } from 'electron';

/** Only plain web links leave the app, and only to the user's browser. */
export function isExternalWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Opens `url` in the system browser when it is an http(s) link; refuses anything else
 * (file:, javascript:, smb:, custom schemes, which the OS would hand to other programs).
 * The one place the app calls `shell.openExternal`. Returns whether the link was opened.
 */
export function openWebLink(url: string, warn: (message: string) => void = console.warn): boolean {
  if (!isExternalWebLink(url)) {
    warn(`Refused to open a non-web link (${url.slice(0, 100)}).`);
    return false;
  }
  shell.openExternal(url).catch((error: unknown) => warn(`Could not open ${url}: ${String(error)}`));
  return true;
}
