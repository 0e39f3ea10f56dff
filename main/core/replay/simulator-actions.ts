import type { ReplayFailure, Result, SimulatorAction } from '../../contract/api';
import { isJsonObject, schemaCompileProblem } from '../account/action-validation';
import { readJson } from '../../contract/json-syntax';
import { LinkStore } from '../account/links';
import { SchemaCache } from '../account/parameter-check';
import { FlowentProfiles } from '../account/profiles';
import { ACCOUNT_SETTINGS_SCOPE } from '../account/types';
import type { CallsRepository } from '../store/calls-repository';
import type { SettingsRepository, SettingsScope } from '../store/settings-repository';

/** Schemas defined in the companion (not registered in Flowent), in the simulator's settings. */
const SIMULATOR_SETTINGS_SCOPE = 'simulator';
const LOCAL_SCHEMAS_KEY = 'local-schemas';

type LocalSchemas = Record<string, Record<string, unknown>>;

function localSchemas(simulator: SettingsScope): LocalSchemas {
  const stored = simulator.read<unknown>(LOCAL_SCHEMAS_KEY, {});
  return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as LocalSchemas) : {};
}

/** The open project's action files with their schemas (none when no project is open). */
export type ProjectSchemas = () => { action: string; path: string; schema: Record<string, unknown> }[];

/**
 * Actions the simulator can send: in the open project, defined here, cached from Flowent
 * (active profile), seen in history; sorted by name. An action's schema is looked for in the
 * order every check uses (contract/account.ts, CheckedSchema): the project's file, the one
 * defined here, Flowent's copy. The account's schemas and links are read through its own
 * settings view, so they are found without a Flowent session.
 */
export function simulatorActions(calls: CallsRepository, settings: SettingsRepository, projectSchemas: ProjectSchemas): SimulatorAction[] {
  const account = settings.scope(ACCOUNT_SETTINGS_SCOPE);
  const profile = new FlowentProfiles(account).activeName();
  const cache = new SchemaCache(account, profile);
  const counts = new Map(calls.stats({}).perAction.map((row) => [row.action, row.count]));
  const local = localSchemas(settings.scope(SIMULATOR_SETTINGS_SCOPE));
  const inProject = new Map(projectSchemas().map((entry) => [entry.action, entry.schema]));
  const cachedPrefix = `schema.${profile}.`;
  const cachedNames = account.keys(cachedPrefix).map((key) => key.slice(cachedPrefix.length));
  const linkedNames = new LinkStore(account).forProfile(profile).map((link) => link.action);
  const names = new Set([...inProject.keys(), ...Object.keys(local), ...counts.keys(), ...cachedNames, ...linkedNames]);
  return [...names].sort().map((action) => {
    const calledTimes = counts.get(action) ?? 0;
    const fromProject = inProject.get(action);
    if (fromProject) return { action, origin: 'project', calls: calledTimes, schema: fromProject };
    if (local[action]) return { action, origin: 'local', calls: calledTimes, schema: local[action] };
    const cached = cache.get(action);
    if (cached) return { action, origin: 'flowent', calls: calledTimes, schema: cached.schema };
    return { action, origin: 'history', calls: calledTimes, schema: null };
  });
}

/** Defines (or, with null, removes) an action's schema in the companion. */
export function saveLocalSchema(
  calls: CallsRepository,
  settings: SettingsRepository,
  projectSchemas: ProjectSchemas,
  action: string,
  schemaText: string | null,
): Result<SimulatorAction[], ReplayFailure> {
  const simulator = settings.scope(SIMULATOR_SETTINGS_SCOPE);
  const local = localSchemas(simulator);
  if (schemaText === null) {
    delete local[action];
  } else {
    const read = readJson(schemaText);
    if (!read.ok) return { ok: false, code: 'invalid-json', what: 'schema', reason: read.problem.reason };
    const schema = read.value;
    if (!isJsonObject(schema)) return { ok: false, code: 'schema-not-object' };
    const problem = schemaCompileProblem(schema);
    if (problem) return { ok: false, code: 'invalid-schema', reason: problem };
    local[action] = schema;
  }
  simulator.write(LOCAL_SCHEMAS_KEY, local);
  return { ok: true, value: simulatorActions(calls, settings, projectSchemas) };
}

/** The schema defined in the simulator for `action` (not Flowent's copy); null when none is. */
export function simulatorDefinedSchema(settings: SettingsRepository, action: string): Record<string, unknown> | null {
  return localSchemas(settings.scope(SIMULATOR_SETTINGS_SCOPE))[action] ?? null;
}

/** The schema the simulator generates parameters from and checks them against, when one is known. */
export function schemaFor(
  calls: CallsRepository,
  settings: SettingsRepository,
  projectSchemas: ProjectSchemas,
  action: string,
): Record<string, unknown> | null {
  return simulatorActions(calls, settings, projectSchemas).find((entry) => entry.action === action)?.schema ?? null;
}
