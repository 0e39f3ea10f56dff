import { setTimeout as sleep } from 'node:timers/promises';
import type { WaitingCall } from '../contract/api';
import type { ServeSeen } from '../contract/project';
import { waitsUnheard } from '../contract/words/follow-words';
import { FLOWENT_TIMEOUT_MS, runningServes, serveSeen, type ServeState } from '../core';
import { hearServeWaits } from './follow-serve-waits';

/**
 * How often the serves on the folder are looked at: a serve started after the follow (as in a CI
 * job's steps) or restarted while it runs is heard within this, and one that stopped is dropped.
 */
const SERVE_LOOK_MS = 1_000;

/** The serve that holds a waiting call. */
export interface WaitHolder {
  serve: ServeSeen;
  /** How long it waits for the handler at most: its --forward-timeout. */
  limitMs: number;
  /** Whether other companions run on the folder beside it: a line then names it, to tell it from them. */
  amongOthers: boolean;
}

export interface WaitsFollower {
  /** A call that waits for the handler in the serve `holder`. */
  waiting(call: WaitingCall, holder: WaitHolder): void;
  /** Why the waits of a companion running when the follow starts cannot be heard: said once of each. */
  note(line: string): void;
}

/** One serve heard: its connection ends by itself when the serve stops, or is aborted once it is seen gone. */
interface Hearing {
  connection: AbortController;
  ended: Promise<void>;
}

/**
 * Tells `follower` of each call that starts waiting for the developer's handler in any serve
 * running on `dataDir`, and of those already waiting when each is reached, until `stop`
 * resolves. Each serve with an inspector is heard over a connection of its own, made again at
 * the next look when it ends while the serve still runs (its token was replaced); the stored
 * calls themselves come from the history, as every other.
 */
export async function followWaits(dataDir: string, follower: WaitsFollower, stop: Promise<void>): Promise<void> {
  const stopping = new AbortController();
  void stop.then(() => stopping.abort());
  const hearing = new Map<string, Hearing>();
  let running = servesOn(dataDir);
  for (const serve of running) if (serve.inspectorPort === null) follower.note(waitsUnheard(serveSeen(serve)));
  while (!stopping.signal.aborted) {
    const runningNow = new Set(running.map(serveKey));
    for (const [key, heard] of hearing) if (!runningNow.has(key)) heard.connection.abort();
    for (const serve of running) {
      const key = serveKey(serve);
      if (serve.inspectorPort === null || hearing.has(key)) continue;
      const connection = new AbortController();
      // A serve too old to record its limit: serve's default --forward-timeout, which such a serve
      // waits unless it was given another (its inspector is not asked: the file says it, or nothing does).
      const limitMs = serve.forwardTimeoutMs ?? FLOWENT_TIMEOUT_MS;
      // Among others by the last look, at the moment the wait is printed: a serve that joins or leaves changes it.
      const tell = (call: WaitingCall) => follower.waiting(call, { serve: serveSeen(serve), limitMs, amongOthers: running.length > 1 });
      const signal = AbortSignal.any([stopping.signal, connection.signal]);
      const ended = hearServeWaits(dataDir, serve.inspectorPort, tell, signal).finally(() => hearing.delete(key));
      hearing.set(key, { connection, ended });
    }
    await sleep(SERVE_LOOK_MS, undefined, { signal: stopping.signal }).catch(() => {});
    running = servesOn(dataDir);
  }
  await Promise.all([...hearing.values()].map((heard) => heard.ended));
}

/** One run of one serve: a serve restarted under the same pid is another. */
const serveKey = (serve: ServeState) => `${serve.pid} ${serve.startedAt}`;

/** The companions running on the folder; none for a folder this user may only read, which keeps a gone serve's file. */
function servesOn(dataDir: string): ServeState[] {
  try {
    return runningServes(dataDir);
  } catch {
    return [];
  }
}
