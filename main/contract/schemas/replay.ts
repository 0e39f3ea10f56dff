import * as z from 'zod';
import { MAX_BULK_CONCURRENCY, MAX_HAR_IMPORT_BYTES, MAX_SELECTION } from '../names-and-limits';
import { argumentList } from './arguments';
import { callFilter } from './calls';
import { styleName } from './handlers';
import { actionName, callId, count, flag, jsonText, parametersText, seed, urlOrNull } from './common';

/** `as-is`: the original bytes and headers; `resign`: a fresh timestamp signed with the current key. */
export const replayMode = z.enum(['as-is', 'resign']).describe('"as-is" or "resign"');

const target = urlOrNull("for the action's forwarding target");

const styleOrNull = styleName.nullable().describe(`${styleName.description}, or null for the style learned from Flowent's calls`);

/**
 * Which calls: these ids, or the calls matching the filter (oldest first); with `limit`, only
 * the newest `limit` of them.
 */
export const callSelection = z
  .union([
    z.strictObject({
      ids: z
        .array(callId)
        .min(1)
        .max(MAX_SELECTION)
        .describe(`a list of 1-${count(MAX_SELECTION)} call ids`),
    }),
    z.strictObject({
      filter: callFilter,
      limit: z
        .int()
        .min(1)
        .max(MAX_SELECTION)
        .optional()
        .describe(`a whole number from 1 to ${count(MAX_SELECTION)}`),
    }),
  ])
  .describe('a selection');

export const bulkReplayOptions = z
  .strictObject({
    /** Replays at once, 1-MAX_BULK_CONCURRENCY (1: strictly in order). */
    concurrency: z.int().min(1).max(MAX_BULK_CONCURRENCY).describe(`a whole number from 1 to ${MAX_BULK_CONCURRENCY}`),
    /** Fresh timestamp and signature (learned style) instead of the original bytes. */
    resign: flag,
    /** Null: each action's forwarding target. */
    target,
    /** New parameters for every call, as a JSON object in text: each replay is re-signed with them. */
    parameters: parametersText.nullable().optional().describe("JSON text, or null to keep each call's parameters"),
    /** The signing style for re-signed replays; null: the style learned from Flowent's calls. */
    style: styleOrNull.optional(),
  })
  .describe('the options');

export const simulateRequest = z
  .strictObject({
    action: actionName,
    /** The parameters object as JSON text; null: generated from the schema with `seed`. */
    parameters: parametersText.nullable().describe('JSON text, or null to generate them'),
    seed,
    /** Flowent's registration check (`"test": true`, unsigned) instead of a call. */
    test: flag,
    /** Null: the action's forwarding target. */
    target,
    /** A JSON Schema (text) to generate the parameters from instead of the action's known one. */
    schema: jsonText.nullable().optional().describe("JSON text, or null for the action's known schema"),
    /** The signing style; null: the style learned from Flowent's calls. */
    style: styleOrNull.optional(),
    /** Spoil the signature once signed, to check that the handler refuses it (not with `test`, which is unsigned). */
    wrongSignature: flag.optional(),
  })
  .describe('a request');

export const replayArguments = {
  /** `style`: the signing style of a re-signed replay (ignored as is); null or left out: the learned one. */
  replayCall: argumentList(['id', callId], ['mode', replayMode], ['target', target], ['style', styleOrNull.optional()]),
  replayEdited: argumentList(['id', callId], ['parameters', parametersText], ['target', target], ['style', styleOrNull.optional()]),
  copyAsCurl: argumentList(['id', callId], ['resign', flag], ['style', styleOrNull.optional()]),
  previewBulkReplay: argumentList(['selection', callSelection]),
  startBulkReplay: argumentList(['selection', callSelection], ['options', bulkReplayOptions]),
  cancelBulkReplay: argumentList([
    'runId',
    z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .describe('a run id'),
  ]),
  listBulkReplays: argumentList(),
  getLearnedStyle: argumentList(),
  listSimulatorActions: argumentList(),
  saveSimulatorAction: argumentList(['action', actionName], ['schema', jsonText.nullable().describe('JSON text, or null to remove it')]),
  generateParameters: argumentList(['action', actionName], ['seed', seed]),
  checkSimulatedParameters: argumentList(['action', actionName], ['parameters', parametersText]),
  simulateCall: argumentList(['request', simulateRequest]),
  exportHar: argumentList(['selection', callSelection]),
  importHar: argumentList([
    'text',
    z
      .string()
      .max(MAX_HAR_IMPORT_BYTES)
      .nullable()
      .describe(`the HAR file as text of at most ${count(MAX_HAR_IMPORT_BYTES)} characters, or null to choose the file in a dialog`),
  ]),
};
