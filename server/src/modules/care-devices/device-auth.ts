import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type Db, one } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import {
  canonicalText,
  DEVICE_HEADERS,
  NONCE_PATTERN,
  signatureMatches,
  signatureOf,
  WINDOW_SECONDS,
} from './signing.ts';

/** The device a signed call came from. */
export interface SigningDevice {
  id: number;
  orgCode: string;
  refGroup: string | null;
}

const refused = () => new AppError('DEVICE_SIGNATURE_INVALID', 401);

/**
 * Opened keys by their sealed form: opening costs a key derivation per call otherwise. Keyed by the sealed
 * text, so a rotated or re-sealed key is opened afresh; the device row itself is read on every call, so a
 * retired device is refused at once in every process.
 */
const opened = new Map<string, string>();

function openKey(cipher: PersonalDataCipher, sealed: string): string {
  let key = opened.get(sealed);
  if (key === undefined) {
    key = cipher.decrypt(sealed);
    if (opened.size > 10_000) opened.clear();
    opened.set(sealed, key);
  }
  return key;
}

function header(req: FastifyRequest, name: string): string {
  const v = req.headers[name];
  return typeof v === 'string' ? v : '';
}

/**
 * Authenticates a device call: HMAC-SHA256 under the device's key over method, path, timestamp, nonce and
 * body (signing.ts), a timestamp within five minutes of the server's clock, and a nonce never seen before
 * from that device. Every failure but a replay is the same 401, so a caller learns nothing of which part was
 * wrong; the nonce is stored only once the signature holds, so forged calls cannot fill the store.
 */
export async function authenticateDevice(
  db: Db,
  cipher: PersonalDataCipher,
  req: FastifyRequest,
  rawBody: Buffer | string,
  now = new Date(),
): Promise<SigningDevice> {
  const id = header(req, DEVICE_HEADERS.device);
  const timestamp = header(req, DEVICE_HEADERS.timestamp);
  const nonce = header(req, DEVICE_HEADERS.nonce);
  const signature = header(req, DEVICE_HEADERS.signature);
  if (!/^[1-9][0-9]{0,9}$/.test(id) || Number(id) > 2_147_483_647) throw refused();
  if (!/^[0-9]{1,12}$/.test(timestamp) || !NONCE_PATTERN.test(nonce) || !/^[0-9a-f]{64}$/i.test(signature))
    throw refused();
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > WINDOW_SECONDS) throw refused();
  const device = await one<SigningDevice & { keyEnc: string }>(
    db,
    sql`select id, org_code as "orgCode", ref_group as "refGroup", key_enc as "keyEnc"
        from care_devices where id = ${Number(id)} and retired_at is null`,
    { prepare: 'care_device_auth' },
  );
  if (!device) throw refused();
  const expected = signatureOf(
    openKey(cipher, device.keyEnc),
    canonicalText(req.method, req.url, timestamp, nonce, rawBody),
  );
  if (!signatureMatches(expected, signature.toLowerCase())) throw refused();
  const fresh = await one(
    db,
    sql`insert into care_device_nonces (device_id, nonce) values (${device.id}, ${nonce})
        on conflict do nothing returning 1 as ok`,
    { prepare: 'care_device_nonce' },
  );
  if (!fresh) throw new AppError('DEVICE_REPLAY', 409);
  return { id: device.id, orgCode: device.orgCode, refGroup: device.refGroup };
}

/** Deletes nonces older than twice the window: a call that old is refused by its timestamp anyway. */
export async function purgeNonces(db: Db, now = new Date()): Promise<number> {
  const { rows } = await db.execute(
    sql`delete from care_device_nonces
        where seen_at < ${now}::timestamptz - make_interval(secs => ${2 * WINDOW_SECONDS}) returning 1`,
  );
  return rows.length;
}
