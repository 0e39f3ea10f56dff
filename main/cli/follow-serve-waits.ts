import type { WaitingCall } from '../contract/api';
import { readInspectorToken } from '../transports/inspector/inspector-token';
import { ServeInspectorClient } from './serve-inspector-client';

/**
 * Tells `tell` of each call that waits for the developer's handler in the serve whose inspector
 * listens on `port`, and of those already waiting when it is reached, until its stream ends (it
 * stopped, or the token was replaced) or `signal` aborts. The waits live in the serve's memory
 * until the call is stored, so they are heard from its event stream, as its inspector page hears them.
 */
export async function hearServeWaits(dataDir: string, port: number, tell: (call: WaitingCall) => void, signal: AbortSignal): Promise<void> {
  const token = readInspectorToken(dataDir);
  if (token === null) return;
  const client = new ServeInspectorClient(port, token);
  const events = await client.openEvents(signal);
  if (events === null) return;
  /** The waits told and not yet ended: one listed as waiting may come by the stream too. */
  const told = new Set<number>();
  /** Waits ended while the list of those already waiting is read, which may still hold them. */
  let endedWhileListing: Set<number> | null = new Set();
  const tellOnce = (call: WaitingCall) => {
    if (told.has(call.key) || endedWhileListing?.has(call.key)) return;
    told.add(call.key);
    tell(call);
  };
  // Read once the stream is open: a wait that starts meanwhile is in the list, the stream, or both.
  const listing = client.call('listWaitingCalls', [], signal).then((listed) => {
    if (Array.isArray(listed)) listed.filter(isWaitingCall).forEach(tellOnce);
    endedWhileListing = null;
  });
  for await (const batch of events) {
    for (const event of batch) {
      if (event.type === 'call-waiting' && isWaitingCall(event.call)) tellOnce(event.call);
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
