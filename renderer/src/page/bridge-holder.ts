import type { RendererBridge } from '../transport/connection';
import { onReset } from './stores';

let bridge: RendererBridge | null = null;
onReset(() => {
  bridge = null;
});

/** The bridge of the running session; null before `startSession` and after it ends. */
export function currentBridge(): RendererBridge | null {
  return bridge;
}

export function setBridge(next: RendererBridge | null): void {
  bridge = next;
}
