import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** SHA-256 hex of a token, so stolen database rows cannot be replayed as sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh random bearer/session token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Encrypts personal data (ID numbers, phones) with AES-256-GCM in Node, not in SQL: PGlite's pgcrypto
 * failed intermittently when measured, and keeping the key out of SQL text keeps it out of logs.
 */
export class PersonalDataCipher {
  private readonly key: Buffer;
  private readonly hmacKey: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`enc:${secret}`).digest();
    this.hmacKey = createHash('sha256').update(`mac:${secret}`).digest();
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** A keyed hash for equality lookups (finding a person by ID number) without storing the number. */
  blindIndex(plain: string): string {
    return createHmac('sha256', this.hmacKey).update(plain.trim().toUpperCase()).digest('hex');
  }
}

/** Masks all but the first and last characters kept, e.g. 4116**********1234. */
export function mask(value: string, keepStart = 3, keepEnd = 4): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(-keepEnd);
}
