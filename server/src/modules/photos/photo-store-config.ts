/** Where photos are kept: the local folder (default) or an S3-compatible object store (PHOTO_STORE=s3). */
export type PhotoStorageSettings = { kind: 'local' } | S3Settings;

/** An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Aliyun OSS, Tencent COS, Huawei OBS …). */
export interface S3Settings {
  kind: 's3';
  /** S3_ENDPOINT: e.g. https://oss-cn-beijing.aliyuncs.com or http://minio.internal:9000 */
  endpoint: string;
  /** S3_BUCKET */
  bucket: string;
  /** S3_REGION (default us-east-1; MinIO accepts any) */
  region: string;
  /** S3_ACCESS_KEY_ID */
  accessKeyId: string;
  /** S3_SECRET_ACCESS_KEY */
  secretAccessKey: string;
  /** S3_FORCE_PATH_STYLE: <endpoint>/<bucket>/<key> (default, what MinIO and Ceph want) instead of <bucket>.<host> */
  pathStyle: boolean;
}

type Fail = (variable: string, reason: string) => Error;

function required(env: NodeJS.ProcessEnv, name: string, fail: Fail): string {
  const raw = env[name]?.trim();
  if (!raw) throw fail(name, 'is required when PHOTO_STORE=s3');
  return raw;
}

/** Reads PHOTO_STORE and the S3_* settings; fail names the first bad variable. */
export function loadPhotoStorage(env: NodeJS.ProcessEnv, fail: Fail): PhotoStorageSettings {
  const kind = env.PHOTO_STORE?.trim().toLowerCase() || 'local';
  if (kind === 'local') return { kind };
  if (kind !== 's3') throw fail('PHOTO_STORE', `must be local or s3, got "${env.PHOTO_STORE}"`);
  const endpoint = required(env, 'S3_ENDPOINT', fail).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(endpoint))
    throw fail('S3_ENDPOINT', `must be http(s)://host[:port] with no path, got "${endpoint}"`);
  const bucket = required(env, 'S3_BUCKET', fail);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw fail('S3_BUCKET', `must be a bucket name (3–63 of a-z 0-9 . -), got "${bucket}"`);
  const style = env.S3_FORCE_PATH_STYLE?.trim().toLowerCase() || 'true';
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(style))
    throw fail('S3_FORCE_PATH_STYLE', `must be true or false, got "${env.S3_FORCE_PATH_STYLE}"`);
  return {
    kind,
    endpoint,
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    accessKeyId: required(env, 'S3_ACCESS_KEY_ID', fail),
    secretAccessKey: required(env, 'S3_SECRET_ACCESS_KEY', fail),
    pathStyle: ['true', '1', 'yes'].includes(style),
  };
}
