import { describe, expect, it } from "vitest";
import { cidrContains, cidrOverlaps, parseCidr, type Cidr, type Ipv4 } from "@/lib/domain/values";
import { unwrap } from "@/lib/domain/result";
import { rootCreateBatch } from "./ip-batches";
import {
  checkLabShape,
  MAX_BRANCHES,
  MAX_HOSTS_PER_BRANCH,
  planLab,
  planNamespaces,
  slotHqCidr,
  slotLabCidr,
  SLOT_COUNT,
} from "./lab-plan";

const ALLOWED = ["198.18.0.0/15", "198.51.100.0/24", "169.254.0.0/16"].map((c) => unwrap(parseCidr(c)));
const allowed = (ip: Ipv4) => ALLOWED.some((c) => cidrContains(c, ip));

describe("lab address plan", () => {
  const plan = planLab("bdl3abcd", 3, { branches: 4, hostsPerBranch: 120 });
  const hosts = plan.branches.flatMap((b) => b.hosts);

  it("uses only documentation ranges and link-local, and the slot's own sub-ranges", () => {
    const ips: Ipv4[] = [plan.hq.ip, plan.hq.rootIp, plan.hq.wanIp];
    for (const b of plan.branches) {
      ips.push(b.gateway.wanIp, b.gateway.lanIp, b.gateway.linkLocalIp);
      for (const h of b.hosts) ips.push(h.linkLocalIp, h.guest.ip);
    }
    expect(ips.filter((ip) => !allowed(ip))).toEqual([]);
    for (const b of plan.branches) {
      expect(cidrContains(plan.labCidr, b.gateway.wanIp)).toBe(true);
      expect(cidrContains(b.lanCidr, b.gateway.lanIp)).toBe(true);
      for (const h of b.hosts) expect(cidrContains(b.lanCidr, h.guest.ip)).toBe(true);
    }
    expect(cidrContains(slotHqCidr(3), plan.hq.ip)).toBe(true);
  });

  it("keeps link-local addresses out of RFC 3927's reserved first and last /24", () => {
    for (const ip of [plan.branches[0]!.gateway.linkLocalIp, ...hosts.map((h) => h.linkLocalIp)]) {
      expect(ip.startsWith("169.254.0.") || ip.startsWith("169.254.255.")).toBe(false);
    }
  });

  it("gives every slot disjoint root-routed ranges", () => {
    for (let a = 0; a < SLOT_COUNT; a++) {
      for (let b = a + 1; b < SLOT_COUNT; b++) {
        expect(cidrOverlaps(slotLabCidr(a), slotLabCidr(b))).toBe(false);
        expect(cidrOverlaps(slotHqCidr(a), slotHqCidr(b))).toBe(false);
      }
    }
  });

  it("numbers guests from .10, gateways at .1, hosts from 169.254.1.10, MACs unique", () => {
    const b = plan.branches[1]!;
    expect(b.code).toBe("BR-0002");
    expect(b.gateway.lanIp).toBe("198.18.194.1");
    expect(b.hosts[0]!.guest.ip).toBe("198.18.194.10");
    expect(b.hosts[0]!.linkLocalIp).toBe("169.254.1.10");
    expect(b.hosts[0]!.hostname).toBe("br-0002-h001");
    const macs = [...hosts.map((h) => h.guest.mac), ...hosts.map((h) => h.nicMac), ...hosts.map((h) => h.tapMac)];
    expect(new Set(macs).size).toBe(macs.length);
    // libvirt's guest MACs start 52:54:00 and its host-side taps fe:54:00.
    expect(hosts.every((h) => h.guest.mac.startsWith("52:54:00:") && h.tapMac.startsWith("fe:54:00:"))).toBe(true);
  });

  it("names every namespace with the run prefix, uniquely", () => {
    const names = planNamespaces(plan);
    expect(names.every((n) => n.startsWith("bdl3abcd-"))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(1 + 4 * (2 + 2 * 120));
  });

  it("creates every link inside a namespace, never a lab-named one in the root namespace but the HQ uplink", () => {
    const lines = rootCreateBatch(plan);
    expect(lines[0]).toBe("link add name bdl3abcd-hq type veth peer name root0 netns bdl3abcd-hq");
    expect(lines.slice(1).every((l) => /^link add name \S+ netns \S+ type veth peer name \S+ netns \S+$/.test(l))).toBe(
      true,
    );
  });

  it("accepts the largest shape and refuses bad shapes naming the field", () => {
    expect(() =>
      planLab("bdl7zzzz", 7, { branches: MAX_BRANCHES, hostsPerBranch: MAX_HOSTS_PER_BRANCH }),
    ).not.toThrow();
    expect(checkLabShape({ branches: 0, hostsPerBranch: 2.5 })).toEqual({
      branches: "must be an integer from 1 to 63, got 0",
      hostsPerBranch: "must be an integer from 1 to 240, got 2.5",
    });
    expect(() => planLab("bdl0abcd", 0, { branches: 64, hostsPerBranch: 1 })).toThrow(
      /branches must be an integer from 1 to 63/,
    );
    expect(() => planLab("bad prefix", 0, { branches: 1, hostsPerBranch: 1 })).toThrow(/run prefix/);
    expect(() => planLab("bdl0abcd", 8, { branches: 1, hostsPerBranch: 1 })).toThrow(/slot 8/);
  });

  it("puts slot 7's lab range at the top of 198.18.0.0/15", () => {
    expect(slotLabCidr(7)).toBe("198.19.192.0/18" as Cidr);
    expect(slotHqCidr(7)).toBe("198.51.100.224/27" as Cidr);
  });
});
