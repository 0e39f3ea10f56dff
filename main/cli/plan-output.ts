import { actionStateWords, redactUrlCredentials, type ActionPlan, type PlannedAction } from '../contract/api';
import {
  flowentEditWords,
  hasNoUrl,
  isLeftAlone,
  keptPasswordWords,
  noUrlForProfileWords,
  planHeadingWords,
  plannedChangeWords,
  planSummaryWords,
  type PlanStepsVocabulary,
} from '../contract/words';

const MARKS: Record<PlannedAction['change'], string> = { create: '+', update: '~', delete: '-', none: ' ' };

/** The project's steps as the command line names them: its commands. */
export const CLI_PLAN_STEPS: PlanStepsVocabulary = {
  plan: '"flowent-companion actions plan"',
  apply: (prune) => (prune ? '"flowent-companion actions apply --prune"' : '"flowent-companion actions apply"'),
  pull: '"flowent-companion actions pull"',
  pullOver: '"flowent-companion actions pull --force"',
};

/** The plan as the terminal shows it: one line per action, then the diff of each changed field. */
export function planLines(plan: ActionPlan): string[] {
  const lines = [`${planHeadingWords(plan)}:`];
  for (const action of plan.actions) {
    const mark = isLeftAlone(action) || hasNoUrl(action) ? '!' : MARKS[action.change];
    lines.push(`  ${mark} ${action.name}  ${plannedChangeWords(action)} (${actionStateWords(action)})`);
    if (action.keepsRegisteredPassword) lines.push(`      ${keptPasswordWords(action)}`);
    if (hasNoUrl(action)) lines.push(`      ${noUrlForProfileWords(action.file ?? action.name, plan.profile)}`);
    const flowentEdit = flowentEditWords(action, CLI_PLAN_STEPS);
    if (flowentEdit !== null) lines.push(`      ${flowentEdit}`);
    if (isLeftAlone(action)) continue;
    if (action.change === 'delete') continue;
    for (const field of action.fields) {
      lines.push(`      ${field.field}:`);
      for (const line of field.diff) lines.push(`        ${line}`);
    }
  }
  if (plan.actions.length === 0) lines.push('  (no actions in the files or on Flowent)');
  return [...lines, ...planSummaryWords(plan, CLI_PLAN_STEPS)];
}

/** The plan as `--json` prints it: every URL without its password (the plan itself carries the registered one, to send it). */
export function planJson(plan: ActionPlan): ActionPlan {
  return {
    ...plan,
    gateway: redactUrlCredentials(plan.gateway),
    actions: plan.actions.map((action) => ({
      ...action,
      webhookUrl: action.webhookUrl === null ? null : redactUrlCredentials(action.webhookUrl),
    })),
  };
}
