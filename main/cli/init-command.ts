import { resolve } from 'node:path';
import { apiTokenVariable, createProjectFolder } from '../core';
import { parseFlags, UsageError } from './args';
import { EXIT, exitCodeOf } from './exit-codes';
import type { CliIo } from './cli-io';
import { inCliWords } from './cli-words';
import { companionCommand, counted, pulledFileWords, pulledWithoutPasswordWords } from '../contract/words';
import { CLI_PLAN_STEPS } from './plan-output';
import { initHereLines } from './init-here-lines';
import { dataDirOf, withCore } from './open-core';

export const INIT_HELP = `Usage: flowent-companion init [options]

Create flowent/ in the current folder: the actions and answers your team commits beside the
handler's code.

  flowent/actions/<name>.yaml   an action: description, JSON Schema, webhook_url per profile
  flowent/answers/<name>.yaml   how the companion answers it (a mock, or forwarding)
  flowent/answers/_default.yaml the answers of every action without a file of its own, and
                                the mode of every answer file without "mode:"
  flowent/schemas/              the files' JSON Schemas, for your editor
  flowent/README.md             the layout and the commands

With a Flowent API token set (FLOWENT_API_TOKEN, or FLOWENT_API_TOKEN_<PROFILE> with
--profile), actions/ is filled from Flowent's registry.

Options:
  --project <dir>     Create flowent/ in <dir> instead of the current folder (made if
                      only <dir> itself is missing)
  --profile <name>    The Flowent profile to read actions from (default: the active one)
  --data-dir <dir>    Settings folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  -h, --help          Show this help

Exit codes: 0 created, 1 flowent/ already exists, could not be written or Flowent could not be
read, 2 usage (also a --project path whose parents are missing, or with a file on it, and a
--profile that names no profile: then nothing is created).
`;

/** The flags of `init`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {
  project: { type: 'string', takes: 'folder' },
  profile: { type: 'string' },
  'data-dir': { type: 'string', takes: 'folder' },
} as const;

export async function initCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  if (positionals.length > 0)
    throw new UsageError(`init takes no arguments (use --project <dir> for another folder), not "${positionals[0]}".`);
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  if (values.profile !== undefined) {
    const refused = await refusedProfile(values.profile, values['data-dir'], io);
    if (refused !== null) return refused;
  }
  const created = createProjectFolder(resolve(io.cwd ?? process.cwd(), values.project ?? '.'));
  if (!created.ok) {
    err(`flowent-companion init: ${inCliWords(created)}`);
    return exitCodeOf(created);
  }
  out(`Created ${created.value}.`);
  return withCore(
    'init',
    values['data-dir'],
    io,
    async (api) => {
      const account = await api.getAccount();
      // On the data folder init was given: as printed, the command must work on the same one.
      const given = values['data-dir'];
      const pull = companionCommand('actions pull', given === undefined ? null : resolve(given));
      if (!account.apiToken.set) {
        out(
          `actions/ is empty: set ${apiTokenVariable(account.activeProfile)} and run "${pull}" to fill it from Flowent, or write actions/<name>.yaml yourself.`,
        );
        return 0;
      }
      const pulled = await api.pullActions(false, false);
      if (!pulled.ok) {
        err(`flowent-companion init: the folder is created, but Flowent's actions could not be read: ${inCliWords(pulled)}`);
        err(`Run "${pull}" once that is fixed.`);
        return 1;
      }
      const { written, perProfile, credentialsLeftOut } = pulled.value;
      written.forEach((file) => out(pulledFileWords(file, { perProfile: perProfile.includes(file), overwritten: false })));
      credentialsLeftOut.forEach((file) => err(`  ${pulledWithoutPasswordWords(file, CLI_PLAN_STEPS)}`));
      out(`${counted(pulled.value.written.length, 'action')} from Flowent (profile ${account.activeProfile}).`);
      const linked = (await api.getAccount()).links;
      initHereLines(dataDirOf(values['data-dir'], io), created.value, pulled.value.written, linked, account.activeProfile).forEach(out);
      return 0;
    },
    // A new project may name a new data folder too: init makes it.
    { flowentProfile: values.profile, projectDir: created.value, createsFolder: true },
  );
}

/**
 * A --profile that names no profile is a bad value (exit 2, as for every other command), found
 * before flowent/ is made: found after, it would leave a folder with an empty actions/ that a
 * second init, with the right name, refuses to fill. The profiles are read as `actions profile
 * list` reads them, creating no history or folder.
 */
async function refusedProfile(profile: string, dataDirFlag: string | undefined, io: CliIo): Promise<number | null> {
  const checked = await withCore(
    'init',
    dataDirFlag,
    io,
    async (api) => {
      const { profiles } = await api.getAccount();
      if (profiles.some((known) => known.name === profile)) return EXIT.done;
      io.stderr.write(
        `flowent-companion init: ${inCliWords({ code: 'flowent-unknown-profile', name: profile, profiles: profiles.map((known) => known.name) })} flowent/ was not created.\n`,
      );
      return EXIT.usage;
    },
    { readOnly: true, emptyIfMissing: true },
  );
  // Done means the profile is known; any other code (the history could not be read too) ends init.
  return checked === EXIT.done ? null : checked;
}
