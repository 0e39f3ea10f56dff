import { describe, expect, it } from 'vitest';
import { handlerChecks } from '../../../main/core/answers/handler-lesson';

const REFUSED = {
  status: 401,
  headers: [['content-type', 'application/json']] as [string, string][],
  body: Buffer.from('{"error":"Invalid signature"}'),
};

describe('handlerChecks', () => {
  it('keeps the target as configured, {action_name} and all, so a probe can be sent to it', () => {
    expect(handlerChecks(REFUSED, ' http://127.0.0.1:8000/actions/{action_name} ')).toEqual({
      handlerSignature: 'refused',
      handlerTarget: 'http://127.0.0.1:8000/actions/{action_name}',
    });
  });

  it('never keeps credentials written in the URL', () => {
    expect(handlerChecks(REFUSED, 'https://dev:s3cret@handler.example/actions/{action_name}?x=1').handlerTarget).toBe(
      'https://handler.example/actions/{action_name}?x=1',
    );
    // An @ later in the URL is not a credential.
    expect(handlerChecks(REFUSED, 'http://handler.example/a@b').handlerTarget).toBe('http://handler.example/a@b');
  });
});
