import type { HeaderPair } from '../../contract/api';

/** What the server sends back; `closeConnection` for answers after which the socket is unsafe to reuse. */
export interface Answer {
  status: number;
  headers: HeaderPair[];
  body: Buffer;
  closeConnection: boolean;
}

const JSON_HEADERS: HeaderPair[] = [['Content-Type', 'application/json; charset=utf-8']];

/** An answer in the shape Flowent expects from an action webhook: `{"result","error"}`. */
export function flowentAnswer(status: number, result: string, error: string, extraHeaders: HeaderPair[] = []): Answer {
  return {
    status,
    headers: [...JSON_HEADERS, ...extraHeaders],
    body: Buffer.from(JSON.stringify({ result, error })),
    closeConnection: false,
  };
}

export function errorAnswer(status: number, message: string, extraHeaders: HeaderPair[] = []): Answer {
  return flowentAnswer(status, '', message, extraHeaders);
}

export function registrationCheckAnswer(action: string): Answer {
  return flowentAnswer(200, `Test successful for action: ${action}`, '');
}
