import { currentBridge } from '../page/bridge-holder';
import { holdUnloadForUnsavedWork } from '../page/leave-guard';
import { onReset } from '../page/stores';
import { dismissToast, showToast } from '../page/ui-actions';
import { useReplayStore, type ReplayDraft } from './replay-store';
import { draftKeptWords } from '../../../main/contract/words';

/** By call id: the toast saying its edits are kept, while it may be up. */
const keptNotices = new Map<number, number>();
/**
 * By call id: the release of its draft's hold on the page's unload. The editor's own hold goes
 * when another call is chosen and the editor unmounts; the edits it leaves here would still be
 * lost to a reload.
 */
const unloadHolds = new Map<number, () => void>();
onReset(() => {
  keptNotices.clear();
  for (const release of unloadHolds.values()) release();
  unloadHolds.clear();
});

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
  if (!unloadHolds.has(callId)) unloadHolds.set(callId, holdUnloadForUnsavedWork());
  useReplayStore.setState((s) => ({ drafts: { ...s.drafts, [callId]: draft } }));
}

/** Said as the selection leaves a call with kept edits, so the person knows they did not just vanish. */
export function sayDraftKept(callId: number): void {
  dismissDraftKept(callId);
  keptNotices.set(callId, showToast(draftKeptWords(callId), 4000));
}

/** The call is chosen again (or its edits discarded): the toast asks for a step already done. */
export function dismissDraftKept(callId: number): void {
  const id = keptNotices.get(callId);
  if (id === undefined) return;
  keptNotices.delete(callId);
  dismissToast(id);
}

export function dropDraft(callId: number): void {
  dismissDraftKept(callId);
  unloadHolds.get(callId)?.();
  unloadHolds.delete(callId);
  if (!keptDraft(callId)) return;
  useReplayStore.setState((s) => {
    const { [callId]: _dropped, ...rest } = s.drafts;
    return { drafts: rest };
  });
}

/** The history was cleared: kept edits can never be sent, so they no longer hold the page's unload or ask on reload. */
export function dropEveryDraft(): void {
  for (const id of draftIds()) dropDraft(id);
}

/**
 * The history's limits deleted calls, each with an id up to `upToId`: the kept edits of those
 * deleted are dropped, as above. Not every call up to it went (the limits take the calls
 * received longest ago, and an imported one may be older than calls stored before it), so each
 * is looked up; one that cannot be read now keeps its edits.
 */
export async function dropDraftsOfPrunedCalls(upToId: number): Promise<void> {
  const bridge = currentBridge();
  if (!bridge) return;
  for (const id of draftIds()) {
    if (id > upToId) continue;
    const call = await bridge.getCall(id).catch(() => undefined);
    if (call === null) dropDraft(id);
  }
}

function draftIds(): Set<number> {
  return new Set([...Object.keys(useReplayStore.getState().drafts).map(Number), ...unloadHolds.keys()]);
}
