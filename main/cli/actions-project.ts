import { REDACTED_CREDENTIAL } from '../contract/api';
import { appliedStepWords, applyStopped, nothingAppliedWords, noUrlForProfileWords } from '../contract/words';
import type { Runtime } from './actions-output';
import { inCliWords } from './cli-words';
import { EXIT, exitCodeOf } from './exit-codes';
import { hasNoUrl, isLeftAlone, leftAloneAdvice, planJson, planLines } from './plan-output';

/**
 * `actions plan|apply|pull` over the project folder. `profileGiven`: --profile chose the profile,
 * so apply's steps name it, as every change the command line prints with --profile does.
 */
export function projectSubcommand(
  sub: 'plan' | 'apply' | 'pull',
  prune: boolean,
  profileGiven: boolean,
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
        const left = plan.actions.filter(isLeftAlone);
        if (left.length > 0)
          err(`Left on Flowent without a file: ${left.map((action) => action.name).join(', ')} (${leftAloneAdvice(left.length)}).`);
      }
      if (refused) return fail(`${applyStopped(refused)}: ${inCliWords(refused.failure)}`);
      return 0;
    }
    const pulled = await api.pullActions(prune);
    if (!pulled.ok) return fail(inCliWords(pulled), exitCodeOf(pulled));
    if (json) out(JSON.stringify(pulled.value));
    else {
      const { perProfile } = pulled.value;
      pulled.value.written.forEach((file) =>
        out(
          perProfile.includes(file)
            ? `Wrote ${file}: its webhook_url is now one per profile (Flowent has another URL for this profile; the others keep the file's).`
            : `Wrote ${file}.`,
        ),
      );
      pulled.value.removed.forEach((file) => out(`Removed ${file}.`));
      pulled.value.credentialsLeftOut.forEach((file) => err(credentialsLeftOut(file)));
      if (pulled.value.written.length + pulled.value.removed.length === 0)
        out('Nothing to write: every action Flowent has matches its file ("actions plan" shows what only the files have).');
    }
    return 0;
  };
}

/** The note under `actions pull` for a file whose webhook_url Flowent holds with credentials, in the words of `mocks export`'s. */
function credentialsLeftOut(file: string): string {
  return (
    `  ${file}: the password in its webhook_url is written as ${REDACTED_CREDENTIAL} (action files are meant for git; ` +
    'Flowent keeps the URL with it, and "actions apply" leaves it as it is while the file says the same URL but for the password).'
  );
}
