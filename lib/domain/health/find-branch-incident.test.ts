import { describe, expect, it } from "vitest";
import { findBranchIncident, type BranchBox } from "./find-branch-incident";

const now = new Date("2026-11-30T12:00:00Z");
const gw = (status: BranchBox["status"]): BranchBox => ({
  key: "gateway:1",
  kind: "gateway",
  name: "br-0001-gw",
  status,
});
const host = (n: number, status: BranchBox["status"]): BranchBox => ({
  key: `host:${n}`,
  kind: "host",
  name: `h${n}`,
  status,
});

describe("findBranchIncident: one root cause per branch", () => {
  it("a gateway down is one incident holding the gateway and every host behind it", () => {
    const f = findBranchIncident(
      "BR-0001",
      [gw("gateway-down"), host(1, "unreachable"), host(2, "unreachable")],
      null,
      now,
    );
    expect(f).toMatchObject({ kind: "gateway-down", boxKeys: ["gateway:1", "host:1", "host:2"], rolloutId: null });
    expect(f?.summary).toContain("2 host(s) unreachable");
  });

  it("support broken on every host names a rollout that finished within the day before", () => {
    const boxes = [gw("ok"), host(1, "support-broken"), host(2, "support-broken")];
    const recent = { id: 7, finishedAt: new Date("2026-11-30T11:00:00Z") };
    expect(findBranchIncident("BR-0001", boxes, recent, now)).toMatchObject({
      kind: "support-broken-after-rollout",
      rolloutId: 7,
      boxKeys: ["host:1", "host:2"],
    });
    const old = { id: 6, finishedAt: new Date("2026-11-28T11:00:00Z") };
    expect(findBranchIncident("BR-0001", boxes, old, now)).toMatchObject({ kind: "support-broken", rolloutId: null });
  });

  it.each<[string, BranchBox[]]>([
    ["all fine", [gw("ok"), host(1, "ok"), host(2, "degraded")]],
    ["one host of two broken", [gw("ok"), host(1, "support-broken"), host(2, "ok")]],
    ["a single host is not a branch pattern", [gw("ok"), host(1, "support-broken")]],
    ["hosts down are not a support incident", [gw("ok"), host(1, "host-down"), host(2, "host-down")]],
  ])("no incident: %s", (_, boxes) => {
    expect(findBranchIncident("BR-0001", boxes, null, now)).toBeNull();
  });
});
