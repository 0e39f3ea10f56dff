import { describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethod } from '../../../main/contract/api';
import { API_ARGUMENTS, argumentNames } from '../../../main/contract/schemas';
import { checkArgs } from '../../../main/core/operations/check-args';

interface Row {
  /** Argument lists the method accepts; the check hands them on as they are. */
  good: unknown[][];
  /** Argument lists it refuses, and the words that say why (after "method: "). */
  bad: [args: unknown[], words: string | RegExp][];
}

const SCHEMA = { type: 'object', properties: { to: { type: 'string' } } };
const ACTION = { name: 'send_email', description: 'Sends', webhook_url: 'https://x.test/actions/send_email', json_schema: SCHEMA };
const BULK = { concurrency: 4, resign: true, target: null };
const LIMITS = { keepCalls: 100_000, keepDays: 14, keepBytes: 1024 ** 3, rateLimitPerSecond: 50 };
const SIMULATE = { action: 'send_email', parameters: null, seed: 1, test: false, target: null };
/** A range whose end is a day before its start, and what every method taking a filter says of it. */
const INVERTED = { since: Date.UTC(2026, 0, 3), until: Date.UTC(2026, 0, 2) };
const INVERTED_WORDS =
  '`until` 1767312000000 (2026-01-02T00:00:00.000Z) is before `since` 1767398400000 (2026-01-03T00:00:00.000Z): the range ends ' +
  'before it starts, so no call could be in it. Give an `until` at or after `since` (swapped, if they were given the wrong way round).';

/** Every method of the contract, with what it accepts and what it refuses. */
const TABLE: Record<ApiMethod, Row> = {
  listCalls: {
    good: [
      [{}],
      [{ action: 'send_email', verdict: 'valid', statusClass: '2xx', test: false, since: 0, until: 1, text: 'x', source: 'replay' }],
      [{ failures: true, action: 'send_email' }],
      [{ limit: 500, beforeId: 9 }],
      [{ text: 'x', afterId: 4, beforeId: 9 }],
    ],
    bad: [
      [[{ limit: 501 }], '`limit` must be a whole number from 1 to 500.'],
      [[{ limit: 0 }], '`limit` must be a whole number from 1 to 500.'],
      [
        [{ sql: 'DROP TABLE calls' }],
        /^`query` has no field `sql`: it must be a filter object with page fields \{action\?, verdict\?, .*, beforeId\?\}\.$/,
      ],
      [[{ since: 'yesterday' }], '`since` must be a time in milliseconds since the epoch.'],
      [[{ text: 'x'.repeat(1001) }], '`text` must be a string of at most 1000 characters.'],
      [[{ source: 'elsewhere' }], '`source` must be one of flowent, replay, simulator, import.'],
      [[{ action: 'a'.repeat(101) }], '`action` must be an action name of at most 100 characters.'],
      [[{ failures: false }], '`failures` must be true (only the calls counted as failures).'],
      [[{ ...INVERTED, limit: 50 }], INVERTED_WORDS],
      [[], /^expects `query`\. `query` is missing: it must be a filter object/],
    ],
  },
  getCall: {
    good: [[1], [Number.MAX_SAFE_INTEGER]],
    bad: [
      [['7'], '`id` must be a call id (a positive integer).'],
      [[1.5], '`id` must be a call id (a positive integer).'],
      [[0], '`id` must be a call id (a positive integer).'],
      [[2 ** 53], '`id` must be a call id (a positive integer).'],
    ],
  },
  getStats: {
    good: [[{}], [{ verdict: 'invalid' }], [{ since: 5, until: 5 }]],
    bad: [
      [[{ verdict: 'great' }], '`verdict` must be one of valid, invalid, missing, malformed, unsigned-test, no-key, not-flowent.'],
      [[INVERTED], INVERTED_WORDS],
      [[{ limit: 5 }], /^`filter` has no field `limit`/],
    ],
  },
  estimateCount: {
    good: [[{}], [{ text: 'Paris', action: 'send_email' }], [{ verdict: 'invalid', perAction: false }]],
    bad: [
      [[{ beforeId: 5 }], /^`query` has no field `beforeId`/],
      [[{ perAction: 'no' }], /`perAction` must be true or false/],
      [[{ test: 'yes' }], /`test` must be true or false/],
      [[{ ...INVERTED, perAction: false }], INVERTED_WORDS],
    ],
  },
  getSampleRequest: {
    good: [['send_email']],
    bad: [
      [['Create-Ticket'], '`action` must be an action name of 1-100 lowercase letters, digits or underscores.'],
      [['a'.repeat(101)], /`action` must be an action name/],
    ],
  },
  clearHistory: { good: [[]], bad: [[['everything'], 'takes no arguments.']] },
  listWaitingCalls: { good: [[]], bad: [[['now'], 'takes no arguments.']] },

  getStatus: { good: [[]], bad: [[[1], 'takes no arguments.']] },
  setHmacKey: {
    good: [['k'], ['k'.repeat(1024)]],
    bad: [
      [[''], '`key` must be a non-blank string of at most 1024 characters.'],
      // Spaces or a line break alone are no key, as in FLOWENT_HMAC_KEY.
      [[' \r\n'], '`key` must be a non-blank string of at most 1024 characters.'],
      [['k'.repeat(1025)], '`key` must be a non-blank string of at most 1024 characters.'],
    ],
  },
  clearHmacKey: { good: [[]], bad: [] },
  openTunnel: { good: [[]], bad: [] },
  closeTunnel: { good: [[]], bad: [] },
  setNgrokAuthtoken: {
    good: [['t0ken']],
    bad: [
      [[''], '`token` must be a non-blank string of at most 1024 characters.'],
      [['  '], '`token` must be a non-blank string of at most 1024 characters.'],
    ],
  },
  clearNgrokAuthtoken: { good: [[]], bad: [] },
  setListenOnAllInterfaces: { good: [[true], [false]], bad: [[['yes'], '`on` must be true or false.']] },

  getAnswerSettings: { good: [[]], bad: [] },
  checkMock: {
    good: [
      ['{}', 'json'],
      ['a: 1', 'yaml'],
    ],
    bad: [
      [['{}', 'xml'], '`format` must be "json" or "yaml".'],
      [['x'.repeat(256 * 1024 + 1), 'json'], '`text` must be the mock as text of at most 262,144 characters.'],
    ],
  },
  setMock: {
    good: [
      [null, '{}', 'json'],
      ['send_email', '{}', 'yaml'],
    ],
    bad: [[['Bad Name', '{}', 'json'], /^`action` must be an action name of .*, or null for every action\.$/]],
  },
  clearMock: { good: [[null], ['ok']], bad: [[['Bad-Name'], /^`action` must be an action name/]] },
  clearAllMocks: { good: [[]], bad: [[[1], 'takes no arguments.']] },
  mockFromCall: { good: [[3]], bad: [[[-3], '`callId` must be a call id (a positive integer).']] },
  setForwardTarget: {
    good: [
      [null, 'http://localhost:8000/actions/{action_name}'],
      ['ok', null],
    ],
    bad: [[[null, 42], '`url` must be a URL of at most 2048 characters, or null to remove it.']],
  },
  setAnswerMode: {
    good: [
      [null, 'mock'],
      ['ok', 'forward'],
      ['ok', null],
    ],
    bad: [[['ok', 'proxy'], '`mode` must be "mock", "forward", or null to inherit the default.']],
  },
  clearAnswerRoute: { good: [[null], ['ok']], bad: [[['Bad-Name'], /^`action` must be an action name/]] },
  clearAllAnswerRoutes: { good: [[]], bad: [] },

  replayCall: {
    good: [
      [1, 'resign', null, 'sorted+ascii'],
      [1, 'resign', null],
      [1, 'as-is', 'http://localhost:1/x', null],
    ],
    bad: [
      [[0, 'resign', null], '`id` must be a call id (a positive integer).'],
      [[1, 'edit', null], '`mode` must be "as-is" or "resign".'],
      [
        [1, 'resign', `http://x/${'a'.repeat(2048)}`],
        "`target` must be a URL of at most 2048 characters, or null for the action's forwarding target.",
      ],
      [[1, 'resign'], /^expects `id`, `mode`, `target` and optionally `style`\. `target` is missing: it must be a URL/],
      [[1, 'resign', null, 'pretty'], /^`style` must be one of python, go, .*, or null for the style learned from Flowent's calls\.$/],
    ],
  },
  replayEdited: {
    good: [
      [1, '{}', null, 'go'],
      [1, '{}', null],
    ],
    bad: [
      [[1, {}, null], "`parameters` must be JSON text of at most 1,048,576 characters (Flowent's 1 MB limit)."],
      [[1, '{}', null, 'GO'], /^`style` must be one of python, go, /],
    ],
  },
  copyAsCurl: {
    good: [
      [1, true, 'go'],
      [1, true],
      [1, false, null],
    ],
    bad: [
      [[1, 'yes'], '`resign` must be true or false.'],
      [[1], 'expects `id`, `resign` and optionally `style`. `resign` is missing: it must be true or false.'],
      [[1, true, 7], /^`style` must be one of python, go, /],
    ],
  },
  previewBulkReplay: {
    good: [[{ ids: [1, 2] }], [{ filter: {}, limit: 10_000 }]],
    bad: [[[{ ids: [1], filter: {} }], '`selection` must be a selection {ids} or {filter, limit?}.']],
  },
  startBulkReplay: {
    good: [
      [{ filter: { action: 'ok' } }, BULK],
      [{ ids: [1, 2] }, { concurrency: 64, resign: false, target: 'http://x/y', parameters: '{"n":1}', style: 'go' }],
      [
        { filter: {}, limit: 10 },
        { ...BULK, parameters: null, style: null },
      ],
    ],
    bad: [
      [[{ ids: [] }, BULK], '`ids` must be a list of 1-10,000 call ids.'],
      [[{ ids: [1, -2] }, BULK], '`ids[1]` must be a call id (a positive integer).'],
      [[{ filter: { nope: 1 } }, BULK], /^`filter` has no field `nope`: it must be a filter object \{action\?/],
      [[{ filter: { verdict: 'fine' } }, BULK], /^`filter\.verdict` must be one of valid, /],
      [[{ filter: {}, limit: 10_001 }, BULK], '`limit` must be a whole number from 1 to 10,000.'],
      [[{ filter: INVERTED }, BULK], INVERTED_WORDS],
      [[{ ids: [1] }, { ...BULK, concurrency: 65 }], '`concurrency` must be a whole number from 1 to 64.'],
      [[{ ids: [1] }, { ...BULK, style: 'nope' }], /^`style` must be one of python, go, go-struct, raw, .*, or null for the style learned/],
      [[{ ids: [1] }, { ...BULK, parameters: 5 }], "`parameters` must be JSON text, or null to keep each call's parameters."],
      [[{ ids: [1] }, { concurrency: 1, target: null }], '`resign` is missing: it must be true or false.'],
      [
        [{ ids: [1] }, { ...BULK, concurrency: 0, resign: 'yes' }],
        '`concurrency` must be a whole number from 1 to 64. `resign` must be true or false.',
      ],
    ],
  },
  cancelBulkReplay: { good: [['0b7c-run']], bad: [[['../x'], '`runId` must be a run id.']] },
  listBulkReplays: { good: [[]], bad: [] },
  getLearnedStyle: { good: [[]], bad: [] },
  listSimulatorActions: { good: [[]], bad: [] },
  saveSimulatorAction: {
    good: [
      ['send_email', null],
      ['send_email', '{}'],
    ],
    bad: [
      [['Send Email', '{}'], /^`action` must be an action name/],
      [['send_email', 3], '`schema` must be JSON text, or null to remove it.'],
    ],
  },
  generateParameters: {
    good: [
      ['send_email', 3],
      ['send_email', -3],
    ],
    bad: [[['send_email', 1.5], '`seed` must be a whole number.']],
  },
  checkSimulatedParameters: {
    good: [['send_email', '{"recipient":"a@example.com"}']],
    bad: [[['send_email', 3], /^`parameters` must be/]],
  },
  simulateCall: {
    good: [
      [SIMULATE],
      [{ ...SIMULATE, parameters: '{}', test: true, target: 'http://x/y', schema: '{}', style: 'raw' }],
      [{ ...SIMULATE, wrongSignature: true }],
    ],
    bad: [
      [
        [{ ...SIMULATE, key: 'x' }],
        /^`request` has no field `key`: it must be a request \{action, parameters, seed, test, target, schema\?, style\?, wrongSignature\?\}\.$/,
      ],
      [[{ ...SIMULATE, wrongSignature: 'yes' }], /`wrongSignature` must be true or false/],
      [[{ action: 'send_email' }], /^`parameters` is missing: .* `seed` is missing: it must be a whole number\. `test` is missing/],
    ],
  },
  exportHar: {
    good: [[{ filter: {} }], [{ ids: [4] }]],
    bad: [
      [[{ path: '/etc/passwd' }], '`selection` must be a selection {ids} or {filter, limit?}.'],
      [['all'], '`selection` must be a selection {ids} or {filter, limit?}.'],
      [[{ filter: { action: 'ok', ...INVERTED } }], INVERTED_WORDS],
    ],
  },
  importHar: {
    good: [[null], ['{"log":{}}']],
    bad: [[[42], '`text` must be the HAR file as text of at most 67,108,864 characters, or null to choose the file in a dialog.']],
  },
  probeHandler: {
    good: [
      [3, null],
      [3, 'http://localhost:8000/actions/{action_name}'],
    ],
    bad: [
      [[0, null], '`callId` must be a call id (a positive integer).'],
      [
        [3],
        /^expects `callId` and `target`\. `target` is missing: it must be a URL of at most 2048 characters, or null for the action's forwarding target\.$/,
      ],
      [[3, 'x'.repeat(2049)], /^`target` must be a URL of at most 2048 characters/],
    ],
  },
  stopProbe: { good: [[3]], bad: [[[0], '`callId` must be a call id (a positive integer).']] },
  listProbes: { good: [[]], bad: [] },
  getVerifierSnippet: {
    good: [
      ['go', 'sorted+utf8'],
      ['python', 'go'],
    ],
    bad: [
      [['rust', 'go'], '`language` must be one of python, node, go.'],
      [['python', 'nope'], /^`style` must be one of .*\bgo\b.*\.$/],
    ],
  },

  getAccount: { good: [[]], bad: [] },
  saveProfile: {
    good: [[{ name: 'staging', baseUrl: 'https://staging.example/api/v1/gateway' }]],
    bad: [
      [[{ name: 'x'.repeat(41), baseUrl: 'https://x' }], '`name` must be text of at most 40 characters.'],
      [[{ name: 'a', baseUrl: 'https://x', token: 'secret' }], '`profile` has no field `token`: it must be a profile {name, baseUrl}.'],
    ],
  },
  deleteProfile: { good: [['staging']], bad: [[['Staging!'], '`name` must be a profile name of 1-40 lowercase letters, digits, _ or -.']] },
  setActiveProfile: { good: [['default']], bad: [[[''], /^`name` must be a profile name/]] },
  setFlowentApiToken: {
    good: [['default', 'tok']],
    bad: [
      [['default', ''], '`token` must be a non-blank string of at most 1024 characters.'],
      [['default', '\t'], '`token` must be a non-blank string of at most 1024 characters.'],
    ],
  },
  clearFlowentApiToken: { good: [['default']], bad: [[['../x'], /^`profile` must be a profile name/]] },
  connectFlowent: { good: [[]], bad: [] },
  listActions: { good: [[]], bad: [] },
  getAction: { good: [['send_email']], bad: [[['Send Email'], /^`name` must be an action name/]] },
  checkAction: {
    good: [
      [{ description: 'Fine' }, true],
      [ACTION, false],
      [{ name: 'Not A Name' }, false],
    ],
    bad: [
      [[{ description: 5 }, true], '`description` must be text of at most 16,384 characters.'],
      [[{}, 'yes'], '`partial` must be true or false.'],
    ],
  },
  registerAction: {
    good: [[ACTION]],
    bad: [
      [[{ ...ACTION, json_schema: [] }], '`json_schema` must be a JSON object of at most 256 KB.'],
      [[{ ...ACTION, json_schema: { big: 'x'.repeat(256 * 1024) } }], '`json_schema` must be a JSON object of at most 256 KB.'],
      [[{ name: 'send_email' }], /^`description` is missing: it must be text/],
    ],
  },
  updateAction: {
    good: [
      ['send_email', { description: 'New' }],
      ['send_email', {}],
      ['send_email', { webhook_url: 'https://abc.example/actions/send_email' }, 'https://abc.example'],
      ['send_email', { description: 'New' }, null],
    ],
    bad: [
      [
        ['send_email', { name: 'renamed' }],
        /^`changes` has no field `name`: .*never its name \(to rename an action, register it under the new name.* \{description\?, webhook_url\?, json_schema\?\}\.$/,
      ],
    ],
  },
  deleteAction: { good: [['send_email']], bad: [[['DROP'], /^`name` must be an action name/]] },
  registerHere: {
    good: [
      ['send_email', 'Sends', SCHEMA, null],
      ['Not A Name', '', {}, 'http://192.168.1.2:8787'],
    ],
    bad: [[['send_email', 'Sends', 'not an object', null], '`schema` must be a JSON object of at most 256 KB.']],
  },
  linkAction: {
    good: [
      ['a', true],
      ['a', true, 'https://abc.ngrok.app'],
      ['a', false, null],
    ],
    bad: [
      [['a', true, 5], '`baseUrl` must be a URL of at most 2048 characters, or null for the public tunnel URL.'],
      [['a', true, null, 4], 'expects `name`, `repoint` and optionally `baseUrl`, not 4 arguments.'],
    ],
  },
  unlinkAction: {
    good: [['send_email', 'staging']],
    bad: [
      [[null, 'default'], /^`name` must be an action name/],
      [['send_email'], /^expects `name` and `profile`\. `profile` is missing: it must be a profile name/],
    ],
  },
  setFollowMode: { good: [['auto'], ['ask']], bad: [[['sometimes'], '`mode` must be "auto" or "ask".']] },
  applyFollow: { good: [[]], bad: [] },
  getLimits: { good: [[]], bad: [[[{}], 'takes no arguments.']] },
  setLimits: {
    good: [[LIMITS], [{ keepCalls: 1, keepDays: 36_500, keepBytes: 1024 ** 4, rateLimitPerSecond: 1_000_000 }]],
    bad: [
      [[{ ...LIMITS, keepCalls: -1 }], '`keepCalls` must be null (no limit) or a whole number from 1 to 1,000,000,000.'],
      [[{ ...LIMITS, keepDays: 1.5 }], '`keepDays` must be null (no limit) or a whole number from 1 to 36,500.'],
      [[{ ...LIMITS, keepBytes: 1024 }], '`keepBytes` must be null (no limit) or a whole number from 1,048,576 to 1,099,511,627,776.'],
      [
        [{ ...LIMITS, rateLimitPerSecond: 1_000_001 }],
        '`rateLimitPerSecond` must be null (no limit) or a whole number from 1 to 1,000,000.',
      ],
      [[{ ...LIMITS, keepForever: true }], /^`limits` has no field `keepForever`: it must be the limits/],
      [[{ keepCalls: 5, keepDays: null, keepBytes: null }], /^`rateLimitPerSecond` is missing: it must be null \(no limit\)/],
    ],
  },

  getProject: { good: [[]], bad: [[[true], 'takes no arguments.']] },
  planActions: { good: [[true], [false]], bad: [[['yes'], /^`prune` must be true or false/]] },
  applyActions: { good: [[false]], bad: [[[], /^expects `prune`\. `prune` is missing/]] },
  pullActions: {
    good: [
      [true, false],
      [false, true],
    ],
    bad: [
      [[1, false], /^`prune` must be true or false/],
      [[false], /`force` is missing/],
      [[false, 'yes'], /^`force` must be true or false/],
    ],
  },

  checkParameters: { good: [[7]], bad: [[['7'], '`callId` must be a call id (a positive integer).']] },
};

/** A JSON value of another kind than `value`, which no schema here accepts in its place. */
function otherKind(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return 'x';
  if (typeof value === 'boolean') return 'yes';
  if (value === null) return 42;
  return 'x';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Arguments that are JSON Schemas: any field is theirs, so no field of them is of a wrong kind. */
const FREE_FORM = new Set(['schema']);

/** Words every refusal is free of: zod's own defaults, and the stand-in for a schema without words. */
const UNWORDED = /Invalid input|expected \w+, received|Too (small|big)|something else/;

async function refusal(method: ApiMethod, args: unknown): Promise<string> {
  const checked = await checkArgs(method, args);
  if (checked.ok) throw new Error(`${method} accepted ${JSON.stringify(args)}`);
  expect(checked).toEqual({
    ok: false,
    code: 'invalid-arguments',
    method,
    problem: checked.problem,
    message: `${method}: ${checked.problem}`,
  });
  expect(checked.problem).not.toMatch(UNWORDED);
  return checked.problem;
}

describe('the argument check of every method', () => {
  it('has a row for every method of the contract, and an argument list for each', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...API_METHODS].sort());
    expect(Object.keys(API_ARGUMENTS).sort()).toEqual([...API_METHODS].sort());
  });

  describe.each(API_METHODS.map((method) => [method, TABLE[method]] as const))('%s', (method, row) => {
    it('hands on the arguments it accepts', async () => {
      for (const args of row.good) expect(await checkArgs(method, args)).toEqual({ ok: true, args });
    });

    it('refuses bad arguments in words', async () => {
      for (const [args, words] of row.bad) {
        if (typeof words === 'string') expect(await refusal(method, args)).toBe(words);
        else expect(await refusal(method, args)).toMatch(words);
      }
      expect(await refusal(method, { 0: 'not', 1: 'a list' })).toBe('arguments must be an array.');
      const tooMany = [...row.good[0]!, 'extra', 'extra'];
      expect(await refusal(method, tooMany)).toMatch(
        argumentNames(API_ARGUMENTS[method]).length === 0 ? /^takes no arguments\.$/ : /^expects .*, not \d+ arguments\.$/,
      );
    });

    it('names the parameter, or the field, that has a value of the wrong kind', async () => {
      const names = argumentNames(API_ARGUMENTS[method]);
      for (const good of row.good) {
        for (const [index, value] of good.entries()) {
          const args = good.with(index, otherKind(value));
          expect(await refusal(method, args)).toMatch(new RegExp(`^\`${names[index]}\` must be `));
          if (!isPlainObject(value) || FREE_FORM.has(names[index]!)) continue;
          for (const field of Object.keys(value)) {
            const inner = { ...value, [field]: otherKind(value[field]) };
            expect(await refusal(method, good.with(index, inner))).toMatch(new RegExp(`^\`${field}\` must be `));
          }
        }
      }
    });
  });

  it('takes null for each limit: no limit', async () => {
    const none = { keepCalls: null, keepDays: null, keepBytes: null, rateLimitPerSecond: null };
    expect(await checkArgs('setLimits', [none])).toEqual({ ok: true, args: [none] });
  });

  it('never repeats a value it refuses (a refused value may be a secret)', async () => {
    const secret = 's3cr3t-'.repeat(200);
    for (const method of ['setHmacKey', 'setNgrokAuthtoken'] as const) expect(await refusal(method, [secret])).not.toContain('s3cr3t');
    expect(await refusal('setFlowentApiToken', ['No Such Profile', secret])).not.toContain('s3cr3t');
    expect(await refusal('saveProfile', [{ name: 'a', baseUrl: 'x', token: secret }])).not.toContain('s3cr3t');
  });
});
