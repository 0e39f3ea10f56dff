import type { CallDetail } from '../../../main/contract/api';
import { describeRegistration, registrationFor } from './account-format';
import { useAccountStore } from './account-store';

/** Beside Flowent's registration check: what Flowent then said about the registration that caused it. */
export function RegistrationResult({ call }: { call: CallDetail }) {
  const record = useAccountStore((s) => registrationFor(call, s.account?.registrations ?? []));
  const waiting = useAccountStore((s) => s.registering !== null && s.registering === call.action);
  if (record) {
    return (
      <div
        className={record.ok ? 'explain-box registration-ok' : 'problem-box'}
        role="note"
        aria-label="Registration result"
        data-testid="registration-result"
      >
        {describeRegistration(record)}
      </div>
    );
  }
  if (!waiting) return null;
  return (
    <div className="explain-box" role="status" aria-label="Registration result" data-testid="registration-result">
      Registration of {call.action}: waiting for Flowent&apos;s answer…
    </div>
  );
}
