import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  checkTargetUrl,
  createCore,
  DATA_FILES,
  DEFAULT_HOST,
  FLOWENT_TIMEOUT_MS,
  isUnder,
  newLoopToken,
  publishServeState,
} from '../core';
import { DEFAULT_INSPECTOR_PORT, DEFAULT_PORT } from '../contract/names-and-limits';
import { HMAC_KEY_ENV, NGROK_AUTHTOKEN_ENV, nonBlankSecret } from '../contract/secret-variables';
import {
  ACCESS_TOKEN_CHANGED_NOTE,
  AUTHTOKEN_PAGE,
  edgeSpaceWords,
  FLOWENT_LIMIT_WORDS,
  hasEdgeSpace,
  SERVE_READER_GONE,
} from '../contract/words';
import { DEFAULT_LIMITS, FLOWENT_BODY_LIMIT_BYTES, FOLLOW_MODES, hereFactsOf, isFollowMode, TUNNEL_NOT_OPENED } from '../contract/api';
import { InspectorServer } from '../transports/inspector/inspector-server';
import { inspectorTokenFile } from '../transports/inspector/inspector-token';
import { parseFlags, parsePort, parsePositiveInteger, parseSize, UsageError } from './args';
import type { CliIo } from './cli-io';
import { inCliWords, startInCliWords } from './cli-words';
import { needsWhy, NOTHING_MORE, readCallWhy, type CallWhy } from './call-why';
import { ElsewhereLines } from './elsewhere-lines';
import { formatCallLine, formatCallNotes, STORED_ELSEWHERE_MARK } from './format-call';
import { LineWriter } from './line-writer';
import { wrapWords } from './wrap-words';
import { InOrder } from './in-order';
import { answeringProjectDir, dataDirOf, internalErrorLine } from './open-core';
import { projectProblemLines } from './project-lines';
import { answerLines, handlerWatch } from './serve-answer-lines';
import { waitingLine } from './serve-waiting-line';
import { accountLines, followModeLine } from './serve-follow-lines';
import { sayingPageImports } from './serve-import-line';
import { bodyLimitLine, limitsForThisRun, limitsLine, sharedLimitsLines, sizeWords, watchSharedLimits } from './serve-limits-line';
import { StorageFaultLines } from './serve-storage-lines';
import { sharedProjectLines, staleLinkLines } from './serve-start-notes';
import { waitForStopSignal } from './stop-signal';
import { tunnelLine } from './tunnel-lines';
import { tunnelClosedLine } from './serve-tunnel-closed';
import { OwnTunnel, TUNNEL_REFUSED_LINE } from './serve-tunnel-refused';
import { EXIT } from './exit-codes';

/** The largest `--body-limit`: a body is held in memory whole and stored in the history (the inspector's HAR upload stops there too). */
const MAX_BODY_LIMIT_BYTES = 64 * 1024 ** 2;

export const SERVE_HELP = `Usage: flowent-companion serve [options]

Run the webhook server Flowent calls, store every call, and print one line per call.

Options:
  --port <n>              Webhook port (default ${DEFAULT_PORT}; 0 picks a free port)
  --host <address>        Address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 lets Flowent
                          on the same network reach this machine)
  --data-dir <dir>        History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's
                          data folder, e.g. ~/.config/flowent-companion on Linux)
  --project <dir>         Answer from the project folder's files (flowent/answers/), live as
                          they are saved; by default flowent/ in the current folder, if any
  --enforce-signatures    Answer 401 to calls without a valid signature, like a production handler
  --body-limit <size>     Largest body accepted (default 1mb, Flowent's own limit; at most 64mb), e.g. 2mb
  --inspector-port <n>    Port of the browser inspector, on 127.0.0.1 only (default ${DEFAULT_INSPECTOR_PORT};
                          0 picks a free port)
  --no-inspector          Do not serve the browser inspector
  --forward <url>         Forward calls to your handler, e.g.
                          http://localhost:8000/actions/{action_name} (for this run; stored
                          targets from "flowent-companion targets" take precedence)
  --forward-timeout <ms>  Answer 504 when the handler takes longer (default ${FLOWENT_TIMEOUT_MS}, Flowent's limit)
  --fallback-to-mock      Answer from the mock when the handler gives no answer (unreachable,
                          too slow, not HTTP, no target)
  --keep-calls <n>        Keep at most this many calls; the oldest go first
                          (default ${DEFAULT_LIMITS.keepCalls}; 0: no limit)
  --keep-days <n>         Keep calls this many days (default ${DEFAULT_LIMITS.keepDays}; 0: no limit)
  --keep-size <size>      Keep the history under this size, e.g. 500mb or 2gb
                          (default 1gb; 0: no limit)
  --rate-limit <n>/s      Answer 429 to a caller sending more than n requests a second
                          (default: no limit; 0: no limit)
                          The --keep-* and --rate-limit flags hold for this run; without them the
                          limits set in the app's (or the inspector's) Settings apply. Serves on
                          one data folder share its history: the strictest --keep-* of those
                          running holds for it
  --tunnel                Open a public ngrok URL to the webhook server (needs NGROK_AUTHTOKEN:
                          without it serve does not start, exit code 2; a tunnel ngrok refuses
                          for good, such as a rejected authtoken, stops serve, exit code 1)
  --domain <name>         With --tunnel: a domain reserved on your ngrok account
  --follow <auto|ask>     When the public URL changes, re-point the Flowent actions linked to
                          this companion (auto), or list them to re-point from the inspector
                          (ask, the default); kept for later runs and the app
  -h, --help              Show this help

Environment:
  ${HMAC_KEY_ENV}             The HMAC key from Flowent's Gateway Management > HMAC Keys
  ${NGROK_AUTHTOKEN_ENV}              Your ngrok authtoken (dashboard.ngrok.com/get-started/your-authtoken)
  FLOWENT_COMPANION_DATA_DIR   History folder, when --data-dir is not given
  FLOWENT_API_TOKEN            Flowent API token of the default profile (Gateway Management > API Tokens);
                               FLOWENT_API_TOKEN_<PROFILE> for another profile. The inspector can
                               set one for this run only.
  FLOWENT_BASE_URL             Gateway of the default profile (wins over a saved one)
`;

/** The built renderer, next to the sources: main/cli -> out/renderer. */
const RENDERER_DIR = resolve(__dirname, '../../out/renderer');
/** Where a line about the one above starts: under its value, past the `  HMAC key:     ` labels. */
const UNDER_LABEL = ' '.repeat(16);

/** The flags of `serve`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string', takes: 'folder' },
  'enforce-signatures': { type: 'boolean' },
  'body-limit': { type: 'string' },
  'inspector-port': { type: 'string' },
  'no-inspector': { type: 'boolean' },
  forward: { type: 'string' },
  'forward-timeout': { type: 'string' },
  'fallback-to-mock': { type: 'boolean' },
  tunnel: { type: 'boolean' },
  domain: { type: 'string' },
  follow: { type: 'string', takes: FOLLOW_MODES },
  'keep-calls': { type: 'string' },
  'keep-days': { type: 'string' },
  'keep-size': { type: 'string' },
  'rate-limit': { type: 'string' },
  project: { type: 'string', takes: 'folder' },
} as const;

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, FLAGS);
  const follow = values.follow === undefined ? undefined : isFollowMode(values.follow) ? values.follow : undefined;
  if (values.follow !== undefined && follow === undefined) {
    throw new UsageError(`--follow must be ${FOLLOW_MODES.map((mode) => `"${mode}"`).join(' or ')}, not "${values.follow}".`);
  }
  // Empty, node would listen on every address (as for 0.0.0.0): a variable left unset must not open the webhook to the network.
  if (values.host === '')
    throw new UsageError(`--host is empty: give an address such as 0.0.0.0, or leave the flag out for ${DEFAULT_HOST}.`);
  if (values.domain !== undefined && !values.tunnel) throw new UsageError('--domain only makes sense with --tunnel.');
  if (values.domain !== undefined && !/^[a-z0-9.-]{1,253}$/i.test(values.domain)) {
    throw new UsageError(`--domain must be a host name such as my-app.ngrok.app, not "${values.domain}".`);
  }
  const forwardTimeoutMs = parsePositiveInteger('--forward-timeout', values['forward-timeout'], FLOWENT_TIMEOUT_MS, 600_000);
  if (values.forward !== undefined) {
    const problem = checkTargetUrl(values.forward);
    if (problem) throw new UsageError(`--forward: ${inCliWords(problem)}`);
  }
  const port = parsePort('--port', values.port, DEFAULT_PORT);
  if (values['no-inspector'] && values['inspector-port'] !== undefined)
    throw new UsageError('--inspector-port is the port of the inspector, which --no-inspector turns off: give one or the other.');
  const inspectorPort = parsePort('--inspector-port', values['inspector-port'], DEFAULT_INSPECTOR_PORT);
  // The webhook listens first: the inspector would then be told its port is taken, by this serve.
  if (!values['no-inspector'] && port !== 0 && port === inspectorPort)
    throw new UsageError(
      values['inspector-port'] === undefined
        ? `--port ${port} is the inspector's own port: give the inspector another with --inspector-port, or the webhook another with --port.`
        : `--port and --inspector-port are both ${port}: the webhook and the inspector each need a port of their own.`,
    );
  const bodyLimitBytes = parseSize('--body-limit', values['body-limit'], FLOWENT_BODY_LIMIT_BYTES);
  if (bodyLimitBytes > MAX_BODY_LIMIT_BYTES)
    throw new UsageError(
      `--body-limit can be at most ${sizeWords(MAX_BODY_LIMIT_BYTES)} (each body is held in memory and stored whole; Flowent sends at most ${FLOWENT_LIMIT_WORDS}), not "${values['body-limit']}".`,
    );
  // Checked before anything starts: a serve that cannot open the tunnel asked for would go on
  // serving on localhost only, and a script or CI step that needs the public URL would not notice.
  if (values.tunnel && nonBlankSecret(io.env[NGROK_AUTHTOKEN_ENV]) === null) {
    throw new UsageError(
      `--tunnel needs an ngrok authtoken, and ${NGROK_AUTHTOKEN_ENV} is not set: set it (find it at ${AUTHTOKEN_PAGE}) and start again, ` +
        'or start without --tunnel and open the tunnel from the inspector, once its Settings hold one.',
    );
  }
  const dataDir = dataDirOf(values['data-dir'], io);
  const limits = limitsForThisRun(values);
  const projectDir = answeringProjectDir(values.project, io);

  // The HMAC key and the ngrok authtoken come from the environment, replaceable from the
  // inspector for this run only; so do the Flowent API tokens.
  // Published in this serve's state file, so that send and replay, run beside, can mark their calls to this webhook.
  const loopToken = newLoopToken();
  const core = createCore({
    mode: 'headless',
    dataDir,
    loopToken,
    env: io.env,
    host: values.host ?? DEFAULT_HOST,
    port,
    bodyLimitBytes,
    enforceSignatures: values['enforce-signatures'] ?? false,
    forwardTarget: values.forward ?? null,
    forwardTimeoutMs,
    fallbackToMock: values['fallback-to-mock'] ?? false,
    limits,
    tunnelDomain: values.domain ?? null,
    ngrokEdge: io.ngrokEdge,
    projectDir,
    onInternalError: (error) => io.stderr.write(internalErrorLine(error)),
  });
  // Listen for Ctrl-C before anything is printed: whoever reads the URL may stop us at once.
  const stopRequested = waitForStopSignal(io.outputClosed);
  const started = await core.listen();
  if (!started.ok) {
    io.stderr.write(`flowent-companion serve: ${startInCliWords(started)}\n`);
    return 1;
  }

  const lines = new LineWriter(io.stdout);
  const write = (line: string) => lines.line(line);
  let inspector: InspectorServer | null = null;
  let inspectorUrl: string | null = null;
  let inspectorListensOn: number | null = null;
  if (!values['no-inspector']) {
    inspector = new InspectorServer({
      api: sayingPageImports(core.api, write),
      subscribe: (listener) => core.subscribe(listener),
      token: inspectorTokenFile(dataDir),
      port: inspectorPort,
      rendererDir: existsSync(join(RENDERER_DIR, 'index.html')) ? RENDERER_DIR : null,
      onInternalError: (error) => io.stderr.write(`flowent-companion: inspector error: ${String(error)}\n`),
      // The Inspector line printed at the start holds the old token, which is refused from now on.
      onTokenChanged: (url) => write(`  Inspector:    ${url} ${ACCESS_TOKEN_CHANGED_NOTE}`),
    });
    const opened = await inspector.start();
    if (!opened.ok) {
      await core.stop();
      io.stderr.write(`flowent-companion serve: inspector: ${startInCliWords(opened)}\n`);
      return 1;
    }
    inspectorUrl = opened.value.url;
    inspectorListensOn = opened.value.port;
  }

  write('Flowent Companion is listening.');
  write(`  Webhook URL:  ${started.value.baseUrl}/actions/<action_name>`);
  if (values.host === '0.0.0.0') {
    write(`  Listening on every interface (port ${started.value.port}): reachable from your network.`);
    // What to give a Flowent on the same network: the URL above names this machine only.
    const lan = (await core.api.getStatus()).lanAddresses;
    for (const address of lan) write(`  LAN URL:      ${address.baseUrl}/actions/<action_name> (${address.interface})`);
    if (lan.length === 0) write('  LAN URL:      none: this machine has no network address besides its own (127.0.0.1)');
  }
  const hmacKey = nonBlankSecret(io.env[HMAC_KEY_ENV]);
  write(
    hmacKey !== null
      ? `  HMAC key:     set (from ${HMAC_KEY_ENV})`
      : `  HMAC key:     not set: signatures cannot be checked. Set ${HMAC_KEY_ENV} to the key from Gateway Management > HMAC Keys.`,
  );
  // As the page says of a key typed so: every call would read INVALID, and nothing said why.
  if (hmacKey !== null && hasEdgeSpace(hmacKey))
    wrapWords(`${UNDER_LABEL}${edgeSpaceWords(HMAC_KEY_ENV, 'used as it is')}`, UNDER_LABEL).forEach(write);
  if (values['enforce-signatures']) write('  Signatures:   enforced (calls without a valid signature get 401)');
  write(`  History:      ${join(dataDir, DATA_FILES.history)}`);
  const limitsInfo = await core.api.getLimits();
  write(limitsLine(limitsInfo.current));
  sharedLimitsLines(limitsInfo.elsewhere).forEach(write);
  write(bodyLimitLine(bodyLimitBytes));
  if (projectDir) write(`  Project:      ${projectDir} (answers from answers/, live as you save)`);
  sharedProjectLines(dataDir, projectDir).forEach(write);
  // Where calls go: saved targets apply as much as --forward, and a developer must know which.
  answerLines(await core.api.getAnswerSettings(), projectDir, values['forward-timeout'] !== undefined).forEach(write);
  if (inspectorUrl) {
    write(`  Inspector:    ${inspectorUrl}`);
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) write(`${UNDER_LABEL}(the inspector page is not built yet: run "npm run build")`);
  }
  if (follow !== undefined) await core.api.setFollowMode(follow);
  if (values.tunnel) write(followModeLine((await core.api.getAccount()).followMode));
  const projectLines = projectProblemLines((await core.api.getAnswerSettings()).startupForwardTarget);
  const staleLinks = async (left: (webhookUrl: string) => boolean) => {
    const account = await core.api.getAccount();
    return staleLinkLines(
      account.stale.filter((link) => left(link.webhookUrl)),
      projectDir,
      account.activeProfile,
    );
  };
  // Tells `actions register --here` where this companion is reachable, and from which project's
  // files it answers: `here`, in that project, means this serve and not another on the folder.
  const unpublish = publishServeState(core, dataDir, {
    mode: 'headless',
    webhookBaseUrl: started.value.baseUrl,
    // With --tunnel it opens right after: `here` waits for it, never naming loopback meanwhile.
    tunnel: values.tunnel ? { state: 'connecting' } : TUNNEL_NOT_OPENED,
    lanAddresses: hereFactsOf(await core.api.getStatus()).lanAddresses,
    projectDir,
    forwardTarget: values.forward ?? null,
    forwardTimeoutMs,
    inspectorPort: inspectorListensOn,
    loopToken,
    keepsForThisRun: { keepCalls: limits.keepCalls, keepDays: limits.keepDays, keepBytes: limits.keepBytes },
    startedAt: Date.now(),
  });
  const stopWatchingLimits = watchSharedLimits(limitsInfo.elsewhere, () => core.api.getLimits(), write);
  const handlerLines = handlerWatch();
  const elsewhere = new ElsewhereLines(write);
  const storageFault = new StorageFaultLines(write, dataDir);
  // Outside a project a schema would be Flowent's cached copy, read from the history for every
  // call: serve checks parameters against the project's action files only.
  const checkParameters = projectDir !== null;
  const internalError = (error: unknown) => io.stderr.write(internalErrorLine(error));
  const inOrder = new InOrder(internalError);
  // What happens from here on is said after the start's last lines, in its order: a call or a
  // saved answer file may come the moment the webhook listens, and is neither lost nor said in the banner.
  let startLinesWritten = () => {};
  inOrder.add(new Promise<void>((resolve) => (startLinesWritten = resolve)), () => {});
  const tunnelMoves: string[] = [];
  // The tunnel's URL while it is open, for the actions its closing leaves at it; none is said while stopping.
  let tunnelUrl: string | null = null;
  let tunnelOffline = true;
  let stopping = false;
  void stopRequested.then(() => (stopping = true));
  const ownTunnel = values.tunnel ? new OwnTunnel() : null;
  core.subscribe((event) => {
    if (event.type === 'call-stored') {
      const { call, elsewhere: stored } = event;
      // Another serve's calls say nothing of this serve's forwarding: its handler, its
      // --fallback-to-mock. Their own lines carry the mark and say how they were answered.
      const watched = stored ? [] : handlerLines(call);
      const callLines = (why: CallWhy) => [
        ...watched,
        formatCallLine(call) + (stored ? STORED_ELSEWHERE_MARK : ''),
        ...formatCallNotes(call, why),
      ];
      // Most calls need nothing read: their line is written in this turn, as the answer leaves.
      // Said as the call came, but for an imported one: it came on another machine, before.
      const moment = call.source === 'import' ? 'read-later' : 'as-it-came';
      const why = needsWhy(call, checkParameters) ? readCallWhy(core.api, call, checkParameters, moment) : NOTHING_MORE;
      inOrder.add<CallWhy>(why, (read) =>
        stored ? elsewhere.call(callLines(read), call.source === 'import') : callLines(read).forEach(write),
      );
    }
    // Once, a moment after the call came; its own line follows when the handler answers or the limit ends the wait.
    if (event.type === 'call-waiting') inOrder.add(event.call, (call) => write(waitingLine(call, forwardTimeoutMs)));
    if (event.type === 'calls-stored-elsewhere') inOrder.add(event.count, (count) => elsewhere.many(count));
    if (event.type === 'status-changed') inOrder.add(event.status.storageFault, (fault) => storageFault.seen(fault));
    if (event.type === 'tunnel-url-changed') tunnelMoves.push(event.previous);
    // A tunnel already offline (refused) and closed at the stop has nothing more to say.
    const closedWhileOffline = event.type === 'tunnel-status' && event.status.state === 'offline' && !event.status.reason && tunnelOffline;
    if (event.type === 'tunnel-status') tunnelOffline = event.status.state === 'offline';
    const line = tunnelLine(event);
    if (line && !closedWhileOffline) write(line);
    if (event.type === 'tunnel-status' && event.status.state === 'online') tunnelUrl = event.status.url;
    if (event.type === 'tunnel-status' && event.status.state === 'offline' && tunnelUrl !== null) {
      const closedUrl = tunnelUrl;
      tunnelUrl = null;
      if (!stopping)
        inOrder.add(core.api.getAccount(), ({ links }) => {
          const closed = tunnelClosedLine(links, closedUrl);
          if (closed) write(closed);
        });
    }
    // Linked actions follow the tunnel inside the core; this says what happened to each.
    accountLines(event).forEach(write);
    // What a changed answer file does now is read with the change, and said in its turn among the calls' lines.
    if (event.type === 'project-changed')
      inOrder.add(core.api.getAnswerSettings(), (settings) => projectLines(event, settings).forEach(write));
    if (ownTunnel?.refusedBy(event)) stopping = true;
  });
  // The banner's last line: from here on the webhook's events are heard and this serve is published.
  write('Press Ctrl-C to stop.');
  if (projectDir) projectLines({ type: 'start', project: await core.api.getProject() }, await core.api.getAnswerSettings()).forEach(write);
  // With --tunnel, they are told once it is open: the tunnel's URL reaches the companion again.
  if (!values.tunnel) (await staleLinks(() => true)).forEach(write);

  startLinesWritten();
  const openTunnel = async () => {
    // Failures are printed by the status line (an unset token was refused before the start), and
    // one the tunnel will not retry ends serve (OwnTunnel).
    await core.api.openTunnel();
    if (stopping) return;
    // Actions under the tunnel's previous URL are told by the follow lines, re-pointed or to re-point.
    (await staleLinks((webhookUrl) => !tunnelMoves.some((previous) => isUnder(webhookUrl, previous)))).forEach(write);
  };
  // Ctrl-C is heard while the tunnel opens: ngrok may take the open's whole time limit to answer, or never answer.
  if (values.tunnel) await Promise.race([openTunnel().catch(internalError), stopRequested]);

  const refused = await Promise.race([stopRequested.then(() => false), ...(ownTunnel ? [ownTunnel.refused.then(() => true)] : [])]);
  await inOrder.drained();
  elsewhere.flush();
  storageFault.flush();
  stopWatchingLimits();
  if (refused) write(TUNNEL_REFUSED_LINE);
  if (io.outputClosed?.aborted) io.stderr.write(`flowent-companion ${SERVE_READER_GONE}\n`);
  write('Stopping...');
  await inspector?.stop();
  await core.stop();
  unpublish();
  write('Stopped.');
  lines.flush();
  return refused ? EXIT.failed : EXIT.done;
}
