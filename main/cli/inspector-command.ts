import { fileErrorCode, fileProblemClause } from '../contract/words';
import { runningServes } from '../core';
import { rotateInspectorTokenFile } from '../transports/inspector/inspector-token';
import { parseFlags, UsageError } from './args';
import type { CliIo } from './cli-io';
import { dataDirOf } from './open-core';
import { EXIT } from './exit-codes';

export const INSPECTOR_HELP = `Usage: flowent-companion inspector rotate-token [options]

Replace the browser inspector's access token. A running "serve" refuses the old token from
its next request on, and its open inspector pages say so: open the new Inspector URL printed
here. The inspector page's Settings dialog has a button that does the same.

Options:
  --data-dir <dir>   History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  -h, --help         Show this help
`;

export const SUBCOMMANDS = ['rotate-token'] as const;

/** The flags of `inspector`: parsed from here, and listed by the completion scripts. */
export const FLAGS = { 'data-dir': { type: 'string', takes: 'folder' } } as const;

export async function inspectorCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  const [action, extra] = positionals;
  if (action !== 'rotate-token') {
    throw new UsageError(
      action === undefined ? 'inspector needs an action: rotate-token.' : `unknown action "${action}"; the action is rotate-token.`,
    );
  }
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}".`);
  const dataDir = dataDirOf(values['data-dir'], io);
  let token: string;
  try {
    token = rotateInspectorTokenFile(dataDir);
  } catch (error) {
    // The token goes into the data folder itself: when that is what is missing, the file
    // clause ("its folder does not exist... choose a file") would send the user to a file to choose.
    io.stderr.write(
      fileErrorCode(error) === 'ENOENT'
        ? `flowent-companion inspector: cannot write the token: the folder ${dataDir} does not exist. Create it first, or name another with --data-dir.\n`
        : `flowent-companion inspector: cannot write the token in ${dataDir}: ${fileProblemClause(error, 'written')}.\n`,
    );
    return EXIT.failed;
  }
  // Every serve on this folder shares the token: each inspector's address changes.
  const ports = runningServes(dataDir).flatMap((serve) => serve.inspectorPort ?? []);
  io.stdout.write('The inspector has a new access token; the old one is refused from now on.\n');
  if (ports.length > 0) {
    for (const port of ports) io.stdout.write(`  Inspector:    http://127.0.0.1:${port}/#token=${token}\n`);
    io.stdout.write(`Open inspector pages say the token changed; open ${ports.length > 1 ? 'these addresses' : 'this address'} instead.\n`);
  } else {
    io.stdout.write(`  Token:        ${token}\n`);
    io.stdout.write('No serve with an inspector runs on this data folder now; the next one prints its Inspector URL with this token.\n');
  }
  return 0;
}
