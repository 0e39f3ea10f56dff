import { Prose } from './Prose';

/**
 * What went wrong and what to do, read out by screen readers as it appears (`role="alert"`);
 * nothing at all while there is no message.
 */
export function ErrorLine({ message, label, testId }: { message: string | null | undefined; label?: string; testId?: string }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert" aria-label={label} data-testid={testId}>
      <Prose text={message} />
    </p>
  );
}
