import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildReply, ChildRequest, TargetKind } from './target-protocol.js';

type Reply<T extends ChildReply['type']> = Extract<ChildReply, { type: T }>;
type RequestBody = ChildRequest extends infer R
  ? R extends ChildRequest
    ? Omit<R, 'seq'>
    : never
  : never;

/** A reading of the target process. */
export interface TargetStats {
  readonly rss: number;
  readonly heapUsed: number;
  readonly cpuMicros: number;
}

// Run as built by `npm run bench` (compiled JavaScript, as in production); from source only when
// this file itself runs through tsx, whose keepNames wrappers cost about a fifth of each call.
const compiled = import.meta.url.endsWith('.js');
const childEntry = fileURLToPath(
  new URL(`./target-child.${compiled ? 'js' : 'ts'}`, import.meta.url),
);
const startTimeoutMs = 30_000;

/** A benchmark target running in a child process, as the load generator sees it. */
export class TargetProcess {
  readonly kind: TargetKind;
  readonly url: string;
  readonly pid: number;
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, (reply: ChildReply) => void>();
  #seq = 0;

  private constructor(kind: TargetKind, child: ChildProcess, ready: Reply<'ready'>) {
    this.kind = kind;
    this.#child = child;
    this.url = ready.url;
    this.pid = ready.pid;
    child.on('message', (reply: ChildReply) => {
      const resolve = this.#waiting.get(reply.seq);
      this.#waiting.delete(reply.seq);
      resolve?.(reply);
    });
  }

  /** Forks the target (compiled, or TypeScript through tsx) and waits until it listens. */
  static async start(kind: TargetKind, databaseFile: string): Promise<TargetProcess> {
    const child = fork(childEntry, [kind, databaseFile], {
      execArgv: compiled ? [] : ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<Reply<'ready'>>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`the ${kind} process did not start within ${startTimeoutMs} ms`));
      }, startTimeoutMs);
      child.once('message', (reply: ChildReply) => {
        clearTimeout(timer);
        if (reply.type === 'ready') resolve(reply);
        else reject(new Error(`the ${kind} process answered ${reply.type} instead of ready`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(
          new Error(`the ${kind} process exited with code ${String(code)} before it listened`),
        );
      });
    });
    child.removeAllListeners('exit');
    return new TargetProcess(kind, child, ready);
  }

  /** Resident set size and heap in use (bytes), and CPU time used so far (µs, user + system). */
  async stats(): Promise<TargetStats> {
    const reply = await this.#ask({ type: 'stats' });
    if (reply.type !== 'stats') throw new Error(`stats reading failed: ${describe(reply)}`);
    return { rss: reply.rss, heapUsed: reply.heapUsed, cpuMicros: reply.cpuMicros };
  }

  async startProfile(): Promise<void> {
    expectOk(await this.#ask({ type: 'profile-start' }));
  }

  /** Stops the CPU profile and has the target write it to `file` (a .cpuprofile). */
  async stopProfile(file: string): Promise<void> {
    expectOk(await this.#ask({ type: 'profile-stop', file }));
  }

  /** Closes the target's server and waits for the process to exit. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || !this.#child.connected) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    expectOk(await this.#ask({ type: 'stop' }));
    const timer = setTimeout(() => this.#child.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  /** Ends the process at once (used when the bench itself fails). */
  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill();
  }

  #ask(request: RequestBody): Promise<ChildReply> {
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#waiting.set(seq, resolve);
      this.#child.send({ ...request, seq }, (error) => {
        if (error) {
          this.#waiting.delete(seq);
          reject(error);
        }
      });
    });
  }
}

function describe(reply: ChildReply): string {
  return reply.type === 'error' ? reply.message : reply.type;
}

function expectOk(reply: ChildReply): void {
  if (reply.type !== 'ok') throw new Error(`the target process answered ${describe(reply)}`);
}
