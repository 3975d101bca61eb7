/**
 * Foreign nat rules a real target may already hold, seeded before Branchdesk
 * applies: a libvirt-style LIBVIRT_PRT chain with MASQUERADE, docker-style
 * DOCKER chains, an admin's own rules in the built-in chains (one with a
 * quoted comment), and an ebtables chain of someone else's. They must stay
 * byte-identical through every apply. Documentation ranges only.
 */
export const FOREIGN_IPTABLES = `*nat
:DOCKER - [0:0]
:LIBVIRT_PRT - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A PREROUTING -d 198.51.100.80/32 -p tcp -m tcp --dport 8080 -m comment --comment "admin's \\"web\\" forward" -j DNAT --to-destination 198.18.0.80:80
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -j LIBVIRT_PRT
-A POSTROUTING -s 198.18.17.0/24 ! -o docker0 -j MASQUERADE
-A POSTROUTING -o wan0 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
-A LIBVIRT_PRT -s 198.18.122.0/24 -d 224.0.0.0/24 -j RETURN
-A LIBVIRT_PRT -s 198.18.122.0/24 -d 255.255.255.255/32 -j RETURN
-A LIBVIRT_PRT -s 198.18.122.0/24 ! -d 198.18.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535
-A LIBVIRT_PRT -s 198.18.122.0/24 ! -d 198.18.122.0/24 -p udp -j MASQUERADE --to-ports 1024-65535
-A LIBVIRT_PRT -s 198.18.122.0/24 ! -d 198.18.122.0/24 -j MASQUERADE
COMMIT
`;

export const FOREIGN_EBTABLES = `*nat
:ADMIN-PRE RETURN
-A PREROUTING -j ADMIN-PRE
-A ADMIN-PRE -p IPv4 -s 52:54:00:aa:bb:cc -j ACCEPT
-A POSTROUTING -p ARP --arp-op Reply -j ACCEPT
`;

/**
 * The lines of a dump that are not Branchdesk's and not timestamps: what must
 * never change. Chain packet counters (`[1:40]`) move with traffic and are
 * dropped; rule lines are compared byte for byte.
 */
export function foreignLines(dump: string, ownedChains: readonly string[]): string[] {
  return dump.split("\n").map((l) => l.replace(/^(:\S+ \S+) \[\d+:\d+\]$/, "$1")).filter((l) => {
    if (l.startsWith("# Generated") || l.startsWith("# Completed") || l.startsWith("# Warning")) return false;
    return !ownedChains.some((c) => l.startsWith(`:${c} `) || l.startsWith(`-A ${c} `) || l === `-A PREROUTING -j ${c}` || l === `-A POSTROUTING -j ${c}`);
  });
}
