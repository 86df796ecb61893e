import { createHash } from 'node:crypto';
import {
  AES_256_GCM,
  type CipherSuite,
  SUITE_SETTINGS,
  SUITES,
  type SuiteKeys,
  type SuiteSetting,
} from './suites.ts';

/** One key of the keyring: a suite, the keys it derived from one secret, and the id ciphertexts name it by. */
interface KeyringEntry {
  suite: CipherSuite;
  kid: string;
  keys: SuiteKeys;
}

/** The settings a cipher is built from (see config.ts: SECRET_KEY, SECRET_KEY_PREVIOUS, PERSONAL_DATA_CIPHER). */
export interface CipherSettings {
  secretKey: string;
  previousSecretKeys?: string[];
  personalDataCipher?: SuiteSetting;
}

/** A short public name of a secret: ciphertexts carry it so the keyring knows which key opens them. */
export function keyId(secret: string): string {
  return createHash('sha256').update(`kid:${secret}`).digest('hex').slice(0, 8);
}

/**
 * Seals personal fields (names, phones, ID numbers, addresses) in Node, never in SQL: PGlite's pgcrypto
 * failed intermittently when measured, and keeping the key out of SQL text keeps it out of logs.
 *
 * A keyring: the current secret with the configured suite seals; every secret (current and previous) with
 * every available suite opens. A ciphertext reads `v2.<suite>.<key id>.<base64>`, so values sealed under a
 * retired secret or another suite keep opening until `rotate-personal-data` re-seals them. Values written
 * before the keyring (`v1.<base64>`, AES-256-GCM without a key id) open with any AES key that verifies.
 */
export class PersonalDataCipher {
  private readonly primary: KeyringEntry;
  private readonly byName = new Map<string, KeyringEntry>();
  private readonly entries: KeyringEntry[] = [];

  constructor(secret: string, opts: { previous?: string[]; suite?: SuiteSetting } = {}) {
    const suite = SUITE_SETTINGS[opts.suite ?? 'aes-256-gcm'];
    if (!suite.available()) throw new Error(`this Node build lacks the primitives of cipher ${suite.id}`);
    const secrets = [...new Set([secret, ...(opts.previous ?? [])])];
    const suites = [suite, ...SUITES.filter((s) => s !== suite && s.available())];
    for (const s of secrets)
      for (const su of suites) {
        const entry = { suite: su, kid: keyId(s), keys: su.deriveKeys(s) };
        this.entries.push(entry);
        this.byName.set(`${su.id}.${entry.kid}`, entry);
      }
    this.primary = this.entries[0]!;
  }

  /** The start every value sealed under the current key has; anything else wants re-sealing. */
  get currentPrefix(): string {
    return `v2.${this.primary.suite.id}.${this.primary.kid}.`;
  }

  /** Seals a value under the current key. */
  encrypt(plain: string): string {
    const sealed = this.primary.suite.seal(this.primary.keys, Buffer.from(plain, 'utf8'));
    return `${this.currentPrefix}${sealed.toString('base64')}`;
  }

  /** Opens a value sealed under any key of the ring; throws when none verifies it. */
  decrypt(stored: string): string {
    if (stored.startsWith('v1.')) return this.openLegacy(Buffer.from(stored.slice(3), 'base64'));
    const [version, suite, kid, body] = stored.split('.');
    const entry = this.byName.get(`${suite}.${kid}`);
    if (version !== 'v2' || body === undefined) throw new Error('not a sealed personal-data value');
    if (!entry)
      throw new Error(
        `personal data sealed under unknown key ${suite}.${kid}: add its secret to SECRET_KEY_PREVIOUS`,
      );
    return entry.suite.open(entry.keys, Buffer.from(body, 'base64')).toString('utf8');
  }

  /** True when the value is sealed under the current key and suite (rotation leaves it alone). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(this.currentPrefix);
  }

  /** A keyed hash for equality lookups (finding a person by ID number) without storing the value. */
  blindIndex(plain: string): string {
    return this.primary.suite.index(this.primary.keys, plain.trim().toUpperCase());
  }

  /**
   * The blind index of a value under every key of the ring, current first: what a search must match while
   * rows indexed under a previous key have not been rotated yet.
   */
  blindIndexes(plain: string): string[] {
    const normalised = plain.trim().toUpperCase();
    return [...new Set(this.entries.map((e) => e.suite.index(e.keys, normalised)))];
  }

  private openLegacy(sealed: Buffer): string {
    for (const e of this.entries) {
      if (e.suite !== AES_256_GCM) continue;
      try {
        return e.suite.open(e.keys, sealed).toString('utf8');
      } catch {
        // another key of the ring may have sealed it
      }
    }
    throw new Error('personal data sealed under an unknown key: add its secret to SECRET_KEY_PREVIOUS');
  }
}

const built = new WeakMap<CipherSettings, PersonalDataCipher>();

/** The cipher for a configuration (built once per configuration object). */
export function cipherFromConfig(config: CipherSettings): PersonalDataCipher {
  let cipher = built.get(config);
  if (!cipher) {
    cipher = new PersonalDataCipher(config.secretKey, {
      previous: config.previousSecretKeys,
      suite: config.personalDataCipher,
    });
    built.set(config, cipher);
  }
  return cipher;
}
