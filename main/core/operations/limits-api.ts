import { DEFAULT_LIMITS, type LimitsInfo, type LimitsMethods } from '../../contract/api';
import type { LimitsSettings } from '../history-limits';
import type { Retention } from '../store/retention';

export interface LimitsDeps {
  limits: LimitsSettings;
  retention: () => Retention;
}

/** The history's limits and the webhook port's rate limit, with what the history holds now. */
export function createLimitsApi(deps: LimitsDeps): LimitsMethods {
  const info = (): LimitsInfo => ({
    current: deps.limits.current(),
    elsewhere: deps.limits.shared().elsewhere,
    fixedForThisRun: deps.limits.fixedForThisRun(),
    defaults: DEFAULT_LIMITS,
    usage: deps.retention().usage(),
  });
  return {
    getLimits: async () => info(),
    setLimits: async (limits) => {
      deps.limits.store(limits);
      // Calls over the new limits go at the retention's next look, in idle time.
      return { ok: true, value: info() };
    },
  };
}
