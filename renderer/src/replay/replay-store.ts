import { create } from 'zustand';
import type {
  BulkReplayCounts,
  BulkReplaySummary,
  HarExportStage,
  HarImportStage,
  LearnedStyleInfo,
  SimulatorAction,
} from '../../../main/contract/api';
import { onReset } from '../page/stores';

/** The bulk replay the UI started and follows through `replay-progress` / `replay-finished` events. */
export interface BulkRun {
  runId: string;
  counts: BulkReplayCounts;
  cancelling: boolean;
  /** Set when the run ended (finished or cancelled). */
  summary: BulkReplaySummary | null;
  /**
   * The run is over but its end never reached this window (the core no longer runs it): the
   * summary holds the counts last seen, and a late `replay-finished` still replaces it.
   */
  endMissed: boolean;
}

/** Replay's dialogs; kept here (not in the UI store's `panel`) so this feature's state stays in its own files. */
export type ReplayDialog = 'bulk' | 'simulator';

/** Parameters edited in a call's replay editor and not yet sent, kept while another call is shown. */
export interface ReplayDraft {
  text: string;
  /** The text last replayed from this editor (the original when none was). */
  replayedText: string;
}

export interface ReplayState {
  dialog: ReplayDialog | null;
  bulk: BulkRun | null;
  learned: LearnedStyleInfo | null;
  /** Null until the simulator first loads them. */
  simulatorActions: SimulatorAction[] | null;
  /**
   * A HAR import this window started, and its stage: told by the transport while the file is
   * uploaded, then by the core's events. `choosing` while the desktop app's open dialog is up.
   */
  harImport: HarImportStage | { stage: 'choosing' } | null;
  /** How far the core has written the HAR export this window runs; null until it first says. */
  harExport: HarExportStage | null;
  /**
   * The HAR export or import this window runs, one at a time however it was started (the
   * buttons, the `e` key): the buttons say so meanwhile (har-work.ts).
   */
  harWork: 'export' | 'import' | null;
  /** By call id: unsent edits of the call's parameters (replay-drafts.ts). */
  drafts: Record<number, ReplayDraft>;
}

const initial = (): ReplayState => ({
  dialog: null,
  bulk: null,
  learned: null,
  simulatorActions: null,
  harImport: null,
  harExport: null,
  harWork: null,
  drafts: {},
});

export const useReplayStore = create<ReplayState>()(initial);

onReset(() => useReplayStore.setState(initial(), true));
