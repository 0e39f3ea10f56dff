import type { AnswersMethods, MockFormat } from '../../../contract/api';
import { isActionKey, isPositiveInteger, isUrlOrNull, noArguments, type ArgsCheckers } from './predicates';

/** A mock is a template, not a payload: 256 KB is far more than any real one. */
const MAX_MOCK_LENGTH = 256 * 1024;

export const answersArgs: ArgsCheckers<AnswersMethods> = {
  getAnswerSettings: noArguments,
  checkMock: (args) =>
    args.length === 2 && isMockText(args[0]) && isMockFormat(args[1])
      ? [args[0], args[1]]
      : `expects the mock as text (at most ${MAX_MOCK_LENGTH} characters) and "json" or "yaml".`,
  setMock: (args) =>
    args.length === 3 && isActionKey(args[0]) && isMockText(args[1]) && isMockFormat(args[2])
      ? [args[0], args[1], args[2]]
      : 'expects an action name (or null for every action), the mock as text and "json" or "yaml".',
  clearMock: (args) => (args.length === 1 && isActionKey(args[0]) ? [args[0]] : 'expects an action name, or null for the default.'),
  clearAllMocks: noArguments,
  mockFromCall: (args) => (args.length === 1 && isPositiveInteger(args[0]) ? [args[0]] : 'expects one call id (a positive integer).'),
  setForwardTarget: (args) =>
    args.length === 2 && isActionKey(args[0]) && isUrlOrNull(args[1])
      ? [args[0], args[1]]
      : 'expects an action name (or null for every action) and a URL (or null to remove it).',
  setAnswerMode: (args) =>
    args.length === 2 && isActionKey(args[0]) && (args[1] === null || args[1] === 'mock' || args[1] === 'forward')
      ? [args[0], args[1]]
      : 'expects an action name (or null for every action) and "mock", "forward" or null.',
  clearAnswerRoute: (args) => (args.length === 1 && isActionKey(args[0]) ? [args[0]] : 'expects an action name, or null for the default.'),
  clearAllAnswerRoutes: noArguments,
};

function isMockText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_MOCK_LENGTH;
}

function isMockFormat(value: unknown): value is MockFormat {
  return value === 'json' || value === 'yaml';
}
