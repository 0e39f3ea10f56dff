import { useEffect, useRef, useState, type FormEvent } from 'react';
import { LazyMockEditor } from '../answers/LazyMockEditor';
import type { ActionCreate, ActionInputCheck, FieldProblem, FlowentAction } from '../../../main/contract/account';
import { parseSchemaText, prettySchema } from './account-format';
import { checkActionInput, registerAction, updateAction } from './account-registry';
import { ActionFormField, FieldProblems } from './ActionFormField';
import { RegisterHere } from './RegisterHere';
import { useUnsavedWork } from '../page/use-unsaved-work';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { useScrolledIntoView } from '../page/use-scrolled-into-view';
import { focusFell } from '../shared/focusable';
import { FIX_ACTION_FIRST } from '../../../main/contract/words';

// CodeMirror is most of a dialog's weight: loaded when the form first opens.

const CHECK_DELAY_MS = 250;
const STARTER_SCHEMA = { type: 'object', properties: {}, required: [] };
const NO_CHECK: ActionInputCheck = { problems: [], warnings: [] };
const FIELDS: FieldProblem['field'][] = ['name', 'description', 'webhook_url', 'json_schema'];

interface Props {
  /** null: a new action. */
  existing: FlowentAction | null;
  /** Called with the action's name once it is registered or saved, without it on Cancel. */
  onDone: (made?: string) => void;
}

/**
 * Registers or edits an action with Flowent's own validation run as the user types (the
 * core's checkAction), so every problem shows next to its field before anything is sent.
 */
export function AccountActionForm({ existing, onDone }: Props) {
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [webhookUrl, setWebhookUrl] = useState(existing?.webhook_url ?? '');
  const [schemaText, setSchemaText] = useState(prettySchema(existing?.json_schema ?? STARTER_SCHEMA));
  const [check, setCheck] = useState<ActionInputCheck>(NO_CHECK);
  const [message, setMessage] = useState<string | null>(null);
  // The form's own Register was pressed with the Webhook URL as it is now (it stops counting once the URL is typed in).
  const [urlAsked, setUrlAsked] = useState(false);
  // Presses of the form's own Register: each clears Register here's outcome, old news beside what this one brings.
  const [tries, setTries] = useState(0);
  const [busy, setBusy] = useState(false);
  // Problems show for fields the user has been to (all of them after a first try to send), not on an empty form.
  const [touched, setTouched] = useState<ReadonlySet<FieldProblem['field']>>(() => new Set(existing ? FIELDS : []));
  const touch = (field: FieldProblem['field']) => setTouched((t) => (t.has(field) ? t : new Set([...t, field])));
  const parsed = parseSchemaText(schemaText);
  const edited =
    name !== (existing?.name ?? '') ||
    description !== (existing?.description ?? '') ||
    webhookUrl !== (existing?.webhook_url ?? '') ||
    schemaText !== prettySchema(existing?.json_schema ?? STARTER_SCHEMA);
  useUnsavedWork(edited ? `the action ${existing?.name ?? (name || 'being registered')}` : null);
  // The button that opened the form went away under the keyboard's focus as the form took its
  // place: the focus goes to the first field the form lets change (an action's name cannot).
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (focusFell()) form.current?.querySelector<HTMLInputElement>('input:not([readonly])')?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const input: Partial<ActionCreate> = {
        name,
        description,
        webhook_url: webhookUrl,
        ...(parsed.ok ? { json_schema: parsed.schema } : {}),
      };
      void checkActionInput(input, false).then((result) => current && setCheck(result));
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // parsed follows schemaText.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, description, webhookUrl, schemaText]);

  // A new action's empty Webhook URL is one of the two ways offered (Register here is the other):
  // it is wrong only for the form's own Register, once that was pressed.
  const urlLeftToRegisterHere = !existing && webhookUrl === '' && !urlAsked;
  const allProblems: FieldProblem[] = [
    // A schema that does not parse is not sent to be checked, so the check calls it missing: the
    // parse's own message says what is wrong with it, alone.
    ...check.problems.filter((p) => !(urlLeftToRegisterHere && p.field === 'webhook_url') && !(!parsed.ok && p.field === 'json_schema')),
    ...(parsed.ok ? [] : [{ field: 'json_schema' as const, message: parsed.message }]),
  ];
  const problems = allProblems.filter((p) => touched.has(p.field));
  const blocked = allProblems.length > 0 ? `Fix ${allProblems.length} problem${allProblems.length === 1 ? '' : 's'} first.` : null;

  // Flowent's refusal (its registration check failed, say) comes under the button, which may be at the dialog's foot.
  const messageBox = useScrolledIntoView<HTMLDivElement>(message);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setTouched(new Set(FIELDS));
    setUrlAsked(true);
    setTries((n) => n + 1);
    if (!parsed.ok) return;
    setBusy(true);
    // The same refusal again is a new message: it is shown (and scrolled to) afresh.
    setMessage(null);
    // The check shown may be one keystroke old (it waits for a pause in typing): check what is sent.
    const fresh = await checkActionInput({ name, description, webhook_url: webhookUrl, json_schema: parsed.schema }, false);
    setCheck(fresh);
    if (fresh.problems.length > 0) {
      setBusy(false);
      return;
    }
    const error = existing
      ? await updateAction(existing.name, { description, webhook_url: webhookUrl, json_schema: parsed.schema })
      : await registerAction({ name, description, webhook_url: webhookUrl, json_schema: parsed.schema });
    setBusy(false);
    setMessage(error);
    if (!error) onDone(name);
  }

  return (
    <form
      ref={form}
      className="action-form"
      aria-label={existing ? `Edit ${existing.name}` : 'Register an action'}
      onSubmit={(e) => void onSubmit(e)}
      noValidate
    >
      <h3>{existing ? `Edit ${existing.name}` : 'Register an action'}</h3>
      <ActionFormField
        label="Name"
        field="name"
        value={name}
        onValue={setName}
        onTouch={touch}
        problems={problems}
        readOnly={existing !== null}
        spellCheck={false}
        placeholder="send_email"
      />
      <ActionFormField
        label="Description"
        field="description"
        value={description}
        onValue={setDescription}
        onTouch={touch}
        problems={problems}
        placeholder="Sends an email"
      />
      <ActionFormField
        label="Webhook URL"
        field="webhook_url"
        value={webhookUrl}
        onValue={(url) => {
          setWebhookUrl(url);
          setUrlAsked(false);
        }}
        onTouch={touch}
        problems={problems}
        inputMode="url"
        spellCheck={false}
        placeholder="https://example.com/actions/send_email (or use Register here below)"
      />
      <div className="field">
        <span className="field-label">JSON Schema of the parameters</span>
        <LazyMockEditor
          value={schemaText}
          onChange={(text) => {
            setSchemaText(text);
            touch('json_schema');
          }}
          marks={[]}
          label="JSON Schema (JSON)"
        />
        <FieldProblems field="json_schema" problems={problems} />
      </div>
      {check.warnings.map((w) => (
        <p key={w} className="muted" role="note">
          {w}
        </p>
      ))}
      {/* Register (or Save) and why Flowent refused it stay in view at the dialog's foot. */}
      <div className="dialog-actions">
        <div className="button-row">
          <BusyButton type="submit" busy={busy}>
            {existing ? 'Save changes' : 'Register'}
          </BusyButton>
          <button type="button" onClick={() => onDone()}>
            Cancel
          </button>
          {blocked && problems.length > 0 && <span className="muted">{blocked}</span>}
        </div>
        <div ref={messageBox}>
          <ErrorLine message={message} label="Flowent error" />
        </div>
      </div>
      {/* Kept while the schema does not parse: it is blocked by that problem, not gone (the form would jump as it is typed). */}
      {!existing && (
        <RegisterHere
          name={name}
          description={description}
          schema={parsed.ok ? parsed.schema : null}
          blocked={allProblems.some((p) => p.field !== 'webhook_url') ? FIX_ACTION_FIRST : null}
          // Its own try makes the form's refusal (of an earlier Register, say) old news: it goes, not to sit beside a success.
          onTry={() => {
            setMessage(null);
            setUrlAsked(false);
          }}
          formTries={tries}
        />
      )}
    </form>
  );
}
