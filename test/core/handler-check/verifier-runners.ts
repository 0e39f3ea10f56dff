import { execFile, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { VerifierLanguage } from '../../../main/contract/api';
import { makeTempDir } from '../../helpers/temp-dir';

const FIXTURES = resolve(__dirname, '../../fixtures/verifiers');

/** What each printed verifier returned for each body: null (accepted) or the error text. */
export type VerifierResults = Record<string, (string | null)[]>;

export const hasGo = spawnSync('go', ['version']).status === 0;
export const hasPython = spawnSync('python3', ['--version']).status === 0;

/** Keeps a Go build from reaching for the network or another toolchain: the snippets use the standard library only. */
const GO_ENV = { GOPROXY: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GO111MODULE: 'on' };

function runWithInput(command: string, args: string[], input: string, env: NodeJS.ProcessEnv, cwd?: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(stdout) : reject(new Error(`${command} exited ${code}:\n${stderr}`))));
    child.stdin.end(input);
  });
}

function request(snippets: Record<string, string>, bodies: readonly Uint8Array[]): string {
  return JSON.stringify({ snippets, bodies: bodies.map((body) => Buffer.from(body).toString('base64')) });
}

/**
 * Runs every snippet of one language against every body in one process (a process per body
 * would cost seconds), with `key` as FLOWENT_HMAC_KEY.
 */
export async function runVerifiers(
  language: VerifierLanguage,
  snippets: Record<string, string>,
  bodies: readonly Uint8Array[],
  key: string,
): Promise<VerifierResults> {
  const input = request(snippets, bodies);
  const env = { FLOWENT_HMAC_KEY: key };
  switch (language) {
    case 'python':
      return JSON.parse(await runWithInput('python3', [join(FIXTURES, 'run-python-verifiers.py')], input, env)) as VerifierResults;
    case 'node':
      return JSON.parse(await runWithInput(process.execPath, [join(FIXTURES, 'run-node-verifiers.mjs')], input, env)) as VerifierResults;
    case 'go':
      return runGoVerifiers(snippets, input, env);
  }
}

/** Builds one module holding a package per Go snippet (exactly as printed, but for its package clause) and runs it. */
async function runGoVerifiers(snippets: Record<string, string>, input: string, env: NodeJS.ProcessEnv): Promise<VerifierResults> {
  const dir = makeTempDir();
  try {
    writeFileSync(join(dir.path, 'go.mod'), 'module verifiers\n\ngo 1.18\n');
    copyFileSync(join(FIXTURES, 'run-go-verifiers.go'), join(dir.path, 'main.go'));
    const entries = Object.entries(snippets).map(([style, source], index) => {
      const name = `style${index}`;
      mkdirSync(join(dir.path, name));
      writeFileSync(join(dir.path, name, 'verifier.go'), source.replace(/^package main$/m, `package ${name}`));
      return { style, name };
    });
    writeFileSync(
      join(dir.path, 'verifiers.go'),
      `package main\n\nimport (\n${entries.map((e) => `\t${e.name} "verifiers/${e.name}"`).join('\n')}\n)\n\n` +
        `func init() {\n\tverifiers = map[string]func([]byte) error{\n${entries.map((e) => `\t\t${JSON.stringify(e.style)}: ${e.name}.VerifyFlowentCall,`).join('\n')}\n\t}\n}\n`,
    );
    await runWithInput('go', ['build', '-o', 'run-verifiers', '.'], '', GO_ENV, dir.path);
    return JSON.parse(await runWithInput(join(dir.path, 'run-verifiers'), [], input, env)) as VerifierResults;
  } finally {
    dir.remove();
  }
}

/** Files gofmt would change, one per line; empty when every snippet is formatted as gofmt formats. */
export function gofmtList(sources: readonly string[]): Promise<string> {
  const dir = makeTempDir();
  sources.forEach((source, index) => writeFileSync(join(dir.path, `verifier${index}.go`), source));
  return new Promise<string>((resolvePromise, reject) =>
    execFile('gofmt', ['-l', dir.path], (error, stdout) => (error ? reject(error) : resolvePromise(stdout))),
  ).finally(() => dir.remove());
}
