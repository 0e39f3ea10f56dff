import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountState, DefaultGateway, FlowentProfile } from '../../../main/contract/account';
import { deleteProfile, saveProfile, switchProfile } from './account-actions';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { ConfirmBox } from '../shared/ConfirmBox';
import { checkProfile } from './profile-check';
import { focusableIn, focusFell } from '../shared/focusable';
import { DEFAULT_PROFILE } from '../../../main/contract/profile-rules';
import {
  defaultGatewaySourceWords,
  gatewayVariableWinsWords,
  deleteProfileQuestion,
  deleteProfileWords,
  KEEP_WORDS,
  SECTION_NAMES,
} from '../../../main/contract/words';

const ADD_PROFILE = 'Add profile…';

/** The Flowent instances the user works with; one is active. */
export function AccountProfiles({ account }: { account: AccountState }) {
  const [editing, setEditing] = useState<FlowentProfile | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // While FLOWENT_BASE_URL is set it is the default profile's URL for this run; the saved one waits.
  const variableWins = account.defaultGateway.from === 'environment' ? account.defaultGateway : null;
  // Most buttons here go once pressed (Use, Delete's question, the form's): the keyboard
  // goes to the control named, in what took their place, once it is drawn (after the account
  // comes back, for a saved or deleted profile), instead of falling to the page's body.
  const section = useRef<HTMLElement>(null);
  const focusNext = useRef<string | null>(null);
  const [focusAsked, setFocusAsked] = useState(0);
  const focusOn = (name: string) => {
    focusNext.current = name;
    setFocusAsked((n) => n + 1);
  };
  useEffect(() => {
    const name = focusNext.current;
    if (name === null || !section.current) return;
    const target = focusableIn(section.current).find((c) => (c.getAttribute('aria-label') ?? c.textContent?.trim()) === name);
    if (!target) return;
    focusNext.current = null;
    if (focusFell()) target.focus();
  }, [focusAsked, account]);

  async function run(action: () => Promise<string | null>) {
    setMessage(await action());
  }

  async function deleteConfirmed(name: string) {
    // Asked before the delete: the row and its question go as the account comes back, and the keyboard lands on
    // Add profile… in that same drawing, before the question would give it to the control nearest the gone row.
    focusNext.current = ADD_PROFILE;
    setDeleting(true);
    const error = await deleteProfile(name);
    setDeleting(false);
    setMessage(error);
    setConfirmDelete(null);
    // Refused, the row stays: the question gives the keyboard back to its Delete.
    if (error) focusNext.current = null;
  }

  return (
    <section aria-label="Profiles" ref={section}>
      <h3>Profiles</h3>
      <ul className="profile-list" aria-label="Profile list">
        {account.profiles.map((p) => {
          const active = p.name === account.activeProfile;
          return (
            <li key={p.name} className={active ? 'active' : undefined} data-testid={`profile-${p.name}`}>
              <strong>{p.name}</strong> <code>{p.baseUrl}</code> {active && <span className="badge badge-ok">active</span>}
              {p.name === DEFAULT_PROFILE && variableWins && (
                <span className="muted" data-testid="profile-default-source">
                  {' '}
                  {defaultGatewaySourceWords(variableWins)}
                </span>
              )}
              <span className="row-buttons">
                {!active && (
                  <button type="button" onClick={() => void run(() => switchProfile(p.name)).then(() => focusOn(`Edit profile ${p.name}`))}>
                    Use {p.name}
                  </button>
                )}
                <button
                  type="button"
                  aria-label={`Edit profile ${p.name}`}
                  // The form edits what is saved: the variable's URL is not the profile's to save.
                  onClick={() => setEditing(p.name === DEFAULT_PROFILE && variableWins ? { ...p, baseUrl: variableWins.saved ?? '' } : p)}
                >
                  Edit
                </button>
                {p.name !== DEFAULT_PROFILE && confirmDelete !== p.name && (
                  <button type="button" aria-label={`Delete profile ${p.name}`} onClick={() => setConfirmDelete(p.name)}>
                    Delete
                  </button>
                )}
              </span>
              {confirmDelete === p.name && (
                <ConfirmBox
                  what="deleteProfile"
                  confirm={deleteProfileWords(p.name)}
                  onConfirm={() => void deleteConfirmed(p.name)}
                  cancel={KEEP_WORDS.keep}
                  onCancel={() => setConfirmDelete(null)}
                  busy={deleting}
                >
                  {deleteProfileQuestion(p.name)}
                </ConfirmBox>
              )}
            </li>
          );
        })}
      </ul>
      {editing ? (
        <ProfileForm
          key={editing.name}
          initial={editing}
          variableWins={editing.name === DEFAULT_PROFILE ? variableWins : null}
          onDone={(saved) => {
            setEditing(null);
            // Back where the form was opened from, or on the new profile's first button (Use).
            focusOn(editing.name ? `Edit profile ${editing.name}` : saved ? `Use ${saved}` : ADD_PROFILE);
          }}
        />
      ) : (
        <button type="button" onClick={() => setEditing({ name: '', baseUrl: '' })}>
          {ADD_PROFILE}
        </button>
      )}
      <ErrorLine message={message} label="Profile error" />
    </section>
  );
}

/** `onDone`: called with the profile's name once it is saved, without it on Cancel. */
function ProfileForm({
  initial,
  variableWins,
  onDone,
}: {
  initial: FlowentProfile;
  /** The default profile's Gateway while FLOWENT_BASE_URL overrides what this form saves. */
  variableWins: DefaultGateway | null;
  onDone: (saved?: string) => void;
}) {
  const isNew = initial.name === '';
  // Opened by Add profile… (which it replaces) or a profile's Edit: the keyboard goes to the first
  // field the form lets change (a saved profile's name cannot), where the work is.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input:not([readonly])')?.focus({ preventScroll: true });
  }, []);
  const [name, setName] = useState(initial.name);
  const [baseUrl, setBaseUrl] = useState(initial.baseUrl);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = checkProfile({ name: name.trim(), baseUrl: baseUrl.trim() });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (problems.blocked) return;
    setBusy(true);
    const error = await saveProfile({ name: name.trim(), baseUrl: baseUrl.trim() });
    setBusy(false);
    setMessage(error);
    if (!error) onDone(name.trim());
  }

  return (
    <form
      ref={form}
      className="key-form profile-form"
      aria-label={isNew ? 'New profile' : `Edit profile ${initial.name}`}
      onSubmit={(e) => void onSubmit(e)}
    >
      <div className="profile-field">
        <label>
          Profile name
          <input
            value={name}
            readOnly={!isNew}
            spellCheck={false}
            placeholder="staging"
            aria-invalid={problems.name ? true : undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <FieldProblem message={problems.name} label="Profile name problem" />
      </div>
      <div className="profile-field">
        <label>
          Gateway base URL
          <input
            value={baseUrl}
            inputMode="url"
            spellCheck={false}
            placeholder="https://api.flowent.chat/api/v1/gateway"
            aria-invalid={problems.baseUrl ? true : undefined}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        </label>
        <FieldProblem message={problems.baseUrl} label="Gateway base URL problem" />
      </div>
      {variableWins && (
        <p className="muted" role="note" aria-label={SECTION_NAMES.gatewayInUse}>
          {gatewayVariableWinsWords(variableWins)}
        </p>
      )}
      <BusyButton type="submit" busy={busy} disabled={problems.blocked !== null} title={problems.blocked ?? undefined}>
        Save profile
      </BusyButton>
      <button type="button" onClick={() => onDone()}>
        Cancel
      </button>
      {problems.blocked && (
        <p className="muted profile-form-why" data-testid="profile-save-why">
          {problems.blocked}
        </p>
      )}
      <ErrorLine message={message} label="Profile form error" />
    </form>
  );
}

/** A field's problem right under it, read out as it appears. */
function FieldProblem({ message, label }: { message: string | null; label: string }) {
  if (!message) return null;
  return (
    <span className="form-error field-problems" role="alert" aria-label={label}>
      {message}
    </span>
  );
}
