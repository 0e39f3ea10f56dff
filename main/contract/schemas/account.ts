import * as z from 'zod';
import { FOLLOW_MODES } from '../names-and-limits';
import { argumentList } from './arguments';
import { actionName, callId, count, flag, MAX_URL_LENGTH, secret, urlOrNull } from './common';
import { MAX_JSON_TEXT } from '../names-and-limits';

/**
 * Far above Flowent's own limits (name 100, description 500): only shapes are checked here, and
 * Flowent's own rules (name pattern, lengths, URL, a valid JSON Schema) are the core's
 * checkAction, which answers every problem at once in words.
 */
const MAX_TEXT = 16 * 1024;

const text = z
  .string()
  .max(MAX_TEXT)
  .describe(`text of at most ${count(MAX_TEXT)} characters`);

const jsonSchemaObject = z
  .record(z.string(), z.unknown())
  .refine((schema) => JSON.stringify(schema).length <= MAX_JSON_TEXT)
  .describe('a JSON object of at most 256 KB');

const profileName = z
  .string()
  .regex(/^[a-z0-9_-]{1,40}$/)
  .describe('a profile name of 1-40 lowercase letters, digits, _ or -');

/** A Flowent instance the user works with (e.g. staging, production). Never holds the token. */
export const flowentProfile = z
  .strictObject({
    /** 1-40 lowercase letters, digits, `_` or `-`; "default" always exists. */
    name: z.string().max(40).describe('text of at most 40 characters'),
    /** The Gateway's base URL, e.g. https://api.flowent.chat/api/v1/gateway */
    baseUrl: z.string().max(MAX_URL_LENGTH).describe(`a URL of at most ${MAX_URL_LENGTH} characters`),
  })
  .describe('a profile');

/** Registering an action: every field is required. */
export const actionCreate = z
  .strictObject({
    name: text,
    description: text,
    webhook_url: text,
    json_schema: jsonSchemaObject,
  })
  .describe('the action fields');

/** Updating an action: any of its fields but its name. */
export const actionUpdate = actionCreate
  .omit({ name: true })
  .partial()
  .describe(
    'the changes to the action, never its name (to rename an action, register it under the new name and delete the old one), with the fields',
  );

export const followMode = z.enum(FOLLOW_MODES).describe('"auto" or "ask"');

export const accountArguments = {
  getAccount: argumentList(),
  saveProfile: argumentList(['profile', flowentProfile]),
  deleteProfile: argumentList(['name', profileName]),
  setActiveProfile: argumentList(['name', profileName]),
  setFlowentApiToken: argumentList(['profile', profileName], ['token', secret]),
  clearFlowentApiToken: argumentList(['profile', profileName]),
  connectFlowent: argumentList(),
  listActions: argumentList(),
  getAction: argumentList(['name', actionName]),
  checkAction: argumentList(['input', actionCreate.partial().describe('some of the action fields')], ['partial', flag]),
  registerAction: argumentList(['input', actionCreate]),
  updateAction: argumentList(['name', actionName], ['changes', actionUpdate], ['companionBase', urlOrNull('for none').optional()]),
  deleteAction: argumentList(['name', actionName]),
  registerHere: argumentList(
    ['name', text],
    ['description', text],
    ['schema', jsonSchemaObject],
    ['baseUrl', urlOrNull('for the public tunnel URL')],
  ),
  linkAction: argumentList(['name', actionName], ['repoint', flag], ['baseUrl', urlOrNull('for the public tunnel URL').optional()]),
  unlinkAction: argumentList(['name', actionName], ['profile', profileName]),
  setFollowMode: argumentList(['mode', followMode]),
  applyFollow: argumentList(),
  checkParameters: argumentList(['callId', callId]),
};
