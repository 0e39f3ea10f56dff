// Bundled alone (test/desktop/settle-as-command.ts) into a file another user may run: the start
// folder's settling, in its own process, as that user, on this process's environment. Prints
// what settleDataFolder returns as JSON.
import { settleDataFolder, type StartFolderInput } from '../../main/desktop/start-folder';

const input = JSON.parse(process.argv[2] ?? '{}') as Pick<StartFolderInput, 'home' | 'cwd' | 'appData'>;
process.stdout.write(JSON.stringify(settleDataFolder({ ...input, env: process.env, platform: process.platform })));
