import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PersonalDataCipher } from './cipher.ts';
import { blindIndexOf } from './fields.ts';
import { SM4_CTR_SM3 } from './suites.ts';

const OLD = 'an-old-secret-key-that-is-long-enough-0001';
const NEW = 'a-new-secret-key-that-is-long-enough-00002';

/** A value as the cipher before the keyring wrote it: "v1." + AES-256-GCM under sha256("enc:" + secret). */
function legacyV1(secret: string, plain: string): string {
  const key = createHash('sha256').update(`enc:${secret}`).digest();
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
}

describe('the personal-data cipher', () => {
  it('round-trips a value and never stores it readable, with a fresh nonce each time', () => {
    const cipher = new PersonalDataCipher(NEW);
    const a = cipher.encrypt('13800001111');
    const b = cipher.encrypt('13800001111');
    expect(a).toMatch(/^v2\.aes256gcm\.[0-9a-f]{8}\./);
    expect(a).not.toContain('13800001111');
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a)).toBe('13800001111');
    expect(cipher.decrypt(cipher.encrypt('张三丰'))).toBe('张三丰');
  });

  it('refuses a tampered value and a value sealed under a key it does not hold', () => {
    const cipher = new PersonalDataCipher(NEW);
    const sealed = cipher.encrypt('13800001111');
    const body = Buffer.from(sealed.split('.')[3]!, 'base64');
    body[body.length - 1]! ^= 1;
    const tampered = `${sealed.split('.').slice(0, 3).join('.')}.${body.toString('base64')}`;
    expect(() => cipher.decrypt(tampered)).toThrow();
    expect(() => new PersonalDataCipher(OLD).decrypt(sealed)).toThrow(/SECRET_KEY_PREVIOUS/);
  });

  it('still opens values written before the keyring (v1, no key id)', () => {
    const v1 = legacyV1(OLD, '13900002222');
    expect(new PersonalDataCipher(OLD).decrypt(v1)).toBe('13900002222');
    expect(new PersonalDataCipher(NEW, { previous: [OLD] }).decrypt(v1)).toBe('13900002222');
  });

  it('rotates: a new secret seals, the previous one still opens, and old values are told apart', () => {
    const before = new PersonalDataCipher(OLD);
    const after = new PersonalDataCipher(NEW, { previous: [OLD] });
    const old = before.encrypt('李四');
    expect(after.decrypt(old)).toBe('李四');
    expect(after.isCurrent(old)).toBe(false);
    const fresh = after.encrypt('李四');
    expect(after.isCurrent(fresh)).toBe(true);
    expect(after.currentPrefix).not.toBe(before.currentPrefix);
    // search during a rotation matches rows indexed under either key
    expect(after.blindIndexes('李四')).toEqual(
      expect.arrayContaining([after.blindIndex('李四'), before.blindIndex('李四')]),
    );
  });

  it('keeps the blind index of the cipher it replaces, keyed, and normalised per kind', () => {
    const cipher = new PersonalDataCipher(OLD);
    // the same derivation as before the keyring: HMAC-SHA256 under sha256("mac:" + secret), trimmed, upper-case
    const key = createHash('sha256').update(`mac:${OLD}`).digest();
    expect(cipher.blindIndex(' 41160219900101123x ')).toBe(
      createHmac('sha256', key).update('41160219900101123X').digest('hex'),
    );
    expect(new PersonalDataCipher(NEW).blindIndex('41160219900101123X')).not.toBe(
      cipher.blindIndex('41160219900101123X'),
    );
    expect(blindIndexOf(cipher, 'phone', '+86 138-0000-1111')).toBe(
      blindIndexOf(cipher, 'phone', '13800001111'),
    );
    expect(blindIndexOf(cipher, 'name', ' 张三 ')).toBe(blindIndexOf(cipher, 'name', '张三'));
  });

  it.runIf(SM4_CTR_SM3.available())('seals with SM4 when configured, and moves between suites', () => {
    const sm4 = new PersonalDataCipher(NEW, { suite: 'sm4' });
    const sealed = sm4.encrypt('13800001111');
    expect(sealed).toMatch(/^v2\.sm4ctr-sm3\.[0-9a-f]{8}\./);
    expect(sm4.decrypt(sealed)).toBe('13800001111');
    const body = Buffer.from(sealed.split('.')[3]!, 'base64');
    body[20]! ^= 1;
    expect(() =>
      sm4.decrypt(`${sealed.split('.').slice(0, 3).join('.')}.${body.toString('base64')}`),
    ).toThrow(/integrity/);
    // an AES value written before the switch still opens, and is due for re-sealing
    const aes = new PersonalDataCipher(NEW).encrypt('王五');
    expect(sm4.decrypt(aes)).toBe('王五');
    expect(sm4.isCurrent(aes)).toBe(false);
    expect(sm4.blindIndex('王五')).not.toBe(new PersonalDataCipher(NEW).blindIndex('王五'));
  });
});
