import type { ApiFailure } from '../../../main/contract/api';
import { companionCommand, dataDirForCommands, REPLAY_BUTTONS, wordFailure, type Vocabulary } from '../../../main/contract/words';
import { useMetaStore } from './stores';

/**
 * Where the page's user acts: dialogs, tabs, fields and buttons, by the labels the page shows.
 * The page has no port field and no address field: a server that cannot listen is moved by
 * whoever started the companion, so those phrases are null and the catalogue leaves them out.
 */
export const PAGE_VOCABULARY: Vocabulary = {
  choosePort: () => null,
  chooseHost: null,
  startServer: 'restart Flowent Companion',
  setHmacKey: 'set the key in Settings > HMAC key',
  replayAsIs: `use ${REPLAY_BUTTONS.asIs} to send the original bytes`,
  replayResigned: `use ${REPLAY_BUTTONS.resigned} to send it as Flowent would now, with a fresh timestamp and signature`,
  sendRegistrationCheck: 'tick "Send Flowent’s registration check instead" for the unsigned check',
  setNgrokAuthtoken: 'set it in Settings > ngrok authtoken',
  // Only serve --domain reserves one (the app has no domain setting): its page says how to drop it.
  withoutDomain: 'start serve again without --domain',
  setApiToken: (variable) => `set it in Flowent account > Account (or start the companion with ${variable})`,
  addProfile: (name) => `add "${name}" in Flowent account > Account > Profiles`,
  openTunnel: 'open the tunnel first (Public URL > Open tunnel)',
  reopenTunnel: 'open the tunnel again (Public URL > Open tunnel)',
  giveTunnelUrl: "give the action the tunnel's URL (Edit › Register here does)",
  useLanUrl: 'register against a LAN URL such as http://192.168.1.20:8787 (Settings > Local network > Listen on all interfaces)',
  listActions: 'see the registered actions in Flowent account > Actions',
  setTarget: (action) => `set a forwarding target for ${action ?? 'the action'} in Answers`,
  setDefaultTarget: 'set a forwarding target for "Default for all actions" in Answers',
  giveTarget: 'give a target URL here',
  // The companion answers with the action's mock, or the built-in answer where it has none: not "its mock".
  sendToCompanion: () => 'choose "This companion" for the companion to answer it as it answers Flowent',
  chooseOtherCalls: 'change the filter',
  chooseHarFile: 'choose a .har file with Import HAR',
  openProject: 'choose File › Open Project Folder… in the desktop app, or start serve with --project <dir>',
  // Read when worded: the command names the folder of the companion the page shows when it is not the default one.
  pullActions: () => `run "${companionCommand('actions pull', dataDirForCommands(useMetaStore.getState().status))}"`,
  pointActionHere: (_action, profile) =>
    `point it here with Edit › Register here, which links it too${profile === null ? '' : `, with profile ${profile} in use (Flowent account > Account > Profiles)`}`,
};

/** A failure of the contract's methods in the page's words. */
export function inPageWords(failure: ApiFailure): string {
  return wordFailure(failure, PAGE_VOCABULARY);
}
