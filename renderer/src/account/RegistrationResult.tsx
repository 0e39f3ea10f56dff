import type { CallDetail } from '../../../main/contract/api';
import { registrationWaitingWords } from '../../../main/contract/words';
import { registrationFor, registrationText } from './account-format';
import { useAccountStore } from './account-store';

/** Beside Flowent's registration check: what Flowent then said about the registration that caused it. */
export function RegistrationResult({ call }: { call: CallDetail }) {
  const record = useAccountStore((s) => registrationFor(call, s.account?.registrations ?? []));
  const waitingFor = useAccountStore((s) => (s.registering !== null && s.registering === call.action ? s.registering : null));
  if (record) {
    return (
      <div
        className={record.ok ? 'explain-box registration-ok' : 'problem-box'}
        role="note"
        aria-label="Registration result"
        data-testid="registration-result"
      >
        {registrationText(record)}
      </div>
    );
  }
  if (waitingFor === null) return null;
  return (
    <div className="explain-box" role="status" aria-label="Registration result" data-testid="registration-result">
      {registrationWaitingWords(waitingFor)}
    </div>
  );
}
