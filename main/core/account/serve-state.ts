import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES } from '../data-folder';

/**
 * Written by a running `serve` so `actions register --here`, `inspector rotate-token`, `send`
 * and `replay` know the companion's URLs.
 */

export interface ServeState {
  pid: number;
  /** The webhook server, e.g. http://127.0.0.1:8787. */
  webhookBaseUrl: string;
  /** The tunnel's public URL while it is online. */
  publicUrl: string | null;
  /** The browser inspector's port, when it runs (its URL needs the token besides). */
  inspectorPort: number | null;
  /** Its mark on calls sent to its webhook by this companion's own commands (`send`, `replay`), so it does not store them as Flowent's. */
  loopToken: string;
  updatedAt: number;
}

/**
 * For the lead to call from serve: at start, on every tunnel status change, and with null at
 * stop. Written atomically (temp file, then rename).
 */
export function writeServeState(dataDir: string, state: Omit<ServeState, 'updatedAt'> | null): void {
  const file = join(dataDir, DATA_FILES.serveState);
  if (state === null) {
    rmSync(file, { force: true });
    return;
  }
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ ...state, updatedAt: Date.now() }, null, 2), { mode: 0o600 });
  renameSync(temp, file);
}

/** The state of a `serve` that is still running, or null (no file, unreadable, or its process is gone). */
export function readServeState(dataDir: string): ServeState | null {
  let state: ServeState;
  try {
    state = JSON.parse(readFileSync(join(dataDir, DATA_FILES.serveState), 'utf8')) as ServeState;
  } catch {
    return null;
  }
  if (typeof state.pid !== 'number' || typeof state.webhookBaseUrl !== 'string' || typeof state.loopToken !== 'string') return null;
  try {
    process.kill(state.pid, 0);
  } catch (error) {
    // EPERM: alive but another user's; anything else means it is gone.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return state;
}
