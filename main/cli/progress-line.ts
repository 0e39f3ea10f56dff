/** How often the line is rewritten: often enough to see it move, seldom enough not to slow the work. */
const PROGRESS_EVERY_MS = 200;

/**
 * The one line on the terminal that says how far a long command is (`import`, `export`,
 * `replay`), rewritten in place and cleared at the end, before the summary. Only on a terminal:
 * a log file or a pipe gets no progress at all, only the command's own lines.
 */
export interface ProgressLine {
  /** Draws `words` in place of the line; within PROGRESS_EVERY_MS of the last drawing only when `now` (a new stage, the last step). */
  show(words: string, now?: boolean): void;
  /** Prints lines above the progress line: it is cleared, `print` writes, and it is drawn again. */
  above(print: () => void): void;
  /** Clears the line for good: what the command prints next starts at the line's place. */
  clear(): void;
}

/** Nothing drawn: what a command gets when its progress would land in a file or a pipe. */
export const NO_PROGRESS_LINE: ProgressLine = { show: () => {}, above: (print) => print(), clear: () => {} };

export function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** The progress line on `stderr` when it is a terminal, else NO_PROGRESS_LINE. */
export function progressLine(stderr: NodeJS.WritableStream): ProgressLine {
  if (!isTerminal(stderr)) return NO_PROGRESS_LINE;
  let shownAt = 0;
  // What the line says now; null while nothing is drawn.
  let drawn: string | null = null;
  const draw = (words: string) => {
    stderr.write(`\r\x1b[K${words}`);
    drawn = words;
  };
  const erase = () => {
    if (drawn !== null) stderr.write('\r\x1b[K');
  };
  return {
    show(words, now = false) {
      const at = Date.now();
      if (!now && drawn !== null && at - shownAt < PROGRESS_EVERY_MS) return;
      shownAt = at;
      draw(words);
    },
    above(print) {
      const words = drawn;
      erase();
      print();
      if (words !== null) draw(words);
    },
    clear() {
      erase();
      drawn = null;
    },
  };
}
