import { chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { StartFolderInput, StartFolders } from '../../main/desktop/start-folder';
import { runCli } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const ENTRY = resolve(__dirname, 'settle-data-folder-entry.ts');

/** Where the settling runs, and as whom. */
export interface SettleAs {
  /** Another user (root only may ask). */
  asUser?: string;
  /** Without root's power over files' modes, when the tests run as root (see runCli). */
  obeyingModes?: boolean;
}

/**
 * settleDataFolder as a command of its own: bundled with its imports into one file in a folder
 * every user may read (the checkout may lie in a folder only root may enter), so it can run as
 * another user, or as root obeying files' modes. `settle` runs it on `env`; `remove` removes the bundle.
 */
export async function settleAsCommand(): Promise<{
  settle: (input: Pick<StartFolderInput, 'home' | 'cwd' | 'appData'>, env: NodeJS.ProcessEnv, as: SettleAs) => Promise<StartFolders>;
  remove: () => void;
}> {
  const folder = makeTempDir('fc-settle-');
  chmodSync(folder.path, 0o755);
  const bin = join(folder.path, 'settle-data-folder.cjs');
  await build({
    entryPoints: [ENTRY],
    outfile: bin,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // It needs Node's own modules only: a package it needed would not be found beside the bundle.
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'silent',
  });
  chmodSync(bin, 0o755);
  const settle = async (input: Pick<StartFolderInput, 'home' | 'cwd' | 'appData'>, env: NodeJS.ProcessEnv, as: SettleAs) => {
    const result = await runCli([JSON.stringify(input)], env, { ...as, bin });
    if (result.code !== 0) throw new Error(`the settling exited ${result.code}:\n${result.stderr}`);
    return JSON.parse(result.stdout) as StartFolders;
  };
  return { settle, remove: folder.remove };
}
