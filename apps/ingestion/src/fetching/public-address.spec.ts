import { isPublicAddress } from './public-address';

describe('isPublicAddress', () => {
  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001::200e',
  ])('accepts the public address %s', (ip) => expect(isPublicAddress(ip)).toBe(true));

  it.each([
    ['loopback', '127.0.0.1'],
    ['loopback, anywhere in 127/8', '127.255.0.9'],
    ['private 10/8', '10.1.2.3'],
    ['private 172.16/12', '172.31.255.255'],
    ['private 192.168/16', '192.168.0.1'],
    ['link-local', '169.254.1.1'],
    ['the metadata service', '169.254.169.254'],
    ['carrier-grade NAT', '100.64.0.1'],
    ['0.0.0.0/8', '0.0.0.0'],
    ['0.0.0.0/8', '0.1.2.3'],
    ['multicast', '224.0.0.1'],
    ['broadcast', '255.255.255.255'],
    ['reserved', '240.0.0.1'],
    ['documentation', '192.0.2.1'],
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['IPv6 link-local', 'fe80::1'],
    ['IPv6 link-local with a zone', 'fe80::1%eth0'],
    ['IPv6 unique-local', 'fd00::1'],
    ['IPv6 unique-local fc00::/7', 'fc12::1'],
    ['IPv6 multicast', 'ff02::1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped loopback, hex', '::ffff:7f00:1'],
    ['IPv4-mapped private', '::ffff:10.0.0.1'],
    ['IPv4-mapped metadata service', '::ffff:169.254.169.254'],
    ['IPv4-compatible (deprecated) loopback', '::127.0.0.1'],
    ['NAT64 of a private address', '64:ff9b::a00:1'],
    ['6to4', '2002:7f00:1::1'],
    ['Teredo', '2001::1'],
    ['IPv6 documentation', '2001:db8::1'],
    ['site-local', 'fec0::1'],
    ['not an address', 'example.com'],
    ['empty', ''],
    ['a bracketed literal', '[::1]'],
  ])('refuses %s (%s)', (_, ip) => expect(isPublicAddress(ip)).toBe(false));

  it('judges an IPv4-mapped public address as the IPv4 one', () => {
    expect(isPublicAddress('::ffff:8.8.8.8')).toBe(true);
  });
});
