import { Fragment } from 'react';

/**
 * A message from the core in words, where `name` in backticks is code: shown as code, not
 * as literal backticks. An unpaired backtick stays as it is.
 */
export function Prose({ text }: { text: string }) {
  const parts = text.split('`');
  if (parts.length < 3) return <>{text}</>;
  const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), `${parts[parts.length - 2]}\`${parts[parts.length - 1]}`];
  return <>{paired.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}</>;
}
