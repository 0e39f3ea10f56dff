/**
 * The fake bridge checks mocks with the core's own parser and validator (cheap, pure, no
 * Electron): the UI is tested against the exact error shapes the core produces, syntax
 * errors with their line and column and field errors with their path.
 */
import type { MockCheck, MockFormat } from '../../main/contract/api';
import { parseMockText } from '../../main/core/answers/mock-file';

export function fakeCheckMock(text: string, format: MockFormat = 'json'): MockCheck {
  const checked = parseMockText(text, format);
  return checked.ok ? { ok: true, definition: checked.value } : { ok: false, errors: checked.errors };
}
