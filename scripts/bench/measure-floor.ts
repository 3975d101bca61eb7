import type { LabInventory } from "../../e2e/lab/inventory";
import { unwrap } from "../../lib/domain/result";
import { connectSsh } from "../../lib/ssh/connect-ssh";
import { createLimiter } from "../../lib/rollout/create-limiter";
import { loadFleetKey } from "../../lib/ssh/fleet-key";
import { runCommand } from "../../lib/ssh/run-command";
import { parseSshTarget } from "../../lib/ssh/ssh-target";

/**
 * The bare-SSH floor: for every host, the same route a rollout takes (one
 * session per gateway, then a pinned connection to the host's link-local
 * address through it) and a single `true`, at the same concurrency.
 */
export async function measureFloor(
  inv: LabInventory,
  concurrency: number,
): Promise<{ seconds: number; failures: number }> {
  const fleetKey = unwrap(await loadFleetKey(inv.ssh.privateKeyPath));
  const limit = createLimiter(concurrency);
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    inv.branches.map(async (b) => {
      const gwTarget = unwrap(
        parseSshTarget({
          label: `gateway ${b.gateway.hostname}`,
          address: b.gateway.hqAddress,
          port: b.gateway.sshPort,
          username: "root",
          pinnedFingerprint: b.gateway.hostKeyFingerprint,
        }),
      );
      const gw = await limit.run(() => connectSsh(gwTarget, { fleetKey }));
      if (!gw.ok) {
        failures += b.hosts.length;
        return;
      }
      await Promise.all(
        b.hosts.map((h) =>
          limit.run(async () => {
            const t = unwrap(
              parseSshTarget({
                label: `host ${h.hostname}`,
                address: h.linkLocalIp,
                port: 22,
                username: "root",
                pinnedFingerprint: h.hostKeyFingerprint,
              }),
            );
            const s = await connectSsh(t, { fleetKey, via: gw.value });
            if (!s.ok) {
              failures++;
              return;
            }
            const r = await runCommand(s.value, ["true"], { timeoutMs: 30_000 });
            if (!r.ok) failures++;
            s.value.close();
          }),
        ),
      );
      gw.value.close();
    }),
  );
  return { seconds: (performance.now() - started) / 1000, failures };
}
