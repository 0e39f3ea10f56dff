import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifierSnippet } from '../../main/core/handler-check';
import { STYLES } from '../../main/core/signature';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();
const run = promisify(execFile);
const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();
/** The environment a handler runs in, without the key. */
const withoutKey = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'FLOWENT_HMAC_KEY'));
const SIGNED = '{"action_name":"a","parameters":{},"timestamp":1,"signature":"x"}';

describe('flowent-companion verifier', () => {
  it('prints the python-style verifier in Python by default when there is no key to learn a style with, and says so', async () => {
    const result = await runCli(['verifier', 'python'], { FLOWENT_HMAC_KEY: '' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(verifierSnippet('python', 'python'));
    // Its header says what its code does: compact separators, not json.dumps's defaults.
    expect(result.stdout).toContain('# Python\'s compact json.dumps (separators "," and ":"), keys as sent, ASCII escapes.\n');
    expect(result.stdout).toContain('json.dumps(payload, separators=(",", ":"))');
    expect(result.stderr).toBe(
      'Style python: the default, set FLOWENT_HMAC_KEY to use the style learned from your Flowent calls; --style picks another.\n',
    );
  });

  it.each([
    ['node', 'go'],
    ['go', 'sorted+utf8'],
    ['python', 'raw'],
  ] as const)('prints the %s verifier for --style %s', async (language, style) => {
    const result = await runCli(['verifier', language, '--style', style]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(verifierSnippet(language, style));
    expect(result.stdout).toContain(`flowent-companion verifier ${language} --style ${style}`);
  });

  it('says the Node.js verifier is an ES module, and how CommonJS loads it: as said, a CommonJS handler runs it', async () => {
    const result = await runCli(['verifier', 'node', '--style', 'python']);
    expect(result.stdout).toBe(verifierSnippet('node', 'python'));
    expect(result.stderr).toContain(
      "It is an ES module (import/export): save it as flowent-signature.mjs. From CommonJS (require), load it with const { flowentSignatureError } = await import('./flowent-signature.mjs').\n",
    );
    const dir = tempDir();
    writeFileSync(join(dir, 'flowent-signature.mjs'), result.stdout);
    writeFileSync(
      join(dir, 'handler.cjs'),
      "(async () => {\n  const { flowentSignatureError } = await import('./flowent-signature.mjs');\n" +
        `  console.log(JSON.stringify([flowentSignatureError(Buffer.from('{"action_name":"a","parameters":{},"timestamp":1,"test":true}')), flowentSignatureError(Buffer.from('${SIGNED}'))]));\n` +
        '})();\n',
    );
    const ran = await run(process.execPath, [join(dir, 'handler.cjs')], { env: { ...withoutKey(), FLOWENT_HMAC_KEY: 'k' } });
    expect(JSON.parse(ran.stdout)).toEqual([null, 'Invalid signature']);
  });

  it.each([
    [[], /verifier needs a language: python, node, go/],
    [['ruby'], /"ruby" is not a language a verifier is printed in; use one of python, node, go/],
    [['node', '--style', 'nope'], /--style must be one of python, go, go-struct, raw, .*; not "nope"/],
    [['node', 'go'], /unexpected argument "go"/],
    [['node', '--key', 'x'], /--key is not an option of this command/],
  ])('usage error %j exits 2 and prints nothing on stdout', async (args, message) => {
    const result = await runCli(['verifier', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it.skipIf(!hasPython)('the printed Python verifier says to set FLOWENT_HMAC_KEY when it is not set', async () => {
    const dir = tempDir();
    const printed = await runCli(['verifier', 'python', '--style', 'python']);
    writeFileSync(join(dir, 'flowent_verifier.py'), printed.stdout);
    const check = `import flowent_verifier\nflowent_verifier.flowent_signature_error(${JSON.stringify(SIGNED)}.encode())`;
    const failed = await run('python3', ['-c', check], { cwd: dir, env: withoutKey() }).then(
      () => null,
      (error: { stderr: string }) => error.stderr,
    );
    expect(failed).toContain('RuntimeError: FLOWENT_HMAC_KEY is not set: set FLOWENT_HMAC_KEY to your Flowent HMAC key');
  });

  it('the printed Node.js verifier says to set FLOWENT_HMAC_KEY when it is not set', async () => {
    const dir = tempDir();
    const printed = await runCli(['verifier', 'node', '--style', 'go']);
    writeFileSync(join(dir, 'flowent-verifier.mjs'), printed.stdout);
    const check = `import { flowentSignatureError } from './flowent-verifier.mjs';\nflowentSignatureError(Buffer.from(${JSON.stringify(SIGNED)}));`;
    writeFileSync(join(dir, 'check.mjs'), check);
    const failed = await run(process.execPath, ['check.mjs'], { cwd: dir, env: withoutKey() }).then(
      () => null,
      (error: { stderr: string }) => error.stderr,
    );
    expect(failed).toContain('Error: FLOWENT_HMAC_KEY is not set: set FLOWENT_HMAC_KEY to your Flowent HMAC key');
  });

  it('explains every style name in its help, and is listed in the main help', async () => {
    const help = await runCli(['verifier', '--help']);
    expect(help.code).toBe(0);
    for (const { name } of STYLES) expect(help.stdout).toMatch(new RegExp(`^  ${name.replace('+', '\\+')} +\\S`, 'm'));
    // The python style is compact json.dumps: its defaults (", " and ": ") sign other bytes, and a handler written to them rejects every call.
    expect(help.stdout).toContain('python              Python\'s compact json.dumps (separators "," and ":"), keys as sent, ASCII');
    expect(help.stdout).not.toContain('defaults');
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}verifier +Print a signature check for your handler/m);
  });
});
