import type { Db } from "../../lib/server/db/client";
import type { HealthStateSeed } from "../../lib/testing/seed-health";

const pad = (n: number, w: number) => String(n).padStart(w, "0");
const hex = (n: number) => n.toString(16).padStart(2, "0");

/** Branches of `perBranch` hosts, each with a gateway; one /24 LAN each in 198.18.0.0/15. */
export async function seedHealthFleet(client: Db, hosts: number, branches: number): Promise<HealthStateSeed[]> {
  const perBranch = Math.ceil(hosts / branches);
  if (perBranch > 240 || branches > 512) throw new Error("at most 512 branches of 240 hosts (one /24 LAN each)");
  const states: HealthStateSeed[] = [];
  for (let b = 1; b <= branches; b++) {
    const code = `BR-${pad(b, 4)}`;
    const lan = `198.${18 + (b >> 8)}.${b & 255}`;
    const branch = await client.branch.create({
      data: { code, name: `Branch ${b}`, region: ["North", "South", "East", "West"][b % 4]!, lanCidr: `${lan}.0/24` },
    });
    const gw = await client.gateway.create({
      data: {
        branchId: branch.id,
        hostname: `br-${pad(b, 4)}-gw`,
        sshAddress: `203.0.113.${b & 255}`,
        lanIfname: "eth1",
        lanIp: `${lan}.1`,
      },
    });
    const n = Math.min(perBranch, hosts - (b - 1) * perBranch);
    await client.host.createMany({
      data: Array.from({ length: n }, (_, h) => ({
        branchId: branch.id,
        hostname: `br-${pad(b, 4)}-h${pad(h, 3)}`,
        serial: `SN-${pad(b, 4)}-${pad(h, 3)}`,
        nicMac: `02:00:00:${hex(b >> 8)}:${hex(b & 255)}:${hex(h)}`,
        linkLocalIp: `169.254.${2 + (h >> 8)}.${(h & 255) + 1}`,
        state: "active",
      })),
    });
    const ids = await client.host.findMany({
      where: { branchId: branch.id },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    // Every 133rd branch has its gateway down: its hosts are unreachable, one incident.
    const gatewayDown = b % 133 === 0;
    states.push({
      kind: "gateway",
      id: gw.id,
      branchCode: code,
      status: gatewayDown ? "gateway-down" : "ok",
      summary: gatewayDown ? "gateway down: connection timed out" : "ok",
      supportMs: gatewayDown ? null : 4,
    });
    ids.forEach(({ id }, h) => {
      const k = (b * 31 + h * 17) % 1000;
      const [status, summary] = gatewayDown
        ? (["unreachable", "unreachable: gateway down"] as const)
        : k < 14
          ? (["support-broken", `support path broken: connection refused on ${lan}.${10 + h}:22`] as const)
          : k < 19
            ? (["host-down", "host down: no answer on its link-local address either"] as const)
            : k < 40
              ? (["degraded", "guest shut off, support path OK"] as const)
              : k < 43
                ? (["silent", "silent"] as const)
                : (["ok", "ok"] as const);
      states.push({
        kind: "host",
        id,
        branchCode: code,
        status,
        summary,
        supportMs: status === "ok" || status === "degraded" ? 3 + (k % 20) : null,
      });
    });
  }
  return states;
}
