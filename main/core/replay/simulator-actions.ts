import type { Result, SimulatorAction } from '../../contract/api';
import { checkJsonSchema } from '../account/action-validation';
import { LinkStore } from '../account/links';
import { SchemaCache } from '../account/parameter-check';
import { FlowentProfiles } from '../account/profiles';
import type { FlowentSettingsStore } from '../store/settings-repository';
import type { CallsRepository } from '../store/calls-repository';

/** Where schemas defined in the companion (not registered in Flowent) are kept, in `settings`. */
const LOCAL_SCHEMAS_KEY = 'simulator.local-schemas';
const FLOWENT_PREFIX = 'flowent.';

type LocalSchemas = Record<string, Record<string, unknown>>;

/**
 * Flowent's settings read through the history's `settings` table (same keys as the Flowent
 * module's store), so cached schemas and links are found without a Flowent session.
 * Read-only here: only the Flowent module writes them.
 */
function flowentSettings(calls: CallsRepository): FlowentSettingsStore {
  return {
    read<T>(key: string, fallback: T): T {
      const text = calls.getSetting(FLOWENT_PREFIX + key);
      if (text === null) return fallback;
      try {
        return JSON.parse(text) as T;
      } catch {
        return fallback;
      }
    },
    write: () => undefined,
    remove: () => undefined,
    keys: (prefix) => calls.settingKeys(FLOWENT_PREFIX + prefix).map((key) => key.slice(FLOWENT_PREFIX.length)),
  };
}

function localSchemas(calls: CallsRepository): LocalSchemas {
  try {
    const parsed = JSON.parse(calls.getSetting(LOCAL_SCHEMAS_KEY) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as LocalSchemas) : {};
  } catch {
    return {};
  }
}

/** Actions the simulator can send: defined here, cached from Flowent (active profile), seen in history; sorted by name. */
export function simulatorActions(calls: CallsRepository): SimulatorAction[] {
  const settings = flowentSettings(calls);
  const profile = new FlowentProfiles(settings).activeName();
  const cache = new SchemaCache(settings, profile);
  const counts = new Map(calls.stats({}).perAction.map((row) => [row.action, row.count]));
  const local = localSchemas(calls);
  const cachedPrefix = `schema.${profile}.`;
  const cachedNames = settings.keys(cachedPrefix).map((key) => key.slice(cachedPrefix.length));
  const linkedNames = new LinkStore(settings).forProfile(profile).map((link) => link.action);
  const names = new Set([...Object.keys(local), ...counts.keys(), ...cachedNames, ...linkedNames]);
  return [...names].sort().map((action) => {
    const calledTimes = counts.get(action) ?? 0;
    if (local[action]) return { action, origin: 'local', calls: calledTimes, schema: local[action] };
    const cached = cache.get(action);
    if (cached) return { action, origin: 'flowent', calls: calledTimes, schema: cached.schema };
    return { action, origin: 'history', calls: calledTimes, schema: null };
  });
}

/** Defines (or, with null, removes) an action's schema in the companion. */
export function saveLocalSchema(calls: CallsRepository, action: string, schemaText: string | null): Result<SimulatorAction[]> {
  const local = localSchemas(calls);
  if (schemaText === null) {
    delete local[action];
  } else {
    let schema: unknown;
    try {
      schema = JSON.parse(schemaText);
    } catch (error) {
      return {
        ok: false,
        code: 'invalid-json',
        message: `The schema is not JSON: ${error instanceof Error ? error.message : String(error)}. Fix it and save again.`,
      };
    }
    const problem = checkJsonSchema(schema);
    if (problem) return { ok: false, code: 'invalid-schema', message: `${problem.replace(/^json_schema/, 'The schema')}` };
    local[action] = schema as Record<string, unknown>;
  }
  calls.setSetting(LOCAL_SCHEMAS_KEY, JSON.stringify(local));
  return { ok: true, value: simulatorActions(calls) };
}

/** The schema the simulator generates parameters from, when one is known. */
export function schemaFor(calls: CallsRepository, action: string): Record<string, unknown> | null {
  return simulatorActions(calls).find((entry) => entry.action === action)?.schema ?? null;
}
