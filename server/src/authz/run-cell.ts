import { readAnswer } from './answers.ts';
import { CALLERS, type CallerName } from './callers.ts';
import { findLeaks } from './leaks.ts';
import { type CellRequest, expectedStatus, type Fixture, type RouteEntry } from './registry.ts';
import type { World } from './world.ts';

/** How long a stream must stay quiet after a notification before the cell looks at what arrived. */
const QUIET_MS = 100;

interface Answer {
  status: number;
  contentType: string;
  bytes: Buffer;
}

/** Reads an event stream for a moment through a real connection (inject would wait for its end). */
async function readStream(base: string, r: CellRequest, headers: Record<string, string>): Promise<Answer> {
  const abort = new AbortController();
  const res = await fetch(`${base}${r.url}`, { headers, signal: abort.signal });
  const chunks: Buffer[] = [];
  if (res.body) {
    const reader = res.body.getReader();
    let stop = setTimeout(() => abort.abort(), r.stream);
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        chunks.push(Buffer.from(chunk.value));
        // the backlog comes in one pass of the hub: once a notification is in, a short quiet ends the read
        if (Buffer.from(chunk.value).includes('event: notification')) {
          clearTimeout(stop);
          stop = setTimeout(() => abort.abort(), QUIET_MS);
        }
      }
    } catch {
      // aborted: what arrived is the answer
    } finally {
      clearTimeout(stop);
    }
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    bytes: Buffer.concat(chunks),
  };
}

/** Sends one cell's request as the caller. */
async function send(
  w: World,
  method: string,
  r: CellRequest,
  caller: CallerName,
  base: string,
): Promise<Answer> {
  const headers = { ...(r.as ?? w.callers[caller].headers), ...r.headers };
  if (r.stream) return readStream(base, r, headers);
  const res = await w.app.inject({
    method: method as 'GET',
    url: r.url,
    headers,
    ...(r.payload === undefined ? {} : { payload: r.payload as string | Buffer | Record<string, unknown> }),
  });
  return {
    status: res.statusCode,
    contentType: String(res.headers['content-type'] ?? ''),
    bytes: res.rawPayload,
  };
}

/** The text of a request body, for recognising an echo. */
function sentText(payload: unknown): string {
  if (payload === undefined) return '';
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}

/** Runs fn over items, at most `limit` at a time, keeping their order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** At most this many cells of one fixture at once (reads only; writes go one by one). */
const PARALLEL = 6;

/**
 * Runs one fixture of a route for every caller: the status must be the expected one, and each answer,
 * whatever its status, must carry nothing the caller may not receive. Requests are built first (several at
 * a time: some make fresh objects), then sent, reads together and writes one by one (a transition fired
 * twice at once would meet a version conflict). Returns the problems, each naming its cell.
 */
export async function runFixture(
  w: World,
  route: string,
  entry: RouteEntry,
  fixture: [string, Fixture],
  base: string,
): Promise<string[]> {
  const [name, f] = fixture;
  const method = route.split(' ')[0]!;
  const where = (caller: CallerName) => `${route} [${name}] as ${caller}`;
  const built = await mapLimit(CALLERS, PARALLEL, async (caller) => {
    try {
      return { caller, r: await f.req(w, caller) };
    } catch (err) {
      return { caller, error: `${where(caller)}: building the request failed: ${(err as Error).message}` };
    }
  });
  const check = async (cell: (typeof built)[number]): Promise<string[]> => {
    if (!cell.r) return [cell.error!];
    return checkCell(w, entry, f, where(cell.caller), method, cell.r, cell.caller, base);
  };
  const results = await mapLimit(built, method === 'GET' ? PARALLEL : 1, check);
  return results.flat();
}

/** Sends one cell's request and checks its status and its answer. */
async function checkCell(
  w: World,
  entry: RouteEntry,
  f: Fixture,
  where: string,
  method: string,
  r: CellRequest,
  caller: CallerName,
  base: string,
): Promise<string[]> {
  const answer = await send(w, method, r, caller, base);
  const problems: string[] = [];
  const expected = expectedStatus(entry, f, caller);
  const body = answer.bytes.toString('utf8').slice(0, 300);
  if (answer.status !== expected) {
    problems.push(`${where} (${method} ${r.url}): expected ${expected}, got ${answer.status}: ${body}`);
  }
  let read: Awaited<ReturnType<typeof readAnswer>>;
  try {
    read = await readAnswer(answer.contentType, answer.bytes);
  } catch (err) {
    return [...problems, `${where}: the answer could not be read (${(err as Error).message}): ${body}`];
  }
  if (!read) return problems;
  const { leaks, seen } = findLeaks(read.parsed, read.raw, {
    markers: w.markers,
    audience: { caller, public: entry.publicAnswer === true },
    dataKind: entry.dataKind,
    echo: `${r.url} ${sentText(r.payload)}`,
    carries: new Set(f.allow.includes(caller) ? (f.carries?.(w) ?? []) : []),
    ignore: f.ignore,
  });
  for (const leak of leaks) problems.push(`${where} (${method} ${r.url}) leaks ${leak}`);
  if (f.allow.includes(caller) && answer.status === expected) {
    for (const s of f.shows?.(w, caller) ?? []) {
      const found = typeof s === 'string' ? read.raw.includes(s) : seen.has(`${s[0]}:${s[1]}`);
      if (!found)
        problems.push(
          `${where} (${method} ${r.url}) does not show ${typeof s === 'string' ? s : s.join(' ')}`,
        );
    }
  }
  return problems;
}
