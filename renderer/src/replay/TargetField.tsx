import { useEffect, useId } from 'react';
import { useMetaStore } from '../page/stores';
import { loadAnswerSettings } from '../answers/answers-actions';
import { answerFor } from '../answers/answer-routes';
import { COMPANION_NOT_LISTENING, emptyTargetWords, NO_ACTION_TARGET_WORDS, ownWebhookTitle } from '../../../main/contract/words';

/** The companion's own webhook for any action: replaying or simulating there tries the mock. */
export function ownWebhookTarget(webhookBaseUrl: string | null | undefined): string | null {
  return webhookBaseUrl ? `${webhookBaseUrl.replace(/\/+$/, '')}/actions/{action_name}` : null;
}

/**
 * The companion's own webhook for one call: for a call that names no action, the path it came
 * to, as there is no action to fill {action_name} with (the core refuses such a target for it).
 */
export function ownWebhookTargetForCall(
  webhookBaseUrl: string | null | undefined,
  call: { action: string | null; path: string },
): string | null {
  if (call.action !== null) return ownWebhookTarget(webhookBaseUrl);
  return webhookBaseUrl ? `${webhookBaseUrl.replace(/\/+$/, '')}${call.path.startsWith('/') ? '' : '/'}${call.path}` : null;
}

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /**
   * The one call (its action null when it names none), for a line under the field saying where
   * an empty field sends it, and for "This companion" to send a call naming no action where it
   * came; undefined where the field sends several calls or none yet.
   */
  call?: { action: string | null; path: string };
}

/** Short enough for the field at 1024 px wide (the longer one was cut mid-word); the line under it says the rest. */
export const TARGET_PLACEHOLDER = "empty: the action's forwarding target";

/**
 * Where a replay or a simulated call goes: a URL, the action's forwarding target when left
 * empty, or with one click the companion itself (its own webhook answers with the mock).
 */
export function TargetField({ label, value, onChange, call }: Props) {
  const id = useId();
  const noteId = useId();
  const webhookBaseUrl = useMetaStore((s) => s.status?.webhookBaseUrl);
  const own = call ? ownWebhookTargetForCall(webhookBaseUrl, call) : ownWebhookTarget(webhookBaseUrl);
  const answers = useMetaStore((s) => s.answers);
  const action = call?.action;
  const wantsAnswers = call !== undefined && answers === null;
  // Read once here when no dialog read them yet; an answers-changed event reads them again.
  useEffect(() => {
    if (wantsAnswers) void loadAnswerSettings();
  }, [wantsAnswers]);
  // Said of an empty field only: once a URL is there, the call goes to it, whatever the answers
  // say. A call naming no action is told what URL takes it whatever the field holds.
  const note =
    action === null
      ? NO_ACTION_TARGET_WORDS
      : action !== undefined && answers !== null && value.trim() === ''
        ? emptyTargetWords(answerFor(answers, action), action)
        : null;
  return (
    <div className="replay-target">
      <label htmlFor={id}>{label}</label>
      <div className="replay-target-row">
        <input
          id={id}
          type="url"
          value={value}
          placeholder={TARGET_PLACEHOLDER}
          aria-describedby={note !== null ? noteId : undefined}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
        />
        <button
          type="button"
          disabled={!own}
          aria-pressed={own !== null && value === own}
          onClick={() => own && onChange(own)}
          title={own ? ownWebhookTitle(own) : COMPANION_NOT_LISTENING}
        >
          This companion
        </button>
      </div>
      {note !== null && (
        <p className="muted replay-target-note" id={noteId} data-testid="empty-target">
          {note}
        </p>
      )}
    </div>
  );
}
