import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourcePositions } from './source-positions.js';

/** The parts of a V8 `.cpuprofile` the summary reads. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
}

interface Frame {
  readonly key: string;
  readonly label: string;
  readonly group: string;
}

/** Where a function lives: an npm package, our own code, Node itself or the VM. */
function groupOf(url: string, functionName: string, repoRoot: string): string {
  if (url === '') {
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(garbage collector)') return 'v8: gc';
    return functionName === '(program)' ? 'v8: program' : 'v8: native';
  }
  if (url.startsWith('node:')) return 'node';
  if (!url.startsWith('file:') && !url.startsWith('/')) return `v8: ${url.split(':')[0] ?? ''}`;
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first = '', second = ''] = path.slice(modules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const local = relative(repoRoot, path);
  if (local.startsWith('..')) return 'other';
  const folder = local.split('/')[0] ?? '';
  if (folder === 'core') return 'ours: core';
  if (folder === 'plugins' || folder === 'examples') return 'ours: plugins';
  return `ours: ${folder}`;
}

function frameOf(
  callFrame: CpuProfile['nodes'][number]['callFrame'],
  repoRoot: string,
  positions: SourcePositions,
): Frame {
  const { functionName, lineNumber, columnNumber } = callFrame;
  // A bundled frame is shown, and grouped, by the file it was bundled from.
  const original = positions.original(callFrame.url, lineNumber, columnNumber);
  const url = original?.path ?? callFrame.url;
  const line = original?.line ?? lineNumber;
  const name = functionName === '' ? '(anonymous)' : functionName;
  const group = groupOf(url, functionName, repoRoot);
  let where = '';
  if (url !== '') {
    const path = url.startsWith('file:') ? fileURLToPath(url) : url;
    const modules = path.lastIndexOf('/node_modules/');
    const shown =
      modules >= 0 ? path.slice(modules + '/node_modules/'.length) : relative(repoRoot, path);
    where = ` ${shown}:${line + 1}`;
  }
  return { key: `${name}@${url}:${line}`, label: `${name}${where}`, group };
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / Math.max(whole, 1)).toFixed(1).padStart(5)} %`;
}

function ranked(counts: Map<string, number>, limit: number): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit);
}

/**
 * Summarises a CPU profile: the share of busy time (everything but idle) spent in each package,
 * the functions with the most self time, and the heaviest of our own and the SDK's functions by
 * inclusive time (a function and everything it calls).
 */
export function summarizeProfile(file: string, repoRoot: string, top = 20): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map<number, Frame>();
  const parents = new Map<number, number>();
  const positions = new SourcePositions();
  for (const node of profile.nodes) {
    frames.set(node.id, frameOf(node.callFrame, repoRoot, positions));
    for (const child of node.children ?? []) parents.set(child, node.id);
  }
  const selfByFrame = new Map<string, number>();
  const selfByGroup = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const labels = new Map<string, Frame>();
  let busy = 0;
  for (const sample of profile.samples) {
    const frame = frames.get(sample);
    if (!frame || frame.group === 'idle') continue;
    busy++;
    selfByGroup.set(frame.group, (selfByGroup.get(frame.group) ?? 0) + 1);
    selfByFrame.set(frame.key, (selfByFrame.get(frame.key) ?? 0) + 1);
    labels.set(frame.key, frame);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parents.get(id)) {
      const ancestor = frames.get(id);
      if (!ancestor || seen.has(ancestor.key)) continue;
      seen.add(ancestor.key);
      labels.set(ancestor.key, ancestor);
      inclusive.set(ancestor.key, (inclusive.get(ancestor.key) ?? 0) + 1);
    }
  }
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  const lines = [
    `${profile.samples.length} samples over ${seconds.toFixed(1)} s, ${percent(busy, profile.samples.length).trim()} busy (not idle)`,
    '',
    'self time by package (share of busy time):',
    ...ranked(selfByGroup, 30).map(([group, n]) => `  ${percent(n, busy)}  ${group}`),
    '',
    `top ${top} functions by self time:`,
    ...ranked(selfByFrame, top).map(([key, n]) => {
      const frame = labels.get(key)!;
      return `  ${percent(n, busy)}  [${frame.group}] ${frame.label}`;
    }),
    '',
    `top ${top} of our and the SDK's functions by inclusive time:`,
    ...ranked(
      new Map(
        [...inclusive].filter(([key]) => {
          const group = labels.get(key)!.group;
          return group.startsWith('ours') || group === '@modelcontextprotocol/sdk';
        }),
      ),
      top,
    ).map(([key, n]) => {
      const frame = labels.get(key)!;
      return `  ${percent(n, busy)}  [${frame.group}] ${frame.label}`;
    }),
  ];
  return lines;
}
