/**
 * `--profile`: where Newsdesk spends its time and what it allocates, answering questions and building its
 * index. The V8 CPU profiler (the one `node --cpu-prof` starts) and the sampling heap profiler run over one
 * piece of work only, through the inspector, so the rest of the benchmark does not drown the picture.
 * Writes the `.cpuprofile` (open it in Chrome DevTools or speedscope) and the `.heapprofile`, and
 * summarises both.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { REPO_ROOT } from './measure-startup.ts';

/** A function and the time or bytes attributed to it. */
export interface Hotspot {
  fn: string;
  /** ms of CPU (self or inclusive), or bytes allocated. */
  value: number;
  /** Share of the total, 0–1. */
  share: number;
}

/** The profile's summary. */
export interface ProfileSummary {
  /** What was profiled, e.g. `ask, 1,000 questions`. */
  what: string;
  /** Units of work done (questions, or passages indexed): figures are also given per unit. */
  units: number;
  unit: string;
  cpuMs: number;
  /** Time in the function itself. */
  self: Hotspot[];
  /** Time in the function and everything it called (Newsdesk's own functions, MiniSearch's, the stemmer's). */
  inclusive: Hotspot[];
  bytesPerUnit: number;
  /** Bytes allocated by each function itself. */
  allocations: Hotspot[];
  cpuProfileFile: string;
  heapProfileFile: string;
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface CpuNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}
interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/** What is profiled: `name` names the files, `units` of `unit` are done by the run. */
export interface ProfileTarget {
  name: string;
  label: string;
  units: number;
  unit: string;
}

/** Profiles `run` and writes the profiles into `dir` as `<name>.cpuprofile` and `<name>.heapprofile`. */
export async function profileRun(
  target: ProfileTarget,
  run: () => void | Promise<void>,
  dir: string,
): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    await session.post('Profiler.start');
    await run();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    const heap = (await session.post('HeapProfiler.stopSampling')) as unknown as {
      profile: { head: HeapNode };
    };
    const cpuProfileFile = path.join(dir, `${target.name}.cpuprofile`);
    const heapProfileFile = path.join(dir, `${target.name}.heapprofile`);
    await writeFile(cpuProfileFile, JSON.stringify(profile));
    await writeFile(heapProfileFile, JSON.stringify(heap.profile));
    const cpu = summarizeCpu(profile);
    const allocations = summarizeHeap(heap.profile.head);
    return {
      what: target.label,
      units: target.units,
      unit: target.unit,
      cpuMs: cpu.totalMs,
      self: cpu.self,
      inclusive: cpu.inclusive,
      bytesPerUnit: allocations.total / target.units,
      allocations: allocations.top,
      cpuProfileFile,
      heapProfileFile,
    };
  } finally {
    session.disconnect();
  }
}

/** `name file:line`, with paths relative to the repository (or `pkg/…` inside node_modules). */
function describe(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules < 0) return `${name} ${path.relative(REPO_ROOT, file)}`; // tsx-compiled: its line numbers mislead
  return `${name} ${file.slice(modules + '/node_modules/'.length)}:${frame.lineNumber + 1}`;
}

/** Functions whose inclusive time is worth listing: Newsdesk's own code, MiniSearch's and the stemmer's. */
function isInteresting(fn: string): boolean {
  return / (?:src\/|minisearch\/|stemmer\/)/.test(fn);
}

function top(
  totals: Map<string, number>,
  all: number,
  count: number,
  keep: (fn: string) => boolean = () => true,
) {
  return [...totals]
    .filter(([fn]) => keep(fn))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([fn, value]) => ({ fn, value, share: all ? value / all : 0 }));
}

function summarizeCpu(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id);
    if (!leaf || leaf.callFrame.functionName === '(idle)') return;
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node) break;
      // Samples inside the inspector's own calls (starting and stopping the profiler) are not the work.
      if (node.callFrame.url === 'node:inspector') return;
      stack.push(describe(node.callFrame));
    }
    totalMs += ms;
    self.set(stack[0] as string, (self.get(stack[0] as string) ?? 0) + ms);
    // Each function counts once per sample, however deep it recurses.
    for (const fn of new Set(stack)) inclusive.set(fn, (inclusive.get(fn) ?? 0) + ms);
  });
  return { totalMs, self: top(self, totalMs, 15), inclusive: top(inclusive, totalMs, 25, isInteresting) };
}

function summarizeHeap(head: HeapNode) {
  const bytes = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapNode) => {
    total += node.selfSize;
    const fn = describe(node.callFrame);
    bytes.set(fn, (bytes.get(fn) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child);
  };
  walk(head);
  return { total, top: top(bytes, total, 12) };
}
