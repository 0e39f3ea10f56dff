import { useState } from 'react';
import {
  REGISTER_HERE_WAITING,
  registeredWords,
  registerHereTunnelWaitWords,
  registrationCheckPassedWords,
  uncheckedUpdateWords,
  updatedWords,
  NO_URL_TO_REGISTER,
} from '../../../main/contract/words';
import { TUNNEL_NOT_OPENED, tunnelSeenAfter } from '../../../main/contract/here-url';
import { PAGE_VOCABULARY } from '../page/page-words';
import { actionUrl } from '../tunnel/tunnel';
import { baseUrlChoices } from './account-format';
import { changeOf, registerHere, type RegisterHereOutcome } from './account-registry';
import { useMetaStore } from '../page/stores';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { useScrolledIntoView } from '../page/use-scrolled-into-view';

interface Props {
  name: string;
  description: string;
  /** Null while the form's schema does not parse: the section stays (and keeps its choice), blocked. */
  schema: Record<string, unknown> | null;
  /** Why it cannot be sent yet (problems in the form), or null. */
  blocked?: string | null;
  /** Called as the button is pressed: what the form around it said of an earlier try is out of date. */
  onTry?: () => void;
  /** How many times the form around it was sent by its own button: each makes this one's outcome out of date. */
  formTries?: number;
}

/**
 * One click: registers (or updates) the action at this companion, and says what happened.
 * Flowent checks the URL before it answers, so the check shows up in the history meanwhile.
 */
export function RegisterHere({ name, description, schema, blocked = null, onTry, formTries = 0 }: Props) {
  const status = useMetaStore((s) => s.status);
  const choices = baseUrlChoices(status);
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RegisterHereOutcome | null>(null);
  // The form's own Register was pressed since: a success here would sit beside its new refusal.
  const [triesSeen, setTriesSeen] = useState(formTries);
  if (triesSeen !== formTries) {
    setTriesSeen(formTries);
    setOutcome(null);
  }
  // Flowent's answer (a failed registration check above all) comes under the button, at the foot of a long form.
  const outcomeBox = useScrolledIntoView<HTMLDivElement>(outcome);
  const choice = choices.find((c) => c.value === picked) ?? choices[0] ?? null;
  const shownBase = choice ? (choice.value ?? status?.tunnel.url ?? '') : null;
  const tunnel = status ? tunnelSeenAfter(TUNNEL_NOT_OPENED, status.tunnel) : TUNNEL_NOT_OPENED;
  const tunnelWait =
    status && (tunnel.state === 'connecting' || tunnel.state === 'reconnecting' || tunnel.state === 'offline')
      ? registerHereTunnelWaitWords(status.mode, tunnel, PAGE_VOCABULARY)
      : null;

  async function go() {
    if (!choice || schema === null) return;
    setBusy(true);
    setOutcome(null);
    onTry?.();
    setOutcome(await registerHere(name, description, schema, choice.value));
    setBusy(false);
  }

  return (
    <section aria-label="Register here" className="register-here">
      <h3>Register here</h3>
      {choices.length === 0 ? (
        <p className="muted">{NO_URL_TO_REGISTER}</p>
      ) : (
        <>
          {tunnelWait && (
            <p className="banner banner-warn" role="status" data-testid="register-here-tunnel-wait">
              {tunnelWait}
            </p>
          )}
          <label className="inline-field">
            Flowent calls
            <select
              aria-label="Register at"
              value={choice ? choices.indexOf(choice) : 0}
              onChange={(e) => setPicked(choices[Number(e.target.value)]?.value)}
            >
              {choices.map((c, i) => (
                <option key={c.label} value={i}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          {shownBase && name && (
            <p className="muted">
              webhook_url: <code data-testid="register-here-url">{actionUrl(shownBase, name)}</code>
            </p>
          )}
          <div className="button-row">
            <BusyButton busy={busy} disabled={!name || blocked !== null} title={blocked ?? undefined} onClick={() => void go()}>
              {busy ? 'Registering…' : `Register ${name || 'the action'} here`}
            </BusyButton>
            {busy && (
              <span role="status" data-testid="register-here-progress">
                {REGISTER_HERE_WAITING}
              </span>
            )}
          </div>
        </>
      )}
      {outcome && (
        <div ref={outcomeBox}>
          <RegisterOutcome outcome={outcome} />
        </div>
      )}
    </section>
  );
}

function RegisterOutcome({ outcome }: { outcome: RegisterHereOutcome }) {
  if (!outcome.ok) {
    return <ErrorLine message={outcome.message} label="Register here error" />;
  }
  const { value, warnings } = outcome;
  // As the command line's register --here says it, with the URL it was registered at.
  const change = { ...changeOf(value.action.name), webhookUrl: value.webhookUrl };
  return (
    <div className="explain-box" role="status" data-testid="register-here-result">
      {value.created ? registeredWords(change) : updatedWords(change)}:{' '}
      {value.registrationChecked
        ? `${registrationCheckPassedWords(!value.created)}.`
        : `${uncheckedUpdateWords(value.notInHistoryOf)} To send one now, use Simulate (s), as a registration check.`}{' '}
      It is linked to this companion.
      {warnings.map((w) => (
        <div key={w} className="muted">
          {w}
        </div>
      ))}
    </div>
  );
}
