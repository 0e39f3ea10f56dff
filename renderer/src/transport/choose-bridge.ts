import type { PreloadBridge } from '../../../main/contract/api';
import { createDesktopBridge } from './desktop-bridge';
import { createHttpBridge } from './http-bridge';
import type { RendererBridge } from './connection';

/**
 * The desktop preload's bridge when there is one, otherwise HTTP to the page's own origin with
 * the access token (page-token.ts). Null when neither exists: the page was opened without the
 * token the server printed.
 */
export function chooseBridge(desktop: PreloadBridge | undefined, origin: string, token: string | null): RendererBridge | null {
  if (desktop) return createDesktopBridge(desktop);
  return token ? createHttpBridge(origin, token) : null;
}
