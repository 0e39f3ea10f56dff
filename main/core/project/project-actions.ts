import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { fileErrorCode } from '../../contract/words';
import { join } from 'node:path';
import type { FlowentAction } from '../../contract/account';
import { failureOf, hasLeftOutCredentials, redactUrlCredentials, type ProjectFailure, type Refused, type Result } from '../../contract/api';
import type { ActionPlan, ApplyOutcome, PlannedAction, ProjectProblem, PullOutcome, ServeSeen } from '../../contract/project';
import type { TunnelNotOnline } from '../../contract/here-url';
import type { Account } from '../account/account';
import type { SettingsScope } from '../store/settings-repository';
import { newActionFileText, webhookUrlFor, type ActionFile } from './action-file';
import { canonical, keepsPassword, planActions, type ActionFacts } from './action-plan';
import { ACTIONS_FOLDER, checkProjectDir, readActionFiles, removeFile, writeFileAtomically } from './project-folder';
import { mergeIntoDocument, problemAt } from './yaml-file';

/** The settings scope where what Flowent had at the last apply or pull is kept, per profile and action. */
export const PROJECT_SETTINGS_SCOPE = 'project';

export interface ProjectActionsDeps {
  dir: string;
  account: Account;
  settings: () => SettingsScope;
  /**
   * The running companion's base URL for `here` in the project at `projectDir` (its tunnel's when
   * open, else its LAN URL while it listens on every interface), with a note on who can reach it
   * when Flowent in the cloud cannot; or why there is none.
   */
  hereBase: (projectDir: string) => HereBase;
  /**
   * Whether the folder was removed while open (a branch switch, say), as its answers tell it: then
   * nothing is read, sent or written (pull would make the folder again, a project of its actions only).
   */
  folderRemoved: () => boolean;
}

/** What `webhook_url: here` resolves to: the base URL of the companion answering from the project's files, or why none can be named. */
export type HereBase =
  | { ok: true; base: string; note: string | null }
  | { ok: false; code: 'none'; others: ServeSeen[] }
  | { ok: false; code: 'several'; serves: ServeSeen[] }
  /** The companion's tunnel was asked for and is not online: its other URLs are not what was meant. */
  | { ok: false; code: 'tunnel-not-online'; mode: ServeSeen['mode']; tunnel: TunnelNotOnline };

type Listed = { ok: true; files: ActionFile[]; remote: FlowentAction[] } | Refused<ProjectFailure>;

/** Actions as code: the plan between `actions/` and Flowent, applying it, and pulling Flowent into the files. */
export class ProjectActions {
  constructor(private readonly deps: ProjectActionsDeps) {}

  async plan(prune: boolean): Promise<Result<ActionPlan, ProjectFailure>> {
    const listed = await this.readWithUrls();
    if (!listed.ok) return listed;
    const plan = this.planFrom(listed.files, listed.remote, prune);
    return plan.ok ? { ok: true, value: plan.value } : plan;
  }

  async apply(prune: boolean): Promise<Result<ApplyOutcome, ProjectFailure>> {
    const listed = await this.readWithUrls();
    if (!listed.ok) return listed;
    const planned = this.planFrom(listed.files, listed.remote, prune);
    if (!planned.ok) return planned;
    const plan = planned.value;
    const files = new Map(listed.files.map((file) => [file.name, file]));
    const outcome: ApplyOutcome = { plan, done: [], refused: null, warnings: [], notes: [] };
    for (const planned of plan.actions) {
      if (planned.change === 'none') continue;
      const done = await this.applyOne(planned, files.get(planned.name) ?? null);
      if (!done.ok) {
        outcome.refused = { name: planned.name, change: planned.change, failure: failureOf(done) };
        break;
      }
      outcome.warnings.push(...done.warnings);
      if (done.note && !outcome.notes.includes(done.note)) outcome.notes.push(done.note);
      outcome.done.push({ name: planned.name, change: planned.change });
    }
    return { ok: true, value: outcome };
  }

  /** `force`: files changed since the last apply or pull are written over too (and said), not kept. */
  async pull(prune: boolean, force: boolean): Promise<Result<PullOutcome, ProjectFailure>> {
    const listed = await this.read();
    if (!listed.ok) return listed;
    const profile = this.profile();
    const links = this.deps.account.registry.links.forProfile(profile);
    const files = new Map(listed.files.map((file) => [file.name, file]));
    const outcome: PullOutcome = {
      written: [],
      removed: [],
      unchanged: [],
      perProfile: [],
      credentialsLeftOut: [],
      keptChanged: [],
      overwritten: [],
    };
    const profiles = this.deps.account.registry.profiles.list().map((known) => known.name);
    const unwritable = unwritableActionFiles(
      this.deps.dir,
      listed.remote.map((action) => files.get(action.name)?.file ?? null),
    );
    if (unwritable) return unwritable;
    mkdirSync(join(this.deps.dir, ACTIONS_FOLDER), { recursive: true });
    for (const action of listed.remote) {
      const linked = links.some((link) => link.action === action.name && link.webhookUrl === action.webhook_url);
      // Action files are meant for git: a password in the URL is written as *** (plan and apply keep Flowent's).
      const url = linked ? 'here' : redactUrlCredentials(action.webhook_url);
      const existing = files.get(action.name);
      const file = existing?.file ?? `${ACTIONS_FOLDER}/${action.name}.yaml`;
      // An edit not yet applied (nor perhaps committed) is not written over unless asked: apply sends it, or force takes Flowent's.
      const changed = existing !== undefined && this.changedSinceSynced(existing, profile);
      if (changed && !force) {
        outcome.keptChanged.push(file);
        continue;
      }
      const webhookUrl = existing ? withProfileUrl(existing.webhookUrl, profile, url, profiles) : null;
      const text = existing
        ? changedText(existing, {
            ...(existing.yaml.value as Record<string, unknown>),
            description: action.description,
            json_schema: action.json_schema,
            webhook_url: webhookUrl,
          })
        : // One URL, as Flowent has it, unless other profiles are known: written as one, it would be theirs too.
          newActionFileText(action, profiles.every((name) => name === profile) ? url : { [profile]: url });
      if (text === null) outcome.unchanged.push(file);
      else {
        writeFileAtomically(join(this.deps.dir, file), text);
        outcome.written.push(file);
        if (changed) outcome.overwritten.push(file);
        if (typeof existing?.webhookUrl === 'string' && typeof webhookUrl === 'object') outcome.perProfile.push(file);
        if (url !== action.webhook_url && !linked) outcome.credentialsLeftOut.push(file);
      }
      this.remember(action.name, action);
    }
    if (prune) {
      const remote = new Set(listed.remote.map((action) => action.name));
      for (const file of listed.files.filter((local) => !remote.has(local.name))) {
        removeFile(join(this.deps.dir, file.file));
        outcome.removed.push(file.file);
        this.forget(file.name);
      }
    }
    return { ok: true, value: outcome };
  }

  private async applyOne(
    planned: PlannedAction,
    file: ActionFile | null,
  ): Promise<{ ok: true; warnings: string[]; note?: string | null } | Refused<ProjectFailure>> {
    const { account } = this.deps;
    const registry = account.registry;
    if (planned.change === 'delete') {
      const deleted = await account.tracked(() => registry.delete(planned.name));
      if (!deleted.ok) return deleted;
      this.forget(planned.name);
      return { ok: true, warnings: [] };
    }
    if (!file) return { ok: false, code: 'action-file-missing', action: planned.name };
    const here = this.deps.hereBase(this.deps.dir);
    // The serve the plan named may have stopped since: nothing else is `here`.
    if (planned.here && !here.ok) return hereRefused(here, file.file);
    if (planned.here && here.ok) {
      const registered = await account.registerHere(file.name, file.description, file.json_schema, here.base);
      if (!registered.ok) return registered;
      this.remember(file.name, registered.value.value.action);
      return { ok: true, warnings: registered.value.warnings, note: here.note };
    }
    const webhookUrl = planned.webhookUrl ?? '';
    const facts = { description: file.description, json_schema: file.json_schema, webhook_url: webhookUrl };
    const sent = await account.tracked(() =>
      planned.change === 'create'
        ? registry.register({ name: file.name, ...facts })
        : registry.update(file.name, facts, planned.here ? webhookUrl : undefined),
    );
    if (!sent.ok) return sent;
    if (planned.here) registry.links.upsert({ profile: this.profile(), action: file.name, webhookUrl, linkedAt: Date.now() });
    this.remember(file.name, sent.value);
    return { ok: true, warnings: sent.warnings };
  }

  private async read(): Promise<Listed> {
    if (this.deps.folderRemoved()) return { ok: false, code: 'project-folder-removed-actions', folder: this.deps.dir };
    const missing = checkProjectDir(this.deps.dir);
    if (missing) return missing;
    const { actions, problems } = readActionFiles(this.deps.dir);
    if (problems.length > 0) return { ok: false, code: 'project-invalid', problems };
    const profile = this.deps.account.registry.checkProfile();
    if (!profile.ok) return profile;
    const listed = await this.deps.account.tracked(() => this.deps.account.registry.list());
    if (!listed.ok) return listed;
    return { ok: true, files: actions, remote: listed.value };
  }

  /**
   * The files and Flowent's actions, when each URL with its password left out (`***`, as pull
   * writes it) stands for the URL Flowent holds: one that stands for none cannot be sent. A file
   * with no URL for this profile is planned as such (left alone), not refused.
   */
  private async readWithUrls(): Promise<Listed> {
    const listed = await this.read();
    if (!listed.ok) return listed;
    const profile = this.profile();
    const registered = new Map(listed.remote.map((action) => [action.name, action.webhook_url]));
    const problems: ProjectProblem[] = [];
    for (const file of listed.files) {
      const url = webhookUrlFor(file, profile);
      if (url !== null && hasLeftOutCredentials(url) && !keepsPassword(url, registered.get(file.name) ?? ''))
        problems.push(
          problemAt(
            file.yaml,
            file.file,
            '/webhook_url',
            `webhook_url has its password left out (***, as "actions pull" writes it), and Flowent holds no URL it stands for: write the password in place of *** to send this URL`,
          ),
        );
    }
    return problems.length > 0 ? { ok: false, code: 'project-invalid', problems } : listed;
  }

  /**
   * The plan, or why `here` cannot be named: a plan that proposed "here" with no companion to
   * be it (or another project's serve) would only be refused by apply, or worse, done. Refused
   * whatever Flowent holds: a URL a link kept, or Flowent's own, may be another project's serve,
   * and an action that looked in sync with it would say nothing was wrong.
   */
  private planFrom(files: ActionFile[], remote: FlowentAction[], prune: boolean): Result<ActionPlan, ProjectFailure> {
    const profile = this.deps.account.registry.profile();
    const here = this.deps.hereBase(this.deps.dir);
    const actions = planActions({
      files,
      remote,
      profile: profile.name,
      hereBase: here.ok ? here.base : null,
      links: this.deps.account.registry.links.forProfile(profile.name),
      lastSynced: (name) => this.deps.settings().read<ActionFacts | null>(this.key(name), null),
      prune,
    });
    // No serve of this project, or several: none is guessed, linked or not.
    const unresolved = here.ok ? undefined : actions.find((action) => action.here && action.file !== null);
    if (!here.ok && unresolved?.file) return hereRefused(here, unresolved.file);
    return {
      ok: true,
      value: {
        profile: profile.name,
        gateway: profile.baseUrl,
        prune,
        actions,
        hereNote: here.ok && actions.some((action) => action.here && action.file !== null) ? here.note : null,
        // What apply would do, no more: an action only on Flowent, left alone without prune, is
        // not pending (apply would say there is nothing to do).
        pending: actions.some((action) => action.change !== 'none'),
      },
    };
  }

  /**
   * Whether the file says other than what Flowent had at the last apply or pull: its description,
   * schema, or URL for `profile` (`here` and a URL with its password as *** are Flowent's in other
   * words, not edits). Never, when this companion has not applied or pulled the action.
   */
  private changedSinceSynced(file: ActionFile, profile: string): boolean {
    const synced = this.deps.settings().read<ActionFacts | null>(this.key(file.name), null);
    if (synced === null) return false;
    const url = webhookUrlFor(file, profile);
    const urlEdited = url !== null && url !== 'here' && url !== synced.webhook_url && !keepsPassword(url, synced.webhook_url);
    return file.description !== synced.description || canonical(file.json_schema) !== canonical(synced.json_schema) || urlEdited;
  }

  private remember(name: string, action: FlowentAction): void {
    const facts: ActionFacts = { description: action.description, json_schema: action.json_schema, webhook_url: action.webhook_url };
    this.deps.settings().write(this.key(name), facts);
  }

  private forget(name: string): void {
    this.deps.settings().remove(this.key(name));
  }

  private key(name: string): string {
    return `synced.${this.profile()}.${name}`;
  }

  private profile(): string {
    return this.deps.account.registry.profile().name;
  }
}

/**
 * The action file's new text, with comments and layout kept; null when it already says `value`:
 * written again it would only be respelled (a comment's spacing, quoting), a change in the
 * team's tree that means nothing.
 */
function changedText(existing: ActionFile, value: Record<string, unknown>): string | null {
  return canonical(value) === canonical(existing.yaml.value) ? null : mergeIntoDocument(existing.yaml, value);
}

/**
 * The file's webhook_url with Flowent's `url` for `profile`. One URL for every profile stays one
 * while Flowent has it, or while no other profile is known here (Flowent's then replaces it);
 * when Flowent has another and other profiles are known, it is written per profile, each of them
 * keeping the file's: written as one, it would move the other profiles' actions too at their next
 * apply.
 */
export function withProfileUrl(
  current: ActionFile['webhookUrl'],
  profile: string,
  url: string,
  profiles: string[],
): ActionFile['webhookUrl'] {
  if (typeof current !== 'string') return { ...current, [profile]: url };
  // With no other profile here to keep the file's URL for, one URL stays one.
  if (current === url || profiles.every((name) => name === profile)) return url;
  return Object.fromEntries([...new Set([...profiles, profile])].map((name) => [name, name === profile ? url : current]));
}

/**
 * Why pull may not write the action files (`files`: the existing ones it may rewrite), asked
 * before any is written, so that a read-only checkout is left as it was: a file is written anew
 * in its folder and moved over the old one, and a file made read-only on purpose is not replaced.
 */
function unwritableActionFiles(dir: string, files: (string | null)[]): Refused<ProjectFailure> | null {
  const folder = join(dir, ACTIONS_FOLDER);
  const checked = [
    { path: existsSync(folder) ? folder : dir, file: null },
    ...files.flatMap((file) => (file === null ? [] : [{ path: join(dir, file), file }])),
  ];
  for (const { path, file } of checked) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      return { ok: false, code: 'action-files-unwritable', folder: `${ACTIONS_FOLDER}/`, file, reason: fileErrorCode(error) ?? 'EACCES' };
    }
  }
  return null;
}

function hereRefused(here: Exclude<HereBase, { ok: true }>, file: string): Refused<ProjectFailure> {
  switch (here.code) {
    case 'none':
      return { ok: false, code: 'no-companion-here', file, others: here.others };
    case 'several':
      return { ok: false, code: 'several-companions-here', file, serves: here.serves };
    case 'tunnel-not-online':
      return { ok: false, code: 'companion-tunnel-not-online', file, mode: here.mode, tunnel: here.tunnel };
    default:
      return here satisfies never;
  }
}
