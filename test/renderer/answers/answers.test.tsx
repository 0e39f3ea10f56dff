// @vitest-environment happy-dom
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { makeTempDir } from '../../helpers/temp-dir';
import { renderApp } from '../harness/render';
import { openAnswers } from './answers-kit';

const companion = useCompanion();

describe('answers: mode and forward target', () => {
  it('saves the mode and the target for the picked action, and shows refusals inline', async () => {
    const { dialog, user, bridge } = await openAnswers(companion());
    const picker = within(dialog).getByRole('combobox', { name: 'Answers for' });
    expect([...(picker as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['Default for all actions', 'send_email']);
    await user.selectOptions(picker, 'send_email');
    const route = within(dialog).getByRole('region', { name: 'Answer mode' });

    await user.selectOptions(within(route).getByRole('combobox', { name: 'Answer mode' }), 'mock');
    expect(bridge.callsTo('setAnswerMode')).toEqual([['send_email', 'mock']]);
    await waitFor(() => expect((within(route).getByRole('combobox', { name: 'Answer mode' }) as HTMLSelectElement).value).toBe('mock'));

    const input = within(route).getByLabelText('Forward target URL');
    await user.type(input, 'localhost:8000');
    await user.click(within(route).getByRole('button', { name: 'Save target' }));
    expect((await within(route).findByRole('alert', { name: 'Target error' })).textContent).toBe(
      '"localhost:8000" must start with http:// or https://.',
    );

    await user.clear(input);
    await user.click(input);
    await user.paste('http://localhost:8000/actions/{action_name}');
    await user.click(within(route).getByRole('button', { name: 'Save target' }));
    await waitFor(() => expect(within(route).queryByRole('alert', { name: 'Target error' })).toBeNull());
    // Setting a target switches the action to forwarding (as the core does).
    await waitFor(() => expect((within(route).getByRole('combobox', { name: 'Answer mode' }) as HTMLSelectElement).value).toBe('forward'));
    const { routes } = await companion().api.getAnswerSettings();
    expect(routes).toMatchObject([{ action: 'send_email', mode: 'forward', target: 'http://localhost:8000/actions/{action_name}' }]);
  });

  it('"not set" says what the action gets with its own target kept: forward, as the table and the core have it', async () => {
    const { dialog, user } = await openAnswers(companion());
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
    const route = within(dialog).getByRole('region', { name: 'Answer mode' });
    const mode = () => within(route).getByRole('combobox', { name: 'Answer mode' }) as HTMLSelectElement;
    await user.selectOptions(mode(), 'forward');
    await waitFor(() => expect(mode().value).toBe('forward'));
    await user.click(within(route).getByLabelText('Forward target URL'));
    await user.paste('http://127.0.0.1:47111/h/{action_name}');
    await user.click(within(route).getByRole('button', { name: 'Save target' }));
    await screen.findByText('Forward target saved');
    await user.selectOptions(mode(), '');
    await waitFor(() => expect(mode().value).toBe(''));
    await waitFor(async () =>
      expect((await companion().api.getAnswerSettings()).routes).toMatchObject([
        { action: 'send_email', mode: null, target: 'http://127.0.0.1:47111/h/{action_name}' },
      ]),
    );
    expect(mode().options[0]!.textContent).toBe('Same as the default: forward, as a target is set');
    const row = within(within(dialog).getByRole('table', { name: 'What answers each action' })).getByRole('row', { name: /^send_email/ });
    expect(row.textContent).toContain('your handler (http://127.0.0.1:47111/h/{action_name})');
  });

  it('with no target set, an empty (or blank) target field saves nothing and claims no removal', async () => {
    const { dialog, user, bridge } = await openAnswers(companion());
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
    const route = within(dialog).getByRole('region', { name: 'Answer mode' });
    const save = within(route).getByRole('button', { name: 'Save target' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(save.title).toBe('Type a URL to save: send_email has no target to remove');
    const input = within(route).getByLabelText('Forward target URL');
    await user.type(input, '   ');
    expect(save.disabled).toBe(true);
    // Enter in the field does not submit it either.
    await user.type(input, '{Enter}');
    await user.click(save);
    expect(bridge.callsTo('setForwardTarget')).toEqual([]);
    expect(screen.queryByText('Forward target removed')).toBeNull();

    // A target set, emptying the field offers to remove it, and the toast says so truly.
    await user.clear(input);
    await user.click(input);
    await user.paste('http://127.0.0.1:47111/h/{action_name}');
    expect(save.disabled).toBe(false);
    await user.click(save);
    await screen.findByText('Forward target saved');
    await user.clear(input);
    await user.click(within(route).getByRole('button', { name: 'Remove target' }));
    await screen.findByText('Forward target removed');
    expect(bridge.callsTo('setForwardTarget')).toEqual([
      ['send_email', 'http://127.0.0.1:47111/h/{action_name}'],
      ['send_email', null],
    ]);
  });

  it('shows the startup target, the forward timeout and what happens when the handler is unreachable', async () => {
    const c = await companion.restart({
      core: { forwardTarget: 'http://localhost:9000/{action_name}', forwardTimeoutMs: 25_000, fallbackToMock: true },
    });
    const { dialog } = await openAnswers(c);
    const route = within(dialog).getByRole('region', { name: 'Answer mode' });
    expect(within(route).getByTestId('startup-forward-target').textContent).toBe('http://localhost:9000/{action_name}');
    expect(route.textContent).toContain('25.00 s');
    expect(route.textContent).toContain('answer with the mock');
  });

  it('shows a refused mode change inline: the project answer file has a mistake, and the edit in it is kept', async () => {
    const root = makeTempDir('fc-page-project-');
    const dir = join(root.path, 'flowent');
    mkdirSync(join(dir, 'answers'), { recursive: true });
    mkdirSync(join(dir, 'actions'));
    const broken = 'version: 1\nbody: {result: "unclosed", error: ""\n';
    writeFileSync(join(dir, 'answers', 'send_email.yaml'), broken);
    try {
      const { dialog, user } = await openAnswers(await companion.restart({ core: { projectDir: dir } }));
      await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
      const route = within(dialog).getByRole('region', { name: 'Answer mode' });
      await user.selectOptions(within(route).getByRole('combobox', { name: 'Answer mode' }), 'forward');
      const refusal = (await within(route).findByRole('alert', { name: 'Mode error' })).textContent;
      expect(refusal).toMatch(/^answers\/send_email\.yaml has a mistake at line 2: not valid YAML: [^()]*\. /);
      expect(refusal).toContain('Fix the file first, so the change does not overwrite your edit.');
      expect(readFileSync(join(dir, 'answers', 'send_email.yaml'), 'utf8')).toBe(broken);
    } finally {
      await companion.restart({});
      root.remove();
    }
  });
});

describe('answers: live updates', () => {
  it('a mock stored elsewhere (the command line) shows: the answers-changed event refetches the settings', async () => {
    const { mock, bridge } = await openAnswers(companion());
    expect(within(mock).getByTestId('mock-stored').textContent).toContain('No default mock');
    const before = bridge.callsTo('getAnswerSettings').length;
    // Stored from the command line: the core announces it.
    const stored = await companion().core.api.setMock(null, '{"status": 200, "body": {"result": "ok", "error": ""}}', 'json');
    expect(stored.ok).toBe(true);
    await waitFor(() =>
      expect(within(mock).getByTestId('mock-stored').textContent).toContain('A mock is stored for every action without its own mock'),
    );
    expect(bridge.callsTo('getAnswerSettings')).toHaveLength(before + 1);
  });
});

describe('answers: keyboard', () => {
  it('Esc over an edited mock asks as × does; after saving, one Esc closes', async () => {
    const { user, mock, dialog } = await openAnswers(companion());
    await user.click(within(mock).getByRole('button', { name: 'Insert example' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBeTruthy();
    const ask = within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    expect(ask.textContent).toContain('Unsaved changes to the default mock: discard them and close, or keep editing and save first?');
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByText(/press Esc again/)).toBeNull();
    await user.click(within(mock).getByRole('button', { name: 'Save mock' }));
    await screen.findByText('Mock saved');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
  });

  it('a opens the dialog, Esc closes it; ? lists the shortcuts', async () => {
    const { bridge } = companion();
    const { user } = renderApp(bridge);
    await waitFor(() => expect(bridge.callsTo('getStats')).toHaveLength(1));
    await user.keyboard('a');
    await screen.findByRole('dialog', { name: 'Answers' });
    expect(bridge.callsTo('getAnswerSettings')).toHaveLength(1);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();

    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const keys of ['↑ / ↓ or k / j', '/', 'Esc', 'c', 'a', 'p', 'f', ',', 'r', 's', 'e', '?'])
      expect(within(help).getByText(keys)).toBeTruthy();
    // None that a browser or the OS keeps for itself.
    expect(help.textContent).not.toMatch(/Shift\+[BCS]|Cmd\+M/);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });
});

describe('answers: which answer applies, by the route', () => {
  const stored = (dialog: HTMLElement) =>
    within(within(dialog).getByRole('region', { name: 'Mock' })).getByTestId('mock-stored').textContent;

  it('an action that forwards does not claim the built-in answer: it is what --fallback-to-mock would give', async () => {
    const c = companion();
    await c.api.setForwardTarget('send_email', 'http://127.0.0.1:47111/h/{action_name}');
    await c.api.setAnswerMode('send_email', null);
    const { dialog, user } = await openAnswers(c);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
    await waitFor(() =>
      expect(stored(dialog)).toBe(
        'No mock of its own: send_email forwards to your handler (a forward target is set); with --fallback-to-mock, ' +
          'the built-in answer {"result":"ok","error":""} would answer when the handler gives none.',
      ),
    );
    expect(stored(dialog)).not.toContain('answers with the built-in answer');
  });

  it('says the built-in answer does answer when the handler gives none, with --fallback-to-mock on', async () => {
    const c = await companion.restart({ core: { forwardTarget: 'http://127.0.0.1:47111/{action_name}', fallbackToMock: true } });
    try {
      const { dialog, user } = await openAnswers(c);
      await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
      await waitFor(() =>
        expect(stored(dialog)).toBe(
          'No mock of its own: send_email forwards to your handler (a forward target is set); when the handler gives no answer, ' +
            'the built-in answer {"result":"ok","error":""} answers (--fallback-to-mock).',
        ),
      );
    } finally {
      await companion.restart({});
    }
  });
});
