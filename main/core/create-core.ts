import { homedir } from 'node:os';
import type { CompanionApi, CoreEvent, ProjectMissing, Result, StartFailure, StoreFailure, WaitingCall } from '../contract/api';
import { Account } from './account/account';
import { storedCheck } from './account/registration-check-facts';
import { environmentProfileSecrets } from './account/profiles';
import { ACCOUNT_SETTINGS_SCOPE } from './account/types';
import { createAnswers } from './answers';
import { CallAnswerer } from './answers/call-answerer';
import { newLoopToken } from './answers/own-calls';
import { CoreEvents } from './events';
import { HMAC_KEY_ENV, NGROK_AUTHTOKEN_ENV } from '../contract/secret-variables';
import { LIMITS_SETTINGS_SCOPE, LimitsSettings } from './history-limits';
import { createCoreApi } from './operations/core-api';
import { coreStatusReader } from './operations/core-status';
import { FLOWENT_TIMEOUT_MS } from './protocol/facts';
import { FLOWENT_BODY_LIMIT_BYTES } from '../contract/names-and-limits';
import { createReplay, type Replay } from './replay';
import { ownWebhooksOf } from './replay/own-webhooks';
import { simulatorDefinedSchema } from './replay/simulator-actions';
import { keyFingerprint, upgradeKeptTally } from './replay/learned-style';
import { sessionSecret } from './secret-source';
import { CallsFromOtherProcesses } from './store/calls-from-other-processes';
import { openStore, type Store } from './store/open-store';
import { backgroundWriteFailure, HistoryWriteFault } from './store/store-faults';
import { NgrokTunnel } from './tunnel/ngrok-tunnel';
import { runningServes, samePath } from './account/serve-state';
import { defaultDataDir } from './paths';
import { PROJECT_SETTINGS_SCOPE } from './project/project-actions';
import { hereBaseFinder } from './project/here-base';
import { ProjectSession } from './project/project-session';
import type { AnswerStore } from './store/answer-store';
import type { ProjectState } from '../contract/project';
import { tunnelSeenAfter, TUNNEL_NOT_OPENED, type TunnelSeen } from '../contract/here-url';
import { publicUrlsKeptIn, TunnelController } from './tunnel/tunnel-controller';
import { WebhookListener, DEFAULT_HOST, type Listening } from './webhook/webhook-listener';
import { StorageFaultState } from './webhook/storage-fault-state';
import type { CoreOptions } from './core-options';
import { DEFAULT_PORT } from '../contract/names-and-limits';

/**
 * The companion's core: the contract's API, its events, and a lifecycle. A one-shot command
 * opens it (the history, the settings, the account: no sockets) and stops it; the desktop
 * app and `serve` also listen (the webhook server).
 */
export interface Core {
  readonly api: CompanionApi;
  /** Every core event, one at a time, synchronously as it happens. */
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** Opens the history, the settings and the account; failures a user can fix come back as values. */
  open(): Promise<Result<void, StoreFailure | ProjectMissing>>;
  /**
   * Opens a project folder (the folder holding `flowent/`, or `flowent/` itself): its answer
   * files answer calls from now on. With null, answers come from the history folder again.
   */
  openProject(dir: string | null): Result<ProjectState, ProjectMissing>;
  /** Opens the core (unless it is open) and starts the webhook server; it then follows other processes, as `follow` does. */
  listen(): Promise<Result<Listening, StartFailure>>;
  /**
   * Tells, as `call-stored` events, the calls other processes store in the open history from
   * now on (`calls-stored-elsewhere` when more than a hundred come at once), and their clears.
   */
  follow(): void;
  /**
   * Writes the selection's calls as HAR through `write`, a batch of calls at a time: `export --all`
   * of a whole history holds one batch in memory, where the API's `exportHar` returns the file's text.
   * `onWritten` hears how many calls are written so far, for the command's progress line.
   */
  writeHar: Replay['writeHar'];
  /** Stops replays in flight, the tunnel and the server (closing keep-alive sockets), and closes the history. */
  stop(): Promise<void>;
}

/**
 * The one way to build the core: the desktop app, `serve`, every one-shot command and the
 * tests all come through here, so they run the same server, store and signature engine.
 */
export function createCore(options: CoreOptions): Core {
  const env = options.env ?? {};
  const host = options.host ?? DEFAULT_HOST;
  const bodyLimitBytes = options.bodyLimitBytes ?? FLOWENT_BODY_LIMIT_BYTES;
  const onInternalError = options.onInternalError ?? ((error: unknown) => console.error('flowent-companion: internal error:', error));
  const events = new CoreEvents(onInternalError);
  const hmacKey = options.hmacKey ?? sessionSecret(env, HMAC_KEY_ENV);
  const ngrokAuthtoken = options.ngrokAuthtoken ?? sessionSecret(env, NGROK_AUTHTOKEN_ENV);
  /**
   * What handlers taught, for the key calls are checked with now: a handler's verdict on a call
   * signed with one key says nothing of how it verifies calls signed with another.
   */
  const handlerMemory = (current: Store) =>
    current.handlers.forKey(() => {
      const key = hmacKey.get();
      return key === null ? null : keyFingerprint(key);
    });
  let store: Store | null = null;
  /** While webhook.listening: calls other processes store in this history are told like this core's own. */
  let otherProcesses: CallsFromOtherProcesses | null = null;
  const forwardSettings = {
    startupForwardTarget: options.forwardTarget ?? null,
    forwardTimeoutMs: options.forwardTimeoutMs ?? FLOWENT_TIMEOUT_MS,
    fallbackToMock: options.fallbackToMock ?? false,
  };

  const requireStore = (): Store => {
    if (!store) throw new Error('The core is not open: call open() or listen() first.');
    return store;
  };
  const limits = new LimitsSettings(
    () => requireStore().settings.scope(LIMITS_SETTINGS_SCOPE),
    options.limits ?? {},
    () => runningServes(options.dataDir).filter((serve) => serve.pid !== process.pid),
    options.oneShot ? 'others-only' : 'own-and-others',
  );

  /** Whether Flowent's calls can be stored, told in the status: a full disk answers them 503. */
  const storageFaults = new StorageFaultState(() => events.emit({ type: 'status-changed', status: status() }));
  /** This companion's mark on the calls it sends to its own webhook (see own-calls). */
  const loopToken = options.loopToken ?? newLoopToken();
  /** The calls told of as waiting and not yet ended, by key in the order told: a page opened meanwhile reads them. */
  const waitingNow = new Map<number, WaitingCall>();
  const webhook = new WebhookListener(
    {
      settings: {
        headersTimeoutMs: options.headersTimeoutMs ?? 10_000,
        bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? 10_000,
        requestTimeoutMs: options.requestTimeoutMs,
        bodyLimitBytes,
        enforceSignatures: options.enforceSignatures ?? false,
        rateLimitPerSecond: () => limits.current().rateLimitPerSecond,
        hmacKey: () => hmacKey.get(),
        onStored: (call) => events.emit({ type: 'call-stored', call }),
        onWaiting: (call) => {
          waitingNow.set(call.key, call);
          events.emit({ type: 'call-waiting', call });
        },
        onWaitEnded: (key) => {
          waitingNow.delete(key);
          events.emit({ type: 'call-wait-ended', key });
        },
        loopToken,
        onInternalError,
        storageFaults,
      },
      newAnswerer: () => new CallAnswerer({ repository: answerStore, ...forwardSettings }),
      history: () => {
        const current = requireStore();
        return { calls: current.calls, handlers: handlerMemory(current) };
      },
      onInternalError,
    },
    host,
  );

  const keptPublicUrls = publicUrlsKeptIn(() => store?.settings ?? null);
  /** This core's tunnel as `here` needs it: whether it was opened or closed, besides its status. */
  let ownTunnel: TunnelSeen = TUNNEL_NOT_OPENED;
  const tunnel = new TunnelController({
    provider: options.tunnelProvider ?? new NgrokTunnel(options.ngrokEdge ?? {}),
    authtoken: ngrokAuthtoken,
    domain: options.tunnelDomain ?? null,
    // The tunnel's own way into the webhook server: its calls are told apart from local callers'.
    localPort: () => webhook.tunnelEntryPort(),
    publicUrls: keptPublicUrls,
    heldElsewhere: () =>
      runningServes(options.dataDir).flatMap((serve) => (serve.pid !== process.pid && serve.publicUrl ? [serve.publicUrl] : [])),
    emit: (event) => {
      if (event.type === 'tunnel-status') ownTunnel = tunnelSeenAfter(ownTunnel, event.status);
      events.emit(event);
    },
  });

  const status = coreStatusReader({
    webhook,
    tunnel,
    hmacKey,
    ngrokAuthtoken,
    storageFaults,
    port: options.port ?? DEFAULT_PORT,
    built: {
      dataDir: options.dataDir,
      dataDirIsDefault: samePath(options.dataDir, defaultDataDir({ env, platform: process.platform, home: homedir() })),
      enforceSignatures: options.enforceSignatures ?? false,
      bodyLimitBytes,
      mode: options.mode,
      tunnelDomain: options.tunnelDomain ?? null,
    },
  });

  const account = new Account({
    settings: () => requireStore().settings.scope(ACCOUNT_SETTINGS_SCOPE),
    settingsText: () => requireStore().settings.scopeText(ACCOUNT_SETTINGS_SCOPE),
    profile: options.flowentProfile,
    secrets: options.flowentSecrets ?? environmentProfileSecrets(env),
    env,
    fetch: options.flowentFetch,
    publicUrl: () => (tunnel.status.state === 'online' ? tunnel.status.url : null),
    // What reaches the webhook server now: loopback, and the LAN when it listens on every interface.
    localBaseUrls: () =>
      webhook.listening
        ? [webhook.listening.baseUrl, ...(status().listeningOnAllInterfaces ? status().lanAddresses.map((lan) => lan.baseUrl) : [])]
        : [],
    servesBaseUrls: () =>
      runningServes(options.dataDir).flatMap((serve) => [serve.webhookBaseUrl, ...(serve.publicUrl ? [serve.publicUrl] : [])]),
    checkFacts: {
      seen: (webhookUrl, since) => storedCheck(requireStore().calls, webhookUrl, since),
      dataDir: options.dataDir,
      tunnelUrls: () => keptPublicUrls.read(),
      tunnelNow: () =>
        (tunnel.status.state === 'online' ? tunnel.status.url : null) ??
        runningServes(options.dataDir).find((serve) => serve.publicUrl !== null)?.publicUrl ??
        null,
    },
    emit: (event) => events.emit(event),
    subscribe: (listener) => events.subscribe(listener),
    onError: onInternalError,
  });

  const hereBase = hereBaseFinder({
    ownBaseUrl: () => webhook.listening?.baseUrl ?? null,
    status,
    ownTunnel: () => ownTunnel,
    mode: options.mode,
    dataDir: options.dataDir,
  });
  // Told to the page, and to the webhook server: a handler set now is warmed before its first call.
  const answersChanged = () => {
    events.emit({ type: 'answers-changed' });
    webhook.answersChanged();
  };
  const project = new ProjectSession({
    account,
    settings: () => requireStore().settings.scope(PROJECT_SETTINGS_SCOPE),
    hereBase,
    startupForwardTarget: forwardSettings.startupForwardTarget,
    emit: (event) => (event.type === 'answers-changed' ? answersChanged() : events.emit(event)),
    onError: onInternalError,
  });
  let projectOpened = false;
  /** With a project open, answers are its files; without one, the history folder's. */
  const answerStore = (): AnswerStore => project.answers ?? requireStore().answers;

  const answers = createAnswers({
    answers: answerStore,
    calls: () => requireStore().calls,
    ...forwardSettings,
    onChanged: answersChanged,
  });

  const replay = createReplay({
    calls: () => requireStore().calls,
    answers: answerStore,
    settings: () => requireStore().settings,
    handlers: () => handlerMemory(requireStore()),
    hmacKey: () => hmacKey.get(),
    // Marks the replays and simulated calls this companion sends to its own webhook, or to the
    // webhook of a serve running on the same data folder, with that serve's mark.
    ownWebhooks: () =>
      ownWebhooksOf(
        {
          listening: () => webhook.listening,
          loopToken,
          forwardTarget: forwardSettings.startupForwardTarget,
          forwardTimeoutMs: forwardSettings.forwardTimeoutMs,
        },
        options.dataDir,
      ),
    ...forwardSettings,
    onStored: (call) => events.emit({ type: 'call-stored', call }),
    onEvent: (event) => events.emit(event),
    projectSchemas: () => project.actionSchemas(),
    stopSignal: options.stopSignal,
    readOnly: options.readOnly,
  });

  const api = createCoreApi({
    calls: () => requireStore().calls,
    handlers: () => handlerMemory(requireStore()),
    answers,
    replay,
    tunnel,
    hmacKey,
    ngrokAuthtoken,
    status,
    account,
    listenOnAllInterfaces: (on) => webhook.listenOnAllInterfaces(on),
    limits,
    retention: () => requireStore().retention,
    project,
    projectSchema: (action) => project.schemaFor(action),
    simulatorSchema: (action) => simulatorDefinedSchema(requireStore().settings, action),
    dataDir: options.dataDir,
    onHistoryCleared: () => events.emit({ type: 'history-cleared' }),
    waitingCalls: () => [...waitingNow.values()],
    onStatusChanged: () => events.emit({ type: 'status-changed', status: status() }),
  });

  const open = async (): Promise<Result<void, StoreFailure | ProjectMissing>> => {
    if (store) return { ok: true, value: undefined };
    const opened = openStore({
      dataDir: options.dataDir,
      nativeBinding: options.sqliteNativeBinding,
      readOnly: options.readOnly,
      emptyIfMissing: options.emptyIfMissing,
      mustExist: options.mustExist,
      queryBudget: options.queryBudget,
      onBackgroundError: (error) => onInternalError(new HistoryWriteFault(backgroundWriteFailure('text-index', error), { cause: error })),
      retention: {
        // The strictest limits of the companions on the folder: any one of them deletes what its own
        // want gone (a one-shot command has none of its own, so only those running hold).
        rules: () => limits.shared().kept,
        onPruned: (deleted, upToId) => events.emit({ type: 'history-pruned', deleted, upToId }),
        onError: (error) => onInternalError(new HistoryWriteFault(backgroundWriteFailure('retention', error), { cause: error })),
      },
    });
    if (!opened.ok) return opened;
    store = opened.value;
    // Here, where it can be saved: a command that only reads would count it again at each look.
    if (!options.readOnly)
      upgradeKeptTally(store, hmacKey.get(), (error) =>
        onInternalError(new HistoryWriteFault(backgroundWriteFailure('learned-style', error), { cause: error })),
      );
    account.open();
    if (!projectOpened && options.projectDir) {
      projectOpened = true;
      const openedProject = project.open(options.projectDir);
      if (!openedProject.ok) {
        await close();
        return openedProject;
      }
    }
    return { ok: true, value: undefined };
  };

  const follow = () => {
    if (otherProcesses) return;
    account.noticeSettingsElsewhere();
    otherProcesses = new CallsFromOtherProcesses({
      calls: requireStore().calls,
      onCalls: (calls) => calls.forEach((call) => events.emit({ type: 'call-stored', call, elsewhere: true })),
      onMany: (count) => events.emit({ type: 'calls-stored-elsewhere', count }),
      onCleared: () => events.emit({ type: 'history-cleared' }),
      onCommitsElsewhere: () => account.noticeSettingsElsewhere(),
      onError: onInternalError,
    });
  };

  const close = async () => {
    otherProcesses?.stop();
    otherProcesses = null;
    account.close();
    const closing = store?.close();
    store = null;
    limits.reset();
    await closing;
  };

  const stop = async () => {
    project.close();
    await replay.close();
    // The tunnel is told to close first, so it takes no new calls; the server and the history do
    // not wait for it, though: a dead ngrok session takes seconds to close, and what is stored
    // must be closed whatever the network does.
    const tunnelClosed = tunnel.dispose();
    await webhook.stop();
    storageFaults.stop();
    await close();
    await tunnelClosed;
  };

  return {
    api,
    subscribe: (listener) => events.subscribe(listener),
    writeHar: (selection, write, onWritten) => replay.writeHar(selection, write, onWritten),
    open,
    openProject: (dir) => {
      projectOpened = true;
      return project.open(dir);
    },
    async listen() {
      if (webhook.listening) return { ok: true, value: webhook.listening };
      const wasOpen = store !== null;
      const opened = await open();
      if (!opened.ok) return opened;
      const started = await webhook.start(host, options.port ?? DEFAULT_PORT);
      if (!started.ok) {
        if (!wasOpen) await close();
        return started;
      }
      project.watch();
      follow();
      events.emit({ type: 'status-changed', status: status() });
      return started;
    },
    follow,
    stop,
  };
}
