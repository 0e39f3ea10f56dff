/**
 * What the page says of a part of it loaded when first shown (the mock editor, some dialogs):
 * while it loads, and when it cannot be, as its file comes from a companion that may be out of
 * reach. The page only: the command line has no parts to load.
 */
import { cap } from './said';

/** The parts loaded when first shown, as the sentences about them name them. */
const PAGE_PARTS = {
  editor: 'the editor',
  answers: 'the Answers dialog',
  account: 'the Flowent account dialog',
  project: 'the Project dialog',
} as const;

export type PagePart = keyof typeof PAGE_PARTS;

/** Shown in the part's place while it loads. */
export function partLoadingWords(part: PagePart): string {
  return `Loading ${PAGE_PARTS[part]}…`;
}

/** The part's first failed load: the companion could not be reached, so its file could not come. */
export function partNotLoadedWords(part: PagePart): string {
  return `${cap(PAGE_PARTS[part])} could not be loaded: the companion could not be reached. Try again once it is running again.`;
}

/** A second failure, after Try again: some browsers keep a failed load until the page is loaded again. */
export function partNotLoadedAgainWords(part: PagePart): string {
  return `${cap(PAGE_PARTS[part])} could not be loaded again. If the companion is running, reload the page: this browser keeps a failed load until then.`;
}

/**
 * The part loaded and then stopped on an error of the page's own (a defect, not the connection):
 * said as such, with the error, as "could not be reached" sent people to check a companion that
 * was running.
 */
export function partStoppedWords(part: PagePart, error: string): string {
  return `${cap(PAGE_PARTS[part])} stopped on an error in the page (${error}). Try again; if it stops again, reload the page.`;
}

/**
 * The whole page stopped on an error of its own, outside any part loaded when first shown: said
 * in its place (it went blank), with the error, and that the companion goes on.
 */
export function pageStoppedWords(error: string): string {
  return `The page stopped on an error (${error}). Reload the page to go on: the companion, and the calls it stored, are not affected.`;
}

/** The failure's button that loads the part again. */
export const TRY_LOADING_AGAIN = 'Try again';

/** The second failure's button that loads the whole page again (which keeps the selected call: it is in the address). */
export const RELOAD_THE_PAGE = 'Reload the page';
