import { ConfirmBox } from '../shared/ConfirmBox';
import { useState } from 'react';
import { actionUrl } from './tunnel';
import { setListenOnAllInterfaces } from './tunnel-actions';
import { useMetaStore } from '../page/stores';
import { CopyButton } from '../shared/CopyButton';
import { ErrorLine } from '../shared/ErrorLine';
import { EXPOSE_NOTE, EXPOSE_QUESTION, NO_LAN_ADDRESS, CONFIRM_WORDS } from '../../../main/contract/words';

/** This machine's network addresses, for a Flowent (or a colleague) on the same network. */
export function LanSection({ action }: { action: string | null }) {
  const status = useMetaStore((s) => s.status);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const on = status?.listeningOnAllInterfaces ?? false;
  const addresses = status?.lanAddresses ?? [];

  async function apply(next: boolean) {
    setBusy(true);
    setConfirming(false);
    setError(await setListenOnAllInterfaces(next));
    setBusy(false);
  }

  return (
    <section aria-label="Local network">
      <h3>Local network</h3>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={on}
          checked={on}
          // Unavailable while the change is applied, not disabled: it keeps the keyboard's focus (a disabled one drops it to the page's body).
          aria-disabled={busy || undefined}
          disabled={!status}
          onChange={() => {
            if (busy) return;
            if (on) void apply(false);
            else setConfirming(true);
          }}
        />
        Listen on all interfaces
      </label>
      {confirming && (
        <ConfirmBox
          what="listenOnAllInterfaces"
          confirm={CONFIRM_WORDS.listenOnAllInterfaces}
          onConfirm={() => void apply(true)}
          onCancel={() => setConfirming(false)}
        >
          {EXPOSE_QUESTION}
        </ConfirmBox>
      )}
      {!confirming && !on && <p className="muted">{EXPOSE_NOTE}</p>}
      <ErrorLine message={error} />
      {addresses.length === 0 ? (
        <p className="muted">{NO_LAN_ADDRESS}</p>
      ) : (
        <ul className="lan-list" aria-label="LAN addresses">
          {addresses.map((a) => {
            // With no action named yet, the base URL: a URL with a placeholder in it is none to copy.
            const url = action === null ? a.baseUrl : actionUrl(a.baseUrl, action);
            return (
              <li key={`${a.interface}-${a.address}`} className="code-line">
                <span className="muted">{a.interface}</span> <code>{url}</code>
                <CopyButton text={url} what={`LAN ${action === null ? 'base URL' : 'URL'} on ${a.interface}`} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
