import type { ServerName } from '../status';

/**
 * The places a user acts, as each front end names them: the command line in flags,
 * environment variables and commands, the page in dialogs, fields and buttons. Each phrase is
 * a lowercase instruction that reads on after "...: " or ", or " (the catalogue capitalises
 * it when it starts a sentence) and says only where to act, never what happened.
 */

/** Where the user moves a server that could not listen. */
export interface ListenVocabulary {
  /** How to listen on another port; null where this front end offers none. */
  choosePort(server: ServerName): string | null;
  /** How to listen on another address; null where this front end offers none. */
  chooseHost: string | null;
}

/** Where the user points the companion at another history folder. */
export interface StoreVocabulary {
  chooseDataDir: string;
  /** How the SQLite module in `packageFolder`'s node_modules is built for the runtime that loads it. */
  buildSqliteModule(packageFolder: string): string;
}

/** Where the user moves answers through a folder of answer files: the command line only. */
export interface AnswersFolderVocabulary {
  /** Giving the folder such a transfer reads: the one an export writes. */
  giveAnswersFolder: string;
  /** Storing one mock file (`file`) as an action's mock. */
  storeOneMock(file: string): string;
}

/** What the start-up failures need: the command line's and the desktop app's start. */
export interface StartVocabulary extends ListenVocabulary, StoreVocabulary {}

/** What the failures of the contract's methods need: the command line's and the page's. */
export interface Vocabulary extends ListenVocabulary {
  startServer: string;
  setHmacKey: string;
  /** Doing without the key: replaying the original bytes instead of re-signing. */
  replayAsIs: string;
  /** Sending a replay with a fresh timestamp and signature, as Flowent would send it now. */
  replayResigned: string;
  /** Doing without the key: Flowent's registration check, which is unsigned. */
  sendRegistrationCheck: string;
  setNgrokAuthtoken: string;
  /** Opening the tunnel without a reserved domain, at a URL ngrok picks. */
  withoutDomain: string;
  /** Setting a Flowent profile's API token (`variable`: the environment variable it can come from). */
  setApiToken(variable: string): string;
  addProfile(name: string): string;
  openTunnel: string;
  /** Opening the companion's tunnel again: it was closed, or the companion that had it stopped. */
  reopenTunnel: string;
  /** Giving an action the URL the companion's tunnel is open at now. */
  giveTunnelUrl: string;
  /** Registering against this machine's LAN address instead of the tunnel's. */
  useLanUrl: string;
  listActions: string;
  /** Setting the action's forwarding target (null: no action named, any action). */
  setTarget(action: string | null): string;
  /** Setting the default forwarding target, every action's without one of its own. */
  setDefaultTarget: string;
  /** Giving a target URL for this one send. */
  giveTarget: string;
  /** Sending to a running companion's webhook (`url`, for the action), where its mock answers. */
  sendToCompanion(url: string): string;
  /** Choosing other calls (a filter, a time span). */
  chooseOtherCalls: string;
  chooseHarFile: string;
  /** Opening a project folder (the folder holding flowent/). */
  openProject: string;
  /**
   * Pointing the action at this companion and linking it in one step; `profile` is named where it
   * is not the one the front end acts on (null: that one).
   */
  pointActionHere(action: string, profile: string | null): string;
  /** Pulling Flowent's actions into the project's files (a command names the data folder the front end is on when it must). */
  pullActions(): string;
}

/**
 * How a front end names signing styles and where a verifier is had: what a probe's finding and
 * the handler's diagnosis speak of.
 */
export interface SigningVocabulary {
  /** A signing style: its id (the command line, as its table has it) or its label (the page, as its signature details). */
  style(style: string): string;
  /** Styles in a list: ids ", " apart; labels "; " apart, as they hold commas. */
  styles(styles: readonly string[]): string;
  /**
   * Where a verifier that accepts `style` (null: none in particular) is had, as the subject and
   * verb before "a verifier that ..." or "one that ...": the command line's command and
   * "prints", the page's fold that shows it and "gives".
   */
  getVerifier(style: string | null): string;
  /** Where the exact text each style signed for this call is shown, to set beside the text a handler signs: "... shows them". */
  showSignedBytes: string;
  /** What sends this call again with a fresh timestamp and signature, as the subject before "sends this call again". */
  replayResigned: string;
}

/** How a front end names what a probe's finding speaks of: signing styles, another style's bytes, and where a verifier is had. */
export interface ProbeVocabulary extends SigningVocabulary {
  /** Another style's bytes, after "where its bytes were": "python's"; "those of Python example (...)" (a label is a phrase). */
  bytesOf(style: string): string;
}
