import { create } from 'zustand';
import { onReset } from '../page/stores';

export interface AnswersState {
  /** The action the Answers dialog opens on next (null: the selected call's, as the `a` key does). */
  openOn: string | null;
  /** Why the answer settings could not be read, for the dialog waiting for them (null: they could, or were not asked). */
  loadFailure: string | null;
}

export const useAnswersStore = create<AnswersState>()(() => ({ openOn: null, loadFailure: null }));

onReset(() => useAnswersStore.setState({ openOn: null, loadFailure: null }, true));
