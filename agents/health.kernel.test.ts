/**
 * agents/health.sh as a sweep runs it (the rules read, then the health read, one `sh -s`
 * step), counted: every process the step starts takes a pid, so in a fresh pid namespace
 * the pids allocated while it runs are its process starts (forks for pipes and `$(...)`
 * included, which an execve trace would miss). The sweep runs this on every box of the
 * fleet; the bound keeps it near the cost of a bare `ssh box true` (issue 12).
 */
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHealthOutput } from "@/lib/domain/health/parse-health-output";
import { healthStepScript } from "@/lib/server/health/health-script";
import { run } from "@/lib/testing/proc";
import { shellBin, type Shell } from "./testing/shells";

// Hosts: iptables-save, ebtables-save (the rules read), grep (sysctls and the clock), df, ip,
// virsh (state and MAC in one call). Gateways: the rules read, grep, df, iptables-save -c.
const BOUND = { host: 6, gateway: 5 } as const;
const MAC = "52:54:00:12:34:56";

// libvirt's virsh as far as the health read uses it: domstate and domiflist, also as one
// command string ("domstate d; domiflist d"). Builtins only: one process per call.
const VIRSH = `#!/bin/sh
one() {
  [ "$2" = win-07 ] || { echo "error: failed to get domain '$2'" >&2; return 1; }
  case "$1" in
    domstate) echo "shut off"; echo ;;
    domiflist) echo " Interface Type Source Model MAC"; echo "---"; echo " - bridge br0 e1000 ${MAC}"; echo ;;
    *) echo "error: unknown command '$1'" >&2; return 1 ;;
  esac
}
[ $# -eq 1 ] || { one "$@"; exit; }
rest=$1
while [ -n "$rest" ]; do
  c=\${rest%%;*}
  case "$rest" in *";"*) rest=\${rest#*;} ;; *) rest= ;; esac
  set -- $c
  one "$@" || exit 1
done
`;

// Inside a fresh pid, mount and network namespace: a stand-in libvirtd (a copy of sleep,
// so its comm says libvirtd) with its pid file, then the step between two pid readings.
// $(exec cat ...) takes one pid itself: the step's own are the difference less one.
const WRAPPER = `
mount -t sysfs sysfs /sys
ip link add br-test type bridge && ip link set br-test up && ip addr add 169.254.7.1/16 dev br-test
"$BD_DIR/libvirtd" 60 & echo $! > "$BD_DIR/run/libvirtd.pid"
a=$(exec cat /proc/sys/kernel/ns_last_pid)
{ . "$BD_DIR/step.sh"; } > "$BD_DIR/step.out" 2> "$BD_DIR/step.err" < /dev/null
b=$(exec cat /proc/sys/kernel/ns_last_pid)
echo "@@starts $((b - a - 1))"
echo "@@swappiness $(exec cat /proc/sys/vm/swappiness)"
`;

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "bd-health-starts-"));
  await mkdir(path.join(dir, "run"));
  await mkdir(path.join(dir, "fake"));
  await writeFile(path.join(dir, "fake", "virsh"), VIRSH);
  await chmod(path.join(dir, "fake", "virsh"), 0o755);
  await copyFile("/usr/bin/sleep", path.join(dir, "libvirtd"));
  await chmod(path.join(dir, "libvirtd"), 0o755);
  for (const shell of ["dash", "busybox", "bash"] as const) await shellBin(dir, shell);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function sweepStep(shell: Shell, kind: "host" | "gateway", domain = "win-07") {
  const script = healthStepScript(kind, kind === "host" ? "br-test" : null, kind === "host" ? domain : null);
  await writeFile(path.join(dir, "step.sh"), `BRANCHDESK_VARRUN=${dir}/run\n${script}`);
  const bin = path.join(dir, `bin-${shell}`);
  const env = { PATH: `${bin}:${dir}/fake:/usr/sbin:/usr/bin:/sbin:/bin`, BD_DIR: dir };
  const r = await run(["unshare", "--pid", "--fork", "--mount-proc", "--net", `${bin}/sh`, "-c", WRAPPER], { env });
  const out = (await run(["cat", path.join(dir, "step.out")])).stdout;
  const field = (name: string) => new RegExp(`^@@${name} (\\S+)$`, "m").exec(r.stdout)?.[1];
  return { starts: Number(field("starts")), swappiness: Number(field("swappiness")), out };
}

describe.each(["dash", "busybox", "bash"] as const)("the sweep's step under %s", (shell) => {
  it(`a host's step starts at most ${BOUND.host} processes and still reads every check`, async () => {
    const { starts, swappiness, out } = await sweepStep(shell, "host");
    const r = parseHealthOutput(out);
    expect(r.ok, out).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      swappiness, // all digits: /proc/sys answers only a read at offset 0
      libvirtd: true,
      guestState: "shut off",
      guestMacs: [MAC],
      brNetfilter: expect.any(Boolean),
      bridge: { operstate: expect.any(String), addrs: ["169.254.7.1/16"] },
    });
    expect(r.value.now).toBeGreaterThan(Date.now() / 1000 - 120);
    expect(r.value.now).toBeLessThan(Date.now() / 1000 + 120);
    expect(r.value.disk?.totalKiB).toBeGreaterThan(0);
    expect(out).toMatch(/^@@iptables$/m);
    expect(starts).toBeGreaterThan(0);
    expect(starts).toBeLessThanOrEqual(BOUND.host);
  }, 60_000);

  it("a domain virsh does not know: libvirtd is told by its pid file, still within the bound", async () => {
    const { starts, out } = await sweepStep(shell, "host", "nope");
    const r = parseHealthOutput(out);
    expect(r.ok && r.value).toMatchObject({ libvirtd: true, guestState: "error: failed to get domain 'nope'" });
    expect(starts).toBeLessThanOrEqual(BOUND.host);
  }, 60_000);

  it(`a gateway's step starts at most ${BOUND.gateway} processes`, async () => {
    const { starts, out } = await sweepStep(shell, "gateway");
    const r = parseHealthOutput(out);
    expect(r.ok, out).toBe(true);
    if (!r.ok) return;
    expect(r.value.disk?.totalKiB).toBeGreaterThan(0);
    expect(r.value.ipForward).not.toBeNull();
    expect(starts).toBeGreaterThan(0);
    expect(starts).toBeLessThanOrEqual(BOUND.gateway);
  }, 60_000);
});
