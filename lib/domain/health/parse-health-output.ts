import { err, ok, type Result } from "@/lib/domain/result";

/** What agents/health.sh prints, parsed. Absent or unreadable values are null, never guessed. */
export type HealthReading = {
  /** The box's clock (epoch seconds; fractional when derived from the boot time and uptime). */
  now: number | null;
  uptimeSeconds: number | null;
  load1: number | null;
  memTotalKiB: number | null;
  memAvailableKiB: number | null;
  swapTotalKiB: number | null;
  swapFreeKiB: number | null;
  swappiness: number | null;
  /** kswapd0's utime+stime and start time, in clock ticks (/proc/<pid>/stat fields 14, 15 and 22). */
  kswapd: { ticks: number; startTicks: number } | null;
  disk: { totalKiB: number; availKiB: number } | null;
  ipForward: number | null;
  conntrack: { count: number; max: number } | null;
  /** Packet counters of the SNAT/MASQUERADE rules, in iptables-save order. */
  snat: { rule: string; packets: number }[];
  brNetfilter: boolean | null;
  bridgeNfCallIptables: number | null;
  bridge: { operstate: string | null; up: boolean | null; addrs: string[] } | null;
  libvirtd: boolean | null;
  guestState: string | null;
  guestMacs: string[];
};

const int = (s: string | undefined): number | null => {
  if (s === undefined || !/^\d+$/.test(s.trim())) return null;
  return Number(s.trim());
};
const dec = (s: string | undefined): number | null => {
  if (s === undefined || !/^\d+(\.\d+)?$/.test(s.trim())) return null;
  return Number(s.trim());
};

/** Parses the @@health section of a sweep's output. */
export function parseHealthOutput(stdout: string): Result<HealthReading> {
  const start = stdout.indexOf("@@health\n");
  const end = stdout.indexOf("\n@@health-end");
  if (start < 0 || end < 0) return err(`the health read ended early: ${stdout.slice(0, 200) || "(no output)"}`);
  const r: HealthReading = {
    now: null,
    uptimeSeconds: null,
    load1: null,
    memTotalKiB: null,
    memAvailableKiB: null,
    swapTotalKiB: null,
    swapFreeKiB: null,
    swappiness: null,
    kswapd: null,
    disk: null,
    ipForward: null,
    conntrack: null,
    snat: [],
    brNetfilter: null,
    bridgeNfCallIptables: null,
    bridge: null,
    libvirtd: null,
    guestState: null,
    guestMacs: [],
  };
  const bridge = { operstate: null as string | null, up: null as boolean | null, addrs: [] as string[] };
  let sawBridge = false;
  let btime: number | null = null;
  for (const line of stdout.slice(start + 9, end).split("\n")) {
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    switch (key) {
      case "now":
        r.now = int(value);
        break;
      case "btime":
        btime = int(value);
        break;
      case "uptime":
        r.uptimeSeconds = dec(value.split(" ")[0]);
        break;
      case "loadavg":
        r.load1 = dec(value.split(" ")[0]);
        break;
      case "mem.MemTotal":
        r.memTotalKiB = int(value);
        break;
      case "mem.MemAvailable":
        r.memAvailableKiB = int(value);
        break;
      case "mem.SwapTotal":
        r.swapTotalKiB = int(value);
        break;
      case "mem.SwapFree":
        r.swapFreeKiB = int(value);
        break;
      case "swappiness":
        r.swappiness = int(value);
        break;
      case "kswapd0.stat":
        r.kswapd = parseProcStat(value);
        break;
      case "disk.root": {
        const [t, a] = value.split(" ").map(int);
        if (t != null && a != null) r.disk = { totalKiB: t, availKiB: a };
        break;
      }
      case "ip_forward":
        r.ipForward = int(value);
        break;
      case "conntrack": {
        const [c, m] = value.split(" ").map(int);
        if (c != null && m != null) r.conntrack = { count: c, max: m };
        break;
      }
      case "snat": {
        const m = /^\[(\d+):\d+\]\s+(.*)$/.exec(value);
        if (m) r.snat.push({ packets: Number(m[1]), rule: m[2]! });
        break;
      }
      case "br_netfilter":
        r.brNetfilter = value === "1" ? true : value === "0" ? false : null;
        break;
      case "bridge_nf_call_iptables":
        r.bridgeNfCallIptables = int(value);
        break;
      case "bridge.operstate":
        sawBridge = true;
        bridge.operstate = value.trim() || null;
        break;
      case "bridge.flags": {
        // IFF_UP is bit 0 of the flags in /sys/class/net/<if>/flags.
        const f = /^0x[0-9a-fA-F]+$/.test(value.trim()) ? parseInt(value.trim(), 16) : null;
        if (f !== null) bridge.up = (f & 1) === 1;
        break;
      }
      case "bridge.addr":
        bridge.addrs.push(value.trim());
        break;
      case "libvirtd":
        r.libvirtd = value === "1" ? true : value === "0" ? false : null;
        break;
      case "guest.state":
        r.guestState = value.trim() || null;
        break;
      case "guest.mac":
        r.guestMacs.push(value.trim().toLowerCase());
        break;
    }
  }
  if (sawBridge) r.bridge = bridge;
  // health.sh reads the clock without starting `date`: the boot time (whole seconds, cut
  // down, so half a second is added back on average) plus the uptime read at the same time.
  if (r.now === null && btime !== null && r.uptimeSeconds !== null) r.now = btime + r.uptimeSeconds + 0.5;
  return ok(r);
}

/** /proc/<pid>/stat: "pid (comm) state ..."; comm may hold spaces, so split after the last ")". */
function parseProcStat(line: string): HealthReading["kswapd"] {
  const close = line.lastIndexOf(")");
  if (close < 0) return null;
  const f = line.slice(close + 2).split(" "); // f[0] is field 3 (state)
  const utime = int(f[11]);
  const stime = int(f[12]);
  const start = int(f[19]);
  if (utime === null || stime === null || start === null) return null;
  return { ticks: utime + stime, startTicks: start };
}
