import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { useHandler } from '../helpers/handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const KEY = 'cli-test-key';
const { cleanups, tempDir } = cleanupsPerTest();
const handler = useHandler();

function file(dir: string, name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function serve(args: string[]): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--no-inspector', ...args], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

const post = async (url: string, body: string) => {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: response.status, json: (await response.json().catch(() => null)) as unknown };
};

describe('flowent-companion mocks', () => {
  it('sets mocks from JSON and YAML, lists them, a running serve uses them, and they survive a restart', async () => {
    const dataDir = tempDir();
    const json = file(dataDir, 'mock.json', JSON.stringify({ status: 201, body: { result: 'Hi {{parameters.name}}', error: '' } }));
    const yamlText =
      '# VIPs first\nselection: rules\nresponses:\n  - when: {path: parameters.vip, equals: true}\n    body: {result: "vip", error: ""}\nfallback:\n  body: {result: "from yaml", error: ""}\n';
    const yaml = file(dataDir, 'default.yaml', yamlText);
    const server = await serve(['--data-dir', dataDir]);
    const setJson = await runCli(['mocks', 'set', 'greet', '--file', json, '--data-dir', dataDir]);
    expect(setJson).toMatchObject({ code: 0, stdout: expect.stringContaining('Stored the mock for action greet.') });
    const setYaml = await runCli(['mocks', 'set', '--default', '--file', yaml, '--data-dir', dataDir]);
    expect(setYaml.code).toBe(0);

    // The running server picks the change up at its next call.
    expect(await post(`${server.baseUrl}/actions/greet`, signedBody(flowentPayload('greet', { name: 'Ada' }), KEY))).toEqual({
      status: 201,
      json: { result: 'Hi Ada', error: '' },
    });
    expect((await post(`${server.baseUrl}/actions/other`, signedBody(flowentPayload('other', { vip: true }), KEY))).json).toEqual({
      result: 'vip',
      error: '',
    });

    const listed = await runCli(['mocks', 'list', '--data-dir', dataDir]);
    expect(listed.stdout).toMatch(
      /^\(default\) {2}rules: 200 when parameters\.vip equals true \| 200 \(last is the fallback\)\ngreet {2}one answer: 201\n$/,
    );
    const listedJson = await runCli(['mocks', 'list', '--json', '--data-dir', dataDir]);
    const lines = listedJson.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string | null; definition: { fallback: { status: number } } });
    expect(lines.map((m) => m.action)).toEqual([null, 'greet']);
    expect(lines[1]?.definition.fallback.status).toBe(201);
    // Each mock as it was written: the YAML with its comment and key order, the JSON as given.
    expect(await runCli(['mocks', 'get', '--default', '--data-dir', dataDir])).toMatchObject({ code: 0, stdout: yamlText });
    expect((await runCli(['mocks', 'get', 'greet', '--data-dir', dataDir])).stdout).toBe(`${readFileSync(json, 'utf8')}\n`);
    expect(await runCli(['mocks', 'get', 'nobody', '--data-dir', dataDir])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('there is no mock for action nobody, so the default mock (mocks get --default) answers it.'),
    });

    server.child.kill('SIGTERM');
    await server.exited;
    const again = await serve(['--data-dir', dataDir]);
    expect((await post(`${again.baseUrl}/actions/greet`, signedBody(flowentPayload('greet', { name: 'Bo' }), KEY))).json).toEqual({
      result: 'Hi Bo',
      error: '',
    });

    expect((await runCli(['mocks', 'clear', 'greet', '--data-dir', dataDir])).stdout).toMatch(/Removed the mock for action greet/);
    expect((await post(`${again.baseUrl}/actions/greet`, signedBody(flowentPayload('greet'), KEY))).json).toEqual({
      result: 'from yaml',
      error: '',
    });
    expect((await runCli(['mocks', 'clear', '--all', '--data-dir', dataDir])).stdout).toMatch(
      /Removed 1 mock \(in the history folder's answers\)\./,
    );
    expect((await runCli(['mocks', 'list', '--data-dir', dataDir])).stderr).toMatch(/No mocks stored/);
  });

  it('says a saved target forwards an action, password as ***, where set, get and list would name its mock or the built-in answer', async () => {
    const dataDir = tempDir();
    const target = 'http://deploy:S3CRET@127.0.0.1:9/actions/{action_name}';
    const forwarded = 'forwarded to http://deploy:***@127.0.0.1:9/actions/{action_name} (its saved target)';
    expect((await runCli(['targets', 'set', 'send_email', target, '--data-dir', dataDir])).code).toBe(0);
    const none = await runCli(['mocks', 'get', 'send_email', '--data-dir', dataDir]);
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr).toBe(
      'flowent-companion mocks: there is no mock for action send_email, and none is what answers: calls for action send_email: ' +
        `${forwarded}. A call the handler gives no answer gets the built-in answer, 200 {"result":"ok","error":""} only with serve --fallback-to-mock.\n`,
    );
    expect((await runCli(['mocks', 'list', '--data-dir', dataDir])).stderr).toContain(
      'No mocks stored: every action no target forwards ("targets list" says which do) answers {"result":"ok","error":""}.',
    );

    const mock = file(dataDir, 'mock.json', JSON.stringify({ status: 200, body: { result: 'mocked', error: '' } }));
    const note =
      `Note: the mock for action send_email is not what answers: calls for action send_email: ${forwarded}. ` +
      'It answers only a call the handler gives no answer, with serve --fallback-to-mock; ' +
      '"flowent-companion targets mode send_email mock" makes it answer every call.\n';
    // Stored all the same, with the words get and list say.
    const set = await runCli(['mocks', 'set', 'send_email', '--file', mock, '--data-dir', dataDir]);
    expect(set).toMatchObject({ code: 0, stdout: expect.stringContaining('Stored the mock for action send_email.'), stderr: note });
    const got = await runCli(['mocks', 'get', 'send_email', '--data-dir', dataDir]);
    expect(got).toMatchObject({ code: 0, stderr: note });
    expect(JSON.parse(got.stdout)).toMatchObject({ body: { result: 'mocked' } });
    const listed = await runCli(['mocks', 'list', '--data-dir', dataDir]);
    expect(listed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^send_email {2}one answer: 200\n$/), stderr: note });
    // As JSON, each mock says what answers its action's calls: the mock, or forwarding to a handler.
    const answeredBy = async () =>
      (await runCli(['mocks', 'list', '--json', '--data-dir', dataDir])).stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { action: string | null; answeredBy: unknown })
        .map(({ action, answeredBy }) => ({ action, answeredBy }));
    expect(await answeredBy()).toEqual([{ action: 'send_email', answeredBy: 'forward' }]);
    expect(listed.stderr + got.stderr + none.stderr).not.toContain('S3CRET');

    // Set back to its mock, the mock answers: nothing more is said.
    expect((await runCli(['targets', 'mode', 'send_email', 'mock', '--data-dir', dataDir])).code).toBe(0);
    expect(await runCli(['mocks', 'get', 'send_email', '--data-dir', dataDir])).toMatchObject({ code: 0, stderr: '' });
    expect(await runCli(['mocks', 'set', 'send_email', '--file', mock, '--data-dir', dataDir])).toMatchObject({ code: 0, stderr: '' });
    expect(await answeredBy()).toEqual([{ action: 'send_email', answeredBy: 'mock' }]);

    // The default's target forwards every action without a setting of its own: the default mock says so as it is set.
    expect((await runCli(['targets', 'set', '--default', 'http://127.0.0.1:9/hooks', '--data-dir', dataDir])).code).toBe(0);
    expect(await runCli(['mocks', 'set', '--default', '--file', mock, '--data-dir', dataDir])).toMatchObject({
      code: 0,
      stderr:
        'Note: the default mock is not what answers: calls for every action without a setting of its own: ' +
        'forwarded to http://127.0.0.1:9/hooks (the saved default target). It answers only a call the handler gives no answer, ' +
        'with serve --fallback-to-mock; "flowent-companion targets mode --default mock" makes it answer those calls.\n',
    });
    expect(await answeredBy()).toEqual([
      { action: null, answeredBy: 'forward' },
      { action: 'send_email', answeredBy: 'mock' },
    ]);
  });

  it('says an action with no mock, and no default stored, gets the built-in answer, and what it is', async () => {
    const dataDir = tempDir();
    expect((await runCli(['mocks', 'clear', '--all', '--data-dir', dataDir])).code).toBe(0);
    const got = await runCli(['mocks', 'get', 'nothere', '--data-dir', dataDir]);
    expect(got.code).toBe(1);
    expect(got.stderr).toBe(
      'flowent-companion mocks: there is no mock for action nothere, nor a default mock, so it gets the built-in answer, ' +
        '200 {"result":"ok","error":""}.\n',
    );
    expect(await runCli(['mocks', 'get', '--default', '--data-dir', dataDir])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'no mock for the default (every action without its own), so they get the built-in answer, 200 {"result"',
      ),
    });
    // Clearing it is no mistake (exit 0), and says nothing was there to clear.
    expect(await runCli(['mocks', 'clear', 'nothere', '--data-dir', dataDir])).toMatchObject({
      code: 0,
      stdout: 'There was no mock for action nothere.\n',
    });
    // What a serve on that folder answers it, truly.
    const server = await serve(['--data-dir', dataDir]);
    expect(await post(`${server.baseUrl}/actions/nothere`, signedBody(flowentPayload('nothere', {}), KEY))).toEqual({
      status: 200,
      json: { result: 'ok', error: '' },
    });
  });

  it('explains a bad file: which field, what is wrong, where in the template', async () => {
    const dataDir = tempDir();
    const text = JSON.stringify({ status: '200', body: { result: 'Hi {{#if parameters.x}}', error: '' }, delay: 5 });
    const bad = file(dataDir, 'bad.json', text);
    const result = await runCli(['mocks', 'set', 'greet', '--file', bad, '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bad} is not a valid mock:`);
    expect(result.stderr).toContain(`  delay (line 1, column ${text.indexOf('"delay"') + 1}): unknown field "delay"`);
    expect(result.stderr).toContain(
      `  status (line 1, column ${text.indexOf('"200"') + 1}): status must be an HTTP status from 100 to 599, not the text "200"`,
    );
    expect(result.stderr).toMatch(/ {2}body\.result: template syntax error: .*\(line 1/);

    const badField = file(dataDir, 'field.yaml', 'status: 200\nfault: explode\n');
    expect((await runCli(['mocks', 'set', 'greet', '--file', badField, '--data-dir', dataDir])).stderr).toMatch(
      / {2}fault \(line 2, column 8\): fault must be one of timeout, drop, non-json, error/,
    );

    const yaml = file(dataDir, 'bad.yaml', 'status: 200\n  body: x\n');
    const yamlResult = await runCli(['mocks', 'set', 'greet', '--file', yaml, '--data-dir', dataDir]);
    expect(yamlResult.code).toBe(2);
    expect(yamlResult.stderr).toMatch(/not valid YAML: .*\(line \d+, column \d+\)/);

    const missing = await runCli(['mocks', 'set', 'greet', '--file', join(dataDir, 'nope.json'), '--data-dir', dataDir]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read .*nope\.json: there is no such file/) });
    expect((await runCli(['mocks', 'list', '--data-dir', dataDir])).stdout).toBe('');
  });

  it("warns where a mock's answer breaks Flowent's contract, in the check's words, and stores it all the same", async () => {
    const dataDir = tempDir();
    const resultNumber = file(dataDir, 'result-number.json', JSON.stringify({ status: 200, body: { result: 5, error: '' } }, null, 2));
    const set = await runCli(['mocks', 'set', 'bad_result', '--file', resultNumber, '--data-dir', dataDir]);
    expect(set).toMatchObject({ code: 0, stdout: expect.stringContaining('Stored the mock for action bad_result.') });
    expect(set.stderr).toBe(
      `flowent-companion mocks: warning: ${resultNumber} breaks Flowent's contract; stored all the same:\n` +
        // On the line the page's editor marks: "result": 5 is line 4, its value at column 15.
        '  body.result (line 4, column 15): the mock answered 200 but `result` is a number; Flowent expects a string (use JSON.stringify for structured data).\n',
    );
    // In YAML each warning says its line and the column of the value at fault, as the editor marks it.
    const failing = file(dataDir, 'failing.yaml', 'status: 503\nbody:\n  result: ""\n  error: down\n');
    const yaml = await runCli(['mocks', 'set', 'down', '--file', failing, '--data-dir', dataDir]);
    expect(yaml.code).toBe(0);
    expect(yaml.stderr).toMatch(
      /^ {2}status \(line 1, column 9\): the mock answered 503; Flowent treats anything but 2xx as a failed action/m,
    );
    expect((await runCli(['mocks', 'get', 'down', '--data-dir', dataDir])).stdout).toBe(readFileSync(failing, 'utf8'));
    // A mock that keeps the contract gets no word.
    const fine = file(dataDir, 'fine.json', JSON.stringify({ body: { result: 'ok', error: '' } }));
    expect((await runCli(['mocks', 'set', 'fine', '--file', fine, '--data-dir', dataDir])).stderr).toBe('');

    // A call answered with that result, made a mock again: the copy breaks the contract the same way.
    const server = await serve(['--data-dir', dataDir]);
    await post(`${server.baseUrl}/actions/bad_result`, signedBody(flowentPayload('bad_result'), KEY));
    const copied = await runCli(['mocks', 'from-call', '1', '--data-dir', dataDir]);
    expect(copied.code).toBe(0);
    expect(copied.stderr).toMatch(
      /^flowent-companion mocks: warning: the mock made from call #1 breaks Flowent's contract; stored all the same:\n {2}fallback\.body\.result \(line \d+, column \d+\): the mock answered 200 but `result` is a number/,
    );
    // Its line is the one of the stored mock's text ("mocks get" prints it) that holds the result.
    const line = Number(/\(line (\d+),/.exec(copied.stderr)?.[1]);
    const stored = (await runCli(['mocks', 'get', 'bad_result', '--data-dir', dataDir])).stdout.split('\n');
    expect(stored[line - 1]).toMatch(/"result": 5/);

    // An answers folder: each warning at its file, line and column, as a mistake in an answer file is said.
    const folder = join(dataDir, 'answers');
    mkdirSync(folder);
    file(folder, 'teapot.yaml', 'version: 1\nstatus: 418\nbody: {result: "", error: "short and stout"}\n');
    file(
      folder,
      'steps.yaml',
      '# Answers for the steps flow\nversion: 1\nmode: mock\nselection: sequence\nresponses:\n' +
        '  - body: {result: "first", error: ""}\n  - status: 200\n    body:\n      result: 5\n      error: ""\n',
    );
    const imported = await runCli(['mocks', 'import', folder, '--data-dir', dataDir]);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining('Imported 2 mocks') });
    const [warned, ...warnings] = imported.stderr.trimEnd().split('\n');
    expect(warned).toBe("flowent-companion mocks: warning: 2 imported mocks break Flowent's contract; stored all the same:");
    // The mocks are stored as JSON; the lines are the files' (steps.yaml's `result: 5` is line 9, its value at column 15).
    expect(warnings).toEqual([
      `  ${join(folder, 'steps.yaml')}:9:15: responses[1].body.result: the mock answered 200 but \`result\` is a number; ` +
        'Flowent expects a string (use JSON.stringify for structured data).',
      expect.stringMatching(
        new RegExp(`^ {2}${join(folder, 'teapot.yaml')}:2:9: status: the mock answered 418; Flowent treats anything but 2xx`),
      ),
    ]);
  });

  it("places a template's problem at its line and column in the file, as an editor shows them", async () => {
    const dataDir = tempDir();
    const text = '{\n  "status": 200,\n  "body": {\n    "error": "",\n    "result": "Ticket {{shout parameters.title}}"\n  }\n}\n';
    const bad = file(dataDir, 'helper.json', text);
    const column = text.split('\n')[4]!.indexOf('{{shout') + 1;
    const result = await runCli(['mocks', 'set', 'create_ticket', '--file', bad, '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(` {2}body\\.result: unknown helper "shout" .*\\(line 5, column ${column}\\)\n`));
    expect(result.stderr).not.toContain('line 1,');
  });

  it('says what is wrong with a mock file in words about the mock, not about a webhook body', async () => {
    const dataDir = tempDir();
    const set = (name: string, text: string) =>
      runCli(['mocks', 'set', 'greet', '--file', file(dataDir, name, text), '--data-dir', dataDir]);
    const empty = await set('empty.json', '');
    expect(empty.stderr).toMatch(/empty\.json is not a valid mock:\n {2}\(top level\): the mock is empty: write it as JSON or YAML/);
    expect(empty.code).toBe(2);
    expect((await set('empty.yaml', '# nothing yet\n')).stderr).toContain('the mock is empty: write it as JSON or YAML');
    const broken = await set('broken.json', '{\n  "status": 200,\n}');
    expect(broken.stderr).toContain('(top level): Not valid JSON: a comma must not come before “}” (line 3, column 1).');
    for (const result of [empty, broken]) expect(result.stderr).not.toMatch(/The body|Flowent sends|RFC 8259|at byte/);
  });

  const usage: [string[], RegExp][] = [
    [['mocks'], /mocks needs a subcommand/],
    [['mocks', 'bake'], /unknown mocks subcommand "bake"/],
    [['mocks', 'set', '--file', 'x.json'], /mocks set needs exactly one of <action> or --default/],
    [['mocks', 'set', 'a', '--default', '--file', 'x.json'], /exactly one of/],
    [['mocks', 'set', 'a'], /mocks set needs --file/],
    [['mocks', 'set', 'Bad-Name', '--file', 'x'], /"Bad-Name" is not an action name/],
    [['mocks', 'clear'], /mocks clear needs exactly one of <action>, --default or --all/],
    [['mocks', 'get'], /mocks get needs exactly one of <action> or --default/],
    [['mocks', 'get', '--all'], /mocks get takes <action> or --default, not --all/],
    [['mocks', 'from-call', 'x'], /mocks from-call needs a call id/],
    [['targets', 'set', 'a'], /targets set needs a URL/],
    [['targets', 'mode', 'a', 'proxy'], /targets mode needs mock, forward or inherit/],
    [['serve', '--forward', 'ftp://x'], /--forward: "ftp:\/\/x" must start with http:\/\/ or https:\/\//],
    [['serve', '--forward-timeout', '0'], /--forward-timeout must be a whole number from 1/],
  ];
  for (const [args, message] of usage) {
    it(`${args.join(' ')} -> exit 2`, async () => {
      const result = await runCli([...args, '--data-dir', tempDir()]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    });
  }

  it('--help for mocks and targets', async () => {
    for (const command of ['mocks', 'targets']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Usage: flowent-companion ${command}`));
    }
  });
});

describe('serve with forwarding, and contract violations on the call lines', () => {
  it('forwards with --forward, prints violations under each call, and the calls command prints them too', async () => {
    const dataDir = tempDir();
    // Long enough for the handler (its own process) to answer on a loaded machine: `hang` never
    // answers, so the timeout is still what the 504 below proves.
    const server = await serve(['--data-dir', dataDir, '--forward', handler().target, '--forward-timeout', '3000']);
    expect(server.output()).toMatch(
      /Answers: +every action: forwarded to http:\/\/127\.0\.0\.1:\d+\/actions\/\{action_name\} \(--forward, for this run\)\n +Forwarding: +timeout 3000 ms;/,
    );
    expect((await post(`${server.baseUrl}/actions/ok`, signedBody(flowentPayload('ok'), KEY))).json).toEqual({
      result: 'handled ok',
      error: '',
    });
    await post(`${server.baseUrl}/actions/result_number`, signedBody(flowentPayload('result_number'), KEY));
    await server.waitFor(
      /result_number {2}valid \(\S+\) {2}200 {2}handler accepted the signature {2}[\d.]+ ms\n {2}! your handler answered 200 but `result` is a number/,
    );
    expect((await post(`${server.baseUrl}/actions/hang`, signedBody(flowentPayload('hang'), KEY))).status).toBe(504);
    await server.waitFor(
      /hang {2}valid \(\S+\) {2}504 .*\n {2}Your handler never answered: Your handler at http:\/\/127\.0\.0\.1:\d+\/actions\/hang did not answer within 3 s \(Flowent gives up after 30 s\)\. Check its log for where it waits, and answer sooner: do slow work after answering\.\n/,
    );

    const calls = await runCli(['calls', '--data-dir', dataDir]);
    expect(calls.stdout).toMatch(/#2 .*result_number.*\n {2}! your handler answered 200 but `result` is a number/);
    const json = (await runCli(['calls', '--json', '--data-dir', dataDir])).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { answeredBy: string; violations: { code: string }[] });
    expect(json.map((c) => [c.answeredBy, c.violations.map((v) => v.code)])).toEqual([
      ['forward-error', ['too-slow']],
      ['forward', ['result-not-string']],
      ['forward', []],
    ]);
  });

  it('stores per-action targets and modes with the targets command', async () => {
    const dataDir = tempDir();
    expect((await runCli(['targets', 'set', 'ok', handler().target, '--data-dir', dataDir])).code).toBe(0);
    expect((await runCli(['targets', 'list', '--data-dir', dataDir])).stdout).toBe(`ok  forward  ${handler().target}\n`);
    const server = await serve(['--data-dir', dataDir]);
    expect((await post(`${server.baseUrl}/actions/ok`, signedBody(flowentPayload('ok'), KEY))).json).toEqual({
      result: 'handled ok',
      error: '',
    });
    expect((await runCli(['targets', 'mode', 'ok', 'mock', '--data-dir', dataDir])).code).toBe(0);
    expect((await post(`${server.baseUrl}/actions/ok`, signedBody(flowentPayload('ok'), KEY))).json).toEqual({ result: 'ok', error: '' });
    expect((await runCli(['targets', 'clear', '--all', '--data-dir', dataDir])).stdout).toMatch(
      /Cleared 1 setting \(in the history folder's answers\)\./,
    );
    expect(await runCli(['targets', 'set', '--default', 'not a url', '--data-dir', dataDir])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/is not a URL/),
    });
  });
});
