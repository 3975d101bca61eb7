import { describe, expect, it } from "vitest";
import type { Cidr } from "../values/cidr";
import type { Ipv4 } from "../values/ipv4";
import { DEFAULT_SWEEP_BOUNDS, planSweep, type SweepPlanInput } from "./sweep-plan";

const POOL = "169.254.0.0/16" as Cidr;
const GW = "169.254.1.1" as Ipv4;
const ips = (...xs: string[]) => xs as Ipv4[];
const plan = (more: Partial<SweepPlanInput> = {}) =>
  planSweep({ pool: POOL, gatewayIp: GW, enrolled: [], known: [], ...more });

describe("planSweep: a bounded sweep of what is plausible in the link-local pool", () => {
  it("an empty branch: the allocator's first 256 addresses (169.254.1.0-255), minus the gateway", () => {
    const p = plan();
    expect(p.range).toEqual({ first: "169.254.1.0", last: "169.254.1.255" });
    expect(p.addresses).toHaveLength(255);
    expect(p.addresses).not.toContain(GW);
    expect(p.addresses[0]).toBe("169.254.1.0");
    expect(p.addresses.at(-1)).toBe("169.254.1.255");
    expect(p).toMatchObject({ fromNeighbours: 0, truncated: false });
  });

  it("never sweeps RFC 3927's reserved first /24 nor enrolled hosts' addresses", () => {
    const p = plan({ enrolled: ips("169.254.1.10", "169.254.1.11") });
    expect(p.addresses.some((ip) => ip.startsWith("169.254.0."))).toBe(false);
    expect(p.addresses).not.toContain("169.254.1.10");
    expect(p.addresses).not.toContain("169.254.1.11");
    expect(p.addresses).toHaveLength(253);
  });

  it("never sweeps an entry configured by hand on the gateway (asking again would replace it)", () => {
    const p = plan({ configured: ips("169.254.1.250", "169.254.80.1"), known: ips("169.254.80.1") });
    expect(p.addresses).not.toContain("169.254.1.250");
    expect(p.addresses).not.toContain("169.254.80.1");
    expect(p.fromNeighbours).toBe(0);
  });

  it("hosts enrolled higher up stretch the range to the highest one plus the headroom", () => {
    const p = plan({ enrolled: ips("169.254.2.100") });
    // 169.254.1.0 .. 169.254.2.100 is 357 addresses, + 32 headroom = 389: up to 169.254.2.132.
    expect(p.range).toEqual({ first: "169.254.1.0", last: "169.254.2.132" });
  });

  it("known neighbours outside the range are swept too, in the pool only, first in line", () => {
    const p = plan({ known: ips("169.254.77.7", "198.51.100.10", "169.254.1.20", "169.254.77.7") });
    expect(p.addresses).toContain("169.254.77.7");
    expect(p.addresses).not.toContain("198.51.100.10");
    expect(p.fromNeighbours).toBe(1);
    expect(p.addresses).toHaveLength(256);
  });

  it("maxAddresses bounds the whole list, neighbours included, and says it was cut", () => {
    const bounds = { ...DEFAULT_SWEEP_BOUNDS, maxAddresses: 100 };
    const known = ips("169.254.50.1", "169.254.50.2");
    const p = plan({ bounds, known, enrolled: ips("169.254.200.1") });
    expect(p.addresses).toHaveLength(100);
    expect(p.truncated).toBe(true);
    expect(p.addresses).toEqual(expect.arrayContaining(known));
  });

  it("a pool smaller than the allocator's start: no range, neighbours only", () => {
    const p = plan({ pool: "169.254.0.0/24" as Cidr, known: ips("169.254.0.7", "169.254.1.7") });
    expect(p.range).toBeNull();
    expect(p.addresses).toEqual(["169.254.0.7"]);
  });

  it("a /24 pool higher up: the range stops at its broadcast address", () => {
    const p = plan({ pool: "169.254.9.0/24" as Cidr, gatewayIp: "169.254.9.1" as Ipv4 });
    expect(p.range).toEqual({ first: "169.254.9.1", last: "169.254.9.254" });
    expect(p.addresses).toHaveLength(253);
  });
});
