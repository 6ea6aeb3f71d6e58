/** The peers `npm run bench -- --peers` runs beside the server and the floor. */
export const peerKinds = ['sdk-stateless', 'sdk-stateful', 'sdk-v2', 'fastmcp'] as const;
export type PeerKind = (typeof peerKinds)[number];

/** Which process is under load: the framework's server, the raw Koa floor, or a peer. */
export type TargetKind = 'server' | 'floor' | PeerKind;

/** Every target kind, to check a target process's argument. */
export const targetKinds: readonly TargetKind[] = ['server', 'floor', ...peerKinds];

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
