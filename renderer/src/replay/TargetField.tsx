import { useId } from 'react';
import { useMetaStore } from '../page/stores';

/** The companion's own webhook for any action: replaying or simulating there tries the mock. */
export function ownWebhookTarget(webhookBaseUrl: string | null | undefined): string | null {
  return webhookBaseUrl ? `${webhookBaseUrl.replace(/\/+$/, '')}/actions/{action_name}` : null;
}

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/**
 * Where a replay or a simulated call goes: a URL, the action's forwarding target when left
 * empty, or with one click the companion itself (its own webhook answers with the mock).
 */
export function TargetField({ label, value, onChange }: Props) {
  const id = useId();
  const own = ownWebhookTarget(useMetaStore((s) => s.status?.webhookBaseUrl));
  return (
    <div className="replay-target">
      <label htmlFor={id}>{label}</label>
      <div className="replay-target-row">
        <input
          id={id}
          type="url"
          value={value}
          placeholder="empty: the action's forwarding target, when one is set"
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
        />
        <button
          type="button"
          disabled={!own}
          aria-pressed={own !== null && value === own}
          onClick={() => own && onChange(own)}
          title={own ? ownWebhookTitle(own) : 'The companion is not listening yet'}
        >
          This companion
        </button>
      </div>
    </div>
  );
}

/**
 * What "This companion" does: the call goes to the companion's webhook, which answers it as it
 * answers Flowent, with the action's mock or by forwarding to the handler its answers name. (It
 * said "with the mock", and a replay of an action that forwards reached the handler.)
 */
export function ownWebhookTitle(own: string): string {
  return `Send to ${own}: the companion answers it as it answers Flowent's calls, with the action's mock, or by forwarding to your handler where its answers forward`;
}
