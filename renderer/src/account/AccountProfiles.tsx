import { useState, type FormEvent } from 'react';
import type { AccountState, FlowentProfile } from '../../../main/contract/account';
import { deleteProfile, saveProfile, switchProfile } from './account-actions';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { checkProfile } from './profile-check';

const DEFAULT_PROFILE = 'default';

/** The Flowent instances the user works with; one is active. */
export function AccountProfiles({ account }: { account: AccountState }) {
  const [editing, setEditing] = useState<FlowentProfile | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function run(action: () => Promise<string | null>) {
    setMessage(await action());
  }

  return (
    <section aria-label="Profiles">
      <h3>Profiles</h3>
      <ul className="profile-list" aria-label="Profile list">
        {account.profiles.map((p) => {
          const active = p.name === account.activeProfile;
          return (
            <li key={p.name} className={active ? 'active' : undefined} data-testid={`profile-${p.name}`}>
              <strong>{p.name}</strong> <code>{p.baseUrl}</code> {active && <span className="badge badge-ok">active</span>}
              <span className="row-buttons">
                {!active && (
                  <button type="button" onClick={() => void run(() => switchProfile(p.name))}>
                    Use {p.name}
                  </button>
                )}
                <button type="button" aria-label={`Edit profile ${p.name}`} onClick={() => setEditing(p)}>
                  Edit
                </button>
                {p.name !== DEFAULT_PROFILE &&
                  (confirmDelete === p.name ? (
                    <>
                      <button
                        type="button"
                        className="danger"
                        onClick={() => void run(() => deleteProfile(p.name)).then(() => setConfirmDelete(null))}
                      >
                        Delete {p.name} for good
                      </button>
                      <button type="button" onClick={() => setConfirmDelete(null)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <button type="button" aria-label={`Delete profile ${p.name}`} onClick={() => setConfirmDelete(p.name)}>
                      Delete
                    </button>
                  ))}
              </span>
            </li>
          );
        })}
      </ul>
      {editing ? (
        <ProfileForm key={editing.name} initial={editing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing({ name: '', baseUrl: '' })}>
          Add profile…
        </button>
      )}
      <ErrorLine message={message} label="Profile error" />
    </section>
  );
}

function ProfileForm({ initial, onDone }: { initial: FlowentProfile; onDone: () => void }) {
  const isNew = initial.name === '';
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
    if (!error) onDone();
  }

  return (
    <form
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
      <BusyButton type="submit" busy={busy} disabled={problems.blocked !== null} title={problems.blocked ?? undefined}>
        Save profile
      </BusyButton>
      <button type="button" onClick={onDone}>
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
