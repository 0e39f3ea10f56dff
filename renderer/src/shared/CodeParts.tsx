import { Fragment } from 'react';
import type { MarkedPart } from '../../../main/contract/words';

/** A sentence from the shared words in pieces: its names, URLs and templates shown as code, the labels to look for in bold. */
export function CodeParts({ parts }: { parts: readonly MarkedPart[] }) {
  return (
    <>
      {parts.map((part, at) =>
        'text' in part ? (
          <Fragment key={at}>{part.text}</Fragment>
        ) : 'code' in part ? (
          <code key={at}>{part.code}</code>
        ) : (
          <strong key={at}>{part.strong}</strong>
        ),
      )}
    </>
  );
}
