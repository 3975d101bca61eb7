import { describe, expect, it } from "vitest";
import { parseHealthOutput } from "./parse-health-output";

const HOST = `@@iptables
*nat
COMMIT
@@end
@@health
now=1796000000
uptime=12924.61 6352.14
loadavg=0.52 0.40 0.30 2/300 4000
mem.MemTotal=8000000
mem.MemAvailable=6000000
mem.SwapTotal=1000000
mem.SwapFree=750000
swappiness=0
kswapd0.stat=45 (kswapd0) S 2 0 0 0 -1 2230336 0 0 0 0 600 300 0 0 20 0 1 0 34 0 0
disk.root=100000 25000
ip_forward=0
br_netfilter=1
bridge_nf_call_iptables=1
bridge.operstate=up
bridge.flags=0x1003
bridge.addr=169.254.1.10/16
libvirtd=1
guest.state=shut off
guest.mac=52:54:00:AA:BB:CC
@@health-end
`;

describe("parseHealthOutput", () => {
  it("reads every value a host prints", () => {
    const r = parseHealthOutput(HOST);
    expect(r.ok && r.value).toMatchObject({
      now: 1796000000,
      uptimeSeconds: 12924.61,
      load1: 0.52,
      memTotalKiB: 8000000,
      memAvailableKiB: 6000000,
      swapTotalKiB: 1000000,
      swapFreeKiB: 750000,
      swappiness: 0,
      kswapd: { ticks: 900, startTicks: 34 },
      disk: { totalKiB: 100000, availKiB: 25000 },
      brNetfilter: true,
      bridgeNfCallIptables: 1,
      bridge: { operstate: "up", up: true, addrs: ["169.254.1.10/16"] },
      libvirtd: true,
      guestState: "shut off",
      guestMacs: ["52:54:00:aa:bb:cc"],
    });
  });

  it("without now=, the clock is the boot time plus the uptime (half a second for btime's cut)", () => {
    const r = parseHealthOutput(`@@health\nbtime=1796000000\nuptime=100.25 50.00\n@@health-end\n`);
    expect(r.ok && r.value.now).toBe(1796000100.75);
    const noUptime = parseHealthOutput(`@@health\nbtime=1796000000\n@@health-end\n`);
    expect(noUptime.ok && noUptime.value.now).toBeNull();
  });

  it("a comm with spaces and parentheses does not shift the stat fields", () => {
    const out = `@@health\nkswapd0.stat=45 (a (b) c) S 2 0 0 0 -1 0 0 0 0 0 7 8 0 0 20 0 1 0 99 0\n@@health-end\n`;
    const r = parseHealthOutput(out);
    expect(r.ok && r.value.kswapd).toEqual({ ticks: 15, startTicks: 99 });
  });

  it("gateways: conntrack and SNAT packet counters", () => {
    const snat = "snat=[42:3000] -A BD-SNAT -s 169.254.0.0/16 -j SNAT --to-source 198.18.1.1";
    const out = `@@health\nconntrack=120 65536\n${snat}\n@@health-end\n`;
    const r = parseHealthOutput(out);
    expect(r.ok && r.value.conntrack).toEqual({ count: 120, max: 65536 });
    expect(r.ok && r.value.snat).toEqual([
      { packets: 42, rule: "-A BD-SNAT -s 169.254.0.0/16 -j SNAT --to-source 198.18.1.1" },
    ]);
  });

  it("unreadable values are null, never guessed", () => {
    const lines = ["swappiness=", "loadavg=garbage", "disk.root=1024-blocks Available", "br_netfilter=?"];
    const out = `@@health\n${lines.join("\n")}\n@@health-end\n`;
    const r = parseHealthOutput(out);
    expect(r.ok && [r.value.swappiness, r.value.load1, r.value.disk, r.value.brNetfilter]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it.each([
    ["(no output)", ""],
    ["cut short", "@@health\nnow=1\n"],
  ])("a read that ended early is an error: %s", (_, out) => {
    const r = parseHealthOutput(out);
    expect(r.ok).toBe(false);
  });
});
