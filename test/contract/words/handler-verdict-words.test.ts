import { describe, expect, it } from 'vitest';
import { handlerVerdictWords, type HandlerVoice } from '../../../main/contract/words/handler-verdict-words';

const LINE: HandlerVoice = { subject: 'handler', owner: "handler's", alarm: (word) => word.toUpperCase() };

describe("the handler's verdict in words", () => {
  it('speaks of the signature only when the call carried one', () => {
    expect(handlerVerdictWords('accepted', 'valid', LINE)).toBe('handler accepted the signature');
    expect(handlerVerdictWords('refused', 'invalid', LINE)).toBe('handler REJECTED the signature');
    // Flowent's registration check is unsigned: what the handler took is the check.
    expect(handlerVerdictWords('accepted', 'unsigned-test', LINE)).toBe('handler accepted the registration check');
    expect(handlerVerdictWords('refused', 'unsigned-test', LINE)).toBe('handler REJECTED the registration check');
    expect(handlerVerdictWords('accepted', 'missing', LINE)).toBe('handler accepted the call, which carried no signature');
    expect(handlerVerdictWords('unknown', 'valid', LINE)).toBe("handler's answer says nothing about the signature");
  });
});
