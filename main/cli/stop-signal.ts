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
