import { describe, expect, it } from 'vitest';
import { sentActionCell, sentActionLineWords } from '../../../main/contract/words';

// The row and the call line say from one rule whether the body's action_name was a name at all.
describe("a body's action_name that is not the name the call is listed under", () => {
  it('another valid action than the URL’s: both names, and no "not a name"', () => {
    const call = { action: 'hok', sentAction: '"other_name"', problem: 'action-mismatch' };
    expect(sentActionCell(call, 'hok')).toEqual({
      listedAs: 'hok',
      arrow: '←',
      arrowLabel: "the body's action_name:",
      sent: '"other_name"',
      notAName: null,
      sentence: 'The body\'s action_name is "other_name". The URL names hok.',
    });
    expect(sentActionLineWords(call, 'hok')).toBe('hok (action_name "other_name")');
  });

  it('no valid action name: said so on the row and on the line', () => {
    const call = { action: null, sentAction: '5', problem: 'invalid-action-name' };
    const cell = sentActionCell(call, '/webhook');
    expect(cell?.notAName).toBe('not a name');
    expect(cell?.sentence).toBe("The body's action_name is 5: not a valid action name.");
    expect(sentActionLineWords(call, 'POST /webhook')).toBe('POST /webhook (action_name 5: not a valid name)');
  });

  it('the body named the action it is listed under: the listed name alone', () => {
    const call = { action: 'send_email', sentAction: null, problem: null };
    expect(sentActionCell(call, 'send_email')).toBeNull();
    expect(sentActionLineWords(call, 'send_email')).toBe('send_email');
  });
});
