import { Fragment } from 'react';
import type { CodePart } from '../../../main/contract/words';

/** A sentence from the shared words in pieces: its names, URLs and templates shown as code. */
export function CodeParts({ parts }: { parts: readonly CodePart[] }) {
  return <>{parts.map((part, at) => ('text' in part ? <Fragment key={at}>{part.text}</Fragment> : <code key={at}>{part.code}</code>))}</>;
}
