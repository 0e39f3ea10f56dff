/** How many characters stay at the end: the port and path people tell URLs apart by. */
const TAIL = 12;

/**
 * Text cut in the middle when space runs out (`http://127.0.0.1:27…8787`), whole on hover.
 * Copying copies it whole: the visible parts are the text itself, only clipped.
 */
export function MiddleElided({ text, testId }: { text: string; testId?: string }) {
  const head = text.length > TAIL ? text.slice(0, -TAIL) : text;
  const tail = text.length > TAIL ? text.slice(-TAIL) : '';
  return (
    <code className="middle-elided" title={text} data-testid={testId}>
      <span className="elided-head">{head}</span>
      <span className="elided-tail">{tail}</span>
    </code>
  );
}
