import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  hereChoice,
  hereFactsOf,
  tunnelSeenAfter,
  TUNNEL_NOT_OPENED,
  type CoreEvent,
  type HereChoice,
  type KeptLimits,
  type LanAddress,
  type ServeSeen,
  type TunnelSeen,
} from '../../contract/api';
import { DATA_FILES } from '../data-folder';
import { isProcessAlive } from '../process-alive';
import { announceProjectServe } from './project-serves';

/**
 * Written by each running `serve`, and by the desktop app, so `actions register --here`,
 * `inspector rotate-token`, `send` and `replay` know the companion's URLs. Any number of them
 * may share a data folder, so each keeps its own file, named by its process id: one that stops
 * removes its own, never another's. "Serve" below means either.
 */

export interface ServeState {
  pid: number;
  /** Which companion wrote it: `serve` (headless) or the desktop app; what a command calls it. */
  mode: ServeSeen['mode'];
  /** The webhook server, e.g. http://127.0.0.1:8787. */
  webhookBaseUrl: string;
  /** The tunnel's public URL while it is online (written from `tunnel`). */
  publicUrl: string | null;
  /**
   * Its tunnel: whether one was asked for, and where it is. While one asked for is not online,
   * `here` names no URL rather than one Flowent in the cloud cannot reach (loopback, the LAN).
   */
  tunnel: TunnelSeen;
  /** Its LAN URLs while it listens on every interface (`serve --host 0.0.0.0`), else none. */
  lanAddresses: LanAddress[];
  /** The browser inspector's port, when it runs (its URL needs the token besides). */
  inspectorPort: number | null;
  /** Its mark on calls sent to its webhook by this companion's own commands (`send`, `replay`), so it does not store them as Flowent's. */
  loopToken: string;
  /**
   * Its `serve --forward`, where it forwards an action no answers setting sends elsewhere; null
   * without one (and for the desktop app). Kept whole, password and all (the file is private,
   * 0600, and goes when the serve stops): `probe` with no handler set here sends its calls
   * straight to this handler, which needs the credentials its URL was given. Every command that
   * prints it masks the password (redactUrlCredentials).
   */
  forwardTarget: string | null;
  /**
   * How long it waits for the handler it forwards to (`serve --forward-timeout`): a replay sent
   * through its webhook waits that long and a little more, so the serve's own 504 arrives. Null
   * in a file written before serves recorded it.
   */
  forwardTimeoutMs: number | null;
  /**
   * The project folder (`flowent/`, absolute) whose answer files this serve answers from; null
   * when it answers from the history folder's. Two serves on one data folder may answer from
   * two projects: `here`, in a project, means the one answering from it.
   */
  projectDir: string | null;
  /**
   * The history limits given for its run (`serve --keep-calls`...; none for the app): the
   * history is one for every companion on the folder, so each keeps it by the strictest limits
   * of those running (history-limits.ts), and says so.
   */
  keepsForThisRun?: Partial<KeptLimits>;
  /** When this serve started: the newest is the one a command names when it needs one. */
  startedAt: number;
  updatedAt: number;
}

const statesFolder = (dataDir: string) => join(dataDir, DATA_FILES.serveStates);
const stateFile = (dataDir: string, pid: number) => join(statesFolder(dataDir), `${pid}.json`);

/** What a serve records: its LAN URLs may be left out (none); its public URL is its tunnel's. */
type Recorded = Omit<ServeState, 'updatedAt' | 'lanAddresses' | 'publicUrl'> & { lanAddresses?: LanAddress[] };

/**
 * Writes this process's file, or removes it with null. Written atomically (temp file, then
 * rename), private like every file of the data folder. A running companion publishes through
 * publishServeState, which calls this whenever what it says changes.
 */
export function writeServeState(dataDir: string, state: Recorded | null, pid = process.pid): void {
  const file = stateFile(dataDir, pid);
  if (state === null) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(statesFolder(dataDir), { recursive: true, mode: 0o700 });
  const temp = `${file}.tmp`;
  const publicUrl = state.tunnel.state === 'online' ? state.tunnel.url : null;
  writeFileSync(temp, JSON.stringify({ lanAddresses: [], ...state, publicUrl, updatedAt: Date.now() }, null, 2), { mode: 0o600 });
  renameSync(temp, file);
}

/** What a running companion publishes, less what publishServeState keeps up to date itself. */
export type PublishedFacts = Omit<Recorded, 'pid'>;

/**
 * Keeps this process's state file in step with its listening core until the returned function
 * is called, which removes it: the webhook's URL (status changes), the tunnel (its own events,
 * from `first.tunnel`: a serve about to open one says `connecting`) and the open project, which is also announced in that project's registry (project-serves.ts). `serve` and the desktop app both publish through here, so a command finds
 * either the same way. With no webhook server (it could not be restarted), there is no file.
 */
export function publishServeState(
  core: { subscribe(listener: (event: CoreEvent) => void): () => void },
  dataDir: string,
  first: PublishedFacts,
): () => void {
  let facts: Omit<PublishedFacts, 'webhookBaseUrl'> & { webhookBaseUrl: string | null } = first;
  let written = '';
  let unannounce = () => {};
  const write = () => {
    const text = JSON.stringify(facts);
    if (text === written) return; // project-changed comes with every saved answer file
    written = text;
    const { webhookBaseUrl, projectDir, mode } = facts;
    writeServeState(dataDir, webhookBaseUrl === null ? null : { ...facts, webhookBaseUrl, pid: process.pid });
    // Companions on other data folders see it only in the project's registry: a data folder's states are its own.
    unannounce();
    unannounce =
      webhookBaseUrl === null || projectDir === null ? () => {} : announceProjectServe(projectDir, { mode, dataDir, webhookBaseUrl });
  };
  const unsubscribe = core.subscribe((event) => {
    if (event.type === 'status-changed') {
      const { webhookBaseUrl, lanAddresses } = hereFactsOf(event.status);
      facts = { ...facts, webhookBaseUrl, lanAddresses };
    } else if (event.type === 'tunnel-status') {
      facts = { ...facts, tunnel: tunnelSeenAfter(facts.tunnel, event.status) };
    } else if (event.type === 'project-changed') {
      facts = { ...facts, projectDir: event.project.dir };
    } else return;
    write();
  });
  write();
  return () => {
    unsubscribe();
    writeServeState(dataDir, null);
    unannounce();
  };
}

/**
 * The URL `here` means for a running serve: its public URL, else its LAN URL, else this
 * computer's; none while the tunnel it was asked for is not online.
 */
export function hereOf(serve: ServeState): HereChoice {
  return hereChoice(serve, serve.tunnel, serve.webhookBaseUrl);
}

/** A running serve as a refusal about `here` names it. */
export function serveSeen(serve: ServeState): ServeSeen {
  return { mode: serve.mode, baseUrl: serve.webhookBaseUrl, projectDir: serve.projectDir };
}

/**
 * Every serve running on this data folder, the newest first. The file of a serve that is gone
 * (killed before it could remove it) is removed here.
 */
export function runningServes(dataDir: string): ServeState[] {
  let names: string[];
  try {
    names = readdirSync(statesFolder(dataDir));
  } catch {
    return [];
  }
  const running: ServeState[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const state = readState(join(statesFolder(dataDir), name));
    if (state === null) continue;
    if (isProcessAlive(state.pid)) running.push(state);
    else rmSync(join(statesFolder(dataDir), name), { force: true });
  }
  return running.sort((a, b) => b.startedAt - a.startedAt);
}

/**
 * The serve a command names when it needs one: one with a public URL first (what Flowent can
 * reach), else the newest; null when none runs.
 */
export function readServeState(dataDir: string): ServeState | null {
  const running = runningServes(dataDir);
  return running.find((state) => state.publicUrl !== null) ?? running[0] ?? null;
}

/** What `webhook_url: here` (or `--here`) means for a command: a serve's base URL, or why there is none to name. */
export type HereServe =
  | { ok: true; serve: ServeState }
  /** No serve answers from the project's files; `others` are the serves on the folder that answer from elsewhere. */
  | { ok: false; code: 'none'; others: ServeState[] }
  /** Several serves answer from the project's files: which one Flowent should call is not guessed. */
  | { ok: false; code: 'several'; serves: ServeState[] };

/**
 * The serve `here` means. Run in a project (`projectDir`), only a serve answering from that
 * project's files will do: another serve on the same data folder answers from another
 * project's files (or the history folder's), so pointing Flowent at it would test the wrong
 * answers. Outside a project, the serve readServeState names.
 */
export function serveForHere(dataDir: string, projectDir: string | null): HereServe {
  if (projectDir === null) {
    const state = readServeState(dataDir);
    return state ? { ok: true, serve: state } : { ok: false, code: 'none', others: [] };
  }
  const running = runningServes(dataDir);
  const fitting = running.filter((state) => state.projectDir !== null && samePath(state.projectDir, projectDir));
  const [only, ...more] = fitting;
  if (only && more.length === 0) return { ok: true, serve: only };
  if (only) return { ok: false, code: 'several', serves: fitting };
  return { ok: false, code: 'none', others: running };
}

/** The same folder, however it was spelled (a symlink, /tmp against /private/tmp). */
export function samePath(a: string, b: string): boolean {
  return realPath(a) === realPath(b);
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function readState(file: string): ServeState | null {
  let state: ServeState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as ServeState;
  } catch {
    return null;
  }
  const complete =
    typeof state.pid === 'number' &&
    typeof state.webhookBaseUrl === 'string' &&
    typeof state.loopToken === 'string' &&
    typeof state.startedAt === 'number';
  if (!complete) return null;
  // A file written before serves recorded their project answers from the history folder's;
  // one written before the desktop app wrote one is a serve's; one written before serves
  // recorded their --forward as a serve without one (restarted, it says); one written before
  // serves recorded their tunnel's state by its public URL; one written before serves recorded
  // their forward timeout as not known.
  return {
    ...state,
    tunnel: isTunnelSeen(state.tunnel)
      ? state.tunnel
      : typeof state.publicUrl === 'string'
        ? { state: 'online', url: state.publicUrl }
        : TUNNEL_NOT_OPENED,
    projectDir: typeof state.projectDir === 'string' ? state.projectDir : null,
    forwardTarget: typeof state.forwardTarget === 'string' ? state.forwardTarget : null,
    forwardTimeoutMs: typeof state.forwardTimeoutMs === 'number' && state.forwardTimeoutMs > 0 ? state.forwardTimeoutMs : null,
    lanAddresses: Array.isArray(state.lanAddresses) ? state.lanAddresses.filter(isLanAddress) : [],
    mode: state.mode === 'desktop' ? 'desktop' : 'headless',
  };
}

function isTunnelSeen(value: unknown): value is TunnelSeen {
  const tunnel = value as Partial<TunnelSeen> | null;
  return typeof tunnel === 'object' && tunnel !== null && typeof tunnel.state === 'string';
}

function isLanAddress(value: unknown): value is LanAddress {
  const lan = value as Partial<LanAddress> | null;
  return typeof lan === 'object' && lan !== null && typeof lan.baseUrl === 'string' && typeof lan.interface === 'string';
}
