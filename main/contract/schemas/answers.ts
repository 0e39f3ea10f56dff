import * as z from 'zod';
import { argumentList } from './arguments';
import { actionKey, callId, count, urlOrNull } from './common';
import { MAX_JSON_TEXT } from '../names-and-limits';

export const mockFormat = z.enum(['json', 'yaml']).describe('"json" or "yaml"');

export const answerMode = z.enum(['mock', 'forward']);

/** A mock is a template, not a payload. */
const mockText = z
  .string()
  .max(MAX_JSON_TEXT)
  .describe(`the mock as text of at most ${count(MAX_JSON_TEXT)} characters`);

export const answersArguments = {
  getAnswerSettings: argumentList(),
  checkMock: argumentList(['text', mockText], ['format', mockFormat]),
  setMock: argumentList(['action', actionKey], ['text', mockText], ['format', mockFormat]),
  clearMock: argumentList(['action', actionKey]),
  clearAllMocks: argumentList(),
  mockFromCall: argumentList(['callId', callId]),
  setForwardTarget: argumentList(['action', actionKey], ['url', urlOrNull('to remove it')]),
  setAnswerMode: argumentList(
    ['action', actionKey],
    ['mode', answerMode.nullable().describe('"mock", "forward", or null to inherit the default')],
  ),
  clearAnswerRoute: argumentList(['action', actionKey]),
  clearAllAnswerRoutes: argumentList(),
};
