// Which addresses a webhook may be delivered to. A subscription's target_url is chosen by
// whoever holds a token, so without a check the API would POST, from inside its own network,
// to whatever that URL names: an internal admin port, a cloud metadata service. Targets must
// be https and resolve only to public addresses; the sandbox's development mode (the default:
// the tests' and `npm start`'s receivers listen on 127.0.0.1) also lets loopback through, over
// http or https. The check runs when a hook is subscribed and again on every connection, on
// the address actually connected to, so a name that later resolves elsewhere is caught too.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type TargetPolicy = 'development' | 'production';

/** Why a target is refused, in words for the 422 and the delivery log; null when allowed. */
export type Refusal = string | null;

/** ipaddr.js ranges that are public, routable unicast addresses. */
const PUBLIC_RANGES = new Set(['unicast']);

/**
 * An address as it is judged: every spelling reduced to one. IPv4 in any form (decimal
 * `2130706433`, octal `0177.0.0.1`, hex `0x7f.1`) is its dotted quad; IPv6 is unbracketed,
 * and an IPv4 address carried inside it (mapped `::ffff:a.b.c.d`, IPv4-compatible
 * `::a.b.c.d` = `::7f00:1`, NAT64 `64:ff9b::/96` and `64:ff9b:1::/48`, 6to4 `2002::/16`,
 * Teredo `2001::/32`) is named, so it is judged as what it reaches, not as "unicast IPv6".
 */
export interface ClassifiedAddress {
  /** The canonical text: a dotted quad, or IPv6 in its shortest form. */
  address: string;
  /** ipaddr.js's range of the address judged (the embedded IPv4's for a mapped address). */
  range: string;
  /** How an IPv4 address is carried inside IPv6, when it is. */
  carrier: 'mapped' | 'compatible' | 'nat64' | '6to4' | 'teredo' | null;
  /** The IPv4 address carried, when there is one. */
  embedded: string | null;
  /** A zone id (`fe80::1%eth0`) was given: a scoped, link-local address. */
  zoned: boolean;
}

const v4Of = (bytes: number[]) => bytes.join('.');

/** The address behind any spelling of an IP literal, or null when it is not one. */
export function classifyAddress(text: string): ClassifiedAddress | null {
  let bare = text.trim();
  if (bare.startsWith('[') && bare.endsWith(']')) bare = bare.slice(1, -1);
  const zone = bare.indexOf('%');
  const zoned = zone !== -1;
  if (zoned) bare = bare.slice(0, zone);
  // An IPv6 literal ending in a dotted quad is rewritten as two hex groups first
  // (ipaddr.js would read `::127.0.0.1` as the mapped `::ffff:127.0.0.1`).
  const tail = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare);
  if (tail) {
    const q = tail.slice(2, 6).map(Number);
    if (q.some((n) => n > 255)) return null;
    bare = `${tail[1]}${((q[0]! << 8) | q[1]!).toString(16)}:${((q[2]! << 8) | q[3]!).toString(16)}`;
  }
  if (!ipaddr.isValid(bare)) return null;
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv4') return { address: parsed.toString(), range: parsed.range(), carrier: null, embedded: null, zoned };
  const bytes = parsed.toByteArray();
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const last4 = bytes.slice(12, 16);
  const embedded = (carrier: ClassifiedAddress['carrier'], v4: number[]): ClassifiedAddress => {
    const inner = ipaddr.IPv4.parse(v4Of(v4));
    return { address: ipaddr.fromByteArray(bytes).toString(), range: inner.range(), carrier, embedded: inner.toString(), zoned };
  };
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return embedded('mapped', last4);
  if (zeros(0, 12)) {
    const v6 = ipaddr.fromByteArray(bytes);
    // :: and ::1 are themselves; anything else in ::/96 is the deprecated IPv4-compatible form.
    if (zeros(12, 15) && (bytes[15] === 0 || bytes[15] === 1))
      return { address: v6.toString(), range: v6.range(), carrier: null, embedded: null, zoned };
    return embedded('compatible', last4);
  }
  const word0 = (bytes[0]! << 8) | bytes[1]!;
  const word1 = (bytes[2]! << 8) | bytes[3]!;
  if (word0 === 0x64 && word1 === 0xff9b && (zeros(4, 12) || ((bytes[4]! << 8) | bytes[5]!) === 1)) return embedded('nat64', last4);
  if (word0 === 0x2002) return embedded('6to4', bytes.slice(2, 6));
  if (word0 === 0x2001 && word1 === 0)
    return embedded(
      'teredo',
      last4.map((b) => b ^ 0xff),
    );
  return { address: parsed.toString(), range: parsed.range(), carrier: null, embedded: null, zoned };
}

const CARRIER_WORDS: Record<NonNullable<ClassifiedAddress['carrier']>, string> = {
  mapped: 'an IPv4-mapped form',
  compatible: 'the deprecated IPv4-compatible form',
  nat64: 'a NAT64 form',
  '6to4': 'a 6to4 tunnel form',
  teredo: 'a Teredo tunnel form',
};

/** Whether an IP address (any spelling, v4 or v6) may receive deliveries under the policy. */
export function addressRefusal(address: string, policy: TargetPolicy): Refusal {
  const classified = classifyAddress(address);
  if (!classified) return `${address} is not an IP address`;
  if (classified.zoned) return 'it names a network interface (a zone id): only link-local addresses have one';
  // An IPv4 address inside IPv6 other than the mapped form reaches that IPv4 address through a
  // translator or a tunnel: never a webhook receiver's address, whatever it carries.
  if (classified.carrier && classified.carrier !== 'mapped')
    return `it is ${CARRIER_WORDS[classified.carrier]} of ${classified.embedded}, not a public address`;
  const range = classified.range;
  if (range === 'loopback') return policy === 'development' ? null : 'it is on the API’s own machine (loopback)';
  if (!PUBLIC_RANGES.has(range)) return `it is a ${RANGE_WORDS[range] ?? `${range} address`}, not a public one`;
  // Public IPv6 is global unicast (2000::/3); anything else is unassigned.
  if (!classified.embedded && classified.address.includes(':') && !/^[23][0-9a-f]{0,3}:/i.test(classified.address))
    return 'it is a reserved address, not a public one';
  return null;
}

const RANGE_WORDS: Record<string, string> = {
  private: 'private network address',
  linkLocal: 'link-local address (such as a cloud metadata service)',
  uniqueLocal: 'private network address',
  unspecified: 'unspecified address',
  carrierGradeNat: 'carrier-grade NAT address',
  broadcast: 'broadcast address',
  multicast: 'multicast address',
  reserved: 'reserved address',
  benchmarking: 'benchmarking address',
  amt: 'reserved address',
  as112: 'reserved address',
  deprecated: 'reserved address',
  orchid2: 'reserved address',
  droneRemoteIdProtocolEntityTags: 'reserved address',
  teredo: 'tunnel address',
  '6to4': 'tunnel address',
  rfc6052: 'translated address',
  rfc6145: 'translated address',
  ipv4Mapped: 'mapped address',
  discard: 'discard address',
};

/** A URL's host as an address when it is an IP literal in any spelling ("[::1]", "0x7f.1"), else null. */
function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) || classifyAddress(bare) ? bare : null;
}

/**
 * What can be said of a target URL without resolving it: the scheme, and the address when the
 * host is an IP literal or `localhost`. Names are checked again, resolved, at connection time.
 */
export function urlRefusal(target: string, policy: TargetPolicy): Refusal {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'it is not a URL';
  }
  if (url.username || url.password) return 'it must not carry a user name or password';
  const literal = literalAddress(url.hostname);
  // "localhost." is localhost: names are compared without their final dot.
  const name = url.hostname.toLowerCase().replace(/\.$/, '');
  const loopbackName = name === 'localhost' || name.endsWith('.localhost');
  const classified = literal !== null ? classifyAddress(literal) : null;
  const local =
    (classified !== null && classified.range === 'loopback' && (classified.carrier === null || classified.carrier === 'mapped')) ||
    loopbackName;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local && policy === 'development')) {
    return policy === 'development' ? 'it must be https (plain http only to this machine)' : 'it must be https';
  }
  if (literal !== null) return addressRefusal(literal, policy);
  if (loopbackName) return policy === 'development' ? null : 'it is on the API’s own machine (loopback)';
  return null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for http.request that resolves as usual and refuses, before any connection, a
 * name whose addresses are not all allowed (one bad address is enough: a resolver may rotate).
 */
export function guardedLookup(policy: TargetPolicy, resolve: Lookup = dnsLookup as unknown as Lookup): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, options.all ? [] : '', undefined);
      const list = addresses as LookupAddress[];
      const refused = list.map((entry) => ({ entry, why: addressRefusal(entry.address, policy) })).find(({ why }) => why !== null);
      if (refused || list.length === 0) {
        const refusal = Object.assign(
          new Error(`refused to connect to ${hostname}: ${refused ? `${refused.entry.address}: ${refused.why}` : 'no address'}`),
          {
            code: 'ETARGETREFUSED',
          },
        );
        return callback(refusal, options.all ? [] : '', undefined);
      }
      if (options.all) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
