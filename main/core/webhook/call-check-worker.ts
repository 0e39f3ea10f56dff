import { parentPort } from 'node:worker_threads';
import { checkCall, type CallCheckInput } from './call-check';

/** A job from the call checker: an id to answer with, and what to check. */
export interface CheckJob extends CallCheckInput {
  id: number;
}

// The call checker's thread: checks big bodies off the event loop that answers calls. It
// imports nothing but the pure check, so it runs the same from the sources and the bundle.
parentPort?.on('message', (job: CheckJob) => {
  let reply: { id: number; check?: unknown; error?: string };
  try {
    reply = { id: job.id, check: checkCall(job).check };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
