// What the printed completion scripts offer, asked of the real shells: bash through its
// `complete` machinery, fish through `complete -C`, zsh through compinit in a pseudo-terminal.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { runCli } from './spawn-cli';

const run = promisify(execFile);

export type Scripts = Record<'bash' | 'zsh' | 'fish', string>;

/** Prints each shell's script with the built command and writes it under `dir`. */
export async function printScripts(dir: string): Promise<Scripts> {
  const scripts: Scripts = { bash: '', zsh: '', fish: '' };
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    const printed = await runCli(['completion', shell]);
    expect(printed.code).toBe(0);
    scripts[shell] = join(dir, `completion.${shell}`);
    writeFileSync(scripts[shell], printed.stdout);
  }
  return scripts;
}

/** What bash's completion offers for a command line (the word under the cursor is the last), run in `cwd`. */
export async function bashOffers(script: string, line: string[], cwd?: string): Promise<string[]> {
  const words = line.map((word) => `'${word}'`).join(' ');
  const { stdout } = await run(
    'bash',
    [
      '-c',
      `source "${script}"
     spec=$(complete -p flowent-companion)
     fn=\${spec#*-F }; fn=\${fn%% *}
     COMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}
     "$fn" flowent-companion "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
     printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { cwd },
  );
  return stdout.split('\n').filter(Boolean);
}

/** What fish offers for a command line, run in `cwd`. */
export async function fishOffers(script: string, line: string, cwd?: string): Promise<string[]> {
  const { stdout } = await run('fish', ['-c', `source "${script}"; complete -C'${line}'`], { cwd });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.split('\t')[0] ?? '');
}

/**
 * How the zsh script is installed: as the README says, a file `_flowent-companion` in a folder
 * of $fpath that compinit autoloads at the first Tab; or read into the shell (`source <(...)`).
 */
export type ZshInstall = 'fpath' | 'source';

let zshRuns = 0;
/**
 * What zsh offers for each command line, Tab pressed at its end, all in one new interactive zsh
 * (zsh/zpty) run in `cwd`: the first line gets that shell's first Tab. A compadd wrapper writes
 * down what the completion adds; the line is then wiped for the next one.
 */
export async function zshOffersEach(script: string, lines: string[], install: ZshInstall, cwd?: string): Promise<string[][]> {
  const base = `${script}-run-${++zshRuns}`;
  const functions = `${script}-fpath`;
  mkdirSync(functions, { recursive: true });
  copyFileSync(script, join(functions, '_flowent-companion'));
  const load =
    install === 'fpath'
      ? `fpath=('${functions}' $fpath); autoload -Uz compinit; compinit -u -d '${functions}.dump'`
      : `autoload -Uz compinit; compinit -u -d '${script}.dump'; source <(cat '${script}')`;
  const driver = `
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; ${load}"
zpty -w z 'compadd() { local -a hits; builtin compadd -A hits "$@"; (( \${#hits} )) && print -rl -- $hits >> "${base}.offers"; builtin compadd "$@" }'
zpty -w z "bindkey '^I' complete-word; bindkey '^U' kill-whole-line; print ready > '${base}.ready'"
for i in {1..100}; do [[ -e '${base}.ready' ]] && break; sleep 0.1; done
n=0
for line in "$@"; do
  (( n++ ))
  zpty -w -n z "$line"$'\\t'
  for i in {1..50}; do [[ -e '${base}.offers' ]] && break; sleep 0.1; done
  sleep 0.3
  if [[ -e '${base}.offers' ]]; then mv '${base}.offers' "${base}.$n"; else : > "${base}.$n"; fi
  zpty -w -n z $'\\C-u'
  sleep 0.1
done
zpty -d z
`;
  await run('zsh', ['-c', driver, 'zsh', ...lines], { cwd });
  return lines.map((_, index) => {
    const file = `${base}.${index + 1}`;
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  });
}

/** What zsh offers for one command line, the first Tab of a new shell. */
export async function zshOffers(script: string, line: string, install: ZshInstall = 'fpath', cwd?: string): Promise<string[]> {
  const [offers] = await zshOffersEach(script, [line], install, cwd);
  return offers ?? [];
}
