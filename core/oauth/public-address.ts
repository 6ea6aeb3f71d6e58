import { BlockList, isIPv4, isIPv6 } from 'node:net';

// Addresses a server fetching on behalf of anyone must not reach (RFC 6890 special-purpose
// ranges): this machine, private networks, link-local (cloud metadata at 169.254.169.254),
// shared carrier space, documentation, benchmarking, multicast and reserved.
const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  nonPublic.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  nonPublic.addSubnet(network, prefix, 'ipv6');

/**
 * True for an address on the public internet; false for loopback, private, link-local and the
 * other special-purpose ranges, an IPv4 address written as IPv6 (`::ffff:10.0.0.1`) included,
 * and for anything that is not an IP address.
 *
 * @example
 * isPublicAddress('93.184.215.14') // true
 * isPublicAddress('169.254.169.254') // false (cloud metadata)
 */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return isPublicAddress(mapped);
  if (isIPv4(address)) return !nonPublic.check(address, 'ipv4');
  if (isIPv6(address)) return !nonPublic.check(address, 'ipv6');
  return false;
}
