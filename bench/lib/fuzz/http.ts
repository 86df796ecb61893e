import http from 'node:http';

/** One generated request, exactly as it goes on the wire (the body already encoded). */
export interface FuzzRequest {
  method: 'GET' | 'POST';
  /** path and query, percent-encoded where the generator chose to (raw Latin-1 bytes are allowed too) */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** What came back: the status (0 for a network error) and the body as text. */
export interface FuzzAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** the network error, when there was no answer */
  error?: string;
}

/**
 * A header value as a client puts it on the wire: its UTF-8 bytes, each as one Latin-1 character (what Node
 * and browsers send for non-ASCII text); bytes a client cannot send at all (control characters, which end or
 * corrupt the header) become spaces, and the value is trimmed as HTTP does.
 */
export function headerValue(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('latin1')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly these is the point
      .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, ' ')
      .trim()
  );
}

/** A path segment or query value as UTF-8 percent-encoding; lone surrogates become their own escapes. */
export function encodePart(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      // what a careless client sends for a lone surrogate: its three "CESU" bytes, which are not UTF-8
      out += Array.from(Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]))
        .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** A query string from name/value pairs (repeats allowed, names and values encoded). */
export function queryString(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`).join('&');
}

/** One part of a hand-built multipart body. */
export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** How a multipart body is damaged, if at all. */
export type MultipartDamage =
  | 'none'
  | 'no-final-boundary'
  | 'wrong-boundary'
  | 'no-crlf-after-headers'
  | 'truncated'
  | 'no-boundary-param'
  | 'header-without-name'
  | 'garbage-preamble';

/** A multipart/form-data body and its Content-Type, built by hand so it can be broken on purpose. */
export function multipart(
  parts: Part[],
  damage: MultipartDamage,
  boundary: string,
): { contentType: string; body: Buffer } {
  const chunks: Buffer[] = [];
  if (damage === 'garbage-preamble') chunks.push(Buffer.from('this is not a part\r\n\r\n'));
  for (const p of parts) {
    const disposition =
      damage === 'header-without-name'
        ? 'form-data'
        : `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const head =
      `--${boundary}\r\nContent-Disposition: ${disposition}\r\n` +
      (p.contentType ? `Content-Type: ${p.contentType}\r\n` : '') +
      (damage === 'no-crlf-after-headers' ? '' : '\r\n');
    chunks.push(Buffer.from(head, 'utf8'), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  if (damage !== 'no-final-boundary' && damage !== 'truncated')
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let body = Buffer.concat(chunks);
  if (damage === 'truncated') body = body.subarray(0, Math.floor(body.length / 2));
  const declared = damage === 'wrong-boundary' ? `${boundary}x` : boundary;
  const contentType =
    damage === 'no-boundary-param' ? 'multipart/form-data' : `multipart/form-data; boundary=${declared}`;
  return { contentType: headerValue(contentType), body };
}

/**
 * Sends requests over real HTTP with a keep-alive pool of `sockets` connections. A request that gets no
 * answer within the timeout counts as a network error (status 0), as does a refused or reset connection.
 */
export class Sender {
  private readonly agent: http.Agent;
  /** the last exchange on each pooled connection, to explain an error on a reused one */
  private readonly lastOn = new WeakMap<object, { what: string; at: number }>();

  constructor(
    private readonly baseUrl: string,
    sockets: number,
    private readonly timeoutMs = 120_000,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  send(req: FuzzRequest): Promise<FuzzAnswer> {
    const url = new URL(this.baseUrl);
    return new Promise((resolve) => {
      let settled = false;
      const done = (a: FuzzAnswer) => {
        if (!settled) {
          settled = true;
          resolve(a);
        }
      };
      let r: http.ClientRequest;
      try {
        r = http.request({
          host: url.hostname,
          port: url.port,
          method: req.method,
          path: req.path,
          headers: { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) },
          agent: this.agent,
          timeout: this.timeoutMs,
        });
      } catch (err) {
        // the client library refused to send it (an invalid path or header): not an answer of the server
        done({ status: -1, headers: {}, body: '', error: `not sendable: ${(err as Error).message}` });
        return;
      }
      const started = Date.now();
      const sent = `${req.method} ${req.path.slice(0, 60)} (${req.body?.length ?? 0} B)`;
      const failed = (err: Error) => {
        const before = r.socket ? this.lastOn.get(r.socket) : undefined;
        const after = before ? `, ${Date.now() - before.at} ms after ${before.what}` : '';
        const error = `${err.message} (${r.reusedSocket ? 'reused' : 'new'} connection, ${Date.now() - started} ms in${after})`;
        done({ status: 0, headers: {}, body: '', error });
      };
      r.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const what = `${sent} → ${res.statusCode} connection: ${res.headers.connection}`;
          if (r.socket) this.lastOn.set(r.socket, { what, at: Date.now() });
          done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() });
        });
        res.on('error', failed);
      });
      r.on('timeout', () => r.destroy(new Error('timeout')));
      r.on('error', failed);
      r.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
