import type { CompanionBridge } from '../../../main/contract/api';
import { createHttpBridge } from './http-bridge';
import type { RendererBridge } from './connection';

/** Reads `#token=<t>` (other hash parameters are allowed beside it). */
export function readToken(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token ? token : null;
}

/**
 * The desktop preload's bridge when there is one, otherwise HTTP to the page's own origin.
 * Null when neither exists: the page was opened without the token the server printed.
 */
export function chooseBridge(desktop: CompanionBridge | undefined, origin: string, hash: string): RendererBridge | null {
  if (desktop) return desktop;
  const token = readToken(hash);
  return token ? createHttpBridge(origin, token) : null;
}
