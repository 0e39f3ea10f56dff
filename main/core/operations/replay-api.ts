import type { Refused, ReplayFailure, ReplayMethods, Result } from '../../contract/api';
import { checkTargetUrl } from '../answers/forward-target';
import { readJson } from '../../contract/json-syntax';
import type { Replay } from '../replay';
import type { ReplayMode } from '../replay/replay';
import { generateParameters } from '../replay/simulate';
import { readParameters } from '../replay/edit-body';
import { schemaProblems, type FileSchemas } from '../account/parameter-check';

/** Replay, bulk replay, simulator, HAR and copy-as-cURL, over the replay feature. */
/** `overLimits`: how many of some calls the history's limits want gone now (Retention.dueAmong). */
export function createReplayMethods(replay: Replay, overLimits: (ids: number[]) => number): ReplayMethods {
  /** The simulator's schemas compiled so far, by action: its parameters are checked as they are typed. */
  const simulatedSchemas: FileSchemas = new Map();
  return {
    replayCall: async (id, mode, target, style = null) => {
      const bad = badTarget(target);
      return bad ?? (await replay.replay(id, { mode, ...(style ? { style } : {}), ...(target ? { target } : {}) }));
    },
    replayEdited: async (id, parametersText, target, style = null) => {
      const bad = badTarget(target);
      if (bad) return bad;
      const parameters = readParameters(parametersText);
      if (!parameters.ok) return parameters;
      return replay.replay(id, { mode: 'edit', parameters: parameters.value, ...(style ? { style } : {}), ...(target ? { target } : {}) });
    },
    copyAsCurl: async (id, resign, style = null) => replay.curlFor(id, { resign, ...(style ? { style } : {}) }),
    previewBulkReplay: (selection) => replay.previewBulk(selection),
    startBulkReplay: async (selection, { concurrency, resign, target, parameters: parametersText = null, style = null }) => {
      const bad = badTarget(target);
      if (bad) return bad;
      const parameters = parametersText === null ? null : readParameters(parametersText);
      if (parameters && !parameters.ok) return parameters;
      const mode: ReplayMode = parameters ? 'edit' : resign ? 'resign' : 'as-is';
      return replay.startBulk(selection, {
        concurrency,
        mode,
        ...(parameters ? { parameters: parameters.value } : {}),
        ...(style ? { style } : {}),
        ...(target ? { target } : {}),
      });
    },
    cancelBulkReplay: async (runId) => {
      const cancelled = replay.cancelBulk(runId);
      return cancelled ? { ok: true, value: { cancelled } } : { ok: false, code: 'run-not-found', runId };
    },
    listBulkReplays: async () => replay.bulkRuns(),
    getLearnedStyle: async () => replay.styleInfo(),
    listSimulatorActions: async () => replay.simulatorActions(),
    saveSimulatorAction: async (action, schema) => replay.saveSimulatorAction(action, schema),
    generateParameters: async (action, seed) => {
      const schema = replay.schemaFor(action);
      if (!schema) return { ok: true, value: '{}' };
      try {
        return { ok: true, value: JSON.stringify(await generateParameters(schema, seed), null, 2) };
      } catch (error) {
        return { ok: false, code: 'cannot-generate', action, reason: error instanceof Error ? error.message : String(error) };
      }
    },
    checkSimulatedParameters: async (action, text) => {
      const read = readParameters(text);
      if (!read.ok) return read;
      const schema = replay.schemaFor(action);
      if (!schema) return { ok: true, value: [] };
      const checked = schemaProblems(schema, JSON.parse(text), simulatedSchemas, action);
      return checked.ok ? { ok: true, value: checked.problems } : { ok: false, code: 'invalid-schema', reason: checked.reason };
    },
    simulateCall: async ({
      action,
      parameters: text,
      seed,
      test,
      target,
      schema: schemaText = null,
      style = null,
      wrongSignature = false,
    }) => {
      const bad = badTarget(target);
      if (bad) return bad;
      const parameters = test || text === null ? undefined : readParameters(text);
      if (parameters && !parameters.ok) return parameters;
      const given = schemaText === null ? null : parseSchema(schemaText);
      if (given && !given.ok) return given;
      const schema = given?.value ?? replay.schemaFor(action) ?? undefined;
      const sent = await replay.simulate({
        action,
        parameters: parameters?.value,
        schema,
        seed,
        test,
        wrongSignature,
        ...(style ? { style } : {}),
        ...(target ? { target } : {}),
      });
      if (!sent.ok) return sent;
      const { id, url, body, signedStyle, wrongSignature: spoiled, status, answer, answeredBy, durationMs, violations, error } = sent.value;
      const { handlerSignature, validAccepted, forwardTarget } = sent.value;
      return {
        ok: true,
        value: {
          id,
          url,
          body,
          signedStyle,
          wrongSignature: spoiled,
          status,
          answer,
          answeredBy,
          handlerSignature,
          validAccepted,
          durationMs,
          violations,
          error,
          forwardTarget,
        },
      };
    },
    exportHar: async (selection) => {
      const { text, count, matched } = await replay.exportHar(selection);
      if (count === 0) return { ok: false, code: 'nothing-to-export' };
      return { ok: true, value: { count, matched, text, savedTo: null } };
    },
    importHar: async (text) => {
      if (text === null) return { ok: false, code: 'no-file' };
      const imported = await replay.importHar(text);
      if (!imported.ok) return imported;
      return { ok: true, value: { ...imported.value, overLimits: overLimits(imported.value.ids), opened: true } };
    },
  };
}

export function badTarget(target: string | null): Refused<ReplayFailure> | null {
  return target ? checkTargetUrl(target) : null;
}

/** A schema typed in an editor: a JSON object, a JSON Schema. */
function parseSchema(text: string): Result<Record<string, unknown>, ReplayFailure> {
  const read = readJson(text);
  if (!read.ok) return { ok: false, code: 'invalid-json', what: 'schema', reason: read.problem.reason };
  const value = read.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, code: 'schema-not-object' };
  return { ok: true, value: value as Record<string, unknown> };
}
