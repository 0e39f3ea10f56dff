import type {
  CallSelection,
  CompanionApi,
  CompanionBridge,
  DesktopBridge,
  HarImportStage,
  ReplayFailure,
  Result,
} from '../../../main/contract/api';

/**
 * What a transport may say about its live event channel. The desktop IPC bridge has no
 * such channel state (the renderer lives and dies with the core), so this is optional:
 * the UI subscribes only when the bridge offers it.
 */
export type ConnectionEvent =
  /** The event stream is (re)connected: events from here on arrive; what came before must be read again. */
  | { type: 'open' }
  /** The event stream broke; the transport is retrying by itself. */
  | { type: 'reconnecting' }
  /** The companion refused this page's access token: nothing works until the page is opened with a valid one. */
  | { type: 'denied'; message: string }
  /** The access token was replaced (here or elsewhere): the page must be opened with the new one. */
  | { type: 'rotated' };

/**
 * The code of an Error a transport throws when the request never reached the companion (it is
 * stopped, or restarting): nothing was refused, and the same request works once it is back.
 */
export const UNREACHABLE = 'unreachable';

export function isUnreachable(error: unknown): boolean {
  return error instanceof Error && (error as Error & { code?: unknown }).code === UNREACHABLE;
}

export interface ConnectionAware {
  onConnection(listener: (event: ConnectionEvent) => void): () => void;
}

/** The desktop's own requests to the page (DesktopBridge): the browser inspector has none. */
export type PageRequests = Pick<DesktopBridge, 'onShowFailedCalls'>;

export type RendererBridge = CompanionBridge & Partial<ConnectionAware> & Partial<PageRequests>;

export function hasConnection(bridge: RendererBridge): bridge is CompanionBridge & ConnectionAware {
  return typeof bridge.onConnection === 'function';
}

export function hasPageRequests(bridge: RendererBridge): bridge is CompanionBridge & PageRequests {
  return typeof bridge.onShowFailedCalls === 'function';
}

/** A transport guarded by a token the page can replace (the browser inspector's). */
export interface TokenRotation {
  /** Replaces the access token; the old one is refused from then on. Returns the new token and the page's new address. */
  rotateToken(): Promise<{ token: string; url: string }>;
}

export function canRotateToken(bridge: RendererBridge | null): bridge is CompanionBridge & TokenRotation {
  return bridge !== null && typeof (bridge as Partial<TokenRotation>).rotateToken === 'function';
}

/** A transport that sends a HAR file itself and can tell how much of it is sent (the browser inspector's). */
export interface HarUpload {
  /**
   * Imports the file as `importHar` imports its text, telling `uploading` as its bytes go and
   * `reading` once all are sent (the companion decodes and parses it then). The file's bytes go
   * as they are: the page never holds them as text (making a string of a large file, then
   * sending it, stops the page for as long as the upload takes).
   */
  uploadHar(file: Blob, onStage: (stage: HarImportStage) => void): ReturnType<CompanionApi['importHar']>;
}

export function canUploadHar(bridge: RendererBridge | null): bridge is CompanionBridge & HarUpload {
  return bridge !== null && typeof (bridge as Partial<HarUpload>).uploadHar === 'function';
}

/** A HAR export as a file: the export's figures, and its bytes kept out of the page's own memory. */
export interface HarFile {
  file: Blob;
  count: number;
  matched: number;
}

/** A transport that fetches a HAR export as a file (the browser inspector's). */
export interface HarDownload {
  /**
   * Exports the selection as `exportHar` does, the file's bytes coming as a Blob: the browser
   * gathers them off the page's thread, where the text of a 10,000-call export (22 MB) parsed
   * out of a JSON reply and made a file again held the page for most of a second.
   */
  downloadHar(selection: CallSelection): Promise<Result<HarFile, ReplayFailure>>;
}

export function canDownloadHar(bridge: RendererBridge | null): bridge is CompanionBridge & HarDownload {
  return bridge !== null && typeof (bridge as Partial<HarDownload>).downloadHar === 'function';
}
