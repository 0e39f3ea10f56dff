import { OPEN_PUBLIC_URL_PANEL, tunnelStateLabel } from '../../../main/contract/words';
import { openPanel } from '../page/ui-actions';
import { useMetaStore } from '../page/stores';
import { inPageWords } from '../page/page-words';

/** Always in the header: where the public URL is, one click from its panel. */
export function TunnelPill() {
  const tunnel = useMetaStore((s) => s.status?.tunnel ?? null);
  const state = tunnel?.state ?? 'offline';
  return (
    <button
      type="button"
      className={`tunnel-pill tunnel-${state}`}
      data-testid="tunnel-pill"
      data-state={state}
      title={tunnel?.url ?? (tunnel?.reason ? inPageWords(tunnel.reason) : null) ?? OPEN_PUBLIC_URL_PANEL}
      onClick={() => openPanel('tunnel')}
    >
      <span className="dot" aria-hidden="true" />
      Public URL: {tunnelStateLabel(tunnel ?? { state, url: null })}
    </button>
  );
}
