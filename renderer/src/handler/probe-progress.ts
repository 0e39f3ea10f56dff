import { create } from 'zustand';
import type { HandlerEvent } from '../../../main/contract/api';
import { onReset } from '../page/stores';

/** The request a probe of the handler is sending, as its last `probe-progress` event told. */
export interface ProbeStep {
  /** 1-based: the request being sent now. */
  sending: number;
  total: number;
  /** The styles it is signed in; none for the wrong signature, sent last. */
  styles: string[];
}

interface ProbeProgressState {
  /** By the probed call's id. */
  steps: Record<number, ProbeStep>;
}

export const useProbeProgress = create<ProbeProgressState>()(() => ({ steps: {} }));

onReset(() => useProbeProgress.setState({ steps: {} }, true));

export function applyProbeProgress({ callId, sending, total, styles }: HandlerEvent): void {
  useProbeProgress.setState((s) => ({ steps: { ...s.steps, [callId]: { sending, total, styles } } }));
}

/** Forgets a call's probe steps: before a probe starts, and once it ended. */
export function clearProbeProgress(callId: number): void {
  useProbeProgress.setState((s) => {
    if (!(callId in s.steps)) return s;
    const steps = { ...s.steps };
    delete steps[callId];
    return { steps };
  });
}

/** The request in words, as the command line's `probing 3 of 9: go, go-struct`. */
export function probeStepInWords({ sending, total, styles }: ProbeStep): string {
  return `Sending ${sending} of ${total}: ${styles.length === 0 ? 'the wrong signature' : styles.join(', ')}`;
}
