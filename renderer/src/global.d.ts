import type { PreloadBridge } from '../../main/contract/api';

declare global {
  interface Window {
    /** Exposed by the desktop preload; absent in the browser inspector. */
    companion?: PreloadBridge;
  }
}

export {};
