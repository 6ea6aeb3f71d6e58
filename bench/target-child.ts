import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startTarget } from './start-target.js';
import {
  targetKinds,
  type ChildReply,
  type ChildRequest,
  type TargetKind,
} from './target-protocol.js';

function send(reply: ChildReply): void {
  process.send?.(reply);
}

async function main(): Promise<void> {
  const kind = process.argv[2] as TargetKind;
  const databaseFile = process.argv[3];
  if (!targetKinds.includes(kind) || databaseFile === undefined)
    throw new Error(`usage: target-child.ts ${targetKinds.join('|')} <sqlite file>`);
  const target = await startTarget(kind, databaseFile);
  const inspector = new Session();
  process.on('message', (request: ChildRequest) => {
    void (async (): Promise<ChildReply> => {
      switch (request.type) {
        case 'stats': {
          const { rss, heapUsed } = process.memoryUsage();
          const { user, system } = process.cpuUsage();
          return { seq: request.seq, type: 'stats', rss, heapUsed, cpuMicros: user + system };
        }
        case 'profile-start':
          inspector.connect();
          await inspector.post('Profiler.enable');
          await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
          await inspector.post('Profiler.start');
          return { seq: request.seq, type: 'ok' };
        case 'profile-stop': {
          const { profile } = await inspector.post('Profiler.stop');
          inspector.disconnect();
          mkdirSync(dirname(request.file), { recursive: true });
          writeFileSync(request.file, JSON.stringify(profile));
          return { seq: request.seq, type: 'ok' };
        }
        case 'stop':
          await target.close();
          return { seq: request.seq, type: 'ok' };
      }
    })().then(
      (reply) => {
        send(reply);
        if (request.type === 'stop') process.disconnect();
      },
      (error: unknown) => send({ seq: request.seq, type: 'error', message: String(error) }),
    );
  });
  send({ seq: 0, type: 'ready', url: target.url, pid: process.pid });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
