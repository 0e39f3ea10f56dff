import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { KeychainUnavailable, SecretState } from '../../../main/contract/api';
import { nonBlankSecret } from '../../../main/contract/secret-variables';
import { hasEdgeSpace } from '../../../main/contract/words';
import { KEYCHAIN_UNAVAILABLE } from '../../../main/contract/words';
import { ErrorLine } from './ErrorLine';
import { BusyButton } from './BusyButton';
import { useFocusWhenGone } from './use-focus-when-gone';

interface Props {
  /** Section title and accessible name, e.g. "HMAC key". */
  title: string;
  /** The environment variable that supplies it when it cannot be set here. */
  envVar: string;
  state: SecretState | undefined;
  canSet: boolean;
  /** What to show as the current value (never the secret itself). */
  current: ReactNode;
  currentTestId: string;
  inputLabel: string;
  saveLabel: string;
  clearLabel: string;
  /** Clearing is offered only when the value is stored here, not taken from the environment. */
  clearable: boolean;
  onSave: (value: string) => Promise<string | null>;
  onClear: () => Promise<string | null>;
  /** Why the desktop app cannot save it (no keychain), said where the field would be; null: it can, or it is not the desktop app. */
  keychainUnavailable?: KeychainUnavailable | null;
  readOnlyTestId?: string;
  /**
   * What is said of a value that starts or ends with a space or a line break (edgeSpaceWords),
   * typed or in use; null where such spaces do no harm (the value is trimmed where it is used).
   */
  spaceWords: ((subject: string, kept: string) => string) | null;
  /** Accessible name of the error line, when a screen has several secrets. */
  errorLabel?: string;
  children?: ReactNode;
}

/**
 * A secret's settings: whether it is set and where from, a password field to replace it and a
 * clear button. The value lives only in the field until it is sent, never in any storage.
 */
export function SecretSection(props: Props) {
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Saving empties the field: Save is then unavailable for the save's own doing, and keeps the focus it was pressed with.
  const [emptiedBySave, setEmptiedBySave] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  // Clear goes once nothing clearable is left: the keyboard lands in the field, where a new one is set.
  const clear = useFocusWhenGone(() => field.current);

  async function run(action: () => Promise<string | null>) {
    setBusy(true);
    setMessage(await action());
    setBusy(false);
  }

  // Blank is no secret: the field holds nothing worth saving, so Save stays off.
  const blank = nonBlankSecret(input) === null;
  const edgeSpace = !blank && hasEdgeSpace(input) && props.spaceWords !== null;
  // The value in use has such a space (serve and the tray say so too): named where it is to be fixed.
  const inUseWords = props.state?.set && props.state.edgeSpace ? props.spaceWords : null;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (blank) return;
    const value = input;
    setInput('');
    setEmptiedBySave(true);
    void run(() => props.onSave(value));
  }

  return (
    <section aria-label={props.title}>
      <h3>{props.title}</h3>
      <p data-testid={props.currentTestId}>{props.current}</p>
      {inUseWords && (
        <p className="banner banner-warn" role="note" aria-label={`${props.title} in use spaces`}>
          {inUseWords(props.state?.source === 'environment' ? props.envVar : `The ${props.title}`, 'used as it is')}
        </p>
      )}
      {props.children}
      {props.canSet ? (
        <form onSubmit={onSubmit} className="key-form">
          <label>
            {props.inputLabel}
            <input
              ref={field}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={input}
              onChange={(e) => {
                setInput(e.target.value);
                setEmptiedBySave(false);
              }}
            />
          </label>
          <BusyButton type="submit" busy={busy || (blank && emptiedBySave)} disabled={blank && !emptiedBySave}>
            {props.saveLabel}
          </BusyButton>
          {edgeSpace && (
            <p className="muted key-note" role="note" aria-label={`${props.title} spaces`}>
              {props.spaceWords?.('It', 'saved as typed')}
            </p>
          )}
          {props.state?.set && props.clearable && (
            <BusyButton busy={busy} ref={clear} onClick={() => void run(props.onClear)}>
              {props.clearLabel}
            </BusyButton>
          )}
        </form>
      ) : (
        <p className="muted" data-testid={props.readOnlyTestId}>
          In this mode the {props.title} comes from the <code>{props.envVar}</code> environment variable
          {props.keychainUnavailable && `, as ${KEYCHAIN_UNAVAILABLE[props.keychainUnavailable]}`}: set it and restart the companion to
          change it.
        </p>
      )}
      <ErrorLine message={message} label={props.errorLabel} />
    </section>
  );
}
