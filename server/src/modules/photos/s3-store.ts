import { Readable } from 'node:stream';
import type { PhotoFileName, PhotoObject, PhotoStore } from './photo-store.ts';
import { checkPhotoId, PHOTO_FILE_NAMES } from './photo-store.ts';
import type { S3Settings } from './photo-store-config.ts';
import { EMPTY_SHA256, sha256Hex, signRequest } from './s3-signature.ts';

/** The key of one file: the same layout as the local folder, `<first two of id>/<id>/<file>`. */
export const s3Key = (id: string, file: PhotoFileName) => `${checkPhotoId(id).slice(0, 2)}/${id}/${file}`;

/** The URL of a key (or of the bucket, for listings), path-style or virtual-hosted. */
export function s3Url(s: S3Settings, key: string): URL {
  if (s.pathStyle) return new URL(`${s.endpoint}/${s.bucket}/${key}`);
  const base = new URL(s.endpoint);
  return new URL(`${base.protocol}//${s.bucket}.${base.host}/${key}`);
}

const KEY = /^([0-9a-f]{2})\/([0-9a-f-]{36})\/(original|public\.jpg|public\.webp|thumb\.webp)$/;
const tag = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);

/** The objects of one ListObjectsV2 page that are photo files, and the token of the next page. */
export function parseListing(xml: string): { objects: PhotoObject[]; next: string | null } {
  const objects: PhotoObject[] = [];
  for (const block of xml.split('<Contents>').slice(1)) {
    const m = KEY.exec(tag(block, 'Key')[0] ?? '');
    if (!m) continue;
    objects.push({
      id: m[2]!,
      file: m[3] as PhotoFileName,
      size: Number(tag(block, 'Size')[0] ?? 0),
      modifiedMs: Date.parse(tag(block, 'LastModified')[0] ?? ''),
    });
  }
  const truncated = tag(xml, 'IsTruncated')[0] === 'true';
  return { objects, next: truncated ? (tag(xml, 'NextContinuationToken')[0] ?? null) : null };
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Photos in an S3-compatible bucket, spoken to with fetch and SigV4 (s3-signature.ts). Deleting is
 * idempotent in S3, so several processes sweeping the same orphan is harmless (each counts it).
 */
export function s3PhotoStore(s: S3Settings, fetchFn: typeof fetch = fetch): PhotoStore {
  async function send(method: string, url: URL, body?: Buffer, headers: Record<string, string> = {}) {
    const signed = signRequest({
      method,
      url,
      headers,
      payloadHash: body ? sha256Hex(body) : EMPTY_SHA256,
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      region: s.region,
    });
    const { host: _host, ...sendHeaders } = signed;
    const res = await fetchFn(url, { method, headers: sendHeaders, body });
    if (!res.ok && res.status !== 404) {
      const text = await res.text().catch(() => '');
      const code = tag(text, 'Code')[0] ?? res.statusText;
      throw new Error(`object store ${method} ${url.pathname}: ${res.status} ${code}`);
    }
    return res;
  }
  const remove = async (id: string) => {
    for (const file of PHOTO_FILE_NAMES)
      await (await send('DELETE', s3Url(s, s3Key(id, file)))).body?.cancel();
  };
  return {
    description: `s3 ${s.endpoint}/${s.bucket}`,
    async write(id, file, data, mime) {
      await (await send('PUT', s3Url(s, s3Key(id, file)), data, { 'content-type': mime })).body?.cancel();
    },
    async read(id, file) {
      const res = await send('GET', s3Url(s, s3Key(id, file)));
      if (res.status === 404 || !res.body) {
        await res.body?.cancel();
        return null;
      }
      return {
        size: Number(res.headers.get('content-length') ?? 0),
        body: Readable.fromWeb(res.body as never),
      };
    },
    remove,
    async *list() {
      let token: string | null = null;
      do {
        const url = s3Url(s, '');
        url.searchParams.set('list-type', '2');
        if (token) url.searchParams.set('continuation-token', unescapeXml(token));
        const res = await send('GET', url);
        if (res.status === 404) throw new Error(`object store: no bucket ${s.bucket} at ${s.endpoint}`);
        const page = parseListing(await res.text());
        if (page.objects.length) yield page.objects;
        token = page.next;
      } while (token);
    },
    async removeOrphan(id) {
      await remove(id);
      return true;
    },
  };
}
