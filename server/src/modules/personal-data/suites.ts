import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  getCiphers,
  getHashes,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** The keys one suite derives from one secret: for sealing, and for the keyed hash of blind indexes. */
export interface SuiteKeys {
  enc: Buffer;
  /** authenticates a sealed value where the cipher mode does not (encrypt-then-MAC) */
  tag: Buffer;
  index: Buffer;
}

/**
 * One authenticated cipher plus the keyed hash used for blind indexes. Every ciphertext names its suite, so
 * a database can hold values of several suites at once while it moves from one to another.
 */
export interface CipherSuite {
  /** the name written into every ciphertext; never change it once data exists */
  readonly id: string;
  /** whether this Node build has the primitives (SM4 and SM3 depend on the linked OpenSSL) */
  available(): boolean;
  deriveKeys(secret: string): SuiteKeys;
  /** encrypts and authenticates; the output carries its own nonce */
  seal(keys: SuiteKeys, plain: Buffer): Buffer;
  /** verifies and decrypts; throws when the value was altered or sealed under other keys */
  open(keys: SuiteKeys, sealed: Buffer): Buffer;
  /** keyed hash of an already normalised value, hex */
  index(keys: SuiteKeys, normalised: string): string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * AES-256-GCM with a random 96-bit nonce, and HMAC-SHA256 for blind indexes. The key derivation is the one
 * CivicGrid used before the keyring existed, so values written then still open and indexes still match.
 */
export const AES_256_GCM: CipherSuite = {
  id: 'aes256gcm',
  available: () => true,
  deriveKeys: (secret) => ({
    enc: sha256(`enc:${secret}`),
    tag: Buffer.alloc(0),
    index: sha256(`mac:${secret}`),
  }),
  seal(keys, plain) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  open(keys, sealed) {
    const decipher = createDecipheriv('aes-256-gcm', keys.enc, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  },
  index: (keys, normalised) => createHmac('sha256', keys.index).update(normalised).digest('hex'),
};

const sm3 = (text: string) => createHash('sm3').update(text).digest();
const SM4_TAG_BYTES = 16;

/**
 * SM4 (GB/T 32907) in CTR mode authenticated by HMAC-SM3 (GB/T 32905) over nonce and ciphertext
 * (encrypt-then-MAC), and HMAC-SM3 for blind indexes: the national-standard choice where a deployment must
 * use 国密 algorithms. Node's OpenSSL offers SM4-CTR and SM3 but not SM4-GCM, hence the composition.
 */
export const SM4_CTR_SM3: CipherSuite = {
  id: 'sm4ctr-sm3',
  available: () => getCiphers().includes('sm4-ctr') && getHashes().includes('sm3'),
  deriveKeys: (secret) => ({
    enc: sm3(`sm4-enc:${secret}`).subarray(0, 16),
    tag: sm3(`sm4-tag:${secret}`),
    index: sm3(`sm4-idx:${secret}`),
  }),
  seal(keys, plain) {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-ctr', keys.enc, iv);
    const body = Buffer.concat([iv, cipher.update(plain), cipher.final()]);
    const tag = createHmac('sm3', keys.tag).update(body).digest().subarray(0, SM4_TAG_BYTES);
    return Buffer.concat([tag, body]);
  },
  open(keys, sealed) {
    const tag = sealed.subarray(0, SM4_TAG_BYTES);
    const body = sealed.subarray(SM4_TAG_BYTES);
    const expected = createHmac('sm3', keys.tag).update(body).digest().subarray(0, SM4_TAG_BYTES);
    if (tag.length !== SM4_TAG_BYTES || !timingSafeEqual(tag, expected))
      throw new Error('personal data failed its integrity check');
    const decipher = createDecipheriv('sm4-ctr', keys.enc, body.subarray(0, 16));
    return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]);
  },
  index: (keys, normalised) => createHmac('sm3', keys.index).update(normalised).digest('hex'),
};

/** The suites CivicGrid knows, by the name a ciphertext carries. */
export const SUITES: readonly CipherSuite[] = [AES_256_GCM, SM4_CTR_SM3];

/** The settings value (PERSONAL_DATA_CIPHER) for each suite. */
export const SUITE_SETTINGS = { 'aes-256-gcm': AES_256_GCM, sm4: SM4_CTR_SM3 } as const;
export type SuiteSetting = keyof typeof SUITE_SETTINGS;
