import type { ReplayMethods } from '../../contract/api';
import type { ReplayApi } from '../replay';
import { checkTargetUrl } from '../respond/forward';

/** Replay and copy-as-cURL, over the replay module. */
export function createReplayMethods(replay: ReplayApi): ReplayMethods {
  return {
    replayCall: async (id, mode, target) => {
      const bad = target ? checkTargetUrl(target) : null;
      if (bad) return { ok: false, code: 'invalid-target', message: bad.message };
      return replay.replay(id, { mode, ...(target ? { target } : {}) });
    },
    copyAsCurl: async (id, resign) => replay.curlFor(id, { resign }),
  };
}
