/** The account's part of the settings table (its keys are stored as `flowent.<key>`). */
export const ACCOUNT_SETTINGS_SCOPE = 'flowent';

/** Flowent's public Gateway; staging and local instances are other profiles. */
export const DEFAULT_FLOWENT_BASE_URL = 'https://api.flowent.chat/api/v1/gateway';
export const FLOWENT_BASE_URL_ENV = 'FLOWENT_BASE_URL';
export const FLOWENT_API_TOKEN_ENV = 'FLOWENT_API_TOKEN';

/** The action shapes are the contract's (openapi.json `Action`, `POST /actions`, `PUT /actions/{name}`). */
export type { ActionCreate, ActionUpdate, FlowentAction } from '../../contract/account';

/** A failure the user acts on; `status` is the Gateway's HTTP status when it answered. */
export type FlowentFailure = { ok: false; code: string; message: string; status?: number; details?: string };
export type FlowentResult<T> = { ok: true; value: T; warnings: string[] } | FlowentFailure;

export function failure(code: string, message: string, extra: { status?: number; details?: string } = {}): FlowentFailure {
  return { ok: false, code, message, ...extra };
}
