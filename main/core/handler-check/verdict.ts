import type { HandlerSignature, HeaderPair } from '../../contract/api';
import { isSignatureComplaint, namesOtherCause } from './refusal-words';

/** A handler's answer as received: status, raw headers, body bytes. */
export interface HandlerAnswer {
  status: number;
  headers: readonly HeaderPair[];
  body: Uint8Array;
}

export interface HandlerSignatureVerdict {
  verdict: HandlerSignature;
  /** The part of the answer that decided, for a diagnosis: `401 "Invalid signature"`, `500 "too many values to unpack"`, `200`. */
  evidence: string;
}

/** Only the start of a body is read: error texts are short, and a huge answer must not cost a full scan. */
const READ_LIMIT = 64 * 1024;
/** Fields where frameworks and handlers put an error text or code (Flowent, FastAPI, Express, Django REST, Spring, OAuth...). */
const MESSAGE_FIELDS = [
  'error',
  'code',
  'errors',
  'detail',
  'details',
  'message',
  'msg',
  'reason',
  'description',
  'error_description',
  'error_message',
  'title',
];
const MAX_TEXTS = 20;
const EVIDENCE_LENGTH = 120;

const decoder = new TextDecoder('utf-8');

/**
 * Decides from a handler's answer whether it refused the call's signature.
 *
 * - A 2xx is `accepted`, unless its Flowent `error` field complains about the signature (a
 *   handler that answers every refusal 200). Other fields of a 2xx are never read: an action's
 *   `result` may well talk about signatures.
 * - A 401 or 403 is `refused`, unless its text names another cause and not the signature (a
 *   replay guard's "Request timestamp too old", a missing API token): then `unknown`.
 * - Any other status is `refused` when its text complains about the signature or HMAC,
 *   otherwise `unknown` (a 500 "too many values to unpack" says nothing about the signature).
 */
export function judgeHandlerSignature(answer: HandlerAnswer): HandlerSignatureVerdict {
  const { status } = answer;
  const texts = messageTexts(answer);
  const complaint = (status >= 200 && status < 300 ? texts.flowentError : texts.all).find(isSignatureComplaint);
  if (complaint !== undefined) return { verdict: 'refused', evidence: evidence(status, complaint) };
  if (status >= 200 && status < 300) return { verdict: 'accepted', evidence: String(status) };
  const first = texts.all[0];
  if (status === 401 || status === 403) {
    const other = texts.all.find(namesOtherCause);
    if (other !== undefined) return { verdict: 'unknown', evidence: evidence(status, other) };
    return { verdict: 'refused', evidence: evidence(status, first) };
  }
  return { verdict: 'unknown', evidence: evidence(status, first) };
}

function evidence(status: number, text: string | undefined): string {
  if (text === undefined) return String(status);
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > EVIDENCE_LENGTH ? `${oneLine.slice(0, EVIDENCE_LENGTH - 1)}…` : oneLine;
  return short === '' ? String(status) : `${status} ${JSON.stringify(short)}`;
}

interface MessageTexts {
  /** Every error text found, most likely first. */
  all: string[];
  /** The `error` member of a Flowent-shaped answer, when it is a non-empty string. */
  flowentError: string[];
}

/** The error texts of an answer: its message fields when it is JSON, else its text (HTML tags removed). */
function messageTexts(answer: HandlerAnswer): MessageTexts {
  const truncated = answer.body.length > READ_LIMIT;
  const text = decoder.decode(truncated ? answer.body.subarray(0, READ_LIMIT) : answer.body);
  let parsed: unknown = undefined;
  if (!truncated) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the text itself is the message.
    }
  }
  if (parsed === undefined) {
    const plain = looksLikeHtml(answer, text) ? htmlText(text) : text;
    return { all: plain.trim() === '' ? [] : [plain], flowentError: [] };
  }
  const all: string[] = [];
  collectTexts(parsed, all, 0);
  const error = isRecord(parsed) ? parsed.error : undefined;
  return { all, flowentError: typeof error === 'string' && error !== '' ? [error] : [] };
}

function collectTexts(value: unknown, into: string[], depth: number): void {
  if (into.length >= MAX_TEXTS || depth > 3) return;
  if (typeof value === 'string') {
    if (value.trim() !== '') into.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value.slice(0, MAX_TEXTS)) collectTexts(item, into, depth + 1);
  } else if (isRecord(value)) {
    for (const field of MESSAGE_FIELDS) if (field in value) collectTexts(value[field], into, depth + 1);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeHtml(answer: HandlerAnswer, text: string): boolean {
  const type = answer.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  return /html/i.test(type) || /^\s*</.test(text);
}

function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}
