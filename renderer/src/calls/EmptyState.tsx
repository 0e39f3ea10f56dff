import { useEffect, useState } from 'react';
import { loadSample } from '../settings/settings-actions';
import { openPanel, openSettings } from '../page/ui-actions';
import { useMetaStore } from '../page/stores';
import { CopyButton } from '../shared/CopyButton';
import { HMAC_KEY_ENV } from '../../../main/contract/secret-variables';
import { actionUrl, webhookBaseToRegister } from '../tunnel/tunnel';
import { ActionPicker, useActionPick } from '../tunnel/ActionPicker';
import { CodeParts } from '../shared/CodeParts';
import {
  actionUrlMissingWords,
  actionUrlWhat,
  failedWith,
  keyLineParts,
  LOCAL_URL_LEAD,
  LOCAL_URL_NOTE,
  NO_CALLS_YET,
  PAGE_FAILURE_WORDS,
  PREPARING_SAMPLE,
  REGISTER_WITH_WEBHOOK_URL,
  registerUrlLeadWords,
  sampleLeadWords,
  SIGNATURES_CHECKED_WITH_KEY,
  PUBLIC_URL_PANEL,
  SETTINGS,
  sourceLabel,
  UNSIGNED_SAMPLE_NOTE,
  webhookUrlPendingWords,
  type EmptyStatePart,
} from '../../../main/contract/words';

/** How often the sample call is signed again while the empty state shows. */
const SAMPLE_REFRESH_MS = 30_000;

/** No calls yet: what to give Flowent, and how to send a first call by hand. */
export function EmptyState() {
  const status = useMetaStore((s) => s.status);
  const sample = useMetaStore((s) => s.sample);
  const [sampleError, setSampleError] = useState<string | null>(null);
  // Signed anew whenever the status changes (the tunnel came up, a key was saved or cleared), and
  // every half minute, so that what is copied is never older than Flowent's timestamp window allows.
  useEffect(() => {
    let live = true;
    const refresh = () => void loadSample('send_email').then((error) => live && setSampleError(error));
    refresh();
    const timer = setInterval(refresh, SAMPLE_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [status]);
  return (
    <section className="empty-state" aria-label={NO_CALLS_YET}>
      <h2>{NO_CALLS_YET}</h2>
      <WebhookUrls />
      <p>{sampleLeadWords(Boolean(sample && !sample.signed))}</p>
      {sample ? (
        <div className="code-block">
          <pre data-testid="sample-curl">{sample.curl}</pre>
          <CopyButton text={sample.curl} what="curl command" />
          {!sample.signed && <p className="muted">{UNSIGNED_SAMPLE_NOTE}</p>}
        </div>
      ) : sampleError ? (
        <p className="form-error">{failedWith(PAGE_FAILURE_WORDS.prepareSample, sampleError)}</p>
      ) : (
        <p className="muted">{PREPARING_SAMPLE}</p>
      )}
      <KeyLine />
    </section>
  );
}

/**
 * The URL to register in Flowent, for the action picked: the tunnel's public one while it is
 * online, this computer's own beside it said to be local (Flowent in the cloud cannot reach it),
 * and said so too when it is the only one.
 */
function WebhookUrls() {
  const status = useMetaStore((s) => s.status);
  const pick = useActionPick();
  const toRegister = status ? webhookBaseToRegister(status) : null;
  if (!toRegister) {
    return (
      <>
        <p>{REGISTER_WITH_WEBHOOK_URL}</p>
        <p className="muted">{webhookUrlPendingWords(Boolean(status))}</p>
      </>
    );
  }
  const local = status?.webhookBaseUrl ?? null;
  const isPublic = toRegister.reach === 'public';
  return (
    <>
      <p>{registerUrlLeadWords(isPublic)}</p>
      <ActionPicker pick={pick} listId="empty-state-actions" />
      <ActionUrlLine base={toRegister.base} action={pick.action} what={actionUrlWhat(isPublic)} testId="empty-webhook-url" />
      {isPublic && local && (
        <>
          <p>{LOCAL_URL_LEAD}</p>
          <ActionUrlLine base={local} action={pick.action} what={actionUrlWhat(false)} testId="empty-local-url" />
        </>
      )}
      {!isPublic && (
        <p className="muted" data-testid="empty-local-note">
          <Sentence parts={LOCAL_URL_NOTE} opens={{ [PUBLIC_URL_PANEL]: () => openPanel('tunnel') }} />
        </p>
      )}
    </>
  );
}

/** One action's URL with its copy button, or what to do while no action is named. */
function ActionUrlLine({ base, action, what, testId }: { base: string; action: string | null; what: string; testId: string }) {
  if (action === null)
    return (
      <p className="muted" data-testid={`${testId}-missing`}>
        {actionUrlMissingWords(base)}
      </p>
    );
  const url = actionUrl(base, action);
  return (
    <div className="code-line">
      <code data-testid={testId}>{url}</code>
      <CopyButton text={url} what={what} />
    </div>
  );
}

/**
 * Which key signatures are checked with: where it comes from when one is set, and where to set
 * it only when none is (telling someone whose key is already in the environment to set it sends
 * them looking for a problem they do not have).
 */
function KeyLine() {
  const status = useMetaStore((s) => s.status);
  if (!status) return <p>{SIGNATURES_CHECKED_WITH_KEY}</p>;
  const key = status.hmacKey.set
    ? { set: true as const, source: sourceLabel(status.hmacKey.source, HMAC_KEY_ENV) }
    : { set: false as const };
  return (
    <p data-testid="empty-key-line">
      <Sentence parts={keyLineParts(key, status.canSetHmacKey, HMAC_KEY_ENV)} opens={{ [SETTINGS]: openSettings }} />
    </p>
  );
}

/** A sentence of the empty state, its buttons placed where its words put them; `opens`: what each opens, by its label. */
function Sentence({ parts, opens }: { parts: readonly EmptyStatePart[]; opens: Record<string, () => void> }) {
  return (
    <>
      {parts.map((part, at) =>
        'button' in part ? (
          <button key={at} type="button" className="link-button" onClick={opens[part.button]}>
            {part.button}
          </button>
        ) : (
          <CodeParts key={at} parts={[part]} />
        ),
      )}
    </>
  );
}
