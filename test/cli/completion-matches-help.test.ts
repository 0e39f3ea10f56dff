// Every command the main --help names and every flag each command's --help lists (with those
// its parser takes), offered by each shell's completion: the scripts cannot drift from them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../main/cli/commands';
import { runInProcess } from '../helpers/in-process-cli';
import * as shells from '../helpers/shell-completion';
import { makeTempDir } from '../helpers/temp-dir';

const dir = makeTempDir();
let scripts: shells.Scripts;

beforeAll(async () => {
  scripts = await shells.printScripts(dir.path);
});
afterAll(() => dir.remove());

const sorted = (offers: string[]) => [...new Set(offers)].sort();

async function helpOf(args: string[]): Promise<string> {
  const printed = await runInProcess(args, { env: {} });
  expect(printed.code).toBe(0);
  return printed.stdout;
}

/** The commands the main help names: its Commands list, and `help` ('Run "flowent-companion help <command>"'). */
async function commandsInHelp(): Promise<string[]> {
  const help = await helpOf(['--help']);
  const list = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  const named = list.split('\n').map((line) => line.trim().split(/\s+/)[0] ?? '');
  const helpCommand = /"flowent-companion (\w+) <command>"/.exec(help)?.[1];
  expect(named.length).toBeGreaterThan(10);
  expect(helpCommand).toBe('help');
  return [...named, helpCommand ?? ''];
}

/** The flags a command's --help lists under Options (`-f, --follow` is both), and those its parser takes. */
async function flagsInHelp(name: string): Promise<string[]> {
  const help = await helpOf([name, '--help']);
  const options = help.split('\nOptions:\n')[1]?.split('\n\n')[0] ?? '';
  const listed = [...options.matchAll(/^ {2}(?:-(\w), )?--([\w-]+)/gm)].flatMap(([, short, long]) => [
    `--${long}`,
    ...(short ? [`-${short}`] : []),
  ]);
  expect(listed, name).toContain('--help');
  const command = await COMMANDS[name]!.load();
  const parsed = Object.entries(command.flags).flatMap(([flag, spec]) => [`--${flag}`, ...(spec.short ? [`-${spec.short}`] : [])]);
  return sorted([...listed, ...parsed]);
}

describe('completion offers what the commands’ --help lists', () => {
  it('every command the main help names, help among them, in bash, fish and zsh', async () => {
    const commands = await commandsInHelp();
    expect(sorted(await shells.bashOffers(scripts.bash, ['flowent-companion', '']))).toEqual(sorted([...commands, '--help', '--version']));
    expect(sorted(await shells.fishOffers(scripts.fish, 'flowent-companion '))).toEqual(sorted(commands));
    expect(sorted(await shells.zshOffers(scripts.zsh, 'flowent-companion '))).toEqual(sorted(commands));
  });

  it('every flag, long and short, each command’s --help lists, and no other, in bash, fish and zsh', async () => {
    const names = (await commandsInHelp()).filter((name) => name !== 'help');
    const expected = await Promise.all(names.map(flagsInHelp));
    expect(expected[names.indexOf('calls')]).toContain('-f');
    for (const [index, name] of names.entries()) {
      expect(sorted(await shells.bashOffers(scripts.bash, ['flowent-companion', name, '-'])), `bash ${name}`).toEqual(expected[index]);
      expect(sorted(await shells.fishOffers(scripts.fish, `flowent-companion ${name} -`)), `fish ${name}`).toEqual(expected[index]);
    }
    const zsh = await shells.zshOffersEach(
      scripts.zsh,
      names.map((name) => `flowent-companion ${name} -`),
      'fpath',
    );
    for (const [index, name] of names.entries()) expect(sorted(zsh[index] ?? []), `zsh ${name}`).toEqual(expected[index]);
  });

  it('a subcommand named like a command (mocks export, mocks import) gets its own command’s flags, not the other’s', async () => {
    const mocks = await flagsInHelp('mocks');
    for (const sub of ['export', 'import']) {
      expect(sorted(await shells.bashOffers(scripts.bash, ['flowent-companion', 'mocks', sub, '-'])), `bash mocks ${sub}`).toEqual(mocks);
      expect(sorted(await shells.fishOffers(scripts.fish, `flowent-companion mocks ${sub} -`)), `fish mocks ${sub}`).toEqual(mocks);
    }
  });
});
