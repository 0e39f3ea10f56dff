import type { ActionField, ActionSyncState, FieldChange, PlannedAction } from '../../contract/project';
import type { FlowentAction, LinkedAction } from '../../contract/account';
import { hasLeftOutCredentials, redactUrlCredentials } from '../../contract/url-credentials';
import { companionWebhookUrl } from '../account/links';
import { loadLazily } from '../load-lazily';
import { webhookUrlFor, type ActionFile } from './action-file';

const loadDiff = loadLazily<typeof import('diff')>('diff');

/** What an action is on one side, in the terms the plan compares. */
export interface ActionFacts {
  description: string;
  json_schema: Record<string, unknown>;
  webhook_url: string;
}

export interface PlanInputs {
  files: ActionFile[];
  remote: FlowentAction[];
  profile: string;
  /** The base URL of the companion answering from the project's files, for `here`; null when none can be named. */
  hereBase: string | null;
  /** This profile's actions linked to this companion. */
  links: LinkedAction[];
  /** What Flowent had when this companion last applied or pulled the action. */
  lastSynced: (name: string) => ActionFacts | null;
  prune: boolean;
}

/** Compares files and Flowent action by action: files first (name order), then actions only on Flowent. */
export function planActions(inputs: PlanInputs): PlannedAction[] {
  const remote = new Map(inputs.remote.map((action) => [action.name, action]));
  const planned: PlannedAction[] = [];
  for (const file of [...inputs.files].sort((a, b) => a.name.localeCompare(b.name))) {
    const there = remote.get(file.name) ?? null;
    remote.delete(file.name);
    const written = webhookUrlFor(file, inputs.profile);
    // The file does not say where this profile's action goes: nothing is sent for it, the rest is planned.
    if (written === null) {
      planned.push({
        name: file.name,
        file: file.file,
        webhookUrl: null,
        here: false,
        keepsRegisteredPassword: false,
        state: 'no-url-for-profile',
        change: 'none',
        fields: [],
      });
      continue;
    }
    // A URL pulled with its password as *** stands for Flowent's (readWithUrls refuses one that stands for none).
    const keepsRegisteredPassword = there !== null && keepsPassword(written, there.webhook_url);
    const wanted = keepsRegisteredPassword ? there.webhook_url : written;
    const here = wanted === 'here';
    const link = inputs.links.find((stored) => stored.action === file.name) ?? null;
    // With no companion to be `here`, it has no URL: not even the one a link on the data folder
    // holds, which may be another project's serve (the plan is refused before it is shown).
    const webhookUrl = here ? (inputs.hereBase ? companionWebhookUrl(inputs.hereBase, file.name) : null) : wanted;
    const local = { description: file.description, json_schema: file.json_schema, webhook_url: webhookUrl ?? 'here' };
    const base = { name: file.name, file: file.file, webhookUrl, here, keepsRegisteredPassword };
    if (!there) {
      planned.push({ ...base, state: 'only-here', change: 'create', fields: fieldChanges(null, local) });
      continue;
    }
    const fields = fieldChanges(there, local);
    const unlinked = here && link?.webhookUrl !== there.webhook_url;
    if (fields.length === 0 && !unlinked) {
      planned.push({ ...base, state: 'in-sync', change: 'none', fields });
      continue;
    }
    const synced = inputs.lastSynced(file.name);
    // Nothing moved in the file or on Flowent, only where `here` points: Flowent holds the URL
    // the action was linked to here (not one the file said before it said here).
    const hereMoved =
      here &&
      link?.webhookUrl === there.webhook_url &&
      fields.every((field) => field.field === 'webhook_url') &&
      (synced === null || sameFacts(synced, there));
    const state = hereMoved ? 'here-moved' : syncState(local, there, synced);
    planned.push({ ...base, state, change: 'update', fields });
  }
  for (const there of [...remote.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    planned.push({
      name: there.name,
      file: null,
      webhookUrl: there.webhook_url,
      here: false,
      keepsRegisteredPassword: false,
      state: 'only-there',
      change: inputs.prune ? 'delete' : 'none',
      fields: fieldChanges(there, null),
    });
  }
  return planned;
}

/**
 * Whether a file's webhook_url is Flowent's `registered` one with the password left out (`***`,
 * as pull writes it): pushing it would set Flowent's URL to the literal ***, so the plan keeps Flowent's.
 */
export function keepsPassword(written: string, registered: string): boolean {
  return hasLeftOutCredentials(written) && redactUrlCredentials(registered) === written;
}

/** Equal as JSON values: key order does not matter to Flowent or to a schema. */
export function sameFacts(a: ActionFacts, b: ActionFacts): boolean {
  return a.description === b.description && a.webhook_url === b.webhook_url && canonical(a.json_schema) === canonical(b.json_schema);
}

function syncState(local: ActionFacts, remote: ActionFacts, synced: ActionFacts | null): ActionSyncState {
  if (!synced) return 'differs';
  const localMoved = !sameFacts(local, synced);
  const remoteMoved = !sameFacts(remote, synced);
  if (localMoved && remoteMoved) return 'changed-both';
  return remoteMoved ? 'changed-on-flowent' : 'changed-locally';
}

function fieldChanges(flowent: ActionFacts | null, file: ActionFacts | null): FieldChange[] {
  const fields: ActionField[] = ['description', 'json_schema', 'webhook_url'];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const same =
      flowent !== null &&
      file !== null &&
      (field === 'json_schema' ? canonical(flowent[field]) === canonical(file[field]) : flowent[field] === file[field]);
    if (same) continue;
    const before = flowent ? show(field, flowent, file) : null;
    const after = file ? show(field, file, file) : null;
    // The plan is printed and shown: a URL's password is compared, never shown.
    const [flowentShown, fileShown] = field === 'webhook_url' ? [before, after].map(withoutPassword) : [before, after];
    const diff = lineDiff(flowentShown ?? '', fileShown ?? '');
    changes.push({ field, flowent: flowentShown ?? null, file: fileShown ?? null, diff: field === 'json_schema' ? trimmed(diff) : diff });
  }
  return changes;
}

function withoutPassword(url: string | null): string | null {
  return url === null ? null : redactUrlCredentials(url);
}

/**
 * A field as the plan shows it: a schema in the key order of the file (`file`), so its diff
 * maps onto the YAML the developer edited; keys the file lacks follow in their own order.
 * Key order means nothing to Flowent: it is compared as canonical JSON.
 */
function show(field: ActionField, facts: ActionFacts, file: ActionFacts | null): string {
  return field === 'json_schema' ? JSON.stringify(orderedLike(facts.json_schema, file?.json_schema), null, 2) : facts[field];
}

function orderedLike(value: unknown, model: unknown): unknown {
  if (Array.isArray(value)) return value.map((item, index) => orderedLike(item, Array.isArray(model) ? model[index] : undefined));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const modelRecord = typeof model === 'object' && model !== null && !Array.isArray(model) ? (model as Record<string, unknown>) : {};
  const keys = [
    ...Object.keys(modelRecord).filter((key) => Object.hasOwn(record, key)),
    ...Object.keys(record).filter((key) => !Object.hasOwn(modelRecord, key)),
  ];
  return Object.fromEntries(keys.map((key) => [key, orderedLike(record[key], modelRecord[key])]));
}

/** Lines kept around each change of a schema's diff: a 4-line change in a 25-line schema shows as about 10 lines. */
const DIFF_CONTEXT = 3;

/** A diff with only the unchanged lines near a change, each run left out said as one line. */
function trimmed(diff: string[]): string[] {
  const near = diff.map((_, index) =>
    diff.slice(Math.max(0, index - DIFF_CONTEXT), index + DIFF_CONTEXT + 1).some((line) => !line.startsWith(' ')),
  );
  const lines: string[] = [];
  for (let index = 0; index < diff.length;) {
    if (near[index]) {
      lines.push(diff[index]!);
      index++;
      continue;
    }
    let end = index;
    while (end < diff.length && !near[end]) end++;
    lines.push(`  … ${end - index} unchanged line${end - index === 1 ? '' : 's'}`);
    index = end;
  }
  return lines;
}

function lineDiff(before: string, after: string): string[] {
  const lines: string[] = [];
  for (const change of loadDiff().diffLines(before, after)) {
    const mark = change.added ? '+' : change.removed ? '-' : ' ';
    for (const text of change.value.replace(/\n$/, '').split('\n')) if (change.value !== '') lines.push(`${mark} ${text}`);
  }
  return lines;
}

export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
