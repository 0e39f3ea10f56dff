import { homedir } from 'node:os';
import { resolveDataDir } from '../core/paths';
import { createRespondApi, type RespondApi } from '../core/answers';
import { FLOWENT_TIMEOUT_MS } from '../core/protocol/facts';
import { openStore, type Store } from '../core/store/open-store';
import { ACTION_NAME_PATTERN } from '../core/protocol/facts';
import { UsageError } from './args';
import type { CliIo } from './cli-io';

/** Which action a subcommand is about: a name, the default (`--default`), or every one (`--all`). */
export type Target = { kind: 'action'; action: string } | { kind: 'default' } | { kind: 'all' };

export function parseTarget(
  command: string,
  positional: string | undefined,
  flags: { default?: boolean; all?: boolean },
  allowAll: boolean,
): Target {
  const given = [positional !== undefined, flags.default === true, flags.all === true].filter(Boolean).length;
  const choices = allowAll ? '<action>, --default or --all' : '<action> or --default';
  if (given !== 1) throw new UsageError(`${command} needs exactly one of ${choices}.`);
  if (flags.default) return { kind: 'default' };
  if (flags.all) {
    if (!allowAll) throw new UsageError(`${command} takes ${choices}, not --all.`);
    return { kind: 'all' };
  }
  const action = positional ?? '';
  if (!ACTION_NAME_PATTERN.test(action))
    throw new UsageError(`"${action}" is not an action name: use 1-100 lowercase letters, digits or underscores.`);
  return { kind: 'action', action };
}

export function targetKey(target: Target): string | null {
  return target.kind === 'action' ? target.action : null;
}

export function describeTarget(target: Target): string {
  return target.kind === 'action'
    ? `action ${target.action}`
    : target.kind === 'default'
      ? 'the default (every action without its own)'
      : 'every action';
}

/** Opens the history folder's store and runs `work` with the same respond API the app uses. */
export async function withRespondApi(
  command: string,
  dataDirFlag: string | undefined,
  io: CliIo,
  work: (api: RespondApi) => number | Promise<number>,
): Promise<number> {
  const dataDir = resolveDataDir({ flag: dataDirFlag, env: io.env, platform: process.platform, home: homedir() });
  const opened = openStore({ dataDir });
  if (!opened.ok) {
    io.stderr.write(`flowent-companion ${command}: ${opened.message}\n`);
    return 1;
  }
  const store: Store = opened.value;
  try {
    const api = createRespondApi({
      respond: () => store.respond,
      calls: () => store.calls,
      startupForwardTarget: null,
      forwardTimeoutMs: FLOWENT_TIMEOUT_MS,
      fallbackToMock: false,
    });
    return await work(api);
  } finally {
    store.close();
  }
}
