import { createHash, createHmac } from 'node:crypto';

/** The hash S3 expects for an empty body. */
export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** Hex SHA-256 of a body, as x-amz-content-sha256 carries it. */
export const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

/** RFC 3986 encoding as SigV4 wants it: encodeURIComponent leaves !'()* alone, AWS does not. */
export function awsEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface SigningInput {
  method: string;
  url: URL;
  /** headers to sign besides host, x-amz-date and x-amz-content-sha256 (names in any case) */
  headers?: Record<string, string>;
  payloadHash: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service?: string;
  now?: Date;
}

/** `20130524T000000Z`: the ISO basic format SigV4 dates use. */
function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The canonical request of SigV4 (S3 flavour: the path is encoded once, not twice). */
export function canonicalRequest(input: SigningInput, headers: Record<string, string>): string {
  const path = input.url.pathname
    .split('/')
    .map((segment) => awsEncode(decodeURIComponent(segment)))
    .join('/');
  const query = [...input.url.searchParams]
    .map(([k, v]) => [awsEncode(k), awsEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const names = Object.keys(headers).sort();
  return [
    input.method,
    path || '/',
    query,
    ...names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, ' ')}`),
    '',
    names.join(';'),
    input.payloadHash,
  ].join('\n');
}

/**
 * Signs a request with AWS Signature Version 4 (what S3 and every S3-compatible store — MinIO, Ceph RGW,
 * Aliyun OSS, Tencent COS, Huawei OBS — accept) and returns the headers to send, Authorization included.
 * node:crypto is all it takes, so no SDK.
 */
export function signRequest(input: SigningInput): Record<string, string> {
  const now = input.now ?? new Date();
  const date = amzDate(now);
  const day = date.slice(0, 8);
  const service = input.service ?? 's3';
  const headers: Record<string, string> = { host: input.url.host };
  for (const [k, v] of Object.entries(input.headers ?? {})) headers[k.toLowerCase()] = v;
  headers['x-amz-content-sha256'] = input.payloadHash;
  headers['x-amz-date'] = date;
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const request = canonicalRequest(input, headers);
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(request)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), service),
    'aws4_request',
  );
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const signed = Object.keys(headers).sort().join(';');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`,
  };
}
