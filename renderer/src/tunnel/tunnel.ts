import { hereFactsOf, type CoreStatus } from '../../../main/contract/api';

export const ACTION_PLACEHOLDER = '<action_name>';

/** The URL to register in Flowent for one action, on a given base. */
export function actionUrl(base: string, action: string | null): string {
  return `${base.replace(/\/+$/, '')}/actions/${action ?? ACTION_PLACEHOLDER}`;
}

/**
 * The webhook base URL to give Flowent: the tunnel's public URL while it is online (Flowent in
 * the cloud reaches nothing else), else this computer's; null while the server does not listen.
 */
export function webhookBaseToRegister(status: CoreStatus): { base: string; reach: 'public' | 'this-computer' } | null {
  const { publicUrl, webhookBaseUrl } = hereFactsOf(status);
  if (publicUrl) return { base: publicUrl, reach: 'public' };
  return webhookBaseUrl ? { base: webhookBaseUrl, reach: 'this-computer' } : null;
}

/** Whole seconds until `at` (never negative), for the retry countdown. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
