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

/**
 * Runs `work` with `onFirst` called on the first Ctrl-C, for commands whose calls in flight are
 * worth finishing: the handler has the call already, so its answer is awaited and stored. A
 * second Ctrl-C ends the process at once, as Ctrl-C does by default.
 */
export async function finishingOnCtrlC<T>(onFirst: () => void, work: () => Promise<T>): Promise<{ value: T; interrupted: boolean }> {
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    onFirst();
  };
  process.once('SIGINT', onSignal);
  try {
    return { value: await work(), interrupted };
  } finally {
    process.off('SIGINT', onSignal);
  }
}
