import type {
  ActionCreate,
  ActionInputCheck,
  ActionUpdate,
  FlowentAction,
  ParameterCheck,
  RegisteredHere,
} from '../../../main/contract/account';
import { currentBridge } from '../page/bridge-holder';
import { useAccountStore } from './account-store';
import { runResult } from '../page/run-result';
import { errorMessage, showToast } from '../page/ui-actions';
import { inPageWords } from '../page/page-words';
import {
  type ActionChange,
  deletedWords,
  failedWith,
  linkedWords,
  NOT_CONNECTED,
  PAGE_FAILURE_WORDS,
  registeredWords,
  registerHereFailedWords,
  unlinkedWords,
  updatedWords,
} from '../../../main/contract/words';
import { DEFAULT_PROFILE } from '../../../main/contract/profile-rules';

/** Lists Flowent's actions for the active profile; a refusal is kept to show in place of the list. */
export async function loadActions(): Promise<void> {
  useAccountStore.setState({ actionsLoading: true });
  const message = await runResult(
    PAGE_FAILURE_WORDS.listActions,
    (b) => b.listActions(),
    ({ value, warnings }) => {
      useAccountStore.setState({ actions: value, actionsWarnings: warnings, actionsError: null });
    },
  );
  useAccountStore.setState(message ? { actionsLoading: false, actionsError: message } : { actionsLoading: false });
}

function putAction(action: FlowentAction): void {
  useAccountStore.setState((s) => {
    const rest = (s.actions ?? []).filter((a) => a.name !== action.name);
    return { actions: [...rest, action].sort((a, b) => a.name.localeCompare(b.name)) };
  });
}

/**
 * `action`, changed in `profile`, said as the command line says it: the active profile goes
 * without saying. The page registers, updates, deletes and links in the active profile; only an
 * unlink may be of another's link (a gone one's).
 */
export function changeOf(action: string, profile?: string): ActionChange {
  const active = useAccountStore.getState().account?.activeProfile ?? DEFAULT_PROFILE;
  return { action, profile: profile ?? active, implied: active };
}

function warnOf(warnings: string[]): void {
  for (const w of warnings) showToast(w, 6000);
}

export function registerAction(input: ActionCreate): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.registerAction,
    (b) => b.registerAction(input),
    ({ value, warnings }) => {
      putAction(value);
      showToast(registeredWords(changeOf(value.name)));
      warnOf(warnings);
    },
  );
}

export function updateAction(name: string, changes: ActionUpdate): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.updateAction,
    (b) => b.updateAction(name, changes),
    ({ value, warnings }) => {
      putAction(value);
      showToast(updatedWords(changeOf(value.name)));
      warnOf(warnings);
    },
  );
}

export function deleteAction(name: string): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.deleteAction,
    (b) => b.deleteAction(name),
    () => {
      useAccountStore.setState((s) => ({ actions: s.actions?.filter((a) => a.name !== name) ?? null }));
      showToast(deletedWords(changeOf(name)));
    },
  );
}

export function linkAction(name: string, repoint: boolean): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.linkAction,
    (b) => b.linkAction(name, repoint),
    ({ value, warnings }) => {
      showToast(linkedWords(changeOf(name, value.profile)));
      warnOf(warnings);
      if (repoint) void loadActions();
    },
  );
}

export function unlinkAction(name: string, profile: string): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.unlinkAction,
    (b) => b.unlinkAction(name, profile),
    () => showToast(unlinkedWords(changeOf(name, profile))),
  );
}

export type RegisterHereOutcome = { ok: true; value: RegisteredHere; warnings: string[] } | { ok: false; message: string };

/**
 * Registers (or updates) the action at this companion. While it waits, Flowent's registration
 * check arrives in the history; `registering` lets its detail say that the answer is coming.
 */
export async function registerHere(
  name: string,
  description: string,
  schema: Record<string, unknown>,
  baseUrl: string | null,
): Promise<RegisterHereOutcome> {
  useAccountStore.setState({ registering: name });
  const got: { value?: RegisteredHere; warnings?: string[] } = {};
  const message = await runResult(
    PAGE_FAILURE_WORDS.registerHere,
    (b) => b.registerHere(name, description, schema, baseUrl),
    ({ value, warnings }) => {
      got.value = value;
      got.warnings = warnings;
    },
  );
  useAccountStore.setState((s) => (s.registering === name ? { registering: null } : s));
  if (!got.value) return { ok: false, message: message ?? registerHereFailedWords(name) };
  putAction(got.value.action);
  return { ok: true, value: got.value, warnings: got.warnings ?? [] };
}

/** Flowent's validation run by the core; a transport failure becomes one problem, not a throw. */
export async function checkActionInput(input: Partial<ActionCreate>, partial: boolean): Promise<ActionInputCheck> {
  const b = currentBridge();
  if (!b) return { problems: [], warnings: [NOT_CONNECTED] };
  try {
    return await b.checkAction(input, partial);
  } catch (error) {
    return { problems: [], warnings: [failedWith(PAGE_FAILURE_WORDS.checkAction, errorMessage(error))] };
  }
}

export type ParameterCheckOutcome = ParameterCheck | { status: 'error'; message: string };

export async function checkCallParameters(callId: number): Promise<ParameterCheckOutcome | null> {
  const b = currentBridge();
  if (!b) return null;
  try {
    const result = await b.checkParameters(callId);
    return result.ok ? result.value : { status: 'error', message: inPageWords(result) };
  } catch (error) {
    return { status: 'error', message: failedWith(PAGE_FAILURE_WORDS.checkParameters, errorMessage(error)) };
  }
}
