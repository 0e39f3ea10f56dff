import type { ReactNode } from 'react';

/**
 * Text in a frame that scrolls when it is long (a body, signed bytes, a verifier). The frame
 * takes keyboard focus and is a named region: without a mouse, a person can tab to it and
 * scroll it with the arrow keys, and a screen reader says what it holds.
 */
export function ScrollText({
  label,
  className,
  busy,
  children,
}: {
  label: string;
  /** Besides `body-view`. */
  className?: string;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <pre className={className ? `body-view ${className}` : 'body-view'} role="region" aria-label={label} aria-busy={busy} tabIndex={0}>
      {children}
    </pre>
  );
}
