import { companionCommand, dataDirForCommands, type PlanStepsVocabulary } from '../../../main/contract/words';
import { useMetaStore } from '../page/stores';

/**
 * The project's steps as the Project dialog names them: its buttons' labels (Apply deletes with
 * the prune box ticked). The plan's sentences name these, so a button renamed here is renamed in
 * every sentence that tells the user which one to press. Pull never writes over a changed file
 * from the page: that is the command line's, named with the data folder the page shows.
 */
export const DIALOG_STEPS: PlanStepsVocabulary = {
  plan: 'Plan',
  apply: (prune) => (prune ? 'Apply with prune' : 'Apply'),
  pull: 'Pull',
  get pullOver() {
    return `"${companionCommand('actions pull --force', dataDirForCommands(useMetaStore.getState().status))}" run in the project`;
  },
};
