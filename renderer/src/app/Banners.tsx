import { useAccountStore } from '../account/account-store';
import { dismissError, dismissToast, dismissUrlChange } from '../page/ui-actions';
import { useUiStore } from '../page/stores';

/** API failures (dismissible) and the live connection's state. */
export function Banners() {
  const errors = useUiStore((s) => s.errors);
  const connection = useUiStore((s) => s.connection);
  const urlChange = useUiStore((s) => s.urlChange);
  // Linked actions follow the URL themselves, and AccountBanners says what became of them.
  const linked = useAccountStore((s) => (s.account?.links.length ?? 0) > 0);
  return (
    <div className="banners">
      {urlChange && !linked && (
        <div className="banner banner-warn" role="alert" aria-label="Public URL changed">
          <span>
            The public URL changed from <code>{urlChange.previous}</code> to <code>{urlChange.current}</code>: actions registered in Flowent
            with the old URL must be updated (actions registered from Account follow the URL by themselves).
          </span>
          <button type="button" aria-label="Dismiss URL change" onClick={dismissUrlChange}>
            ×
          </button>
        </div>
      )}
      {connection === 'reconnecting' && (
        <div className="banner banner-warn" role="status">
          Connection to the companion lost: reconnecting…
        </div>
      )}
      {errors.map((e) => (
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
