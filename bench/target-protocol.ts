/** Which process is under load: the framework's server or the raw Koa floor. */
export type TargetKind = 'server' | 'floor';

/** What the bench asks a target process over IPC; `seq` pairs each request with its reply. */
export type ChildRequest =
  | { seq: number; type: 'stats' }
  | { seq: number; type: 'profile-start' }
  | { seq: number; type: 'profile-stop'; file: string }
  | { seq: number; type: 'stop' };

/** What a target process answers; `ready` (seq 0) arrives once, when it listens. */
export type ChildReply =
  | { seq: number; type: 'ready'; url: string; pid: number }
  | { seq: number; type: 'stats'; rss: number; heapUsed: number; cpuMicros: number }
  | { seq: number; type: 'ok' }
  | { seq: number; type: 'error'; message: string };
