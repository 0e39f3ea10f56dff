import { CodeParts } from '../shared/CodeParts';
import { useAccountStore } from '../account/account-store';
import { currentBridge } from '../page/bridge-holder';
import { dismissError, dismissToast, dismissUrlChange, forgetUnreachable } from '../page/ui-actions';
import { useMetaStore, useUiStore } from '../page/stores';
import { hasConnection } from '../transport/connection';
import {
  connectionLostHeading,
  dataDirForCommands,
  lastFailedWords,
  serveAgainCommand,
  START_APP_AGAIN,
  startServeAgainParts,
  BANNER_NAMES,
} from '../../../main/contract/words';

/** API failures (dismissible) and the live connection's state. */
export function Banners() {
  const errors = useUiStore((s) => s.errors);
  const unreachable = errors.filter((e) => e.unreachable).at(-1) ?? null;
  const connection = useUiStore((s) => s.connection);
  const urlChange = useUiStore((s) => s.urlChange);
  // Linked actions follow the URL themselves, and AccountBanners says what became of them.
  const linked = useAccountStore((s) => (s.account?.links.length ?? 0) > 0);
  return (
    <div className="banners">
      {urlChange && !linked && (
        <div className="banner banner-warn" role="alert" aria-label={BANNER_NAMES.urlChanged}>
          <span>
            The public URL changed from <code>{urlChange.previous}</code> to <code>{urlChange.current}</code>: actions registered in Flowent
            with the old URL must be updated (actions registered from Account follow the URL by themselves).
          </span>
          <button type="button" aria-label={BANNER_NAMES.dismissUrlChange} onClick={dismissUrlChange}>
            ×
          </button>
        </div>
      )}
      {(connection === 'reconnecting' || unreachable) && (
        <ConnectionLost reconnecting={connection === 'reconnecting'} failed={unreachable?.message ?? null} />
      )}
      {errors
        .filter((e) => !e.unreachable)
        .map((e) => (
          <div key={e.id} className="banner banner-error" role="alert">
            <span>{e.message}</span>
            <button type="button" aria-label="Dismiss error" onClick={() => dismissError(e.id)}>
              ×
            </button>
          </div>
        ))}
    </div>
  );
}

/**
 * One banner for everything the lost connection broke: that it is lost, how to bring it back,
 * and the last request it failed (each failed request would otherwise stack a banner of its
 * own, all saying the same). It goes by itself once the page is connected again.
 */
function ConnectionLost({ reconnecting, failed }: { reconnecting: boolean; failed: string | null }) {
  const status = useMetaStore((s) => s.status);
  const mode = status?.mode;
  const b = currentBridge();
  // Only serve's browser inspector can outlive the companion; the app's window closes with it.
  const headless = mode ? mode === 'headless' : b !== null && hasConnection(b);
  return (
    <div className="banner banner-warn" role={failed ? 'alert' : 'status'} aria-label="Connection lost">
      <span>
        <strong>{connectionLostHeading(reconnecting)}</strong>{' '}
        {headless ? (
          // As printed, it must start the same companion: on this page's port (a serve started with
          // --inspector-port 0 gets another one otherwise), its webhook's and its folder.
          <CodeParts
            parts={startServeAgainParts(
              serveAgainCommand({ webhookPort: status?.port ?? null, inspectorPort: pagePort() }, dataDirForCommands(status)),
              Boolean(status),
            )}
          />
        ) : (
          START_APP_AGAIN
        )}
        {failed && <span className="banner-detail"> {lastFailedWords(failed)}</span>}
      </span>
      {!reconnecting && (
        <button type="button" aria-label="Dismiss error" onClick={forgetUnreachable}>
          ×
        </button>
      )}
    </div>
  );
}

/** The port this page was served from: the inspector's. */
function pagePort(): number {
  return Number(window.location.port || (window.location.protocol === 'https:' ? 443 : 80));
}

export function Toasts() {
  const toasts = useUiStore((s) => s.toasts);
  const errors = toasts.filter((t) => t.kind === 'error');
  return (
    <div className="toasts">
      <div role="status" aria-live="polite">
        {toasts
          .filter((t) => t.kind === 'info')
          .map((t) => (
            <div key={t.id} className="toast">
              {t.message}
            </div>
          ))}
      </div>
      {/* An alert is announced as it appears: it is there only while it has something to say. */}
      {errors.length > 0 && (
        <div role="alert" aria-label="Error messages">
          {errors.map((t) => (
            <div key={t.id} className="toast toast-error">
              <span>{t.message}</span>
              <button type="button" aria-label="Dismiss message" onClick={() => dismissToast(t.id)}>
                ×
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
