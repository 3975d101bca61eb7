import type { LabInventory } from "../../e2e/lab/inventory";
import { unwrap } from "../../lib/domain/result";
import { createLimiter } from "../../lib/rollout/create-limiter";
import { connectSsh } from "../../lib/ssh/connect-ssh";
import { loadFleetKey } from "../../lib/ssh/fleet-key";
import { healthStepScript } from "../../lib/server/health/health-script";
import { openRemoteShell } from "../../lib/ssh/remote-shell";
import { runCommand } from "../../lib/ssh/run-command";
import { parseSshTarget } from "../../lib/ssh/ssh-target";

/**
 * The floor for a health sweep's own work (issue 12): every box it reads, one pinned SSH
 * handshake and one `true` each, at the same concurrency, in-process: each gateway at its
 * head-office address, each host over its support path (guest IP:22, which the host's
 * rules REDIRECT to its sshd), as the sweep reaches them. Nothing is shared between boxes.
 */
export async function measureSupportFloor(
  inv: LabInventory,
  concurrency: number,
  /**
   * "true": one `true` per box (the handshakes' floor). "health": the sweep's own remote step
   * (lib/server/health/health-script.ts, the same bytes) in one remote shell per box: what a
   * parallel-SSH tool (pssh -p N) running the same read would take, without the sweep's banner
   * probe, classification and database.
   */
  work: "true" | "health" = "true",
): Promise<{ seconds: number; failures: number; boxes: number; firstError: string | null }> {
  const fleetKey = unwrap(await loadFleetKey(inv.ssh.privateKeyPath));
  const limit = createLimiter(concurrency);
  const boxes = inv.branches.flatMap((b) => [
    {
      label: `gateway ${b.gateway.hostname}`,
      address: b.gateway.hqAddress,
      port: b.gateway.sshPort,
      key: b.gateway,
      script: () => healthStepScript("gateway", null, null),
    },
    ...b.hosts.map((h) => ({
      label: `support path of ${h.hostname}`,
      address: h.hqAddress,
      port: 22,
      key: h,
      script: () => healthStepScript("host", h.bridge, h.guest.domain),
    })),
  ]);
  let failures = 0;
  let firstError: string | null = null;
  const fail = (m: string) => {
    failures++;
    firstError ??= m;
  };
  const started = performance.now();
  await Promise.all(
    boxes.map((b) =>
      limit.run(async () => {
        const target = unwrap(
          parseSshTarget({
            label: b.label,
            address: b.address,
            port: b.port,
            username: "root",
            pinnedFingerprint: b.key.hostKeyFingerprint,
          }),
        );
        const s = await connectSsh(target, { fleetKey });
        if (!s.ok) return fail(s.error.message);
        if (work === "true") {
          const r = await runCommand(s.value, ["true"], { timeoutMs: 30_000 });
          if (!r.ok) fail(r.error.message);
        } else {
          const shell = await openRemoteShell(s.value, { timeoutMs: 30_000 });
          if (!shell.ok) fail(shell.error.message);
          else {
            const r = await shell.value.step(b.script(), { name: "health read", timeoutMs: 30_000 });
            if (!r.ok) fail(r.error.message);
            void shell.value.end();
          }
        }
        s.value.close();
      }),
    ),
  );
  return { seconds: (performance.now() - started) / 1000, failures, boxes: boxes.length, firstError };
}
