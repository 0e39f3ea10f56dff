/** What the fake core does for a replay: a new stored call (source `replay`) and its outcome, as the core answers. */
import type { CallDetail, ReplayMode, ReplayOutcome } from '../../main/contract/api';
import { makeCall } from './fake-data';

export interface FakeReplayAnswer {
  status: number;
  body: string;
}

/** The replay as the fake handler answered it: the new call to store and what replayCall reports. */
export function fakeReplay(original: CallDetail, newId: number, mode: ReplayMode, url: string, answer: FakeReplayAnswer): { call: CallDetail; outcome: ReplayOutcome } {
  const signedStyle = mode === 'resign' ? 'python' : null;
  const call = makeCall({
    id: newId,
    action: original.action,
    path: original.path,
    source: 'replay',
    originalCallId: original.id,
    answeredBy: 'forward',
    status: answer.status,
    response: { status: answer.status, headers: [['content-type', 'application/json']], body: answer.body },
  });
  const before = original.response.body.split('\n');
  const after = answer.body.split('\n');
  const bodyChanged = original.response.body !== answer.body;
  const lines = bodyChanged
    ? [...before.map((text) => ({ kind: 'removed' as const, text })), ...after.map((text) => ({ kind: 'added' as const, text }))]
    : after.map((text) => ({ kind: 'same' as const, text }));
  const statusChanged = original.response.status !== answer.status;
  const failed = answer.status < 200 || answer.status > 299;
  const outcome: ReplayOutcome = {
    originalId: original.id,
    id: newId,
    mode,
    url,
    signedStyle,
    signatureVerdict: mode === 'resign' ? 'valid' : original.verdict,
    status: answer.status,
    durationMs: 12,
    violations: failed ? [{ code: 'not-2xx', message: `The answer's status is ${answer.status}; Flowent expects 2xx.` }] : [],
    originalViolations: original.violations,
    diff: {
      changed: statusChanged || bodyChanged,
      status: { before: original.response.status, after: answer.status, changed: statusChanged },
      headers: [],
      body: { changed: bodyChanged, json: true, lines },
    },
    verdict: failed ? 'failed' : statusChanged || bodyChanged ? 'changed' : 'passed',
    error: null,
  };
  return { call, outcome };
}
