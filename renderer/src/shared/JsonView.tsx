import { useMemo } from 'react';
import { decodeUnicodeEscapes } from '../../../main/contract/api';
import { prettyTokens, tokenizeJson } from './json-tokens';
import { ScrollText } from './ScrollText';

/** Beyond this a body is shown as plain text: thousands of spans cost more than colour is worth. */
const HIGHLIGHT_LIMIT = 256 * 1024;

/**
 * Pretty JSON with syntax colouring, `\uXXXX` escapes shown as their characters (the Raw
 * view keeps the bytes); plain text when the body is not JSON, or is too long to colour (which
 * a note above it says).
 */
export function JsonView({ text, label }: { text: string; label: string }) {
  const tokens = useMemo(() => {
    if (text.length > HIGHLIGHT_LIMIT) return null;
    const raw = tokenizeJson(text);
    return raw ? prettyTokens(raw) : null;
  }, [text]);
  if (!tokens) {
    const plain = <ScrollText label={label}>{text || <span className="muted">(empty body)</span>}</ScrollText>;
    if (text.length <= HIGHLIGHT_LIMIT) return plain;
    // Said, so a long JSON body on one line is not taken for a view that broke.
    return (
      <>
        <p className="body-note" role="note" aria-label="Pretty view">
          Shown as plain text: bodies over {HIGHLIGHT_LIMIT / 1024} KB are not formatted or highlighted.
        </p>
        {plain}
      </>
    );
  }
  return (
    <ScrollText label={label} className="json">
      {tokens.map((t, i) =>
        t.kind === 'space' ? (
          t.text
        ) : (
          <span key={i} className={`tok-${t.kind}`}>
            {t.kind === 'string' || t.kind === 'key' ? decodeUnicodeEscapes(t.text) : t.text}
          </span>
        ),
      )}
    </ScrollText>
  );
}
