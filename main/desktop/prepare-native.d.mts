// Types for prepare-native.mjs, which stays plain JavaScript so it runs before any build.
import type { spawnSync } from 'node:child_process';

export interface NativePaths {
  source: string;
  target: string;
  stampFile: string;
  binding: string;
}
export interface BuildStamp {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}
export const ELECTRON_HEADERS_URL: string;
export function nativePaths(root: string): NativePaths;
export function wantedStamp(root: string, platform?: string, arch?: string): BuildStamp;
export function staleReason(stamp: unknown, wanted: BuildStamp, bindingExists: boolean): string | null;
export function readStamp(stampFile: string): unknown;
export function findNodeGyp(env?: NodeJS.ProcessEnv, execPath?: string): string | null;
export function nodeGypCommand(input: { nodeGyp: string | null; electronVersion: string; arch: string; execPath?: string }): {
  command: string;
  args: string[];
};
export function buildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function loadsInNode(binding: string, execPath?: string): boolean;
export function prepareNative(input: { root: string; log?: (line: string) => void; run?: typeof spawnSync }): number;
