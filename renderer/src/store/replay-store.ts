import { create } from 'zustand';
import type { BulkReplayCounts, BulkReplaySummary, LearnedStyleInfo, SimulatorAction } from '../../../main/contract/api';
import { onReset } from './stores';

/** The bulk replay the UI started and follows through `replay-progress` / `replay-finished` events. */
export interface BulkRun {
  runId: string;
  counts: BulkReplayCounts;
  cancelling: boolean;
  /** Set when the run ended (finished or cancelled). */
  summary: BulkReplaySummary | null;
}

export interface ReplayState {
  bulk: BulkRun | null;
  learned: LearnedStyleInfo | null;
  /** Null until the simulator first loads them. */
  simulatorActions: SimulatorAction[] | null;
}

const initial = (): ReplayState => ({ bulk: null, learned: null, simulatorActions: null });

export const useReplayStore = create<ReplayState>()(initial);

onReset(() => useReplayStore.setState(initial(), true));
