import { describe, expect, it } from 'vitest';
import { spoilSignature } from '../../../main/core/replay/spoil-signature';
import { sign, verify } from '../../../main/core/signature';
import { STYLE_NAMES } from '../../../main/contract/api';

const KEY = 'spoil-key';
const PAYLOAD = '{"action_name":"ticket","parameters":{"note":"a \\"signature\\":\\"x\\" in text","city":"Zürich"},"timestamp":1700000000}';

describe('spoilSignature', () => {
  it.each(STYLE_NAMES)('changes only the last digit of a %s signature, so that it matches no style', (style) => {
    const signed = sign(PAYLOAD, KEY, style);
    const spoiled = spoilSignature(Buffer.from(signed.body, 'utf8')).toString('utf8');
    const changed = [...spoiled].flatMap((char, at) => (char === signed.body[at] ? [] : [at]));
    expect(spoiled).toHaveLength(signed.body.length);
    expect(changed).toEqual([signed.body.indexOf(signed.signature) + 63]);
    expect(verify(Buffer.from(spoiled, 'utf8'), KEY, { receivedAt: 1700000000_000 }).verdict).toBe('invalid');
    expect(verify(Buffer.from(signed.body, 'utf8'), KEY, { receivedAt: 1700000000_000 }).verdict).toBe('valid');
  });
});
