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

/** Whether an IP address (v4 or v6, v4-mapped included) may receive deliveries under the policy. */
export function addressRefusal(address: string, policy: TargetPolicy): Refusal {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.process(address); // ::ffff:10.0.0.1 is judged as 10.0.0.1
  const range = parsed.range();
  if (range === 'loopback') return policy === 'development' ? null : 'it is on the API’s own machine (loopback)';
  if (PUBLIC_RANGES.has(range)) return null;
  return `it is a ${RANGE_WORDS[range] ?? `${range} address`}, not a public one`;
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

/** A URL's host as an address when it is an IP literal ("[::1]" → "::1"), else null. */
function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
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
  const loopbackName = url.hostname === 'localhost' || url.hostname.endsWith('.localhost');
  const local = (literal !== null && ipaddr.process(literal).range() === 'loopback') || loopbackName;
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
        const refusal = Object.assign(new Error(`refused to connect to ${hostname}: ${refused ? `${refused.entry.address}: ${refused.why}` : 'no address'}`), {
          code: 'ETARGETREFUSED',
        });
        return callback(refusal, options.all ? [] : '', undefined);
      }
      if (options.all) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
