import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (A and AAAA), as the system resolver answers. */
export type Resolve = (host: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo, so /etc/hosts counts), asking for all addresses. */
export const systemResolve: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Where a destination may be reached: the checked addresses, or why it may not. */
export type Destination = { ok: true; addresses: ResolvedAddress[] } | { ok: false; reason: string };

// Cloud metadata services (AWS, GCP, Azure, Alibaba, Tencent, Huawei, AWS IPv6): never reachable, not even
// through the allow-list, since they hand out the machine's credentials.
const METADATA = [
  '169.254.169.254/32',
  '169.254.170.2/32',
  '169.254.0.23/32',
  '100.100.100.200/32',
  'fd00:ec2::254/128',
].map((c) => ipaddr.parseCIDR(c));

// Global unicast IPv6 (2000::/3); anything outside it (IPv4-compatible ::a.b.c.d and other oddities) is refused.
const GLOBAL_V6 = ipaddr.parseCIDR('2000::/3');

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** An address as IPv4 when it is an IPv4-mapped IPv6 one (::ffff:127.0.0.1 is 127.0.0.1). */
function normalise(ip: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const addr = ipaddr.parse(ip);
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()
    ? (addr as ipaddr.IPv6).toIPv4Address()
    : addr;
}

function inCidr(addr: ipaddr.IPv4 | ipaddr.IPv6, [base, bits]: Cidr): boolean {
  return addr.kind() === base.kind() && addr.match(base, bits);
}

/**
 * True for an address on the public internet: IPv4 outside every special range (loopback, private,
 * link-local, CGNAT, multicast, reserved, …), IPv6 global unicast outside the special ranges (unique-local,
 * 6to4, Teredo and NAT64 prefixes, which embed or reach other addresses).
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const addr = normalise(ip);
  if (METADATA.some((c) => inCidr(addr, c))) return false;
  if (addr.kind() === 'ipv6' && !inCidr(addr, GLOBAL_V6)) return false;
  return addr.range() === 'unicast';
}

/** The entries of an allow-list, split into host names and address ranges (a bare address is a /32 or /128). */
export function parseAllowList(entries: readonly string[]): { hosts: Set<string>; ranges: Cidr[] } {
  const hosts = new Set<string>();
  const ranges: Cidr[] = [];
  for (const raw of entries) {
    const e = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    if (!e) continue;
    if (e.includes('/')) ranges.push(ipaddr.parseCIDR(e));
    else if (ipaddr.isValid(e)) {
      const addr = normalise(e);
      ranges.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
    } else hosts.add(e);
  }
  return { hosts, ranges };
}

/** True when an allow-list entry is a host name, an IP address or a CIDR range. */
export function isAllowListEntry(entry: string): boolean {
  const e = entry.trim().replace(/^\[|\]$/g, '');
  if (e.includes('/')) return ipaddr.isValidCIDR(e);
  return ipaddr.isValid(e) || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(e);
}

/**
 * The rule for requests the server makes on someone's behalf (webhooks): a destination's host must resolve
 * only to public addresses, unless the operator's allow-list (WEBHOOK_ALLOW_HOSTS) names the host, the
 * address or its range. The caller connects to the addresses returned, never resolving the name again, so
 * a DNS answer that changes between the check and the connection cannot redirect the request.
 */
export class OutboundPolicy {
  private readonly allow: { hosts: Set<string>; ranges: Cidr[] };

  constructor(
    allowList: readonly string[] = [],
    private readonly resolve: Resolve = systemResolve,
  ) {
    this.allow = parseAllowList(allowList);
  }

  /** Whether one resolved address may be contacted. */
  private allowed(ip: string, hostAllowed: boolean): boolean {
    if (!ipaddr.isValid(ip)) return false;
    const addr = normalise(ip);
    if (METADATA.some((c) => inCidr(addr, c))) return false;
    return hostAllowed || isPublicAddress(ip) || this.allow.ranges.some((c) => inCidr(addr, c));
  }

  /** Resolves a URL's host and checks every address it has; all must be allowed. */
  async destination(url: URL): Promise<Destination> {
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    const hostAllowed = this.allow.hosts.has(host);
    let addresses: ResolvedAddress[];
    if (ipaddr.isValid(host)) {
      addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
    } else {
      try {
        addresses = await this.resolve(host);
      } catch {
        return { ok: false, reason: 'host does not resolve' };
      }
    }
    if (addresses.length === 0) return { ok: false, reason: 'host does not resolve' };
    const refused = addresses.find((a) => !this.allowed(a.address, hostAllowed));
    if (refused) return { ok: false, reason: 'not a public address' };
    return { ok: true, addresses };
  }
}
