import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { localPhotoStore, type PhotoStore } from './photo-store.ts';
import { loadPhotoStorage, type S3Settings } from './photo-store-config.ts';
import { EMPTY_SHA256, sha256Hex, signRequest } from './s3-signature.ts';
import { s3PhotoStore } from './s3-store.ts';

const settings: S3Settings = {
  kind: 's3',
  endpoint: 'http://objects.test:9000',
  bucket: 'civicgrid-photos',
  region: 'cn-north-1',
  accessKeyId: 'AKIDCIVICGRID',
  secretAccessKey: 'secret-of-the-bucket-0123456789',
  pathStyle: true,
};

/**
 * An S3 endpoint in memory that does what a real one does with the requests the store sends: it checks
 * each signature against the secret (403 SignatureDoesNotMatch otherwise) and the body hash, keeps objects,
 * deletes idempotently and lists with ListObjectsV2 pages of at most two keys, so paging is exercised.
 */
function bucketInMemory(secretAccessKey = settings.secretAccessKey): typeof fetch {
  const objects = new Map<string, { body: Buffer; at: Date }>();
  return (async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const headers = init?.headers as Record<string, string>;
    const body = init?.body ? Buffer.from(init.body as Buffer) : undefined;
    const resign = signRequest({
      method,
      url,
      headers: Object.fromEntries(
        Object.entries(headers).filter(
          ([k]) => !['authorization', 'x-amz-date', 'x-amz-content-sha256'].includes(k),
        ),
      ),
      payloadHash: body ? sha256Hex(body) : EMPTY_SHA256,
      accessKeyId: settings.accessKeyId,
      secretAccessKey,
      region: settings.region,
      now: new Date(
        headers['x-amz-date']!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
      ),
    });
    if (
      resign.authorization !== headers.authorization ||
      headers['x-amz-content-sha256'] !== resign['x-amz-content-sha256']
    )
      return new Response('<Error><Code>SignatureDoesNotMatch</Code></Error>', { status: 403 });
    const key = decodeURIComponent(url.pathname.replace(`/${settings.bucket}/`, ''));
    if (method === 'PUT') objects.set(key, { body: body!, at: new Date() });
    if (method === 'DELETE') objects.delete(key);
    if (method === 'GET' && key) {
      const o = objects.get(key);
      return o
        ? new Response(o.body, { headers: { 'content-length': String(o.body.length) } })
        : new Response('', { status: 404 });
    }
    if (method === 'GET') {
      const keys = [...objects.keys()].sort();
      const from = Number(url.searchParams.get('continuation-token') ?? 0);
      const page = keys.slice(from, from + 2);
      const more = from + 2 < keys.length;
      const contents = page
        .map(
          (k) =>
            `<Contents><Key>${k}</Key><LastModified>${objects.get(k)!.at.toISOString()}</LastModified><Size>${objects.get(k)!.body.length}</Size></Contents>`,
        )
        .join('');
      return new Response(
        `<ListBucketResult><IsTruncated>${more}</IsTruncated>${contents}${more ? `<NextContinuationToken>${from + 2}</NextContinuationToken>` : ''}</ListBucketResult>`,
      );
    }
    return new Response(null, { status: method === 'DELETE' ? 204 : 200 });
  }) as typeof fetch;
}

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const stores: [string, () => Promise<PhotoStore>][] = [
  [
    'local directory',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'cg-store-'));
      dirs.push(dir);
      return localPhotoStore(dir);
    },
  ],
  ['S3-compatible bucket', async () => s3PhotoStore(settings, bucketInMemory())],
];
const A = '0a1b2c3d-0000-4000-8000-000000000001';
const B = '0a1b2c3d-0000-4000-8000-000000000002';

describe.each(stores)('the photo store in a %s', (_name, make) => {
  it('gives back what was written, lists it, and forgets a removed photo', async () => {
    const store = await make();
    await store.write(A, 'original', Buffer.from('original bytes'), 'image/jpeg');
    await store.write(A, 'thumb.webp', Buffer.from('thumb'), 'image/webp');
    await store.write(B, 'original', Buffer.from('other'), 'image/png');
    const read = await store.read(A, 'original');
    expect(read?.size).toBe(14);
    expect(await text(read!.body)).toBe('original bytes');
    expect(await store.read(A, 'public.jpg')).toBeNull();

    const listed = [];
    for await (const batch of store.list()) listed.push(...batch);
    expect(listed.map((o) => `${o.id}/${o.file}:${o.size}`).sort()).toEqual([
      `${A}/original:14`,
      `${A}/thumb.webp:5`,
      `${B}/original:5`,
    ]);
    expect(listed.every((o) => Date.now() - o.modifiedMs < 60_000)).toBe(true);

    expect(await store.removeOrphan(A)).toBe(true);
    await store.remove(B);
    await store.remove(B);
    expect(await store.read(A, 'original')).toBeNull();
    expect(await store.read(B, 'original')).toBeNull();
  });

  it('refuses an id that is not a photo id before it reaches a path or a key', async () => {
    const store = await make();
    await expect(store.read('../../etc/passwd', 'original')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the S3-compatible store', () => {
  it('says which request failed and why when the bucket refuses its signature', async () => {
    const store = s3PhotoStore(settings, bucketInMemory('another secret entirely'));
    await expect(store.write(A, 'original', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(
      /object store PUT \/civicgrid-photos\/0a\/.*\/original: 403 SignatureDoesNotMatch/,
    );
  });

  it('addresses the bucket by host name when path style is off', async () => {
    const seen: string[] = [];
    const store = s3PhotoStore({ ...settings, pathStyle: false }, (async (url: URL) => {
      seen.push(String(url));
      return new Response(null, { status: 200 });
    }) as unknown as typeof fetch);
    await store.write(A, 'original', Buffer.from('x'), 'image/jpeg');
    expect(seen).toEqual([`http://civicgrid-photos.objects.test:9000/0a/${A}/original`]);
  });
});

describe('PHOTO_STORE settings', () => {
  const fail = (variable: string, reason: string) => new Error(`${variable} ${reason}`);
  const s3 = {
    PHOTO_STORE: 's3',
    S3_ENDPOINT: 'https://oss-cn-beijing.aliyuncs.com/',
    S3_BUCKET: 'civicgrid',
    S3_ACCESS_KEY_ID: 'id',
    S3_SECRET_ACCESS_KEY: 'secret',
  };

  it('keeps photos in the local folder unless told otherwise', () => {
    expect(loadPhotoStorage({}, fail)).toEqual({ kind: 'local' });
  });

  it('reads the S3 settings with their defaults', () => {
    expect(loadPhotoStorage(s3, fail)).toEqual({
      kind: 's3',
      endpoint: 'https://oss-cn-beijing.aliyuncs.com',
      bucket: 'civicgrid',
      region: 'us-east-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      pathStyle: true,
    });
    expect(
      loadPhotoStorage({ ...s3, S3_FORCE_PATH_STYLE: 'false', S3_REGION: 'cn-beijing' }, fail),
    ).toMatchObject({
      pathStyle: false,
      region: 'cn-beijing',
    });
  });

  it('names the setting that is missing or wrong', () => {
    expect(() => loadPhotoStorage({ PHOTO_STORE: 'ftp' }, fail)).toThrow('PHOTO_STORE must be local or s3');
    expect(() => loadPhotoStorage({ ...s3, S3_SECRET_ACCESS_KEY: '' }, fail)).toThrow(
      'S3_SECRET_ACCESS_KEY is required when PHOTO_STORE=s3',
    );
    expect(() => loadPhotoStorage({ ...s3, S3_ENDPOINT: 'oss.example.com' }, fail)).toThrow(
      'S3_ENDPOINT must be',
    );
  });
});
