// The completion scripts, loaded into the real shells: bash through its `complete` machinery,
// fish through `complete -C` (what it offers for a command line), zsh through compinit.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_SOURCES, STYLE_NAMES } from '../../main/contract/api';
import { runInProcess } from '../helpers/in-process-cli';
import * as shells from '../helpers/shell-completion';
import { makeTempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
/** What `targets mode` takes after the action (or after --default). */
const MODES = ['mock', 'forward', 'inherit'];
const dir = makeTempDir();
let scripts: shells.Scripts;

beforeAll(async () => {
  scripts = await shells.printScripts(dir.path);
});
afterAll(() => dir.remove());

const bashOffers = (line: string[]) => shells.bashOffers(scripts.bash, line);
const fishOffers = (line: string) => shells.fishOffers(scripts.fish, line);
const zshOffers = (line: string) => shells.zshOffers(scripts.zsh, line, 'source');
/** zsh may add a match twice (once to list it): each once, in order. */
const unique = (offers: string[] | undefined) => [...new Set(offers)];

describe('flowent-companion completion', () => {
  it('bash: registers with complete, and offers commands, subcommands, flags and files after a value flag', async () => {
    const { stdout } = await run('bash', ['-c', `source "${scripts.bash}"; complete -p flowent-companion`]);
    expect(stdout).toMatch(/^complete .*-F _flowent_companion flowent-companion$/m);
    expect(await bashOffers(['flowent-companion', 'c'])).toEqual(['calls', 'completion']);
    expect(await bashOffers(['flowent-companion', 'mocks', ''])).toEqual(['list', 'get', 'set', 'clear', 'from-call', 'export', 'import']);
    expect(await bashOffers(['flowent-companion', 'calls', '--j'])).toEqual(['--json']);
    writeFileSync(join(dir.path, 'mock-for-completion.json'), '{}');
    expect(await bashOffers(['flowent-companion', 'mocks', 'set', 'a', '--file', join(dir.path, 'mock-for-c')])).toEqual([
      join(dir.path, 'mock-for-completion.json'),
    ]);
  });

  it('bash: after a flag, offers what its value may be: the words the command checks it against, folders, files, or nothing', async () => {
    expect(await bashOffers(['flowent-companion', 'calls', '--source', ''])).toEqual([...CALL_SOURCES]);
    expect(await bashOffers(['flowent-companion', 'calls', '--verdict', 'm'])).toEqual(['missing', 'malformed']);
    expect(await bashOffers(['flowent-companion', 'calls', '--status', ''])).toEqual(['2xx', '3xx', '4xx', '5xx']);
    expect(await bashOffers(['flowent-companion', 'calls', '--si'])).toEqual(['--since']);
    expect(await bashOffers(['flowent-companion', 'send', 'a', '--style', ''])).toEqual([...STYLE_NAMES]);
    expect(await bashOffers(['flowent-companion', 'replay', '--resign', '--style', 'nested-'])).toEqual(
      STYLE_NAMES.filter((name) => name.startsWith('nested-')),
    );
    expect(await bashOffers(['flowent-companion', 'verifier', 'go', '--style', 'go'])).toEqual(['go', 'go-struct']);
    expect(await bashOffers(['flowent-companion', 'serve', '--follow', ''])).toEqual(['auto', 'ask']);
    // A value of the user's own (a number, a name): nothing, not files.
    expect(await bashOffers(['flowent-companion', 'calls', '--limit', ''])).toEqual([]);
    expect(await bashOffers(['flowent-companion', 'calls', '--action', 'x'])).toEqual([]);
    const folder = join(dir.path, 'values');
    mkdirSync(join(folder, 'history'), { recursive: true });
    writeFileSync(join(folder, 'hist.json'), '{}');
    expect(await bashOffers(['flowent-companion', 'calls', '--data-dir', join(folder, 'hist')])).toEqual([join(folder, 'history')]);
    expect(await bashOffers(['flowent-companion', 'send', 'a', '--params', `@${join(folder, 'hist.')}`])).toEqual([
      `@${join(folder, 'hist.json')}`,
    ]);
    expect(await bashOffers(['flowent-companion', 'export', '--har', join(folder, 'hist.')])).toEqual([join(folder, 'hist.json')]);
  });

  it('bash: offers the words after a subcommand (actions profile), flags and their values skipped', async () => {
    expect(await bashOffers(['flowent-companion', 'actions', 'profile', ''])).toEqual(['list', 'add', 'use', 'remove']);
    expect(await bashOffers(['flowent-companion', 'actions', '--profile', 'staging', 'profile', 'u'])).toEqual(['use']);
    expect(await bashOffers(['flowent-companion', 'actions', '--json', ''])).toContain('register');
    expect(await bashOffers(['flowent-companion', 'actions', 'profile', '--'])).toContain('--json');
  });

  it("bash: offers the mode after targets mode and an action, or after --default in the action's place; not in the action's place", async () => {
    expect(await bashOffers(['flowent-companion', 'targets', 'mode', 'send_email', ''])).toEqual(MODES);
    expect(await bashOffers(['flowent-companion', 'targets', 'mode', '--default', ''])).toEqual(MODES);
    expect(await bashOffers(['flowent-companion', 'targets', '--default', 'mode', 'f'])).toEqual(['forward']);
    expect(await bashOffers(['flowent-companion', 'targets', '--data-dir', dir.path, 'mode', 'a', 'in'])).toEqual(['inherit']);
    for (const line of [
      ['targets', 'mode', ''],
      ['targets', 'mode', 'a', 'forward', ''],
      ['targets', 'mode', '--default', 'forward', ''],
      ['targets', 'set', 'a', ''],
    ])
      expect(await bashOffers(['flowent-companion', ...line]), line.join(' ')).not.toEqual(expect.arrayContaining(['mock']));
  });

  it('fish: offers commands with their help line, subcommands and flags', async () => {
    const { stdout } = await run('fish', ['-c', `source "${scripts.fish}"; complete -C'flowent-companion ca'`]);
    expect(stdout).toBe('calls\tPrint stored calls, the last stored first\n');
    expect(await fishOffers('flowent-companion targets ')).toEqual(['clear', 'list', 'mode', 'set']);
    expect(await fishOffers('flowent-companion actions --pr')).toEqual(['--profile', '--project', '--prune']);
    expect(await fishOffers('flowent-companion verifier ')).toEqual(['go', 'node', 'python']);
  });

  it('fish: after a flag, offers the words the command checks it against, folders or files; and the words after actions profile', async () => {
    expect(await fishOffers('flowent-companion calls --source ')).toEqual([...CALL_SOURCES].sort());
    expect(await fishOffers('flowent-companion send a --style ')).toEqual([...STYLE_NAMES].sort());
    expect(await fishOffers('flowent-companion replay --resign --style go')).toEqual(['go', 'go-struct']);
    expect(await fishOffers('flowent-companion serve --follow ')).toEqual(['ask', 'auto']);
    expect(await fishOffers('flowent-companion calls --limit ')).toEqual([]);
    expect(await fishOffers('flowent-companion actions profile ')).toEqual(['add', 'list', 'remove', 'use']);
    expect(await fishOffers('flowent-companion actions ')).toContain('profile');
    const folder = join(dir.path, 'fish-values');
    mkdirSync(join(folder, 'history'), { recursive: true });
    writeFileSync(join(folder, 'hist.json'), '{}');
    expect(await fishOffers(`flowent-companion calls --data-dir ${join(folder, 'hist')}`)).toEqual([`${join(folder, 'history')}/`]);
    expect(await fishOffers(`flowent-companion mocks set a --file ${join(folder, 'hist.')}`)).toEqual([join(folder, 'hist.json')]);
    expect(await fishOffers(`flowent-companion send a --params @${join(folder, 'hist.')}`)).toEqual([`@${join(folder, 'hist.json')}`]);
  });

  it("fish: offers the mode after targets mode and an action, or after --default in the action's place; nothing in the action's place", async () => {
    expect(await fishOffers('flowent-companion targets mode send_email ')).toEqual([...MODES].sort());
    expect(await fishOffers('flowent-companion targets mode --default ')).toEqual([...MODES].sort());
    expect(await fishOffers(`flowent-companion targets --data-dir ${dir.path} mode a f`)).toEqual(['forward']);
    expect(await fishOffers('flowent-companion targets mode ')).toEqual([]);
    expect(await fishOffers('flowent-companion targets mode a forward ')).toEqual([]);
    expect(await fishOffers('flowent-companion targets set a ')).toEqual([]);
  });

  it('zsh: offers the words the command checks a flag against, and the words after actions profile', async () => {
    expect(await zshOffers('flowent-companion calls --source ')).toEqual([...CALL_SOURCES]);
    expect(await zshOffers('flowent-companion send a --style nested-')).toEqual(STYLE_NAMES.filter((name) => name.startsWith('nested-')));
    expect(await zshOffers('flowent-companion actions profile ')).toEqual(['list', 'add', 'use', 'remove']);
  });

  it("zsh: offers the mode after targets mode and an action, or after --default in the action's place; not in the action's place", async () => {
    expect(await zshOffers('flowent-companion targets mode send_email ')).toEqual(MODES);
    expect(await zshOffers('flowent-companion targets mode --default ')).toEqual(MODES);
    expect(await zshOffers('flowent-companion targets mode ')).not.toEqual(expect.arrayContaining(['mock']));
  });

  it('zsh: the script parses and registers its completion function with compinit', async () => {
    await run('zsh', ['-n', scripts.zsh]);
    const { stdout } = await run('zsh', [
      '-c',
      `autoload -Uz compinit && compinit -u -d "${dir.path}/zcompdump"; source "${scripts.zsh}"; print -r -- \${_comps[flowent-companion]}; whence -w _flowent_companion`,
    ]);
    expect(stdout).toBe('_flowent_companion\n_flowent_companion: function\n');
    const script = (await runInProcess(['completion', 'zsh'], { env: {} })).stdout;
    // The values the commands check against (loading what zsh offers needs a terminal: checked in the text).
    expect(script).toContain(`'--source=[]:value:(${CALL_SOURCES.join(' ')})'`);
    expect(script).toContain(`'--style=[]:value:(${STYLE_NAMES.join(' ')})'`);
    expect(script).toContain(`'*:argument:{case "$line[1] $(( $#line - 1 ))" in ("profile 1") compadd -- list add use remove;; esac}'`);
    expect(script).toContain("'--limit=[]:value: '");
  });

  it('zsh: installed as the README says (a file in $fpath), completes at the first Tab of a new shell, and at the ones after', async () => {
    const [first, next] = await shells.zshOffersEach(scripts.zsh, ['flowent-companion ca', 'flowent-companion calls --so'], 'fpath');
    expect(first).toEqual(['calls']);
    expect(unique(next)).toEqual(['--source']);
    // Read in with source <(...) instead, it completes at the first Tab too.
    expect(await shells.zshOffers(scripts.zsh, 'flowent-companion ca', 'source')).toEqual(['calls']);
  });

  it('offers import the HAR files and the folders to look in before a letter is typed, and mocks export/import folders', async () => {
    const folder = join(dir.path, 'har-here');
    mkdirSync(join(folder, 'exports'), { recursive: true });
    writeFileSync(join(folder, 'calls.har'), '{}');
    writeFileSync(join(folder, 'notes.txt'), '');
    expect((await shells.bashOffers(scripts.bash, ['flowent-companion', 'import', ''], folder)).sort()).toEqual(['calls.har', 'exports']);
    expect(await shells.bashOffers(scripts.bash, ['flowent-companion', 'import', 'calls.har', ''], folder)).toEqual([
      '--data-dir',
      '--help',
      '-h',
    ]);
    expect(await shells.bashOffers(scripts.bash, ['flowent-companion', 'mocks', 'import', ''], folder)).toEqual(['exports']);
    expect(await shells.bashOffers(scripts.bash, ['flowent-companion', 'mocks', '--json', 'export', ''], folder)).toEqual(['exports']);
    // A word of the user's own (an action's name): no files.
    expect(await shells.bashOffers(scripts.bash, ['flowent-companion', 'send', 'c'], folder)).toEqual([]);
    // fish offers the HAR files first, then the rest.
    const fish = await shells.fishOffers(scripts.fish, 'flowent-companion import ', folder);
    expect(fish[0]).toBe('calls.har');
    expect(fish).toContain('exports/');
    expect(await shells.fishOffers(scripts.fish, 'flowent-companion mocks import ', folder)).toEqual(['exports/']);
    const [zshImport, zshMocksImport] = await shells.zshOffersEach(
      scripts.zsh,
      ['flowent-companion import ', 'flowent-companion mocks import '],
      'fpath',
      folder,
    );
    expect(unique(zshImport).sort()).toEqual(['calls.har', 'exports']);
    expect(unique(zshMocksImport)).toEqual(['exports']);
  });

  it('offers the help command, and the commands after it, in every shell', async () => {
    expect(await bashOffers(['flowent-companion', 'h'])).toEqual(['help']);
    expect(await bashOffers(['flowent-companion', 'help', 'ca'])).toEqual(['calls']);
    expect(await bashOffers(['flowent-companion', 'help', 'calls', ''])).toEqual([]);
    expect(await fishOffers('flowent-companion h')).toEqual(['help']);
    expect(await fishOffers('flowent-companion help ca')).toEqual(['calls']);
    expect(await fishOffers('flowent-companion help calls ')).toEqual([]);
    const zsh = await shells.zshOffersEach(scripts.zsh, ['flowent-companion h', 'flowent-companion help ca'], 'fpath');
    expect(zsh.map(unique)).toEqual([['help'], ['calls']]);
  });

  it('offers calls -f (--follow) in every shell', async () => {
    expect(await bashOffers(['flowent-companion', 'calls', '-f'])).toEqual(['-f']);
    expect(await fishOffers('flowent-companion calls -')).toContain('-f');
    expect(await shells.zshOffers(scripts.zsh, 'flowent-companion calls -')).toContain('-f');
  });

  it('refuses a shell it does not know with exit 2', async () => {
    const refused = await runInProcess(['completion', 'tcsh'], { env: {} });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('completion needs a shell: bash, zsh, fish, not "tcsh"');
  });
});
