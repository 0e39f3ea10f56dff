import {
  appliedStepWords,
  applyStopped,
  hasNoUrl,
  isLeftAlone,
  leftOnFlowentWords,
  nothingAppliedWords,
  nothingPulledWords,
  noUrlForProfileWords,
  pulledAwayWords,
  pulledKeptWords,
  pulledFileWords,
  pulledWithoutPasswordWords,
} from '../contract/words';
import type { Runtime } from './actions-output';
import { inCliWords } from './cli-words';
import { EXIT, exitCodeOf } from './exit-codes';
import { CLI_PLAN_STEPS, planJson, planLines } from './plan-output';

/**
 * `actions plan|apply|pull` over the project folder. `profileGiven`: --profile chose the profile,
 * so apply's steps name it, as every change the command line prints with --profile does. `force`:
 * pull writes over files changed since the last apply or pull.
 */
export function projectSubcommand(
  sub: 'plan' | 'apply' | 'pull',
  { prune, force, profileGiven }: { prune: boolean; force: boolean; profileGiven: boolean },
): (runtime: Runtime) => Promise<number> {
  return async ({ api, out, err, json }) => {
    const fail = (message: string, code: number = EXIT.failed) => {
      err(`flowent-companion actions ${sub}: ${message}`);
      return code;
    };
    if (sub === 'plan') {
      const planned = await api.planActions(prune);
      if (!planned.ok) return fail(inCliWords(planned), exitCodeOf(planned));
      // As apply says it, but before anything is sent.
      if (planned.value.hereNote) err(`Note: ${planned.value.hereNote}`);
      if (json) out(JSON.stringify(planJson(planned.value)));
      else planLines(planned.value).forEach(out);
      return planned.value.pending ? EXIT.pending : EXIT.done;
    }
    if (sub === 'apply') {
      const applied = await api.applyActions(prune);
      if (!applied.ok) return fail(inCliWords(applied), exitCodeOf(applied));
      const { done, refused, warnings, notes, plan } = applied.value;
      // As "actions link --here" says it.
      notes.forEach((note) => err(`Note: ${note}`));
      warnings.forEach((warning) => err(`Warning: ${warning}`));
      if (json) out(JSON.stringify({ ...applied.value, plan: planJson(plan) }));
      else {
        const where = { profile: plan.profile, implied: profileGiven ? null : plan.profile };
        for (const step of done) out(`${appliedStepWords(step, where)}.`);
        if (done.length === 0 && !refused) out(`${nothingAppliedWords(plan)}.`);
        plan.actions.filter(hasNoUrl).forEach((action) => err(noUrlForProfileWords(action.file ?? action.name, plan.profile)));
        const left = plan.actions.filter(isLeftAlone).map((action) => action.name);
        if (left.length > 0) err(leftOnFlowentWords(left, CLI_PLAN_STEPS));
      }
      if (refused) return fail(`${applyStopped(refused)}: ${inCliWords(refused.failure)}`);
      return 0;
    }
    const pulled = await api.pullActions(prune, force);
    if (!pulled.ok) return fail(inCliWords(pulled), exitCodeOf(pulled));
    if (json) out(JSON.stringify(pulled.value));
    else {
      const { perProfile, overwritten } = pulled.value;
      pulled.value.written.forEach((file) =>
        out(pulledFileWords(file, { perProfile: perProfile.includes(file), overwritten: overwritten.includes(file) })),
      );
      pulled.value.removed.forEach((file) => out(pulledAwayWords(file)));
      pulled.value.keptChanged.forEach((file) => out(pulledKeptWords(file, CLI_PLAN_STEPS)));
      pulled.value.credentialsLeftOut.forEach((file) => err(`  ${pulledWithoutPasswordWords(file, CLI_PLAN_STEPS)}`));
      if (pulled.value.written.length + pulled.value.removed.length + pulled.value.keptChanged.length === 0)
        out(nothingPulledWords(CLI_PLAN_STEPS));
    }
    return 0;
  };
}
