import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { OutboundPolicy, ResolvedAddress } from '../../infra/outbound.ts';
import type { OutgoingRequest } from './webhook-request.ts';

/** How one attempt went: delivered or not, the receiver's status code, an error to show, and how long it took. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  /** our own words (a status, a timeout, a refused address, a robot's errcode): never the receiver's text */
  error: string | null;
  durationMs: number;
}

// Enough of an answer to read a robot's errcode; the rest is not read.
const MAX_ANSWER_BYTES = 64 * 1024;

/** A lookup that answers with the addresses already checked, so the connection goes where the check looked. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_host, options, callback) => {
    const family = typeof options === 'object' ? options.family : undefined;
    const fitting = addresses.filter((a) => !family || family === a.family || family === `IPv${a.family}`);
    const list = fitting.length ? fitting : addresses;
    if (typeof options === 'object' && options.all) {
      (callback as (err: null, list: ResolvedAddress[]) => void)(null, list);
    } else {
      callback(null, list[0]!.address, list[0]!.family);
    }
  };
}

/** The errcode a robot API reports in a 200 answer (`{"errcode": 310000, …}`), or null when it accepted. */
function robotRefusal(text: string): number | null {
  if (!text.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(text) as { errcode?: unknown };
    return typeof parsed.errcode === 'number' && parsed.errcode !== 0 ? parsed.errcode : null;
  } catch {
    // not JSON: a plain 2xx body is success
    return null;
  }
}

/**
 * POSTs a delivery with a timeout, to a destination the outbound policy allows: the host is resolved and
 * every address checked right before sending, and the connection is made to a checked address (no second
 * lookup, so DNS rebinding has no window). Success is a 2xx answer; robots (WeCom, DingTalk) answer 200 with
 * a non-zero `errcode` when they refuse a message, which counts as a failure too. Redirects are not
 * followed. The answer's text is never returned: a hook must not become a way to read internal pages.
 */
export async function sendRequest(
  req: OutgoingRequest,
  opts: { timeoutMs: number; outbound: OutboundPolicy },
): Promise<AttemptResult> {
  const started = performance.now();
  const done = (ok: boolean, statusCode: number | null, error: string | null): AttemptResult => ({
    ok,
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  const url = new URL(req.url);
  const destination = await opts.outbound.destination(url);
  if (!destination.ok) return done(false, null, `WEBHOOK_ADDRESS_FORBIDDEN: ${destination.reason}`);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (r: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        lookup: pinnedLookup(destination.addresses),
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const settle = () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (status < 200 || status >= 300) return finish(done(false, status, `HTTP ${status}`));
          const errcode = robotRefusal(text);
          finish(errcode === null ? done(true, status, null) : done(false, status, `errcode ${errcode}`));
        };
        res.on('data', (b: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(b);
          size += b.length;
          if (size >= MAX_ANSWER_BYTES) {
            res.destroy();
            settle();
          }
        });
        res.on('end', settle);
        res.on('error', () => finish(done(false, status, 'answer interrupted')));
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish(done(false, null, `timeout after ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    outgoing.on('error', (err: Error & { code?: string }) =>
      finish(done(false, null, (err.code ?? err.name).slice(0, 100))),
    );
    outgoing.end(req.body);
  });
}
