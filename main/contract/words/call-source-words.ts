/**
 * How a call that is not Flowent's traffic to this companion is marked: the same word in `calls`'
 * lines (`[replay]`) and on the page's row tag (`replay`), with the tag's sentence. A replay or a
 * simulated call read from another companion's export keeps its source, and is marked imported
 * first: it was not sent from here, though what it was there still tells its answer apart.
 */
import type { CallSummary } from '../calls';
import type { CallSource } from '../names-and-limits';

type Marked = Pick<CallSummary, 'source' | 'imported'>;

/** Where a call came from, as the page's source filter offers it and the bulk replay's filter names it. */
export const CALL_SOURCE_LABEL: Record<CallSource, string> = {
  flowent: 'from Flowent',
  replay: 'replay',
  simulator: 'simulated',
  import: 'imported',
};

/** The mark's words (`replay`, `simulated`, `imported`, `imported replay`, `imported simulated`); null for Flowent's own calls. */
export function callSourceMark({ source, imported }: Marked): string | null {
  switch (source) {
    case 'flowent':
      return null;
    case 'import':
      return 'imported';
    case 'replay':
      return imported ? 'imported replay' : 'replay';
    case 'simulator':
      return imported ? 'imported simulated' : 'simulated';
    default: {
      const never: never = source;
      return never;
    }
  }
}

const NOT_COUNTED = 'not Flowent traffic to this companion, never counted as a failure.';

/** Why the call is marked, for the mark's title; null for Flowent's own calls. */
export function callSourceSentence({ source, imported }: Marked): string | null {
  switch (source) {
    case 'flowent':
      return null;
    case 'import':
      return `A call read from a HAR file: ${NOT_COUNTED}`;
    case 'replay':
      return imported
        ? `A replay another companion sent, read from its HAR export: ${NOT_COUNTED}`
        : 'A replay of a stored call, sent by this companion: not Flowent traffic, never counted as a failure.';
    case 'simulator':
      return imported
        ? `A call another companion's simulator made up, read from its HAR export: ${NOT_COUNTED}`
        : 'A call made up by the simulator: not Flowent traffic, never counted as a failure.';
    default: {
      const never: never = source;
      return never;
    }
  }
}

/** The filter bar's Source choice's title: where the calls it picks from came from. */
export const SOURCE_FILTER_TITLE = "Where calls came from: Flowent, or this companion's replays, simulator and imports";

/** The filter bar's registration-check choices, as the list's filter in words says them (replay-target-words). */
export const TEST_FILTER_CHOICES = {
  all: 'Registration checks too',
  only: 'Only registration checks',
  none: 'No registration checks',
} as const;

/** The filter bar's "Failures only" title: the calls the header counts as failures. */
export const FAILURES_ONLY_TITLE = "Only the calls the header counts as failures: Flowent's own calls that failed";
