import { useEffect, useId, useState } from 'react';
import { VERIFIER_LANGUAGES, type VerifierLanguage } from '../../../main/contract/api';
import { CopyButton } from '../shared/CopyButton';
import { fetchVerifier } from './handler-actions';
import { ErrorLine } from '../shared/ErrorLine';
import { ScrollText } from '../shared/ScrollText';

const LANGUAGE_LABEL: Record<VerifierLanguage, string> = { python: 'Python', node: 'Node.js', go: 'Go' };

/**
 * A verifier behind a disclosure: its code is a hundred lines, and above it would push what the
 * call's details open with (the verdict, the problems) off the screen. It is asked for, and
 * fetched, only once opened.
 */
export function VerifierFold({ summary, style, styleLabel }: { summary: string; style: string; styleLabel: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="headers-fold" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && <VerifierSnippet style={style} styleLabel={styleLabel} />}
    </details>
  );
}

/** A verifier to paste into the handler that accepts calls signed in `style`, in the language picked. */
export function VerifierSnippet({ style, styleLabel }: { style: string; styleLabel: string }) {
  const [language, setLanguage] = useState<VerifierLanguage>('python');
  // Its own radio group: a probe's finding can show a verifier beside the section's.
  const group = useId();
  const [shown, setShown] = useState<{ key: string; snippet: string } | { key: string; message: string } | null>(null);
  const key = `${language} ${style}`;
  useEffect(() => {
    let current = true;
    void fetchVerifier(language, style).then((got) => {
      if (current) setShown({ key, ...got });
    });
    return () => {
      current = false;
    };
  }, [key, language, style]);
  const snippet = shown?.key === key && 'snippet' in shown ? shown.snippet : null;
  return (
    <div className="verifier-snippet" role="group" aria-label="Verifier">
      <div className="verifier-head">
        <span>
          A verifier that accepts <strong>{styleLabel}</strong>:
        </span>
        <span className="segmented" role="radiogroup" aria-label="Verifier language">
          {VERIFIER_LANGUAGES.map((name) => (
            <label key={name} className={name === language ? 'active' : undefined}>
              <input type="radio" name={group} checked={name === language} onChange={() => setLanguage(name)} />
              {LANGUAGE_LABEL[name]}
            </label>
          ))}
        </span>
        <span className="spacer" />
        {snippet !== null && <CopyButton text={snippet} what={`${LANGUAGE_LABEL[language]} verifier`} />}
      </div>
      {shown?.key === key && 'message' in shown ? (
        <ErrorLine message={shown.message} />
      ) : (
        <ScrollText label={`${LANGUAGE_LABEL[language]} verifier`} className="verifier-code" busy={snippet === null}>
          {snippet ?? 'Loading…'}
        </ScrollText>
      )}
    </div>
  );
}
