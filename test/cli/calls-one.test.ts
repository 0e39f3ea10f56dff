import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { useThreeCallHistory } from './three-calls-history';

// `calls <id>`: one call in full, as its line, the request, the signature, the answer and the handler.
const calls = useThreeCallHistory();

describe('calls <id>', () => {
  it('prints one call in full: its line, why, request, signature, answer', async () => {
    const one = await calls('2');
    expect(one.code, one.stderr).toBe(0);
    const lines = one.stdout.split('\n');
    expect(lines[0]).toMatch(/^#2 {2}\d\d:\d\d:\d\d {2}send_email {2}INVALID {2}200 {2}[\d.]+ ms$/);
    expect(lines[1]).toMatch(/^ {2}why: The signature matches none of the \d+ known styles/);
    expect(one.stdout).toMatch(/^Request: {2}POST \/actions\/send_email {2}from \S+$/m);
    expect(one.stdout).toMatch(/^ {2}content-type: application\/json$/m);
    expect(one.stdout).toMatch(/^ {2}\{"action_name":"send_email",.*"signature":"[0-9a-f]{64}"/m);
    expect(one.stdout).toMatch(/^Signature: {2}invalid, received [0-9a-f]{64}$/m);
    expect(one.stdout).toMatch(/^ {2}no match {2}python +Python example/m);
    expect(one.stdout).toMatch(/^Answer: {2}200\n {2}answered by: the built-in answer \(send_email has no mock\)$/m);
    expect(one.stdout).toMatch(/^ {2}\{"result":"ok","error":""\}$/m);
    expect(one.stdout).toMatch(/^Handler: {2}none answered/m);
    expect(one.stderr).toBe('');

    const valid = await calls('#1');
    expect(valid.stdout).toMatch(/^Signature: {2}valid \(\w+\), received [0-9a-f]{64}$/m);
    expect(valid.stdout).toMatch(/^ {2}matched {3}python +Python example/m);
  });

  it('prints the full record with --json', async () => {
    const one = await calls('2', '--json');
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout.trim().split('\n')).toHaveLength(1);
    const record = JSON.parse(one.stdout) as Record<string, unknown>;
    expect(record).toMatchObject({
      id: 2,
      verdict: 'invalid',
      status: 200,
      handlerSignature: null,
      signatureDiagnosis: { code: 'no-match' },
      response: { status: 200, body: '{"result":"ok","error":""}' },
      signature: { verdict: 'invalid' },
      forward: { target: null },
      handler: null,
    });
    expect(record.requestHeaders).toContainEqual(['content-type', 'application/json']);
    expect(String(record.requestBody)).toContain('"action_name":"send_email"');
    expect(typeof record.requestBodyBase64).toBe('string');
  });

  it('is in the help', async () => {
    const help = await runCli(['calls', '--help']);
    expect(help.stdout).toMatch(/^Usage: flowent-companion calls \[<id\.\.\.>\] \[options\]$/m);
    expect(help.stdout).toMatch(/^Given call ids .* print each of those calls in full/m);
  });

  it('says a call is not there, and exits 1; ids and filters do not go together (exit 2)', async () => {
    const none = await calls('99');
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe('flowent-companion calls: There is no call #99 in the history (it may have been cleared).\n');
    const both = await calls('2', '--action', 'send_email');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give call ids or filters \(--action, .*\), not both/);
    const bad = await calls('two');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"two" is not a call id/);
  });
});
