import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** One function's share of the sampled CPU time. */
export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Samples this process's CPU (the server's event loop when the server runs in-process) while `fn` runs, saves
 * the .cpuprofile (open it in Chrome DevTools) and returns the functions with the most self time.
 */
export async function profileCpu<T>(
  file: string,
  fn: () => Promise<T>,
): Promise<{ result: T; hot: HotFunction[]; totalMs: number; idleMs: number }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await fn() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  if (!outcome.ok) throw outcome.error;
  await writeFile(file, JSON.stringify(profile));
  return { result: outcome.value, ...summarizeProfile(profile) };
}

/** Self time per function (by name and place), largest first; idle and GC are reported apart. */
function summarizeProfile(p: Profile): { hot: HotFunction[]; totalMs: number; idleMs: number } {
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byNode.get(samples[i]!);
    if (!node) continue;
    const f = node.callFrame;
    const where = f.url
      ? `${f.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/work\/main\//, '')}:${f.lineNumber + 1}`
      : '';
    const key = `${f.functionName || '(anonymous)'}\u0000${where}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const totalMs = (p.endTime - p.startTime) / 1000;
  let idleMs = 0;
  const hot: HotFunction[] = [];
  for (const [key, ms] of self) {
    const [name = '', where = ''] = key.split('\u0000');
    if (name === '(idle)') idleMs += ms;
    else hot.push({ name, where, selfMs: ms, share: ms / totalMs });
  }
  hot.sort((a, b) => b.selfMs - a.selfMs);
  return { hot, totalMs, idleMs };
}
