/** One thing to stop when the app quits, e.g. the tunnel, or the core (server, then database). */
export interface ShutdownStep {
  name: string;
  run(): void | Promise<void>;
}

export interface ShutdownOptions {
  /** Read when the shutdown starts, so steps added later (a tunnel) are included. In order. */
  steps(): ShutdownStep[];
  exit(code: number): void;
  /** Each step gets this long before the next one starts anyway; default 5 s. */
  stepTimeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The quit sequence: every step in order, each bounded by a timeout so a hung step cannot
 * keep the app alive, then `exit`. A second call while shutting down does nothing. A failing
 * step is logged and the next one still runs: the database must be closed even when the
 * tunnel fails to close.
 */
export function createShutdown(options: ShutdownOptions): (exitCode: number) => Promise<void> {
  const timeoutMs = options.stepTimeoutMs ?? 5_000;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  let started = false;
  return async (exitCode) => {
    if (started) return;
    started = true;
    for (const step of options.steps()) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((done) => {
        timer = setTimeout(() => done('timeout'), timeoutMs);
      });
      try {
        const outcome = await Promise.race([Promise.resolve().then(() => step.run()), timeout]);
        if (outcome === 'timeout') log(`Stopping ${step.name} took over ${timeoutMs} ms; going on.`);
      } catch (error) {
        log(`Stopping ${step.name} failed:`, error);
      } finally {
        clearTimeout(timer);
      }
    }
    options.exit(exitCode);
  };
}
