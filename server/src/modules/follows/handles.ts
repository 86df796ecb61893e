import {
  type Cipher,
  createCipheriv,
  createDecipheriv,
  createHash,
  type Decipher,
  timingSafeEqual,
} from 'node:crypto';
import { MAX_ROW_ID } from '../../infra/row-id.ts';

// The first half of every handle's plain block: a forged or mistyped handle decrypts to anything else.
const MAGIC = Buffer.from('cg.case.', 'ascii');
const HANDLE_PATTERN = /^[A-Za-z0-9_-]{22}$/;
// a larger id names no case, and looking it up would be a database error
const MAX_CASE_ID = BigInt(MAX_ROW_ID);

/**
 * Opaque, stable handles of cases for the public (a duplicate suggestion's "follow this one"): one AES-256
 * block holding a constant and the case id, encrypted with a key derived from the server's secret. A handle
 * names exactly one case and always the same one, tells nothing about the id, the tracking code or how many
 * cases there are, and cannot be forged: a made-up one decrypts to the constant with a chance of 2^-64.
 * Making or reading one costs a block operation in Node (about a microsecond), no database lookup: the
 * intake answers every report's duplicates with handles. Changing SECRET_KEY changes every handle (follower
 * codes and follows by account keep working; they are stored by case id).
 */
export class FollowHandles {
  // ECB keeps no state between blocks, so one cipher object serves every call (creating one costs ~10 µs)
  private readonly encrypt: Cipher;
  private readonly decrypt: Decipher;

  constructor(secret: string) {
    const key = createHash('sha256').update(`follow-handle:${secret}`).digest();
    this.encrypt = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
    this.decrypt = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  }

  /** The handle of a case. */
  handleOf(caseId: number): string {
    const block = Buffer.alloc(16);
    MAGIC.copy(block, 0);
    block.writeBigUInt64BE(BigInt(caseId), 8);
    return this.encrypt.update(block).toString('base64url');
  }

  /** The case id a handle names, or null when it is not a handle this server issued for a possible case id. */
  caseIdOf(handle: string): number | null {
    if (!HANDLE_PATTERN.test(handle)) return null;
    const raw = Buffer.from(handle, 'base64url');
    // the last character carries four spare bits: only the canonical spelling counts, so a case has one handle
    if (raw.length !== 16 || raw.toString('base64url') !== handle) return null;
    const block = this.decrypt.update(raw);
    if (block.length !== 16 || !timingSafeEqual(block.subarray(0, 8), MAGIC)) return null;
    const id = block.readBigUInt64BE(8);
    return id > 0n && id <= MAX_CASE_ID ? Number(id) : null;
  }
}
