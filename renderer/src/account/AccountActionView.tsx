import { deleteActionQuestion, deleteActionWords, KEEP_WORDS } from '../../../main/contract/words';
import { useEffect, useRef, useState } from 'react';
import type { AccountState, FlowentAction } from '../../../main/contract/account';
import { badgesOf, prettySchema, staleLinksText } from './account-format';
import { formatDateTime } from '../shared/format';
import { deleteAction, linkAction, unlinkAction } from './account-registry';
import { loadAccount } from './account-actions';
import { ActionBadges } from './ActionBadges';
import { CopyButton } from '../shared/CopyButton';
import { JsonView } from '../shared/JsonView';
import { RegisterHere } from './RegisterHere';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { ConfirmBox } from '../shared/ConfirmBox';
import { focusFell } from '../shared/focusable';

interface Props {
  account: AccountState;
  action: FlowentAction;
  onBack: () => void;
  onEdit: () => void;
  /** Shown again after its Edit form (saved or cancelled): the keyboard goes back to Edit. */
  fromEdit?: boolean;
}

/** One action as Flowent holds it, and what can be done with it. */
export function AccountActionView({ account, action, onBack, onEdit, fromEdit = false }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const badges = badgesOf(account, action);
  const linked = badges.includes('linked');
  const stale = account.stale.find((s) => s.profile === account.activeProfile && s.action === action.name);
  const schema = prettySchema(action.json_schema);
  // What took the view's place (the list's row, the Edit form) went away under the keyboard's
  // focus: it lands on Edit when the form was left, else on the way back to the list.
  const backButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusFell()) (fromEdit ? editButton : backButton).current?.focus({ preventScroll: true });
  }, [fromEdit]);

  async function run(task: () => Promise<string | null>, after?: () => void) {
    setBusy(true);
    const error = await task();
    setBusy(false);
    setMessage(error);
    if (!error) after?.();
  }

  return (
    <section aria-label={`Action ${action.name}`}>
      <div className="button-row">
        <button type="button" ref={backButton} onClick={onBack}>
          ← All actions
        </button>
        <button type="button" ref={editButton} onClick={onEdit}>
          Edit
        </button>
        {/* One button whose words change, not two taking turns: the keyboard stays on it once it is done. */}
        <BusyButton
          busy={busy}
          title={linked ? undefined : 'Re-point it at the public URL whenever that changes'}
          onClick={() =>
            void run(
              () => (linked ? unlinkAction(action.name, account.activeProfile) : linkAction(action.name, false)),
              () => void loadAccount(),
            )
          }
        >
          {linked ? 'Unlink' : 'Link to this companion'}
        </BusyButton>
        <button type="button" className="danger" disabled={confirming} onClick={() => setConfirming(true)}>
          Delete…
        </button>
      </div>
      {confirming && (
        <ConfirmBox
          what="deleteAction"
          confirm={deleteActionWords(action.name)}
          onConfirm={() => void run(() => deleteAction(action.name), onBack)}
          cancel={KEEP_WORDS.keepIt}
          onCancel={() => setConfirming(false)}
          busy={busy}
        >
          {deleteActionQuestion(action.name)}
        </ConfirmBox>
      )}
      <h3>
        <code>{action.name}</code> <CopyButton text={action.name} what="action name" /> <ActionBadges badges={badges} />
      </h3>
      {stale && (
        <p className="banner banner-warn" role="note">
          {staleLinksText([stale])}
        </p>
      )}
      <dl className="facts">
        <dt>Description</dt>
        <dd>{action.description}</dd>
        <dt>Webhook URL</dt>
        <dd>
          <code data-testid="action-webhook-url">{action.webhook_url}</code> <CopyButton text={action.webhook_url} what="webhook_url" />
        </dd>
        <dt>Updated</dt>
        <dd>{Number.isNaN(Date.parse(action.updated_at)) ? action.updated_at : formatDateTime(Date.parse(action.updated_at))}</dd>
        <dt>Id</dt>
        <dd>
          <code>{action.id}</code>
        </dd>
      </dl>
      <h3>
        JSON Schema <CopyButton text={schema} what="JSON Schema" />
      </h3>
      <JsonView text={schema} label="JSON Schema" />
      <RegisterHere name={action.name} description={action.description} schema={action.json_schema} />
      <ErrorLine message={message} label="Action error" />
    </section>
  );
}
