import type { MockChoice, MockResponseChoice } from '../calls';

/**
 * Which mock answered a call and which of its answers, as the page's details say it after
 * "Answered by" (`the mock of send_email, rule 'vip customer'`). A mock of one answer is just
 * "the mock of X": it has no rules, so nothing held or failed to.
 */
export function mockChoiceWords(choice: MockChoice, action: string | null): string {
  const actionName = action ?? 'this call';
  if (choice.mock === 'none') return `the built-in answer (${actionName} has no mock)`;
  const whose = choice.mock === 'action' ? `the mock of ${actionName}` : 'the default mock for every action';
  if (choice.response.kind === 'built-in') return `the built-in answer (${whose} has no response or fallback that applies)`;
  if (choice.response.kind === 'only') return choice.response.name ? `${whose}, its answer '${choice.response.name}'` : whose;
  return `${whose}, ${responseWords(choice.response)}`;
}

function responseWords(response: Extract<MockResponseChoice, { kind: 'response' | 'fallback' }>): string {
  if (response.kind === 'fallback') return response.name ? `its fallback '${response.name}'` : 'its fallback (no rule held)';
  const named = response.name ? ` '${response.name}'` : '';
  switch (response.selection) {
    case 'rules':
      return response.name ? `rule${named}` : `rule responses[${response.index}]`;
    case 'sequence':
      return `sequence #${response.index + 1}${named}`;
    case 'random':
      return `random pick responses[${response.index}]${named}`;
    default: {
      const unknown: never = response.selection;
      throw new Error(`unknown selection ${String(unknown)}`);
    }
  }
}
