import ipaddr from 'ipaddr.js';

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * True only for a globally routable unicast address. Refused: loopback, private (RFC 1918),
 * link-local (with 169.254.169.254, the cloud metadata service), unique-local, multicast,
 * broadcast, unspecified (0.0.0.0/8, ::), carrier-grade NAT, reserved and documentation
 * ranges, IPv4-mapped IPv6 of any of those, NAT64/6to4/Teredo and every IPv6 address
 * outside 2000::/3. Anything that is not an IP address is not public either.
 */
export function isPublicAddress(ip: string): boolean {
  if (typeof ip !== 'string' || !ipaddr.isValid(ip)) return false;
  // process() turns ::ffff:a.b.c.d into a.b.c.d, so a mapped address is judged as the IPv4 one.
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.range() === 'unicast';
  return address.range() === 'unicast' && address.match(GLOBAL_UNICAST_V6);
}
