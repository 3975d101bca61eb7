/**
 * Who put a foreign rule there, when it can be told: Docker (its DOCKER*
 * chains, the jumps into them, its MASQUERADE for docker0 and br-<12 hex>
 * bridges), libvirt (LIBVIRT_* chains since 5.x; before that its fixed set of
 * RETURN/MASQUERADE rules for a virtual network in POSTROUTING), Branchdesk
 * (BRANCHDESK-*), an admin (any other rule in a built-in chain), or unknown
 * (a user chain no known tool names: kube-proxy, firewalld, fail2ban, ...).
 */
import type { NatRule, Owner } from "./nat-audit-types";

const DOCKER_IF = /^(docker\d+|br-[0-9a-f]{12})$/;
const LIBVIRT_BROADCASTS = ["224.0.0.0/24", "255.255.255.255"];

function chainOwner(chain: string | null): Owner | null {
  if (!chain) return null;
  if (chain.startsWith("BRANCHDESK-")) return "branchdesk";
  if (chain.startsWith("DOCKER")) return "docker";
  if (chain.startsWith("LIBVIRT_")) return "libvirt";
  return null;
}

/** libvirt < 5.1 wrote these for each NATed network, nothing else does. */
function libvirtClassic(r: NatRule): boolean {
  const { src, dst } = r.match;
  if (!src || src.negated || !src.cidr.includes("/") || !dst) return false;
  if (r.target.kind === "RETURN") return !dst.negated && LIBVIRT_BROADCASTS.includes(dst.cidr);
  return r.target.kind === "MASQUERADE" && dst.negated && dst.cidr === src.cidr;
}

export function ownerOf(r: NatRule, builtin: boolean): { owner: Owner; why: string } {
  const byChain = chainOwner(r.chain);
  if (byChain) return { owner: byChain, why: `in ${r.chain}` };
  const byTarget = chainOwner(r.target.chain);
  if (byTarget) return { owner: byTarget, why: `jumps to ${r.target.chain}` };
  const iface = [r.match.inIf?.name, r.match.outIf?.name].find((n) => n !== undefined && DOCKER_IF.test(n));
  if (iface) return { owner: "docker", why: `names Docker's bridge ${iface}` };
  if (builtin && libvirtClassic(r)) return { owner: "libvirt", why: "libvirt's NAT rules for a virtual network" };
  if (builtin) return { owner: "admin", why: `added by hand to ${r.chain}` };
  return { owner: "unknown", why: `in ${r.chain}, a chain no known tool names` };
}
