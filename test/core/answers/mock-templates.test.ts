import { describe, expect, it, vi } from 'vitest';
import { coresClosedAfterEach } from '../../helpers/running-core';
import { openStore } from '../../../main/core/store/open-store';
import { openStoreReadOnly } from './stored-call';
import { call, setMock } from './signed-mock-calls';

const start = coresClosedAfterEach();

describe('mocks: templates', () => {
  it('renders the call into the body, with now, uuid, random and json helpers', async () => {
    const core = await start();
    await setMock(core, 'send_email', {
      status: 201,
      headers: { 'X-Mock': '{{action_name}}' },
      body: {
        result: 'Sent to {{parameters.recipient}} for {{action_name}} at {{timestamp}}',
        error: '',
        meta: '{{now}}|{{uuid}}|{{random 5 7}}',
      },
    });
    const answer = await call(core, 'send_email', { recipient: 'a"b@example.com' });
    expect(answer.status).toBe(201);
    const json = answer.json as { result: string; meta: string };
    expect(json.result).toMatch(/^Sent to a"b@example\.com for send_email at \d{10}$/);
    const [now, uuid, random] = json.meta.split('|');
    expect(Date.parse(now ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(['5', '6', '7']).toContain(random);
    expect((await core.core.api.getCall(1))?.answeredBy).toBe('mock');

    await setMock(core, 'send_email', { body: '{"result":{{json parameters.user.name}},"error":""}' });
    expect((await call(core, 'send_email', { user: { name: 'Zoë "Z"' } })).json).toEqual({ result: 'Zoë "Z"', error: '' });
  });

  it('renders a templated body for every call, and answers an edited fixed body from the next call on', async () => {
    const core = await start();
    await setMock(core, 'send_email', { body: { result: '{{uuid}}', error: '' } });
    const first = (await call(core, 'send_email')).json as { result: string };
    const second = (await call(core, 'send_email')).json as { result: string };
    expect(first.result).not.toBe(second.result);

    await setMock(core, 'send_email', { body: { result: 'fixed one', error: '' } });
    expect((await call(core, 'send_email')).json).toEqual({ result: 'fixed one', error: '' });
    expect((await call(core, 'send_email')).json).toEqual({ result: 'fixed one', error: '' });
    await setMock(core, 'send_email', { body: { result: 'fixed two', error: '' } });
    expect((await call(core, 'send_email')).json).toEqual({ result: 'fixed two', error: '' });
    await setMock(core, 'send_email', { body: 'plain text, no template' });
    expect((await call(core, 'send_email')).text).toBe('plain text, no template');
  });

  it("answers 500 in Flowent's shape when a template fails at run time, and records why", async () => {
    const core = await start();
    await setMock(core, 'send_email', { body: { result: 'Hi {{parameters.user.name}}', error: '' } });
    const answer = await call(core, 'send_email', { recipient: 'x' });
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({
      result: '',
      error: expect.stringMatching(
        /^Mock template failed: \{\{parameters\.user\.name\}\}: this call has no parameters\.user\.name \(template line 1/,
      ),
    });
    const stored = openStoreReadOnly(core.dataDir).newest();
    expect(stored).toMatchObject({ problem: 'mock-template-failed', answeredBy: 'mock', status: 500 });
    expect(stored.violations.map((v) => v.code)).toEqual(['not-2xx']);
  });

  it("refuses templates that do not compile, with the line and column in the mock's text", async () => {
    const core = await start();
    const text = JSON.stringify({ body: { result: 'line one\n{{#if parameters.x}}never closed', error: '{{nope 1}}' } });
    const outcome = await core.core.api.setMock('a', text, 'json');
    expect(outcome.ok).toBe(false);
    if (outcome.ok || outcome.code !== 'invalid-mock') throw new Error(JSON.stringify(outcome));
    // The template's second line is still the file's first: JSON writes the line break as \n.
    const nope = text.indexOf('{{nope') + 1;
    expect(outcome.errors).toEqual([
      expect.objectContaining({ path: 'body.result', line: 1, message: expect.stringMatching(/template syntax error.*\(line 1\)$/) }),
      expect.objectContaining({
        path: 'body.error',
        line: 1,
        column: nope,
        message: expect.stringMatching(new RegExp(`unknown helper "nope".*\\(line 1, column ${nope}\\)$`)),
      }),
    ]);
  });

  it('refuses {{random}} with numbers that fail every call, and keeps those read from the call', async () => {
    const core = await start();
    const refusal = async (template: string) => {
      const outcome = await core.core.api.setMock('a', JSON.stringify({ body: { result: template, error: '' } }), 'json');
      return outcome.ok ? null : outcome.code === 'invalid-mock' ? outcome.errors : outcome;
    };
    // The template starts at column 20 of {"body":{"result":"…
    expect(await refusal('n = {{random 1}}')).toEqual([
      {
        path: 'body.result',
        line: 1,
        column: 24,
        message: 'random needs two whole numbers, min then max (e.g. {{random 1 100}}), not only 1 (line 1, column 24)',
      },
    ]);
    const refusedWith = async (template: string) => ((await refusal(template)) as { message: string }[] | null)?.[0]?.message;
    expect(await refusedWith('{{random 5 1}}')).toMatch(/, not 5 1 \(line 1, column 20\)$/);
    expect(await refusedWith('{{random 1.5 3}}')).toMatch(/, not 1\.5 3 \(line 1, column 20\)$/);
    expect(await refusedWith('{{#if (random 1 2 3)}}x{{/if}}')).toMatch(/, not 1 2 3 \(line 1, column 26\)$/);
    expect(await refusedWith('{{random}}')).toMatch(/, not nothing \(line 1, column 20\)$/);
    expect(await refusal('{{random 1 100}}')).toBeNull();
    expect(await refusal('{{random parameters.low parameters.high}}')).toBeNull();
  });
});

describe('mocks: what templates cannot reach', () => {
  it("refuses Handlebars' log helper, its internal helpers and decorators, and never writes call data to the log", async () => {
    const core = await start();
    const logged: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args)),
    );
    try {
      for (const template of [
        '{{log parameters.secret}}',
        '{{log "x" level="error"}}',
        '{{#log parameters.secret}}x{{/log}}',
        '{{helperMissing parameters.secret}}',
        '{{#blockHelperMissing parameters}}x{{/blockHelperMissing}}',
        '{{#*inline "p"}}{{parameters.secret}}{{/inline}}',
      ]) {
        const outcome = await core.core.api.setMock('a', JSON.stringify({ body: { result: template, error: '' } }), 'json');
        expect(outcome.ok, template).toBe(false);
      }
      // A mock stored before these checks existed is refused when it answers, not run.
      const opened = openStore({ dataDir: core.dataDir });
      if (!opened.ok) throw new Error(JSON.stringify(opened));
      const stored = (await setMock(core, 'a', { body: { result: 'ok', error: '' } })).definition;
      opened.value.answers.setMock('a', {
        ...stored,
        fallback: { ...stored.fallback!, body: { result: '{{log parameters.secret}}', error: '' } },
      });
      opened.value.close();
      const answer = await call(core, 'a', { secret: 'do-not-log-me' });
      expect(answer.json).toEqual({ result: '', error: expect.stringMatching(/^Mock template failed: .*log/) });
      expect(JSON.stringify(logged)).not.toContain('do-not-log-me');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('keeps the built-ins the documentation names: if, unless, each, with, lookup', async () => {
    const core = await start();
    setMock(core, 'a', {
      body:
        '{"result":"{{#if parameters.ok}}yes{{/if}}{{#unless parameters.no}}-no{{/unless}}{{#each parameters.list}}{{this}}{{/each}}' +
        '{{#with parameters}}{{name}}{{/with}}{{lookup parameters \'name\'}}","error":""}',
    });
    const answer = await call(core, 'a', { ok: true, no: false, list: [1, 2], name: 'n' });
    expect(answer.json).toEqual({ result: 'yes-no12nn', error: '' });
  });
});
