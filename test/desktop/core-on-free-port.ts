// The real createCore for tests of main/index.ts: only the port changes, to a free one, so a
// test never meets a running app. Used from a hoisted vi.mock factory:
//   vi.mock('../../main/core/create-core', async (real) => coreOnFreePort(await real()));
import type * as CreateCore from '../../main/core/create-core';
import type { CoreOptions } from '../../main/core/core-options';

export function coreOnFreePort(real: typeof CreateCore): typeof CreateCore {
  return { ...real, createCore: (options: CoreOptions) => real.createCore({ ...options, port: 0 }) };
}
