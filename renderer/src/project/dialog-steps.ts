import type { PlanStepsVocabulary } from '../../../main/contract/words';

/**
 * The project's steps as the Project dialog names them: its buttons' labels (Apply deletes with
 * the prune box ticked). The plan's sentences name these, so a button renamed here is renamed in
 * every sentence that tells the user which one to press.
 */
export const DIALOG_STEPS: PlanStepsVocabulary = { plan: 'Plan', apply: (prune) => (prune ? 'Apply with prune' : 'Apply'), pull: 'Pull' };
