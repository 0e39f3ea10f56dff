import { useReplayStore, type ReplayDraft } from './replay-store';

/**
 * Choosing another call is moving around, not closing the editor: its unsent edits are kept
 * here by call id and given back when the call is chosen again. Only closing the editor (Esc
 * twice, its close button) discards them.
 */
export function keptDraft(callId: number): ReplayDraft | undefined {
  return useReplayStore.getState().drafts[callId];
}

export function keepDraft(callId: number, draft: ReplayDraft): void {
  const kept = keptDraft(callId);
  if (kept?.text === draft.text && kept.replayedText === draft.replayedText) return;
  useReplayStore.setState((s) => ({ drafts: { ...s.drafts, [callId]: draft } }));
}

export function dropDraft(callId: number): void {
  if (!keptDraft(callId)) return;
  useReplayStore.setState((s) => {
    const { [callId]: _dropped, ...rest } = s.drafts;
    return { drafts: rest };
  });
}
