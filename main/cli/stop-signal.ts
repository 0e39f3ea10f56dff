/**
 * Resolves on the first Ctrl-C or SIGTERM, or when the reader of the output has gone (a closed
 * pipe: `serve | head`); a second signal quits at once. The listeners stay registered: with
 * none left, a re-raised signal would kill the process mid-shutdown.
 */
export function waitForStopSignal(outputClosed: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (outputClosed?.aborted) resolve();
    outputClosed?.addEventListener('abort', () => resolve(), { once: true });
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(130);
      stopping = true;
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The signals that stop a command that finishes its calls in flight first: Ctrl-C, and SIGTERM, as `serve` takes both. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/**
 * Runs `work` with `onFirst` called on the first Ctrl-C or SIGTERM, for commands whose calls in
 * flight are worth finishing: the handler has the call already, so its answer is awaited and
 * stored. A process manager's SIGTERM asks for the same clean stop as Ctrl-C (`serve` takes both
 * alike); ended at once, the call would be lost with its answer. Both listeners go on the first
 * signal, so a second one of either kind ends the process at once, as it does by default.
 */
export async function finishingOnStopSignal<T>(
  onFirst: () => void,
  work: () => Promise<T>,
): Promise<{ value: T; stoppedBy: StopSignal | null }> {
  let stoppedBy: StopSignal | null = null;
  const onSignal = (signal: StopSignal) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stoppedBy = signal;
    onFirst();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return { value: await work(), stoppedBy };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
