import { lazy, Suspense, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { ActionCreate, ActionInputCheck, FieldProblem, FlowentAction } from '../../../main/contract/account';
import { parseSchemaText, prettySchema } from '../lib/account-format';
import { checkActionInput, registerAction, updateAction } from '../store/account-registry';
import { RegisterHere } from './RegisterHere';

// CodeMirror is most of a dialog's weight: loaded when the form first opens.
const SchemaEditor = lazy(() => import('./MockEditor'));

const CHECK_DELAY_MS = 250;
const STARTER_SCHEMA = { type: 'object', properties: {}, required: [] };
const NO_CHECK: ActionInputCheck = { problems: [], warnings: [] };

interface Props {
  /** null: a new action. */
  existing: FlowentAction | null;
  onDone: () => void;
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
  const [busy, setBusy] = useState(false);
  const parsed = parseSchemaText(schemaText);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const input: Partial<ActionCreate> = { name, description, webhook_url: webhookUrl, ...(parsed.ok ? { json_schema: parsed.schema } : {}) };
      void checkActionInput(input, false).then((result) => current && setCheck(result));
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // parsed follows schemaText.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, description, webhookUrl, schemaText]);

  const problems: FieldProblem[] = [...check.problems, ...(parsed.ok ? [] : [{ field: 'json_schema' as const, message: parsed.message }])];
  const blocked = problems.length > 0 ? `Fix ${problems.length} problem${problems.length === 1 ? '' : 's'} first.` : null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (blocked || !parsed.ok) return;
    setBusy(true);
    const error = existing
      ? await updateAction(existing.name, { description, webhook_url: webhookUrl, json_schema: parsed.schema })
      : await registerAction({ name, description, webhook_url: webhookUrl, json_schema: parsed.schema });
    setBusy(false);
    setMessage(error);
    if (!error) onDone();
  }

  return (
    <form className="action-form" aria-label={existing ? `Edit ${existing.name}` : 'Register an action'} onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{existing ? `Edit ${existing.name}` : 'Register an action'}</h3>
      <Field label="Name" field="name" problems={problems}>
        <input value={name} readOnly={existing !== null} spellCheck={false} placeholder="send_email" onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Description" field="description" problems={problems}>
        <input value={description} placeholder="Sends an email" onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <Field label="Webhook URL" field="webhook_url" problems={problems}>
        <input value={webhookUrl} inputMode="url" spellCheck={false} placeholder="https://example.com/actions/send_email" onChange={(e) => setWebhookUrl(e.target.value)} />
      </Field>
      <div className="field">
        <span className="field-label">JSON Schema of the parameters</span>
        <Suspense fallback={<p className="muted">Loading the editor…</p>}>
          <SchemaEditor value={schemaText} onChange={setSchemaText} marks={[]} label="JSON Schema (JSON)" />
        </Suspense>
        <FieldProblems field="json_schema" problems={problems} />
      </div>
      {check.warnings.map((w) => (
        <p key={w} className="muted" role="note">
          {w}
        </p>
      ))}
      <div className="button-row">
        <button type="submit" disabled={busy || blocked !== null}>
          {existing ? 'Save changes' : 'Register'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        {blocked && <span className="muted">{blocked}</span>}
      </div>
      {message && (
        <p className="form-error" role="alert" aria-label="Flowent error">
          {message}
        </p>
      )}
      {!existing && parsed.ok && (
        <RegisterHere name={name} description={description} schema={parsed.schema} blocked={problems.some((p) => p.field !== 'webhook_url') ? blocked : null} />
      )}
    </form>
  );
}

function Field({ label, field, problems, children }: { label: string; field: FieldProblem['field']; problems: FieldProblem[]; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      <FieldProblems field={field} problems={problems} />
    </label>
  );
}

function FieldProblems({ field, problems }: { field: FieldProblem['field']; problems: FieldProblem[] }) {
  const mine = problems.filter((p) => p.field === field);
  if (mine.length === 0) return null;
  return (
    <span className="field-problems" role="alert" aria-label={`${field} problems`}>
      {mine.map((p) => (
        <span key={p.message} className="form-error">
          {p.message}
        </span>
      ))}
    </span>
  );
}
