/**
 * The renderer's Content-Security-Policy, sent as a response header as well as the
 * `<meta http-equiv>` in renderer/index.html. The two must stay identical (a test compares
 * them): the meta tag covers the built page loaded from file://, which no response header
 * reaches; the header covers everything served over http (the electron-vite dev server) and
 * cannot be removed by a page that rewrites its own markup.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

export type ResponseHeaders = Record<string, string | string[]>;

/** The part of Electron's `session.webRequest` used here. */
export interface WebRequestLike {
  onHeadersReceived(
    listener: (
      details: { url: string; responseHeaders?: ResponseHeaders },
      callback: (response: { responseHeaders?: ResponseHeaders }) => void,
    ) => void,
  ): void;
}

/** The headers with ours as the only Content-Security-Policy (any the server sent is replaced). */
export function withCsp(headers: ResponseHeaders | undefined): ResponseHeaders {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

/**
 * Adds the policy to every response in the session. The app loads nothing but its own
 * renderer, so there is no page this could wrongly restrict; anything else that slipped in
 * would get the strict policy too.
 */
export function installCspHeader(session: { webRequest: WebRequestLike }): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}
