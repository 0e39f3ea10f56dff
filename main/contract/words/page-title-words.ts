/**
 * The page's titles and names that say more than a word or two: each dialog's title and its ×
 * button's name, and the names of the parts of the page a person hears as they move through it
 * (a banner, a note, a list), which the page's tests select by. One-word landmarks ("Mock",
 * "Request") stay where the page lays them out. The page only: the command line has no dialogs.
 */

/** A dialog's title and its × button's name, spread into Dialog as they are. */
interface DialogWords {
  title: string;
  closeLabel: string;
}

export const DIALOG_WORDS = {
  answers: { title: 'Answers', closeLabel: 'Close answers' },
  shortcuts: { title: 'Keyboard shortcuts', closeLabel: 'Close keyboard shortcuts' },
  account: { title: 'Flowent account', closeLabel: 'Close Flowent account' },
  publicUrl: { title: 'Public URL', closeLabel: 'Close public URL panel' },
  settings: { title: 'Settings', closeLabel: 'Close settings' },
  bulkReplay: { title: 'Bulk replay', closeLabel: 'Close bulk replay' },
  simulator: { title: 'Simulate a Flowent call', closeLabel: 'Close the simulator' },
} as const satisfies Record<string, DialogWords>;

/** The call list's parts, and what it says when no row matches. */
export const CALL_LIST_WORDS = {
  /** The pill's tooltip when new calls came in above the rows scrolled to. */
  backToNewest: 'Back to the newest calls',
  /** The bar between the list and a call's details. */
  resize: 'Resize the list and the details',
  waiting: 'Calls waiting for your handler',
  noMatch: 'No matching calls',
  noMatchHeading: 'No calls match these filters',
  noMatchNote: 'Nothing stored matches the filters and search above.',
  /** A search that ran out of time before finding any. */
  noneYet: 'No matching calls yet',
  noneYetHeading: 'None found yet',
  noneYetNote: 'None of them matches the filters and search above.',
  search: 'Search request bodies',
  changeRange: 'Change the time range',
  customRange: 'Custom time range',
} as const;

/** How far a search that ran out of time got, newest first. */
export function searchedDownToWords(downTo: number): string {
  return `Searched the calls down to #${downTo}, newest first.`;
}

/** The banners over the page, and their × buttons. */
export const BANNER_NAMES = {
  urlChanged: 'Public URL changed',
  dismissUrlChange: 'Dismiss URL change',
  notStored: 'Calls cannot be stored',
  storedAgain: 'Calls are stored again',
  dismissStoredAgain: 'Dismiss calls refused',
  actionsToUpdate: 'Actions to update',
  dismissActionsToUpdate: 'Dismiss actions to update',
} as const;

/** Parts of the Flowent account dialog, the Answers dialog and the handler's section. */
export const SECTION_NAMES = {
  gatewayInUse: 'Gateway URL in use',
  goneLinks: 'Linked actions Flowent no longer has',
  follow: 'Follow the tunnel',
  followHeading: 'Follow the public URL',
  answerMistakes: 'Answer files with mistakes',
  routes: 'What answers each action',
  probing: "Checking your handler's verifier",
  probeHeading: "Your handler's verifier, checked",
  probeTable: 'What your handler accepted',
} as const;

/** Parts of the Project dialog and its banner on the main screen, and the Pull button's tooltip. */
export const PROJECT_PART_NAMES = {
  pullTitle: "Write Flowent's actions into the files under actions/ (the plan shows how they differ)",
  mistakes: 'Mistakes in the files',
  mistakesHeading: 'Files with mistakes',
  leftOutPasswords: 'Targets without their password',
  dismissProblem: 'Dismiss project problem',
} as const;

/** Parts of the replay panel, the simulator and the bulk replay form, and their buttons' tooltips. */
export const REPLAY_PART_NAMES = {
  nothingToReplay: 'Nothing to replay',
  noParametersToEdit: 'No parameters to edit',
  bulkOptions: 'Bulk replay options',
  callsNotSent: 'Calls not sent',
  learnedStyle: 'Learned signing style',
  noKnownActions: 'No known actions',
  actionNameProblem: 'Action name problem',
  schemaToDefine: 'Schema to define',
  againstSchema: 'Parameters against the schema',
  /** Regenerate's tooltip. */
  sameSeed: 'Same seed, same parameters',
  /** The simulator's Send, whose shortcut works in its editor. */
  sendKey: 'Ctrl/Cmd+Enter in the editor',
  /** The edited replay's Send. */
  sendKeyAnywhere: 'Ctrl/Cmd+Enter',
} as const;
