import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FollowHandles } from './handles.ts';

const handles = new FollowHandles('a-secret-key-that-is-long-enough-0000');

describe('follow handles', () => {
  it('names each case by one stable handle that reads back to its id', () => {
    for (const id of [1, 2, 41, 123_456, 2 ** 31 - 1]) {
      const h = handles.handleOf(id);
      expect(h).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(handles.handleOf(id)).toBe(h);
      expect(handles.caseIdOf(h)).toBe(id);
    }
  });

  it('reads no id beyond what cases.id can hold (such a lookup was a 500), though the block could carry it', () => {
    for (const id of [2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
      expect(handles.handleOf(id)).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(handles.caseIdOf(handles.handleOf(id))).toBeNull();
    }
  });

  it('shows nothing of the id: neighbouring cases share no visible part', () => {
    const a = handles.handleOf(1000);
    const b = handles.handleOf(1001);
    expect(a.slice(0, 4)).not.toBe(b.slice(0, 4));
    expect(a).not.toContain('1000');
  });

  it('accepts no handle it did not issue: random, altered, another key’s or another spelling', () => {
    const h = handles.handleOf(77);
    for (let i = 0; i < 200; i++) expect(handles.caseIdOf(randomBytes(16).toString('base64url'))).toBeNull();
    expect(handles.caseIdOf(`${h.slice(0, 10)}${h[10] === 'x' ? 'y' : 'x'}${h.slice(11)}`)).toBeNull();
    expect(
      handles.caseIdOf(new FollowHandles('another-secret-key-long-enough-00000').handleOf(77)),
    ).toBeNull();
    // the last character carries four unused bits: setting one spells the same bytes, which is no handle
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const variant = `${h.slice(0, 21)}${alphabet[alphabet.indexOf(h[21]!) | 1]}`;
    expect(Buffer.from(variant, 'base64url')).toEqual(Buffer.from(h, 'base64url'));
    expect(handles.caseIdOf(variant)).toBeNull();
    for (const bad of ['', '77', 'x'.repeat(21), 'x'.repeat(23), `${h.slice(0, 21)}!`]) {
      expect(handles.caseIdOf(bad)).toBeNull();
    }
  });
});
