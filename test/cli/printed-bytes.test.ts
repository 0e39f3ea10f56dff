import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

// What the command prints of bytes from outside (a handler's answer, a HAR someone else exported)
// never reaches the terminal as control characters: ESC could move the cursor or retitle the
// window, CR rewrite the line, BEL ring. They are printed escaped, as JSON writes them.

const KEY = 'printed-bytes-key';
/** Any control character but the newline that ends each line: C0, DEL, C1. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** ESC ] 0 ; ... BEL retitles a terminal window; ESC [ 2 J clears it; CSI as one C1 character. */
const HOSTILE = '\u001b]0;owned\u0007\u001b[2J\r\u009b31m';

const { tempDir } = cleanupsPerTest();
let handler: Server;
let port = 0;

beforeAll(async () => {
  // /binary answers every byte value, as `bytes(range(256))`; anything else a plain JSON answer.
  handler = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url === '/binary') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"result":"ok","error":""}');
      }
    });
  });
  await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
  port = (handler.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => handler.close(resolve));
});

/** A HAR of one call, as someone else's tool exported it: its answer, a header, its path and violations carry control characters. */
function hostileHar(dir: string): string {
  const file = join(dir, 'from-someone.har');
  const entry = {
    startedDateTime: new Date().toISOString(),
    time: 2,
    _path: `/actions/greet${HOSTILE}`,
    _violations: [{ code: 'not-json', message: `the answer was ${HOSTILE}` }],
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:8787/actions/greet',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      postData: { mimeType: 'application/json', text: '{"parameters":{},"timestamp":1700000000}' },
    },
    response: {
      status: 200,
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-Note', value: HOSTILE },
      ],
      content: { text: `{"result":"${HOSTILE}"}\nsecond line${HOSTILE}` },
    },
  };
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'elsewhere', version: '1' }, entries: [entry] } }));
  return file;
}

describe('bytes from outside are printed escaped', () => {
  it("send prints a binary answer's control characters escaped, on its one line", async () => {
    const dir = tempDir();
    const sent = await runCli(['send', 'binr', '--target', `http://127.0.0.1:${port}/binary`, '--data-dir', dir], {
      FLOWENT_HMAC_KEY: KEY,
    });
    expect(sent.code, sent.stderr).toBe(1);
    expect(sent.stdout).not.toMatch(RAW_CONTROL);
    const answer = sent.stdout.split('\n').find((line) => line.startsWith('  answer:'));
    expect(answer).toContain(String.raw`200 \u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e`);
    expect(answer).toContain(String.raw`\u001b\u001c\u001d\u001e\u001f !"#$%&'()*+,-./0123`);
    expect(answer).toContain(String.raw`xyz{|}~\u007f`);
  });

  it('calls, calls --json and replay --diff print an imported call escaped', async () => {
    const dir = tempDir();
    const imported = await runCli(['import', hostileHar(dir), '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY });
    expect(imported.code, imported.stderr).toBe(0);

    const listed = await runCli(['calls', '--data-dir', dir]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).not.toMatch(RAW_CONTROL);
    expect(listed.stdout).toContain(String.raw`POST /actions/greet\u001b]0;owned\u0007\u001b[2J\r\u009b31m`);
    expect(listed.stdout).toContain(String.raw`  ! the answer was \u001b]0;owned\u0007\u001b[2J\r\u009b31m`);

    const json = await runCli(['calls', '--json', '--data-dir', dir]);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    // Escaped, it is still the same JSON.
    expect((JSON.parse(json.stdout) as { path: string }).path).toBe(`/actions/greet${HOSTILE}`);

    const replayed = await runCli(['replay', '1', '--diff', '--target', `http://127.0.0.1:${port}/json`, '--data-dir', dir]);
    expect(replayed.stdout).toMatch(/^#1 → #2 {2}200 {2}changed/m);
    expect(replayed.stdout).not.toMatch(RAW_CONTROL);
    expect(replayed.stdout).toContain(String.raw`    header x-note: \u001b]0;owned\u0007\u001b[2J\r\u009b31m → (none)`);
    expect(replayed.stdout).toContain(String.raw`    - {"result":"\u001b]0;owned\u0007\u001b[2J\r\u009b31m"}`);
    expect(replayed.stdout).toContain(String.raw`    - second line\u001b]0;owned\u0007\u001b[2J\r\u009b31m`);
  });
});
