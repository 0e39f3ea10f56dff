import {
  redactUrlCredentials,
  type AccountFailure,
  type LinkedAction,
  type RegistrationCheckFound,
  type Result,
  type Warned,
} from '../contract/api';
import { checkActionName, companionWebhookUrl, findProjectDir } from '../core';
import {
  deletedWords,
  linkedActionsWords,
  linkedWords,
  noActionsWords,
  notDeletedWords,
  notLinkedWords,
  registeredWords,
  registrationCheckPassedWords,
  unlinkedWords,
  updatedWords,
} from '../contract/words';
import { companionBase, readSchema } from './actions-input';
import {
  actionJson,
  actionLine,
  changesIn,
  PROFILE_SUBCOMMANDS,
  profileCommand,
  registeredHereJson,
  registeredHereLine,
  updatedHereJson,
  updatedHereLine,
  type Runtime,
} from './actions-output';
import { parseFlags, UsageError } from './args';
import type { CliIo } from './cli-io';
import { EXIT, exitCodeOf } from './exit-codes';
import { inCliWords } from './cli-words';
import { actionsProjectDir, dataDirOf, projectDirOf, withCore } from './open-core';
import { projectSubcommand } from './actions-project';
import { removedServedProject } from './answers-cli-shared';
import { goneLinkLines } from './gone-link-lines';

export const ACTIONS_HELP = `Usage: flowent-companion actions <subcommand> [options]

Manage the actions registered on Flowent's API Gateway.

  actions list                          The registered actions (and caches their schemas)
  actions get <name>                    One action, with its JSON Schema
  actions register <name> --description D --schema @file.json
          (--url <base> | --here | --webhook-url <url>)
                                        Register an action. With --url or --here its
                                        webhook_url is <base>/actions/<name> on this companion:
                                        it is updated if it exists, and linked (it follows
                                        the public URL). --webhook-url registers any URL,
                                        unlinked.
  actions update <name> [--description D] [--schema @file.json]
          [--url <base> | --here | --webhook-url <url>]
                                        --url/--here point it at this companion and link it;
                                        --webhook-url elsewhere unlinks a linked action
  actions delete <name>
  actions link <name> [--url <base> | --here]
                                        Mark an action as pointing at this companion (with a
                                        URL: re-point it there first). Without one, its URL
                                        must be a running serve's on this data folder, else
                                        it refuses (exit 1)
  actions unlink <name>
  actions links                         Actions linked to this companion
  actions profile list | add <name> <gateway-url> | use <name> | remove <name>
                                        Flowent instances (e.g. staging, production)

Actions as code, from the project folder (flowent/actions/, see "flowent-companion init"):
  actions plan [--prune]                What apply would create, update (with a diff) or
                                        delete on Flowent; drift made on Flowent shows too
  actions apply [--prune]               Make Flowent match the files, stopping at the first
                                        refusal; "webhook_url: here" registers the running
                                        companion's URL and links the action
  actions pull [--prune] [--force]      Write Flowent's actions into the files (comments kept);
                                        a file changed since it was last applied or pulled
                                        is kept and said (apply sends it)
          --prune: apply deletes actions that have no file; pull removes files of actions
          Flowent does not have
          --force: pull writes Flowent's version over such changed files too, and says
          which it overwrote

Flowent checks the webhook_url when an action is registered: the companion (serve) or your
handler must answer there. --here uses the URL printed by a running "serve" on the same
data folder: its tunnel URL when one is open, else its LAN URL while it listens on every
interface (serve --host 0.0.0.0), else 127.0.0.1's, with a note on who can reach it; while
the tunnel serve was asked for is opening, reconnecting or refused, it changes nothing and
exits 1 (run it again once the tunnel is online, or give --url). Run in a project folder,
--here and "webhook_url: here" mean the serve answering from that project's files (started
there, or with --project): with none, or several, plan and apply say so and send nothing.

Options:
  --profile <name>    The Flowent profile to use (default: the active one, "default")
  --project <dir>     The folder holding flowent/ (default: the current folder)
  --json              One JSON object per line
  --data-dir <dir>    Settings folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  -h, --help          Show this help

Environment:
  FLOWENT_API_TOKEN            API token of the default profile (Gateway Management > API Tokens)
  FLOWENT_API_TOKEN_<PROFILE>  API token of another profile, e.g. FLOWENT_API_TOKEN_STAGING
  FLOWENT_BASE_URL             Gateway of the default profile: wins over a URL saved with
                               "profile add default <url>" ("profile list" says which applies;
                               with neither, https://api.flowent.chat/api/v1/gateway)

Exit codes: 0 done (plan: nothing to do); 1 Flowent refused or could not be reached,
nothing to work on (no flowent/ in the folder, the current one or --project's), or --here
or "here" names no single serve (the message says why); 2 usage, a project file with a
mistake (the message names it), or a --project path that is not there or is a file; 3 plan: apply has changes to make (an action only on
Flowent, which apply leaves alone without --prune, is not one).
`;

/** The flags of `actions`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {
  profile: { type: 'string' },
  json: { type: 'boolean' },
  'data-dir': { type: 'string', takes: 'folder' },
  description: { type: 'string' },
  schema: { type: 'string', takes: '@file' },
  url: { type: 'string' },
  here: { type: 'boolean' },
  'webhook-url': { type: 'string' },
  project: { type: 'string', takes: 'folder' },
  prune: { type: 'boolean' },
  force: { type: 'boolean' },
} as const;

export const SUBCOMMANDS = [
  'list',
  'get',
  'register',
  'update',
  'delete',
  'link',
  'unlink',
  'links',
  'profile',
  'plan',
  'apply',
  'pull',
] as const;

/** The words after a subcommand, for shell completion. */
export const SUBCOMMAND_WORDS = { profile: [PROFILE_SUBCOMMANDS] };

const PROJECT_SUBCOMMANDS = new Set(['plan', 'apply', 'pull']);

const EDITING = new Set(['register', 'update', 'link']);

export async function actionsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  const [sub, ...args] = positionals;
  if (sub === undefined) throw new UsageError(`actions needs a subcommand: ${SUBCOMMANDS.join(', ')}.`);
  if (!EDITING.has(sub)) {
    const given = (['description', 'schema', 'url', 'here', 'webhook-url'] as const).find((flag) => values[flag] !== undefined);
    if (given) throw new UsageError(`--${given} does not apply to "actions ${sub}".`);
  }
  if (!PROJECT_SUBCOMMANDS.has(sub)) {
    const given = (['project', 'prune'] as const).find((flag) => values[flag] !== undefined);
    if (given) throw new UsageError(`--${given} does not apply to "actions ${sub}".`);
  }
  if (sub !== 'pull' && values.force !== undefined) throw new UsageError(`--force does not apply to "actions ${sub}".`);
  const dataDir = dataDirOf(values['data-dir'], io);
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  const name = () => {
    const [value, ...extra] = args;
    if (value === undefined) throw new UsageError(`actions ${sub} needs an action name.`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}".`);
    const bad = checkActionName(value);
    if (bad) throw new UsageError(bad.message);
    return value;
  };
  const noArgs = () => {
    if (args.length > 0) throw new UsageError(`actions ${sub} takes no arguments.`);
  };

  // Usage checks before anything is opened or sent.
  let projectDir: string | null = null;
  let run: (runtime: Runtime) => Promise<number>;
  if (sub === 'plan' || sub === 'apply' || sub === 'pull') {
    noArgs();
    // Gone after a branch switch, say, under a serve that still answers from it: to be brought back, not made with init.
    const named = findProjectDir(values.project ?? '.', io.cwd ?? process.cwd());
    if (named !== null && removedServedProject(named, io, values['data-dir'])) {
      const refused = { code: 'project-folder-removed-actions', folder: named } as const;
      err(`flowent-companion actions ${sub}: ${inCliWords(refused)}`);
      return exitCodeOf(refused);
    }
    projectDir = actionsProjectDir(values.project, io);
    run = projectSubcommand(sub, {
      prune: values.prune ?? false,
      force: values.force ?? false,
      profileGiven: values.profile !== undefined,
    });
  } else run = prepare(sub, { name, noArgs, args, values, dataDir, projectDir: projectDirOf(undefined, io) });
  const profile = values.profile;
  const onlyReads = sub === 'links' || (sub === 'profile' && args[0] === 'list');
  return withCore(
    'actions',
    values['data-dir'],
    io,
    async (api) => {
      if (sub !== 'profile' && profile !== undefined) {
        const { profiles } = await api.getAccount();
        if (!profiles.some((known) => known.name === profile))
          throw new UsageError(
            inCliWords({ code: 'flowent-unknown-profile', name: profile, profiles: profiles.map((known) => known.name) }),
          );
      }
      const finish = <T>(result: Result<Warned<T>, AccountFailure>, print: (value: T) => void): number => {
        if (!result.ok) {
          err(`flowent-companion actions: ${inCliWords(result)}`);
          return exitCodeOf(result);
        }
        result.value.warnings.forEach((warning) => err(`Warning: ${warning}`));
        print(result.value.value);
        return 0;
      };
      return run({ api, finish, out, err, json: values.json ?? false });
    },
    // Listing links or profiles reads only: on a machine with no history it creates none.
    { flowentProfile: profile, projectDir, readOnly: onlyReads, emptyIfMissing: onlyReads },
  );
}

/**
 * A link as `link --json` and `links --json` print it: linkedAt, and when Flowent was found to no
 * longer have the action (`gone.at`), as ISO 8601 strings, as every time in JSON output.
 */
function linkJson({ gone, ...link }: LinkedAction): string {
  const iso = (at: number) => new Date(at).toISOString();
  return JSON.stringify({ ...link, linkedAt: iso(link.linkedAt), ...(gone ? { gone: { at: iso(gone.at) } } : {}) });
}

interface Parsed {
  name(): string;
  noArgs(): void;
  args: string[];
  values: { profile?: string; description?: string; schema?: string; url?: string; here?: boolean; 'webhook-url'?: string };
  dataDir: string;
  /** The project folder the command runs in (`flowent/` in the current folder), for `--here`. */
  projectDir: string | null;
}

function prepare(sub: string, parsed: Parsed): (runtime: Runtime) => Promise<number> {
  const { values } = parsed;
  const print = (json: boolean, out: (line: string) => void) => (action: Parameters<typeof actionLine>[0]) =>
    out(json ? actionJson(action) : actionLine(action));
  switch (sub) {
    case 'list':
      parsed.noArgs();
      return async ({ api, finish, out, err, json }) => {
        const listed = await api.listActions();
        const account = await api.getAccount();
        const baseUrl = account.profiles.find((known) => known.name === account.activeProfile)?.baseUrl;
        const gateway = baseUrl === undefined ? 'the Gateway' : redactUrlCredentials(baseUrl);
        return finish(listed, (actions) => {
          actions.forEach(print(json, out));
          if (actions.length === 0 && !json) err(noActionsWords(gateway, '"flowent-companion actions register"', 'its --here'));
          // This list is what found them gone (or one before it): the links it leaves are said here.
          const mine = account.links.filter((link) => link.profile === account.activeProfile);
          goneLinkLines(mine, account.activeProfile).forEach(err);
        });
      };
    case 'get': {
      const name = parsed.name();
      return async ({ api, finish, out, json }) =>
        finish(await api.getAction(name), (action) =>
          out(json ? actionJson(action) : `${actionLine(action)}\n${JSON.stringify(action.json_schema, null, 2)}`),
        );
    }
    case 'delete': {
      const name = parsed.name();
      return async ({ api, finish, out, json }) => {
        const deleted = await api.deleteAction(name);
        const change = { action: name, ...(await changesIn(api, values.profile)) };
        // Not on Flowent is the state asked for: done, and said (the rule in exit-codes.ts).
        if (!deleted.ok && deleted.code === 'flowent-action-not-found') {
          out(json ? JSON.stringify({ name, deleted: false }) : `${notDeletedWords(change)}.`);
          return EXIT.done;
        }
        return finish(deleted.ok ? { ok: true, value: { value: deleted.value, warnings: [] } } : deleted, (done) =>
          out(json ? JSON.stringify({ name, deleted: true, ...done }) : `${deletedWords(change)}.`),
        );
      };
    }
    case 'register':
    case 'update': {
      const name = parsed.name();
      const pointsHere = values.url !== undefined || values.here === true;
      if (pointsHere && values['webhook-url'] !== undefined) throw new UsageError('give --webhook-url or --url/--here, not both.');
      const schema = values.schema !== undefined ? readSchema(values.schema) : undefined;
      const description = values.description;
      if (sub === 'register') {
        if (description === undefined) throw new UsageError('actions register needs --description.');
        if (schema === undefined) throw new UsageError('actions register needs --schema @file.json.');
        if (!pointsHere && values['webhook-url'] === undefined)
          throw new UsageError('actions register needs --url <base>, --here or --webhook-url <url>.');
      } else if (description === undefined && schema === undefined && !pointsHere && values['webhook-url'] === undefined) {
        throw new UsageError('actions update needs at least one of --description, --schema, --url, --here or --webhook-url.');
      }
      // After the usage checks: no serve for --here is a state to change, not a command line to fix.
      const here = companionBase(values, parsed.dataDir, parsed.projectDir);
      const webhookUrl = here ? companionWebhookUrl(here.base, name) : values['webhook-url'];
      return async ({ api, finish, out, err, json }) => {
        // The fields are checked before the note on --here's URL: their refusal is what counts,
        // and a note on a registration that is not made is noise.
        const fields = { name, description, json_schema: schema, webhook_url: webhookUrl };
        const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
        const { problems } = await api.checkAction(given, sub === 'update');
        if (problems.length > 0) return finish({ ok: false, code: 'flowent-invalid-input', problems }, () => {});
        if (here?.note) err(`Note: ${here.note}`);
        const where = await changesIn(api, values.profile);
        if (sub === 'register' && here && schema && description !== undefined) {
          return finish(await api.registerHere(name, description, schema, here.base), (done) =>
            out(json ? registeredHereJson(done) : registeredHereLine(done, where)),
          );
        }
        if (sub === 'register' && schema && description !== undefined && webhookUrl) {
          return finish(await api.registerAction({ name, description, webhook_url: webhookUrl, json_schema: schema }), (action) =>
            out(
              json
                ? actionJson(action)
                : `${registeredWords({ action: name, ...where, webhookUrl: action.webhook_url })} (${registrationCheckPassedWords(false)}).`,
            ),
          );
        }
        const since = Date.now();
        const updated = await api.updateAction(name, { description, json_schema: schema, webhook_url: webhookUrl }, here?.base ?? null);
        if (!here)
          return finish(updated, (action) =>
            out(json ? actionJson(action) : `${updatedWords({ action: name, ...where, webhookUrl: action.webhook_url })}.`),
          );
        // --url/--here point the action at this companion: linked, it follows the tunnel. The
        // URL is the one the user gave as the companion's, so the link's check takes it too.
        if (!updated.ok) return finish(updated, () => undefined);
        const linked = await api.linkAction(name, false, here.base);
        if (!linked.ok) return finish(linked, () => undefined);
        // Said as register --here says it: a check that reached a companion on this data folder
        // was stored before Flowent answered the update; one that went elsewhere is not here to see.
        const checked = (await api.listCalls({ action: name, test: true, since, limit: 1 })).calls.length > 0;
        const found: RegistrationCheckFound = checked
          ? { registrationChecked: true }
          : { registrationChecked: false, notInHistoryOf: parsed.dataDir };
        return finish(updated, (action) => out(json ? updatedHereJson(action, found) : updatedHereLine(action, found, where)));
      };
    }
    case 'link': {
      const name = parsed.name();
      const here = companionBase(values, parsed.dataDir, parsed.projectDir);
      return async ({ api, finish, out, err, json }) => {
        if (here?.note) err(`Note: ${here.note}`);
        const linked = await api.linkAction(name, here !== null, here?.base ?? null);
        const { implied } = await changesIn(api, values.profile);
        return finish(linked, (link) =>
          out(json ? linkJson(link) : `${linkedWords({ action: name, profile: link.profile, implied, webhookUrl: link.webhookUrl })}.`),
        );
      };
    }
    case 'unlink': {
      const name = parsed.name();
      return async ({ api, out, err, json }) => {
        // The profile the command works in: --profile's, else the active one.
        const change = { action: name, ...(await changesIn(api, values.profile)) };
        const unlinked = await api.unlinkAction(name, change.profile);
        // A failure to unlink is said as one; not linked is the state asked for (the rule in exit-codes.ts).
        if (!unlinked.ok) {
          err(`flowent-companion actions: ${inCliWords(unlinked)}`);
          return exitCodeOf(unlinked);
        }
        const removed = unlinked.value.unlinked;
        out(json ? JSON.stringify({ name, unlinked: removed }) : `${removed ? unlinkedWords(change) : notLinkedWords(change)}.`);
        return EXIT.done;
      };
    }
    case 'links':
      parsed.noArgs();
      return async ({ api, out, err, json }) => {
        const { links, activeProfile } = await api.getAccount();
        links.forEach((link) =>
          out(
            json
              ? linkJson(link)
              : `${link.action}  ${link.profile}  ${redactUrlCredentials(link.webhookUrl)}${link.gone ? '  gone from Flowent' : ''}`,
          ),
        );
        if (links.length === 0 && !json) err(linkedActionsWords([], '"flowent-companion actions link <name> --here"'));
        if (!json) goneLinkLines(links, activeProfile).forEach(err);
        return 0;
      };
    case 'profile':
      return profileCommand(parsed.args);
    default:
      throw new UsageError(`unknown actions subcommand "${sub}": use ${SUBCOMMANDS.join(', ')}.`);
  }
}
