import type { TunnelStatus } from '../../../main/contract/api';

export const ACTION_PLACEHOLDER = '<action_name>';

/** The URL to register in Flowent for one action, on a given base. */
export function actionUrl(base: string, action: string | null): string {
  return `${base.replace(/\/+$/, '')}/actions/${action ?? ACTION_PLACEHOLDER}`;
}

export const TUNNEL_STATE_LABEL: Record<TunnelStatus['state'], string> = {
  offline: 'offline',
  connecting: 'connecting',
  online: 'online',
  reconnecting: 'reconnecting',
};

/** Whole seconds until `at` (never negative), for the retry countdown. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
