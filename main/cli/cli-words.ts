import type { AnswersFolderFailure, ApiFailure, StartFailure } from '../contract/api';
import {
  wordAnswersFolderFailure,
  wordFailure,
  wordStartFailure,
  type AnswersFolderVocabulary,
  type Catalogue,
  type StoreVocabulary,
  type Vocabulary,
} from '../contract/words';
import { HMAC_KEY_ENV, NGROK_AUTHTOKEN_ENV } from '../contract/secret-variables';
import { DATA_DIR_ENV } from '../core';

/** Where the command line's user acts: flags, environment variables and commands. */
export const CLI_VOCABULARY: Vocabulary & StoreVocabulary & AnswersFolderVocabulary = {
  choosePort: (server) =>
    server === 'webhook'
      ? 'choose another port with --port (--port 0 picks a free one)'
      : 'choose another port with --inspector-port (--inspector-port 0 picks a free one), or start without it with --no-inspector',
  chooseHost: 'use --host 127.0.0.1, or --host 0.0.0.0 for every interface',
  chooseDataDir: `choose another folder with --data-dir or ${DATA_DIR_ENV}`,
  buildSqliteModule: (packageFolder) =>
    `build it for this Node where it is installed (cd ${packageFolder} && npm rebuild better-sqlite3), or install the package again letting npm run its install scripts (--allow-scripts=better-sqlite3)`,
  startServer: 'start it with "flowent-companion serve"',
  setHmacKey: `set ${HMAC_KEY_ENV}`,
  replayAsIs: 'leave out --resign and --params to send the original bytes',
  replayResigned: 'replay it with --resign to send it as Flowent would now, with a fresh timestamp and signature',
  sendRegistrationCheck: 'use --test for the unsigned registration check',
  setNgrokAuthtoken: `set ${NGROK_AUTHTOKEN_ENV}`,
  withoutDomain: 'start without --domain',
  setApiToken: (variable) => `set ${variable}`,
  addProfile: (name) => `add it with "flowent-companion actions profile add ${name} <gateway-url>"`,
  openTunnel: 'start "flowent-companion serve --tunnel" first',
  reopenTunnel:
    'open the tunnel again (start "flowent-companion serve --tunnel", or Public URL > Open tunnel in a running serve\'s inspector)',
  giveTunnelUrl: "give the action the tunnel's URL (--here does)",
  useLanUrl: 'give a LAN URL with --url (such as --url http://192.168.1.20:8787)',
  listActions: 'list the registered actions with "flowent-companion actions list"',
  setTarget: (action) => `run "flowent-companion targets set ${action ?? '<action>'} <url>"`,
  setDefaultTarget: 'run "flowent-companion targets set --default <url>"',
  giveTarget: 'pass --target <url>',
  sendToCompanion: (url) => `--target ${url} for the mock of the companion running there to answer it (it mocks this action)`,
  chooseOtherCalls: 'change --action or --since',
  chooseHarFile: 'name the file: flowent-companion import <file.har>',
  openProject: 'run the command in the folder that holds flowent/, or give --project <dir>',
  pullActions: () => 'run "flowent-companion actions pull"',
  pointActionHere: (action, profile) => {
    const named = profile === null ? '' : ` --profile ${profile}`;
    return (
      `point it here and link it with "flowent-companion actions link ${action} --here${named}" (a running serve's URL) or ` +
      `"--url <the companion's base URL>"; "actions update ${action} --here${named}" does the same`
    );
  },
  giveAnswersFolder: 'give a folder "flowent-companion mocks export <dir>" wrote, such as flowent/answers',
  storeOneMock: (file) => `run "flowent-companion mocks set <action> --file ${file}"`,
};

/** A failure of the contract's methods in the command line's words. */
export function inCliWords(failure: ApiFailure, overrides: Partial<Catalogue<ApiFailure, Vocabulary>> = {}): string {
  return wordFailure(failure, CLI_VOCABULARY, overrides);
}

/** Why the core could not start, in the command line's words. */
export function startInCliWords(failure: StartFailure): string {
  return wordStartFailure(failure, CLI_VOCABULARY);
}

/** Why `mocks import` or `mocks export` could not use its folder, in the command line's words. */
export function answersFolderInCliWords(failure: AnswersFolderFailure): string {
  return wordAnswersFolderFailure(failure, CLI_VOCABULARY);
}
