import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runCli, startServe } from '../helpers/spawn-cli';

// Why the companion refused a call, in `serve`'s line and `calls`: in words by the status it
// explains, never a raw code, and never after a signature's why that did not decide the answer.
const KEY = 'request-problem-key';
const { cleanups, tempDir } = cleanupsPerTest();

const post = (url: string, body: string) => fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('a refused call’s line', () => {
  it('says the request problem in words, and lists a body naming another action under its URL’s', async () => {
    const dataDir = tempDir();
    const server = await startServe(['--port', '0', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    cleanups.push(() => {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    });

    const noParameters = await post(
      `${server.baseUrl}/actions/hok`,
      JSON.stringify({ action_name: 'hok', timestamp: Math.floor(Date.now() / 1000) }),
    );
    expect(noParameters.status).toBe(400);
    await server.waitFor(/ {2}hok {2}missing signature {2}400 refused: no parameters {2}[\d.]+ ms\n/);

    const mismatch = await post(`${server.baseUrl}/actions/hok`, signedBody(flowentPayload('other_name'), KEY));
    expect(mismatch.status).toBe(400);
    await server.waitFor(/ {2}hok \(action_name "other_name"\) {2}valid \(\S+\) {2}400 refused: action ≠ URL {2}[\d.]+ ms\n/);

    await post(`${server.baseUrl}/actions/hok`, '[1]');
    await server.waitFor(/POST \/actions\/hok {2}not a Flowent call {2}400 refused: body not an object {2}[\d.]+ ms\n/);
    await post(`${server.baseUrl}/actions/hok`, '{nope');
    await server.waitFor(/POST \/actions\/hok {2}not a Flowent call {2}400 refused: body not JSON {2}[\d.]+ ms\n/);

    const output = server.output();
    expect(output).not.toMatch(/missing-parameters|action-mismatch|not-an-object|invalid-json/);
    // The signature's why would lead with what did not decide the answer.
    expect(output).not.toContain('why: The body has no "signature"');

    const listed = await runCli(['calls', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^#2 {2}\S+ {2}hok \(action_name "other_name"\) {2}valid \(\S+\) {2}400 refused: action ≠ URL {2}/m);
    expect(listed.stdout).toMatch(/^#1 {2}\S+ {2}hok {2}missing signature {2}400 refused: no parameters {2}[\d.]+ ms$/m);
    expect(listed.stdout).not.toMatch(/missing-parameters|action-mismatch|other_name {2}/);
    const byAction = await runCli(['calls', '--data-dir', dataDir, '--action', 'hok', '--json']);
    const ids = byAction.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: number }).id);
    expect(ids.sort()).toEqual([1, 2]);
  });

  it('gives, under Signature, none of the signature’s advice the page drops for a call refused for its request', async () => {
    const dataDir = tempDir();
    const server = await startServe(['--port', '0', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    cleanups.push(() => {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    });
    // Unsigned, and an hour old: both have advice of their own, and neither decided the 400.
    const old = Math.floor(Date.now() / 1000) - 3600;
    const refused = await post(`${server.baseUrl}/actions/hok`, JSON.stringify({ action_name: 'hok', timestamp: old }));
    expect(refused.status).toBe(400);
    await server.waitFor(/400 refused: no parameters/);

    const shown = await runCli(['calls', '1', '--data-dir', dataDir]);
    expect(shown.code).toBe(0);
    const signature = shown.stdout.slice(shown.stdout.indexOf('\nSignature:'), shown.stdout.indexOf('\nAnswer:'));
    expect(signature).toMatch(/^\nSignature: {2}missing\n {2}timestamp \d+, \d+ s old/);
    expect(signature).toContain('Not signed: there is nothing to match.');
    expect(signature).not.toContain('what to do');
  });
});
