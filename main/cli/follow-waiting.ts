import { setTimeout as sleep } from 'node:timers/promises';
import type { WaitingCall } from '../contract/api';
import { serveNamed } from '../contract/words';
import { WAITING_FOR_HANDLER } from '../contract/words/waiting-words';
import { runningServes, serveSeen, type ServeState } from '../core';
import { readInspectorToken } from '../transports/inspector/inspector-token';
import { ServeInspectorClient } from './serve-inspector-client';

/**
 * How often a follow with no serve to hear looks for one: a serve started after it (as in a CI
 * job's steps) or restarted while it runs is heard within this.
 */
const SERVE_LOOK_MS = 1_000;

export interface WaitsFollower {
  /** A call that waits for the handler; `limitMs`: how long its serve waits at most (its --forward-timeout). */
  waiting(call: WaitingCall, limitMs: number): void;
  /** Why the waits of the companions running when the follow starts cannot be heard: said once. */
  note(line: string): void;
}

/**
 * Tells `follower` of each call that starts waiting for the developer's handler in the serve
 * running on `dataDir`, and of those already waiting when it is reached, until `stop` resolves.
 * The waits live in the serve's memory until the call is stored, so they are heard from its
 * event stream, as its inspector page hears them; the stored call itself comes from the history,
 * as every other. Heard only while one companion runs on the folder, as the commands that
 * reach a running serve do (through-running-serve.ts); with several, their calls are listed once
 * stored, as before. When that serve stops, nothing more is said until the next one starts.
 */
export async function followWaits(dataDir: string, follower: WaitsFollower, stop: Promise<void>): Promise<void> {
  const stopping = new AbortController();
  void stop.then(() => stopping.abort());
  const first = serveToHear(dataDir);
  if (first.port === null && first.why !== null) follower.note(first.why);
  for (let found = first; !stopping.signal.aborted; found = serveToHear(dataDir)) {
    if (found.port !== null) await hearServe(dataDir, found.port, follower, stopping.signal);
    await sleep(SERVE_LOOK_MS, undefined, { signal: stopping.signal }).catch(() => {});
  }
}

/** The inspector port of the serve to hear, or why there is none (null when none runs). */
type Found = { port: number } | { port: null; why: string | null };

/** The one companion on the folder, when its waits can be heard. */
function serveToHear(dataDir: string): Found {
  let running: ServeState[];
  try {
    running = runningServes(dataDir);
  } catch {
    // A folder this user may only read keeps a gone serve's file: no serve to hear, as with none.
    return { port: null, why: null };
  }
  const [only, ...more] = running;
  if (!only) return { port: null, why: null };
  const unheard = `Calls ${WAITING_FOR_HANDLER} are printed once stored, not while they wait`;
  if (more.length > 0) {
    const named = running.map((serve) => serveNamed(serveSeen(serve))).join(', ');
    return {
      port: null,
      why: `${unheard}: ${running.length} companions run on this data folder (${named}), and waits are heard only while one runs alone.`,
    };
  }
  if (only.inspectorPort !== null) return { port: only.inspectorPort };
  const named = serveNamed(serveSeen(only));
  return {
    port: null,
    why:
      only.mode === 'desktop'
        ? `${unheard}: ${named} shows them in its window.`
        : `${unheard}: ${named} runs without its inspector (--no-inspector), through which they are heard.`,
  };
}

/** Tells the waits of the serve whose inspector listens on `port` until its stream ends (it stopped, or the token was replaced) or `signal` aborts. */
async function hearServe(dataDir: string, port: number, follower: WaitsFollower, signal: AbortSignal): Promise<void> {
  const token = readInspectorToken(dataDir);
  if (token === null) return;
  const client = new ServeInspectorClient(port, token);
  const settings = (await client.call('getAnswerSettings', [], signal)) as { forwardTimeoutMs?: unknown } | null;
  const limitMs = settings?.forwardTimeoutMs;
  if (typeof limitMs !== 'number') return;
  const events = await client.openEvents(signal);
  if (events === null) return;
  /** The waits told and not yet ended: one listed as waiting may come by the stream too. */
  const told = new Set<number>();
  /** Waits ended while the list of those already waiting is read, which may still hold them. */
  let endedWhileListing: Set<number> | null = new Set();
  const tell = (call: WaitingCall) => {
    if (told.has(call.key) || endedWhileListing?.has(call.key)) return;
    told.add(call.key);
    follower.waiting(call, limitMs);
  };
  // Read once the stream is open: a wait that starts meanwhile is in the list, the stream, or both.
  const listing = client.call('listWaitingCalls', [], signal).then((listed) => {
    if (Array.isArray(listed)) listed.filter(isWaitingCall).forEach(tell);
    endedWhileListing = null;
  });
  for await (const batch of events) {
    for (const event of batch) {
      if (event.type === 'call-waiting' && isWaitingCall(event.call)) tell(event.call);
      if (event.type === 'call-wait-ended') {
        told.delete(event.key);
        endedWhileListing?.add(event.key);
      }
    }
  }
  await listing;
}

/** What another process sent is checked before it is printed: a waiting call's fields, each of its type. */
function isWaitingCall(value: unknown): value is WaitingCall {
  const call = value as Partial<WaitingCall> | null;
  return (
    typeof call === 'object' &&
    call !== null &&
    typeof call.key === 'number' &&
    typeof call.action === 'string' &&
    typeof call.receivedAt === 'number' &&
    typeof call.target === 'string'
  );
}
