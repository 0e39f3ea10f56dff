import type { HandlerMethods } from '../../contract/api';
import { verifierSnippet } from '../handler-check';
import type { Replay } from '../replay';
import { badTarget } from './replay-api';
import { isStyleName } from '../../contract/names-and-limits';

/** The developer's handler: a probe of its verifier, and verifiers to paste into it. */
export function createHandlerMethods(replay: Replay): HandlerMethods {
  return {
    probeHandler: async (callId, target) => badTarget(target) ?? (await replay.probe(callId, target ?? undefined)),
    stopProbe: async (callId) => ({ stopping: replay.stopProbe(callId) }),
    listProbes: async () => replay.runningProbes(),
    getVerifierSnippet: async (language, style) =>
      isStyleName(style) ? { ok: true, value: verifierSnippet(language, style) } : { ok: false, code: 'unknown-style', style },
  };
}
