import { actionStateWords, redactUrlCredentials, type ActionPlan, type PlannedAction } from '../contract/api';
import { noUrlForProfileWords } from '../contract/words';

const MARKS: Record<PlannedAction['change'], string> = { create: '+', update: '~', delete: '-', none: ' ' };

/** The plan as the terminal shows it: one line per action, then the diff of each changed field. */
export function planLines(plan: ActionPlan): string[] {
  const lines = [`Plan for profile ${plan.profile} (${redactUrlCredentials(plan.gateway)}):`];
  for (const action of plan.actions) {
    const mark = isLeftAlone(action) || hasNoUrl(action) ? '!' : MARKS[action.change];
    lines.push(`  ${mark} ${action.name}  ${changeWords(action)} (${actionStateWords(action)})`);
    if (action.keepsRegisteredPassword) lines.push(`      ${keptPasswordWords(action)}`);
    if (hasNoUrl(action)) lines.push(`      ${noUrlForProfileWords(action.file ?? action.name, plan.profile)}`);
    if (isLeftAlone(action)) continue;
    if (action.change === 'delete') continue;
    for (const field of action.fields) {
      lines.push(`      ${field.field}:`);
      for (const line of field.diff) lines.push(`        ${line}`);
    }
  }
  if (plan.actions.length === 0) lines.push('  (no actions in the files or on Flowent)');
  const count = (change: PlannedAction['change']) => plan.actions.filter((action) => action.change === change).length;
  // The apply that does this plan: without --prune, apply deletes nothing.
  const apply = plan.prune ? 'flowent-companion actions apply --prune' : 'flowent-companion actions apply';
  const left = plan.actions.filter(isLeftAlone).map((action) => action.name);
  if (plan.pending)
    lines.push(`${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete. "${apply}" does it.`);
  else if (left.length === 0 && !plan.actions.some(hasNoUrl)) lines.push('Nothing to do: Flowent matches the files.');
  else lines.push('Nothing to apply: the files ask Flowent for no change.');
  // Apply leaves these alone: what does something about them is pull, or apply --prune.
  if (left.length > 0) lines.push(`Only on Flowent, left alone: ${left.join(', ')} (${leftAloneAdvice(left.length)}).`);
  return lines;
}

function changeWords(action: PlannedAction): string {
  switch (action.change) {
    case 'create':
      return 'create';
    case 'update':
      return action.fields.length === 0 ? 'link to this companion' : 'update';
    case 'delete':
      return 'delete';
    case 'none':
      return action.state === 'in-sync' ? 'no change' : 'left alone';
  }
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

/** Why an action whose file writes its URL's password as *** keeps Flowent's URL. */
export function keptPasswordWords(action: PlannedAction): string {
  return `${action.file ?? action.name}: its webhook_url has the password left out (***), so Flowent keeps the registered URL with its password.`;
}

/** What does something about `count` actions only on Flowent, which apply without --prune leaves alone. */
export function leftAloneAdvice(count: number): string {
  const one = count === 1;
  return (
    `"flowent-companion actions pull" writes ${one ? 'its file' : 'their files'}; ` +
    `"flowent-companion actions apply --prune" deletes ${one ? 'it' : 'them'} from Flowent`
  );
}

/** An action whose file gives no URL for the plan's profile: apply does nothing to it for that profile. */
export function hasNoUrl(action: PlannedAction): boolean {
  return action.state === 'no-url-for-profile';
}

/** An action only on Flowent that apply, without --prune, does nothing to. */
export function isLeftAlone(action: PlannedAction): boolean {
  return action.state === 'only-there' && action.change === 'none';
}
