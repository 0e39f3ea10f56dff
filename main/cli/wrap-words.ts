/** How wide the command line's long lines may be: a common terminal's width, whatever the output is. */
export const LINE_WIDTH = 100;

/**
 * `text` as lines of at most `width` columns, broken at spaces (runs of spaces at a break are
 * dropped); each line after the first starts with `indent`, a hanging indent. A word longer
 * than a line (a URL) is kept whole on a line of its own.
 */
export function wrapWords(text: string, indent = '', width = LINE_WIDTH): string[] {
  const lines: string[] = [];
  let prefix = '';
  let rest = text;
  while (prefix.length + rest.length > width) {
    const room = width - prefix.length;
    // Spaces that open the text are its indentation, not a place to break.
    const leading = rest.length - rest.trimStart().length;
    let at = rest.lastIndexOf(' ', room);
    if (at <= leading) at = rest.indexOf(' ', Math.max(room, leading));
    if (at < 0) break;
    lines.push(prefix + rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
    prefix = indent;
  }
  lines.push(prefix + rest);
  return lines;
}
