import { randomInt } from 'node:crypto';
import type { HeaderPair } from '../../contract/api';
import { errorAnswer, flowentAnswer, type Answer } from '../protocol/answers';
import { conditionHolds } from './conditions';
import { renderBody, templatesIn, type LazyCall } from './template';
import type { MockDefinition, MockResponse, MockResponseChoice } from '../../contract/api';
import { BUILT_IN_ANSWER_BODY } from '../../contract/answers';

/** The built-in answer: Flowent's success shape, given when no mock has anything that applies. */
const BUILT_IN_ANSWER: MockResponse = {
  when: [],
  status: 200,
  headers: {},
  body: { ...BUILT_IN_ANSWER_BODY },
  delayMs: 0,
  fault: null,
};

/** What answers when no mock is stored: nothing of its own, so the built-in answer. */
export const BUILT_IN_MOCK: MockDefinition = { selection: 'rules', responses: [], fallback: null, answerRegistrationCheck: false };

export interface MockOutcome {
  /** Null for a dropped connection. */
  answer: Answer | null;
  /** Wait this long before writing the answer (delay or timeout fault). */
  delayMs: number;
  /** Set when the mock itself failed (a template that did not render). */
  problem: { code: string; message: string } | null;
  /** Which response answered: one of `responses`, the fallback, or the built-in answer. */
  choice: MockResponseChoice;
}

/**
 * Sequence counters, per action, in memory: they restart at the first response when the
 * process restarts or the mock changes (its `updatedAt` differs).
 */
export class SequenceCounters {
  private readonly counters = new Map<string, { stamp: number; next: number }>();

  next(key: string, stamp: number, length: number): number {
    const current = this.counters.get(key);
    const value = current && current.stamp === stamp ? current.next : 0;
    this.counters.set(key, { stamp, next: value + 1 });
    return value % length;
  }
}

/**
 * Picks the response for this call, renders it and applies its fault. `call` gives the parsed
 * body; it is asked for only when a rule or a template needs it (a big body's plain values
 * cost a parse of their own).
 */
export function answerFromMock(
  definition: MockDefinition,
  call: LazyCall,
  sequence: { key: string; stamp: number; counters: SequenceCounters },
): MockOutcome {
  const picked = pick(definition, call, sequence);
  if (!picked) return answerWith(BUILT_IN_ANSWER, { kind: 'built-in' }, call);
  return answerWith(picked.response, picked.choice, call);
}

function pick(
  definition: MockDefinition,
  call: LazyCall,
  sequence: { key: string; stamp: number; counters: SequenceCounters },
): { response: MockResponse; choice: MockResponseChoice } | null {
  const { responses, selection } = definition;
  if (responses.length > 0) {
    let index: number;
    switch (selection) {
      case 'rules':
        index = responses.findIndex((response) => response.when.every((condition) => conditionHolds(condition, call.plain())));
        break;
      case 'sequence':
        index = sequence.counters.next(sequence.key, sequence.stamp, responses.length);
        break;
      case 'random':
        index = randomInt(responses.length);
        break;
      default: {
        const unknownSelection: never = selection;
        throw new Error(`unknown selection ${String(unknownSelection)}`);
      }
    }
    const response = responses[index];
    if (response) return { response, choice: { kind: 'response', selection, index, name: response.name ?? null } };
  }
  const fallback = definition.fallback;
  if (!fallback) return null;
  // With no responses nothing was chosen: the fallback is the mock's only answer, given every time.
  const kind = responses.length === 0 ? 'only' : 'fallback';
  return { response: fallback, choice: { kind, name: fallback.name ?? null } };
}

function answerWith(response: MockResponse, choice: MockResponseChoice, call: LazyCall): MockOutcome {
  const fault = response.fault;
  const base = { delayMs: response.delayMs, problem: null, choice };
  if (fault?.type === 'drop') return { ...base, answer: null };
  if (fault?.type === 'error') return { ...base, answer: errorAnswer(500, fault.message) };
  if (fault?.type === 'non-json') {
    return {
      ...base,
      answer: {
        status: response.status,
        headers: [['Content-Type', 'text/html; charset=utf-8']],
        body: Buffer.from(
          '<html><body><h1>Internal Server Error</h1><p>A non-JSON answer, injected by Flowent Companion.</p></body></html>',
        ),
        closeConnection: false,
      },
    };
  }
  const rendered = bodyOf(response, call);
  if (!rendered.ok) {
    const message = `Mock template failed: ${rendered.message}`;
    return { ...base, delayMs: 0, answer: flowentAnswer(500, '', message), problem: { code: 'mock-template-failed', message } };
  }
  const headers: HeaderPair[] = Object.entries(response.headers);
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type'))
    headers.unshift(['Content-Type', 'application/json; charset=utf-8']);
  const delayMs = fault?.type === 'timeout' ? fault.holdMs : response.delayMs;
  // Written out whole, not spread from `base`: this is every mock answer's path, where a spread
  // followed by more properties cost about a microsecond a property.
  return { delayMs, problem: null, choice, answer: { status: response.status, headers, body: rendered.bytes, closeConnection: false } };
}

/**
 * The bytes of each response whose body holds no template, made on its first answer: they are
 * the same for every call, so they are not walked, serialized and encoded again for each. A
 * mock's definition is kept, object for object, while the mock is unchanged; an edit makes new
 * objects. Null for a body with templates. Nothing writes into an answer's bytes.
 */
const fixedBodies = new WeakMap<MockResponse, Buffer | null>();

function bodyOf(response: MockResponse, call: LazyCall): { ok: true; bytes: Buffer } | { ok: false; message: string } {
  let fixed = fixedBodies.get(response);
  if (fixed === undefined) {
    const templated = templatesIn(response.body).some((template) => template.text.includes('{{'));
    const rendered = templated ? null : renderBody(response.body, call);
    fixed = rendered?.ok ? Buffer.from(rendered.text) : null;
    fixedBodies.set(response, fixed);
  }
  if (fixed !== null) return { ok: true, bytes: fixed };
  const rendered = renderBody(response.body, call);
  return rendered.ok ? { ok: true, bytes: Buffer.from(rendered.text) } : rendered;
}
