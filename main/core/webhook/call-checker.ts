import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JsonNode } from '../json/json-node';
import type { SignatureReport } from '../../contract/api';
import { toPlainValue } from '../json/parse-json';
import { verify } from '../signature';
import { checkCall, type CallCheck, type CallCheckInput } from './call-check';
import type { CheckJob } from './call-check-worker';

/**
 * Bodies this big or bigger are checked on the checker thread. Parsing and verifying cost in
 * proportion to the body: a normal Flowent call (a few hundred bytes) takes microseconds here,
 * while 1 MB of `{}` took about 370 ms, during which every other call waited.
 */
export const OFF_THREAD_BYTES = 16 * 1024;

/** A checked body, and its plain values (for mock templates and rules) made on first use. */
export class CheckedCall {
  private plainValues: { value: unknown } | null = null;

  /** `source`: the tree parsed on this thread, or the bytes when they were checked on the thread. */
  constructor(
    readonly check: CallCheck,
    private readonly source: JsonNode | Uint8Array | null,
  ) {}

  plain(): unknown {
    this.plainValues ??= { value: plainValuesOf(this.source) };
    return this.plainValues.value;
  }

  /**
   * The signature checked in every style, from the tree parsed on this thread when there is
   * one (parsing and looking for repeated keys again cost about as much as the styles left);
   * null when the body was checked on the thread, whose caller asks the checker again.
   */
  everyStyle(input: CallCheckInput): SignatureReport | null {
    if (this.source === null || this.source instanceof Uint8Array || this.check.kind !== 'checked') return null;
    return verify(input.body, input.hmacKey, { receivedAt: input.receivedAt, stopAtFirstMatch: false }, { ok: true, root: this.source });
  }
}

interface Job {
  input: CallCheckInput;
  resolve: (checked: CheckedCall) => void;
  reject: (error: unknown) => void;
}

/**
 * Checks bodies (parse, shape, signature): small ones at once on this thread, big ones on one
 * worker thread, in arrival order, so that one caller's huge body costs the event loop a copy
 * of its bytes, not hundreds of milliseconds. If the thread cannot run, or dies, bodies are
 * checked here as before: slower under such load, never wrong.
 */
export class CallChecker {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private closed = false;
  private failureReported = false;

  constructor(private readonly onThreadFailure: (error: unknown) => void) {}

  async check(input: CallCheckInput): Promise<CheckedCall> {
    if (input.body.length < OFF_THREAD_BYTES || this.closed) return checkHere(input);
    const worker = this.thread();
    if (!worker) return checkHere(input);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.jobs.set(id, { input, resolve, reject });
      const job: CheckJob = { id, ...input };
      worker.postMessage(job);
    });
  }

  /** Ends the thread; bodies waiting for it are checked here. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.checkWaitingHere();
    await worker?.terminate();
  }

  private thread(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const worker = startCheckerThread();
      worker.unref();
      worker.on('message', (reply: { id: number; check?: CallCheck; error?: string }) => this.onReply(reply));
      worker.on('error', (error) => this.onThreadGone(worker, error));
      worker.on('exit', (code) => this.onThreadGone(worker, new Error(`the call checker thread stopped (exit code ${code})`)));
      this.worker = worker;
      return worker;
    } catch (error) {
      this.report(error);
      return null;
    }
  }

  private onReply(reply: { id: number; check?: CallCheck; error?: string }): void {
    const job = this.jobs.get(reply.id);
    if (!job) return;
    this.jobs.delete(reply.id);
    if (reply.check) job.resolve(new CheckedCall(reply.check, job.input.body));
    // A check that threw there throws here too, and is reported as the server's own failure.
    else this.settleHere(job);
  }

  private onThreadGone(worker: Worker, error: unknown): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (!this.closed) this.report(error);
    this.checkWaitingHere();
  }

  private checkWaitingHere(): void {
    const waiting = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of waiting) this.settleHere(job);
  }

  private settleHere(job: Job): void {
    try {
      job.resolve(checkHere(job.input));
    } catch (error) {
      job.reject(error);
    }
  }

  private report(error: unknown): void {
    if (this.failureReported) return;
    this.failureReported = true;
    this.onThreadFailure(new Error('Big bodies are checked on the main thread: the call checker thread could not run.', { cause: error }));
  }
}

/** Checks a body on this thread, keeping the parsed tree for its plain values. */
export function checkHere(input: CallCheckInput): CheckedCall {
  const { check, tree } = checkCall(input);
  return new CheckedCall(check, tree);
}

/**
 * The tree's plain values, or for a body checked on the thread a parse of its bytes:
 * JSON.parse gives what toPlainValue gives for a body without duplicate keys.
 */
function plainValuesOf(source: JsonNode | Uint8Array | null): unknown {
  if (source === null) return null;
  if (source instanceof Uint8Array) return JSON.parse(Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString('utf8'));
  return toPlainValue(source);
}

/**
 * The checker thread runs call-check-worker: from the sources (the headless command and the
 * tests run TypeScript through tsx) the .ts file beside this one, loaded through tsx as the
 * main thread is; in the desktop app's bundle, the entry built beside the main one.
 */
function startCheckerThread(): Worker {
  const source = join(__dirname, 'call-check-worker.ts');
  if (existsSync(source)) {
    const loader = require.resolve('tsx/cjs');
    return new Worker(`require(${JSON.stringify(loader)}); require(${JSON.stringify(source)});`, { eval: true });
  }
  return new Worker(join(__dirname, 'call-check-worker.js'));
}
