import type { AccountFailure, Refused } from '../../contract/api';

/** The account's part of the settings table (its keys are stored as `flowent.<key>`). */
export const ACCOUNT_SETTINGS_SCOPE = 'flowent';

/** Flowent's public Gateway; staging and local instances are other profiles. */
export const DEFAULT_FLOWENT_BASE_URL = 'https://api.flowent.chat/api/v1/gateway';
export const FLOWENT_BASE_URL_ENV = 'FLOWENT_BASE_URL';
export const FLOWENT_API_TOKEN_ENV = 'FLOWENT_API_TOKEN';

/** The action shapes are the contract's (openapi.json `Action`, `POST /actions`, `PUT /actions/{name}`). */
export type { ActionCreate, ActionUpdate, FlowentAction } from '../../contract/account';

/** What the Gateway's answer, or a check before sending, came to: the value with what is worth saying, or why not. */
export type FlowentResult<T> = { ok: true; value: T; warnings: string[] } | Refused<AccountFailure>;
