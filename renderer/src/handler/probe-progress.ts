import { create } from 'zustand';
import type { ProbeStepOf } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { onReset } from '../page/stores';
import { reportError } from '../page/ui-actions';
import { PAGE_FAILURE_WORDS } from '../../../main/contract/words';

/** The request a probe of the handler is sending, as its last `probe-progress` event told. */
export interface ProbeStep {
  /** 1-based: the request being sent now. */
  sending: number;
  total: number;
  /** The styles it is signed in; none for the wrong signature, sent last. */
  styles: string[];
}

interface ProbeProgressState {
  /**
   * The probes going on, by the probed call's id, whoever started them (this page, another
   * page, the command line against the same serve): what the core's events and listProbes told.
   */
  steps: Record<number, ProbeStep>;
  /** Probes this page asked to stop, by the probed call's id, until they end. */
  stopping: Record<number, true>;
}

export const useProbeProgress = create<ProbeProgressState>()(() => ({ steps: {}, stopping: {} }));

onReset(() => useProbeProgress.setState({ steps: {}, stopping: {} }, true));

/** Probed calls an event was told about since each listProbes read was asked for: the read is older for them. */
const toldSince = new Set<Set<number>>();

function told(callId: number): void {
  for (const ids of toldSince) ids.add(callId);
}

export function applyProbeProgress({ callId, sending, total, styles }: ProbeStepOf): void {
  told(callId);
  useProbeProgress.setState((s) => ({ steps: { ...s.steps, [callId]: { sending, total, styles } } }));
}

/** No probe of the call goes on any more (the core's `probe-finished`). */
export function applyProbeFinished(callId: number): void {
  told(callId);
  clearProbeProgress(callId);
}

/** Forgets a call's probe steps, and that it was asked to stop: once its probe ended. */
export function clearProbeProgress(callId: number): void {
  useProbeProgress.setState((s) => {
    if (!(callId in s.steps) && !(callId in s.stopping)) return s;
    const { [callId]: _step, ...steps } = s.steps;
    const { [callId]: _stopping, ...stopping } = s.stopping;
    return { steps, stopping };
  });
}

/** This page asked the probes of the call to stop: what it shows until they end. */
export function markProbeStopping(callId: number): void {
  useProbeProgress.setState((s) => ({ stopping: { ...s.stopping, [callId]: true } }));
}

/**
 * Reads the probes going on in the core: on opening, after a reconnection or a resync (events
 * of probes were missed, their end too). A call whose probe events arrived meanwhile keeps what
 * they told: they are newer than the read.
 */
export async function loadProbes(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  const since = new Set<number>();
  toldSince.add(since);
  try {
    const running = await b.listProbes();
    useProbeProgress.setState((s) => {
      const steps: Record<number, ProbeStep> = {};
      for (const id of since) if (id in s.steps) steps[id] = s.steps[id]!;
      for (const { callId, sending, total, styles } of running) if (!since.has(callId)) steps[callId] = { sending, total, styles };
      const stopping = Object.fromEntries(
        Object.keys(s.stopping)
          .filter((id) => id in steps)
          .map((id) => [id, true as const]),
      );
      return { steps, stopping };
    });
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.readProbes, error);
  } finally {
    toldSince.delete(since);
  }
}

/** The request in words, as the command line's `probing 3 of 9: go, go-struct`. */
export function probeStepInWords({ sending, total, styles }: ProbeStep): string {
  return `Sending ${sending} of ${total}: ${styles.length === 0 ? 'the wrong signature' : styles.join(', ')}`;
}
