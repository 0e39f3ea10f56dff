import { useEffect, useState, type FormEvent } from 'react';
import type { RespondMode, RespondSettings } from '../../../main/contract/api';
import { formatDuration } from '../lib/format';
import { loadRespondSettings, saveForwardTarget, saveRespondMode } from '../store/respond-actions';
import { closePanel } from '../store/ui-actions';
import { useMetaStore } from '../store/stores';
import { Dialog } from './Dialog';
import { MockSection } from './MockSection';

const DEFAULT_KEY = '';

/** How the companion answers calls, per action or for all: a mock, or forwarding to the developer's handler. */
export function AnswersDialog() {
  const respond = useMetaStore((s) => s.respond);
  const perAction = useMetaStore((s) => s.stats?.perAction);
  const [key, setKey] = useState(DEFAULT_KEY);
  useEffect(() => {
    void loadRespondSettings();
  }, []);
  const action = key === DEFAULT_KEY ? null : key;
  const names = new Set<string>((perAction ?? []).map((a) => a.action));
  for (const m of respond?.mocks ?? []) if (m.action) names.add(m.action);
  for (const r of respond?.routes ?? []) if (r.action) names.add(r.action);

  return (
    <Dialog title="Answers" closeLabel="Close answers" onClose={closePanel} className="wide">
      <label className="inline-field action-picker">
        Answers for
        <select value={key} onChange={(e) => setKey(e.target.value)}>
          <option value={DEFAULT_KEY}>Default for all actions</option>
          {[...names].sort().map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {respond ? (
        <>
          <RouteSection key={`route-${key}`} action={action} respond={respond} />
          <MockSection key={`mock-${key}`} action={action} stored={respond.mocks.find((m) => m.action === action) ?? null} />
        </>
      ) : (
        <p className="muted">Loading the answer settings…</p>
      )}
    </Dialog>
  );
}

function RouteSection({ action, respond }: { action: string | null; respond: RespondSettings }) {
  const route = respond.routes.find((r) => r.action === action) ?? null;
  const [target, setTarget] = useState(route?.target ?? '');
  const [modeError, setModeError] = useState<string | null>(null);
  const [targetError, setTargetError] = useState<string | null>(null);

  async function onMode(value: string) {
    const mode = value === '' ? null : (value as RespondMode);
    setModeError(await saveRespondMode(action, mode));
  }

  async function onTarget(e: FormEvent) {
    e.preventDefault();
    setTargetError(await saveForwardTarget(action, target.trim() === '' ? null : target.trim()));
  }

  return (
    <section aria-label="Answer mode">
      <h3>Answer with</h3>
      <label className="inline-field">
        Mode
        <select aria-label="Answer mode" value={route?.mode ?? ''} onChange={(e) => void onMode(e.target.value)}>
          <option value="">{action === null ? 'Not set (mock, or the startup target)' : 'Same as the default'}</option>
          <option value="mock">Mock</option>
          <option value="forward">Forward to your handler</option>
        </select>
      </label>
      {modeError && (
        <p className="form-error" role="alert" aria-label="Mode error">
          {modeError}
        </p>
      )}
      <form className="key-form" onSubmit={(e) => void onTarget(e)}>
        <label>
          Forward target URL
          <input
            type="text"
            inputMode="url"
            spellCheck={false}
            placeholder="http://localhost:8000/actions/{action_name}"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
        </label>
        <button type="submit">{target.trim() === '' && route?.target ? 'Remove target' : 'Save target'}</button>
      </form>
      {targetError && (
        <p className="form-error" role="alert" aria-label="Target error">
          {targetError}
        </p>
      )}
      <dl className="facts" aria-label="Forwarding facts">
        <dt>Startup forward target</dt>
        <dd data-testid="startup-forward-target">{respond.startupForwardTarget ?? 'none (serve --forward sets one)'}</dd>
        <dt>Forward timeout</dt>
        <dd>{formatDuration(respond.forwardTimeoutMs)}</dd>
        <dt>Handler unreachable</dt>
        <dd>{respond.fallbackToMock ? 'answer with the mock' : 'answer with an error (502/504)'}</dd>
      </dl>
    </section>
  );
}
