import { create } from 'zustand';
import { onReset } from '../page/stores';

export interface AnswersState {
  /** The action the Answers dialog opens on next (null: the selected call's, as the `a` key does). */
  openOn: string | null;
}

export const useAnswersStore = create<AnswersState>()(() => ({ openOn: null }));

onReset(() => useAnswersStore.setState({ openOn: null }, true));
