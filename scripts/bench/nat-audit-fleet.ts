/**
 * The fleet half of `npm run bench:nat-audit` (issue 13): "Auditing 200 lab gateways and hosts:
 * <= 1.5x the parallel-SSH floor, measured in the same run". Needs root (the lab).
 *
 * A lab of N hosts in branches of `perBranch`, enrolled, with Branchdesk's rules applied by a
 * rollout and, on every gateway, the published hand-made rules and a Docker-like chain beside them
 * (so the analysis has something to explain). Then, alternating so a burst of load hits both alike:
 *   floor  every box the audit reads, the same route (one session per gateway, each host through it
 *          at its link-local address, pinned) and the audit's own read script (NAT_READ_SCRIPT, the
 *          same bytes): what a parallel-SSH tool running the same read takes, at the same concurrency;
 *   audit  runNatAudit({ fleet: true }): the read, the analysis of every rule and the snapshots stored.
 * Prints, never asserts.
 */
import { loadavg } from "node:os";
import { Lab } from "../../e2e/lab/lab";
import { NAT_READ_SCRIPT } from "../../lib/server/nat-audit/nat-read-script";
import { createTestDb, installTestDb } from "../../lib/testing/temp-db";
import { suspendAutogroup } from "./autogroup";
import { enrolDirect } from "./enrol-direct";
import { measureFloor } from "./measure-floor";

const ACTOR = { userId: null, username: "bench", role: "admin" as const };
const ROUNDS = 3;

export async function natAuditFleetBench(o: { hosts: number; perBranch: number; concurrency: number }): Promise<void> {
  if (process.getuid?.() !== 0) {
    console.log("fleet audit: skipped (the lab needs root)");
    return;
  }
  const branches = Math.ceil(o.hosts / o.perBranch);
  const lab = await Lab.up({ branches, hostsPerBranch: Math.min(o.perBranch, o.hosts), log: () => undefined });
  const t = await createTestDb("sqlite");
  // Every lab SSH session is a scheduling group of its own otherwise (autogroup.ts).
  const autogroup = suspendAutogroup();
  try {
    installTestDb(t);
    process.env.BRANCHDESK_SSH_KEY = lab.inventory.ssh.privateKeyPath;
    process.env.BRANCHDESK_NAT_AUDIT_CONCURRENCY = String(o.concurrency);
    await enrolDirect(lab.inventory, ACTOR);
    const { startRollout } = await import("../../lib/server/rollouts/start-rollout");
    const { done } = await startRollout(ACTOR, {
      branchCodes: lab.inventory.branches.map((b) => b.code) as never,
      dryRun: false,
      concurrency: o.concurrency,
      canary: false,
      failureBudget: 1_000,
    });
    await done;
    for (const b of lab.inventory.branches) {
      await lab.exec(b.gateway.hostname, ["iptables-restore", "--noflush"], { input: handMadeRules(b) });
      await lab.addForeignNatRules(b.gateway.hostname);
    }
    const { runNatAudit } = await import("../../lib/server/nat-audit/run-nat-audit");
    const hosts = lab.inventory.branches.reduce((n, b) => n + b.hosts.length, 0);
    const floors: number[] = [];
    const audits: number[] = [];
    const loads: string[] = [];
    let floorFailures = 0;
    let summary = "";
    for (let i = 0; i < ROUNDS; i++) {
      const floor = await measureFloor(lab.inventory, o.concurrency, {
        command: { script: NAT_READ_SCRIPT, name: "nat read" },
        gateways: true,
      });
      floors.push(floor.seconds);
      floorFailures += floor.failures;
      const started = performance.now();
      const run = await runNatAudit(ACTOR, { fleet: true });
      audits.push((performance.now() - started) / 1000);
      loads.push(loadavg()[0]!.toFixed(1));
      const failed = run.audits.filter((a) => a.status !== "ok").length;
      const rules = run.audits.reduce((n, a) => n + a.rules, 0);
      summary = `${run.audits.length} snapshots (${failed} failed), ${rules} rules explained`;
    }
    const best = Math.min(...audits) / Math.min(...floors);
    const pairs = audits.map((a, i) => (a / floors[i]!).toFixed(2)).join(", ");
    const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(" s, ") + " s";
    console.log(`\nfleet audit: ${hosts} hosts + ${branches} gateways, concurrency ${o.concurrency}`);
    console.log(
      `  floor (the same boxes, route and read script, nothing else): ${list(floors)} (${floorFailures} failures)`,
    );
    console.log(`  audit (read, analysis, snapshots stored):                     ${list(audits)}; last: ${summary}`);
    console.log(`  load average (1 min) after each audit: ${loads.join(", ")} on 2 cores; ${autogroup.note}`);
    console.log(`  audit / parallel-SSH floor: best ${best.toFixed(2)}x (each pair: ${pairs}) (goal <= 1.5x)`);
  } finally {
    autogroup.restore();
    await t.drop();
    await lab.down();
  }
}

/** The technique's rules as published, made by hand on a gateway (one twice), and a Docker-like chain. */
function handMadeRules(b: Lab["inventory"]["branches"][number]): string {
  const gw = b.gateway;
  const copies = b.hosts
    .slice(0, 5)
    .map((h) => `-A POSTROUTING -o ${gw.lanIfname} -d ${h.guest.ip} -p tcp --dport 22 -j SNAT --to ${gw.linkLocalIp}`);
  return [
    "*nat",
    ":DOCKER - [0:0]",
    "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
    "-A DOCKER -i docker0 -j RETURN",
    "-A DOCKER ! -i docker0 -p tcp --dport 8080 -j DNAT --to-destination 198.51.100.2:80",
    "-A POSTROUTING -s 198.51.100.0/24 ! -o docker0 -j MASQUERADE",
    ...copies,
    copies[0]!,
    "COMMIT",
    "",
  ].join("\n");
}
