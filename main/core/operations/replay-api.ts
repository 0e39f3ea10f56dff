import type { HarImportSummary, ReplayMethods, Result } from '../../contract/api';
import { MAX_SELECTION } from '../../contract/api';
import type { ReplayApi } from '../replay';
import { generateParameters } from '../replay/simulate';
import { checkTargetUrl } from '../answers/forward';

/** Replay, bulk replay, simulator, HAR and copy-as-cURL, over the replay module. */
export function createReplayMethods(replay: ReplayApi): ReplayMethods {
  return {
    replayCall: async (id, mode, target) => {
      const bad = badTarget(target);
      return bad ?? inUiWords(await replay.replay(id, { mode, ...(target ? { target } : {}) }));
    },
    replayEdited: async (id, parametersText, target) => {
      const bad = badTarget(target);
      if (bad) return bad;
      const parameters = parseParameters(parametersText);
      if (!parameters.ok) return parameters;
      return inUiWords(await replay.replay(id, { mode: 'edit', parameters: parameters.value, ...(target ? { target } : {}) }));
    },
    copyAsCurl: async (id, resign) => replay.curlFor(id, { resign }),
    countReplayable: async (selection) => replay.replayableIds(selection).length,
    startBulkReplay: async (selection, { concurrency, resign, target }) => {
      const bad = badTarget(target);
      return (
        bad ?? inUiWords(replay.startBulk(selection, { concurrency, mode: resign ? 'resign' : 'as-is', ...(target ? { target } : {}) }))
      );
    },
    cancelBulkReplay: async (runId) => {
      const cancelled = replay.cancelBulk(runId);
      return cancelled
        ? { ok: true, value: { cancelled } }
        : { ok: false, code: 'run-not-found', message: 'That bulk replay is not running any more (it finished or was cancelled).' };
    },
    listBulkReplays: async () => replay.runningBulk(),
    getLearnedStyle: async () => replay.styleInfo(),
    listSimulatorActions: async () => replay.simulatorActions(),
    saveSimulatorAction: async (action, schema) => replay.saveSimulatorAction(action, schema),
    generateParameters: async (action, seed) => {
      const schema = replay.schemaFor(action);
      if (!schema) return { ok: true, value: '{}' };
      try {
        return { ok: true, value: JSON.stringify(await generateParameters(schema, seed), null, 2) };
      } catch (error) {
        return {
          ok: false,
          code: 'invalid-schema',
          message: `Cannot generate parameters from the schema of ${action}: ${error instanceof Error ? error.message : String(error)}. Edit them by hand.`,
        };
      }
    },
    simulateCall: async ({ action, parameters: text, seed, test, target }) => {
      const bad = badTarget(target);
      if (bad) return bad;
      const parameters = test || text === null ? undefined : parseParameters(text);
      if (parameters && !parameters.ok) return parameters;
      const schema = replay.schemaFor(action) ?? undefined;
      const sent = inUiWords(
        await replay.simulate({ action, parameters: parameters?.value, schema, seed, test, ...(target ? { target } : {}) }),
      );
      if (!sent.ok) return sent;
      const { id, url, body, signedStyle, status, answer, durationMs, violations, error } = sent.value;
      return { ok: true, value: { id, url, body, signedStyle, status, answer, durationMs, violations, error } };
    },
    exportHar: async (selection) => {
      const har = replay.exportHar('ids' in selection ? selection : { filter: selection.filter, limit: MAX_SELECTION });
      const count = har.log.entries.length;
      if (count === 0)
        return {
          ok: false,
          code: 'nothing-to-export',
          message: 'There are no calls to export here: change the filter, or wait for calls to arrive.',
        };
      return { ok: true, value: { count, text: JSON.stringify(har, null, 2), savedTo: null } };
    },
    importHar: async (text): Promise<Result<HarImportSummary>> => {
      if (text === null) return { ok: false, code: 'no-file', message: 'Give the HAR file’s contents to import (choose a .har file).' };
      const imported = replay.importHar(text);
      return imported.ok ? { ok: true, value: { ...imported.value, opened: true } } : imported;
    },
  };
}

/** The replay module words its missing-target refusal for the command line; the UI has a field for the URL. */
function inUiWords<T>(result: Result<T>): Result<T> {
  if (result.ok || result.code !== 'no-target') return result;
  const action = /action (\w+)/.exec(result.message)?.[1];
  return {
    ...result,
    message: `There is no handler to send ${action ? `action ${action}` : 'this call'} to: give a target URL here, or set a forwarding target in Answers (Ctrl/Cmd+M).`,
  };
}

function badTarget(target: string | null): Result<never> | null {
  const bad = target ? checkTargetUrl(target) : null;
  return bad ? { ok: false, code: 'invalid-target', message: bad.message } : null;
}

/** Parameters typed in an editor: a JSON object, as Flowent sends. */
function parseParameters(text: string): Result<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      code: 'invalid-json',
      message: `The parameters are not JSON: ${error instanceof Error ? error.message : String(error)}. Fix them and send again.`,
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, code: 'invalid-parameters', message: 'The parameters must be a JSON object ({...}), as Flowent sends.' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
