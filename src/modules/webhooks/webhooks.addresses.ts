// Which addresses a webhook may reach: the public internet only, unless the operator allows private networks. A
// webhook URL is chosen by whoever holds an admin token, and the service posts to it from inside the newsroom's
// network: without this rule it could probe internal services or a cloud's metadata endpoint (server-side request forgery).
import { BlockList, isIP } from 'node:net'

type Range = [address: string, prefix: number]

// IANA's special-purpose registries, by the words an operator reads in an error. BlockList also matches an IPv4
// range against the same address written as IPv4-mapped IPv6 (::ffff:127.0.0.1), so each IPv4 range is listed once.
const NON_PUBLIC: Record<string, { ipv4: Range[], ipv6: Range[] }> = {
  unspecified: { ipv4: [['0.0.0.0', 8]], ipv6: [['::', 128]] },
  loopback: { ipv4: [['127.0.0.0', 8]], ipv6: [['::1', 128]] },
  private: { ipv4: [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10]], ipv6: [] },
  'link-local': { ipv4: [['169.254.0.0', 16]], ipv6: [['fe80::', 10]] },
  'unique-local': { ipv4: [], ipv6: [['fc00::', 7], ['fec0::', 10]] },
  multicast: { ipv4: [['224.0.0.0', 4]], ipv6: [['ff00::', 8]] },
  // Protocol assignments, documentation and benchmarking networks, the future-use block and broadcast; in IPv6 the
  // deprecated IPv4-compatible form, IPv4-translated addresses (SIIT), discard-only, NAT64 (well-known prefix and
  // local use: a NAT64 gateway turns 64:ff9b::a9fe:a9fe into 169.254.169.254), the protocol block (Teredo among it),
  // 6to4 and documentation: several embed an IPv4 address that could be a private one.
  reserved: {
    ipv4: [['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['240.0.0.0', 4]],
    ipv6: [['::', 96], ['::ffff:0:0:0', 96], ['100::', 64], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['2001::', 23], ['2002::', 16], ['2001:db8::', 32]]
  }
}

const LISTS = Object.entries(NON_PUBLIC).map(([kind, ranges]) => {
  const list = new BlockList()
  for (const [address, prefix] of ranges.ipv4) list.addSubnet(address, prefix, 'ipv4')
  for (const [address, prefix] of ranges.ipv6) list.addSubnet(address, prefix, 'ipv6')
  return { kind, list }
})

/** What kind of non-public address this IP address is (such as "loopback"), or null for a public one. */
export function nonPublicKind (address: string): string | null {
  const family = isIP(address)
  if (family === 0) throw new Error(`Not an IP address: ${address}`)
  const type = family === 4 ? 'ipv4' : 'ipv6'
  return LISTS.find(({ list }) => list.check(address, type))?.kind ?? null
}

/** The host of a URL as an IP address, when it is written as one (brackets dropped), or null for a name. */
export function literalAddressOf (url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
  return isIP(host) === 0 ? null : host
}

/** Why a webhook may not post to this address, or null when it may. */
export function refusalOf (address: string, host: string): string | null {
  const kind = nonPublicKind(address)
  if (kind === null) return null
  const named = address === host ? address : `${host} (${address})`
  return `${named} is ${kind === 'unspecified' ? 'an unspecified' : `a ${kind}`} address: webhooks post to public addresses only, unless the operator sets WEBHOOKS_ALLOW_PRIVATE=true`
}
