// Preloaded with `node -r`: loading the HTTP client library takes SLOW_CLIENT_LOAD_MS longer, so a
// test can tell whether a call's time counts the load (it must not: the handler did not take it).
const Module = require('node:module');

const delayMs = Number(process.env.SLOW_CLIENT_LOAD_MS ?? 0);
const originalLoad = Module._load;
let delayed = false;
Module._load = function load(request, ...rest) {
  if (request === 'undici' && !delayed) {
    delayed = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delayMs);
  }
  return originalLoad.call(this, request, ...rest);
};
