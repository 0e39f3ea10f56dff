import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { coresClosedAfterEach, newestCall } from '../../helpers/running-core';

// A request off Flowent's routes is stored for the developer to read, without the secrets it
// carries; a Flowent call's body is the developer's data, stored byte for byte whatever it holds.
const start = coresClosedAfterEach();

describe('the body of a request off Flowent routes', () => {
  it('is stored without the values of its secret fields, and the record says so', async () => {
    const core = await start();
    const body = '{"user": "dev", "password": "hunter2-long", "client_secret":"s3cr3t-value", "note": "kept"}';
    const answer = await core.post('/login', body);
    expect(answer.status).toBe(404);
    const call = await newestCall(core);
    expect(JSON.parse(call.requestBody)).toEqual({ user: 'dev', password: '[redacted]', client_secret: '[redacted]', note: 'kept' });
    expect(call.problemMessage).toBe(
      'Nothing is served at POST /login. Flowent calls go to POST /actions/<action_name>. The values of its secret fields were not stored.',
    );
  });

  it('is stored as it came when it carries no secret', async () => {
    const core = await start();
    await core.post('/elsewhere', '{"note": "plain"}');
    const call = await newestCall(core);
    expect(call.requestBody).toBe('{"note": "plain"}');
    expect(call.problemMessage).toBe('Nothing is served at POST /elsewhere. Flowent calls go to POST /actions/<action_name>.');
  });
});

it('a Flowent call with a parameter named password is stored byte for byte', async () => {
  const core = await start();
  const body = signedBody(flowentPayload('sign_in', { password: 'the-users-own-value' }), 'test-key');
  await core.post('/actions/sign_in', body);
  expect((await newestCall(core)).requestBody).toBe(body);
});
