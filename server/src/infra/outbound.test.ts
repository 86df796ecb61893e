import { describe, expect, it } from 'vitest';
import { isPublicAddress, OutboundPolicy } from './outbound.ts';

const FORBIDDEN = [
  '127.0.0.1',
  '127.8.8.8',
  '0.0.0.0',
  '10.1.2.3',
  '172.16.0.1',
  '192.168.1.1',
  '169.254.169.254',
  '100.64.0.1',
  '100.100.100.200',
  '224.0.0.1',
  '255.255.255.255',
  '240.0.0.1',
  '192.0.2.10',
  '::1',
  '::',
  'fe80::1',
  'fc00::1',
  'fd00:ec2::254',
  '::ffff:127.0.0.1',
  '::ffff:10.0.0.1',
  '::127.0.0.1',
  '2002:7f00:1::1',
  '64:ff9b::a00:1',
  'ff02::1',
  'not an address',
];

describe('outbound address policy', () => {
  it('counts only public unicast addresses as public', () => {
    for (const ip of FORBIDDEN) expect([ip, isPublicAddress(ip)]).toEqual([ip, false]);
    for (const ip of ['93.184.216.34', '1.1.1.1', '101.226.4.6', '2400:3200::1', '2606:4700::1111']) {
      expect([ip, isPublicAddress(ip)]).toEqual([ip, true]);
    }
  });

  it('checks every address a name resolves to, and lets the allow-list open names, addresses and ranges', async () => {
    const dns: Record<string, string[]> = {
      'robot.example.com': ['93.184.216.34'],
      'split.example.com': ['93.184.216.34', '10.0.0.5'],
      'hooks.intra': ['10.20.0.9'],
      'metadata.example.com': ['169.254.169.254'],
    };
    const resolve = async (host: string) => {
      const list = dns[host];
      if (!list) throw new Error('ENOTFOUND');
      return list.map((address) => ({ address, family: 4 as const }));
    };
    const strict = new OutboundPolicy([], resolve);
    const url = (u: string) => new URL(u);
    expect(await strict.destination(url('https://robot.example.com/send'))).toMatchObject({ ok: true });
    expect(await strict.destination(url('https://split.example.com/'))).toMatchObject({ ok: false });
    expect(await strict.destination(url('https://hooks.intra/'))).toMatchObject({ ok: false });
    expect(await strict.destination(url('https://nowhere.example.com/'))).toEqual({
      ok: false,
      reason: 'host does not resolve',
    });
    // the URL parser turns decimal, hex and bracketed forms into plain addresses before the check
    for (const u of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::ffff:7f00:1]/',
      'http://[::1]:8080/',
    ]) {
      expect(await strict.destination(url(u))).toMatchObject({ ok: false });
    }

    const open = new OutboundPolicy(['hooks.intra', '10.0.0.0/24', '::1', 'metadata.example.com'], resolve);
    expect(await open.destination(url('https://hooks.intra/'))).toMatchObject({ ok: true });
    expect(await open.destination(url('https://split.example.com/'))).toMatchObject({ ok: true });
    expect(await open.destination(url('http://[::1]/'))).toMatchObject({ ok: true });
    expect(await open.destination(url('http://10.0.1.1/'))).toMatchObject({ ok: false });
    // cloud metadata stays closed even to a name the allow-list opens
    expect(await open.destination(url('http://metadata.example.com/'))).toMatchObject({ ok: false });
    expect(await open.destination(url('http://169.254.169.254/latest/meta-data/'))).toMatchObject({
      ok: false,
    });
  });
});
