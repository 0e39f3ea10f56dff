import { describe, expect, it } from 'vitest';
import type { ActionPlan, PlannedAction } from '../../../main/contract/api';
import { planHeadingWords, plannedChangeWords, planSummaryWords } from '../../../main/contract/words';
import { CLI_PLAN_STEPS } from '../../../main/cli/plan-output';
import { DIALOG_STEPS } from '../../../renderer/src/project/dialog-steps';

const action = (name: string, state: PlannedAction['state'], change: PlannedAction['change'], fields = 0): PlannedAction => ({
  name,
  state,
  change,
  fields: Array.from({ length: fields }, () => ({ field: 'description' as const, flowent: 'a', file: 'b', diff: ['-a', '+b'] })),
  file: `actions/${name}.yaml`,
  webhookUrl: null,
  here: false,
  keepsRegisteredPassword: false,
});

const plan = (actions: PlannedAction[], pending: boolean): ActionPlan => ({
  profile: 'default',
  gateway: 'https://ops:hunter2@gateway.example',
  prune: false,
  actions,
  hereNote: null,
  pending,
});

describe('a plan of the project actions, as the command line prints it and the Project dialog shows it', () => {
  it('says what apply changes and which step does it, then what does something about the actions only on Flowent, each front end naming its own steps', () => {
    const mixed = plan([action('send_email', 'only-here', 'create'), action('old', 'only-there', 'none')], true);
    expect(planSummaryWords(mixed, CLI_PLAN_STEPS)).toEqual([
      '1 to create, 0 to update, 0 to delete. "flowent-companion actions apply" does it.',
      'Only on Flowent, left alone: old ("flowent-companion actions pull" writes its file; "flowent-companion actions apply --prune" deletes it from Flowent).',
    ]);
    expect(planSummaryWords(mixed, DIALOG_STEPS)).toEqual([
      '1 to create, 0 to update, 0 to delete. Apply does it.',
      'Only on Flowent, left alone: old (Pull writes its file; Apply with prune deletes it from Flowent).',
    ]);
  });

  it('tells nothing to do from nothing to apply', () => {
    expect(planSummaryWords(plan([action('a', 'in-sync', 'none')], false), DIALOG_STEPS)).toEqual([
      'Nothing to do: Flowent matches the files.',
    ]);
    expect(planSummaryWords(plan([action('a', 'no-url-for-profile', 'none')], false), DIALOG_STEPS)).toEqual([
      'Nothing to apply: the files ask Flowent for no change.',
    ]);
  });

  it('names an update of nothing but the link as a link, and leaves the Gateway password out of the heading', () => {
    expect(plannedChangeWords(action('a', 'differs', 'update'))).toBe('link to this companion');
    expect(plannedChangeWords(action('a', 'differs', 'update', 1))).toBe('update');
    expect(planHeadingWords(plan([], false))).toBe('Plan for profile default (https://ops:***@gateway.example)');
  });
});
