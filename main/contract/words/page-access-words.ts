/**
 * What the page says in place of everything when it cannot use the companion: opened without its
 * access token, or with one the companion refuses (wrong, another data folder's, or changed
 * since). What to do points at the Inspector line `serve` prints, in the words serve prints it
 * with (ACCESS_TOKEN_CHANGED_NOTE is on both). Commands come made (companionCommand), naming the
 * companion's data folder when the page knows it.
 */
import type { MarkedPart } from './code-parts';

/** The end of the Inspector line serve prints when the access token is changed, and which the page tells to look for. */
export const ACCESS_TOKEN_CHANGED_NOTE = '(the access token was changed)';

/** The screen's heading: the token was changed, or is refused for another reason. */
export function accessDeniedHeading(rotated: boolean): string {
  return rotated ? 'The access token was changed' : 'This page\u2019s access token is not accepted';
}

/** What happened, under the heading; `rotateCommand` is the command that changes the token. */
export function accessDeniedParts(rotated: boolean, rotateCommand: string): MarkedPart[] {
  return rotated
    ? [
        { text: "Someone changed the inspector's access token (the button in Settings, or " },
        { code: rotateCommand },
        { text: "). This page's address holds the old one, which the companion no longer accepts." },
      ]
    : [
        {
          text: "The companion refused the token in this page's address: it is wrong, or it belongs to another companion (each data folder has its own). Nothing is shown until the page has the right one.",
        },
      ];
}

/** Heads the steps that bring the page back. */
export const WHAT_TO_DO = 'What to do';

/** The first step: where the address with the right token is. */
export function findInspectorAddressParts(rotated: boolean, rotateCommand: string): MarkedPart[] {
  return rotated
    ? [
        { text: 'Open the new Inspector address. ' },
        { code: 'flowent-companion serve' },
        { text: ' printed it when the token changed, on a new ' },
        { strong: 'Inspector' },
        { text: ' line that ends in ' },
        { code: ACCESS_TOKEN_CHANGED_NOTE },
        { text: '; the page where the token was changed has it too, and so does the output of ' },
        { code: rotateCommand },
        { text: '.' },
      ]
    : [
        { text: 'Find the last ' },
        { strong: 'Inspector' },
        { text: ' line that ' },
        { code: 'flowent-companion serve' },
        { text: ' printed (it holds ' },
        { code: '#token=…' },
        { text: '; serve prints a new one whenever the token is changed) and open that address.' },
      ];
}

/** The second step: a companion that stopped is started again, which prints the address. */
export function startAgainForAddressParts(serveCommand: string): MarkedPart[] {
  return [
    { text: 'If the companion is no longer running, start it again with ' },
    { code: serveCommand },
    { text: ' and open the address it prints.' },
  ];
}

/** When the page could not read the companion's data folder: its commands may need the folder serve was started with. */
export const SAME_DATA_DIR_NOTE: readonly MarkedPart[] = [
  { text: 'If the companion was started with ' },
  { code: '--data-dir' },
  { text: ', give these commands the same one: each data folder has its own companion and token.' },
];

/** The page opened with neither the desktop bridge nor a token in its address. */
export const NO_BRIDGE = 'This page cannot reach the companion: it was opened without its access token.';

/** What to do about it. */
export const OPEN_INSPECTOR_URL: readonly MarkedPart[] = [
  { text: 'Open the Inspector URL printed by ' },
  { code: 'flowent-companion serve' },
  { text: ' (it ends in ' },
  { code: '#token=…' },
  { text: '), or start the desktop app.' },
];
