import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned } from '../helpers/flowent-signer';
import { handlerUrl, startHandler, type HandlerProcess } from '../helpers/handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// Seen installing the package: a handler answered 500 {"result":"","error":"database is down"},
// and serve's line said only `! your handler answered 500; Flowent treats anything but 2xx as a
// failed action`: why it failed was on the page ("Your handler's error: “database is down”", in
// the problem box) but in no line of serve, `calls` or `replay`, short of `calls <id>`'s body.
// They now quote it under the `!` line, in the page's words. A real serve child forwarding to a
// real handler process, a real history folder.
const KEY = 'answer-error-key';
const QUOTED = "  Your handler's error: “database is down”";
const dataDir = makeTempDir();
let handler: HandlerProcess | undefined;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  handler = await startHandler();
  serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir.path, '--forward', handler.target], {
    FLOWENT_HMAC_KEY: KEY,
  });
  const answer = await postSigned(serve.baseUrl, 'error500', {}, KEY);
  expect(answer.status).toBe(500);
  // serve prints its calls in the order they came, each with its notes: once the next call's line
  // is out, every line under the first one is too.
  expect((await postSigned(serve.baseUrl, 'ok', {}, KEY)).status).toBe(200);
  await serve.waitFor(/ ok {2}valid/);
});

afterAll(async () => {
  await stopServeAndFolder(serve, dataDir);
  await handler?.stop();
});

/** The line after the one that says the answer was not 2xx. */
function lineAfterNot2xx(output: string): string | undefined {
  const lines = output.split('\n');
  const at = lines.findIndex((line) => line.startsWith('  ! your handler answered 500;'));
  return at < 0 ? undefined : lines[at + 1];
}

describe("a handler's failed answer with an error of its own", () => {
  it("serve's line quotes the error under the `!` line", () => {
    expect(lineAfterNot2xx(serve!.stdout()), serve!.stdout()).toBe(QUOTED);
  });

  it('`calls` quotes it under the call, and `calls <id>` under its line', async () => {
    const listed = await runCli(['calls', '--data-dir', dataDir.path]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(lineAfterNot2xx(listed.stdout), listed.stdout).toBe(QUOTED);
    const shown = await runCli(['calls', '1', '--data-dir', dataDir.path]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(lineAfterNot2xx(shown.stdout), shown.stdout).toBe(QUOTED);
  });

  it('a replay to a handler that refuses it quotes what the handler said', async () => {
    const replayed = await runCli(
      ['replay', '1', '--target', handlerUrl(handler!, 'checks_parameters_first'), '--data-dir', dataDir.path],
      {
        FLOWENT_HMAC_KEY: KEY,
      },
    );
    expect(replayed.code, replayed.stderr).toBe(1);
    const lines = replayed.stdout.split('\n');
    const at = lines.findIndex((line) => line.startsWith('  ! your handler answered 400;'));
    expect(lines[at + 1], replayed.stdout).toBe("  Your handler's error: “Missing parameter: recipient”");
  });
});
