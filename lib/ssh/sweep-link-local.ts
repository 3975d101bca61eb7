import { readFileSync } from "node:fs";
import path from "node:path";
import { parseNeighbours, type NeighbourTable } from "@/lib/domain/discovery/parse-neighbours";
import { err, ok, type Result } from "@/lib/domain/result";
import type { Ifname } from "@/lib/domain/values/ifname";
import { parseIpv4, type Ipv4 } from "@/lib/domain/values/ipv4";
import type { SshSession } from "./connect-ssh";
import { runCommand } from "./run-command";
import type { SshFailure } from "./ssh-failure";
import { describeTarget } from "./ssh-target";

export type SweepResult = NeighbourTable & { answered: Ipv4[] };

/** agents/discover.sh, spelled from process.cwd() so Turbopack traces agents/ (as agent-source.ts does). */
function discoverScript(): string {
  return readFileSync(path.join(process.cwd(), "agents", "discover.sh"), "utf8");
}

/** What the gateway's neighbour table holds for its LAN now (before a sweep: which addresses to add). */
export async function readNeighbours(
  gateway: SshSession,
  lanIfname: Ifname,
  timeoutMs: number,
): Promise<Result<NeighbourTable, SshFailure>> {
  const out = await runCommand(gateway, ["ip", "-4", "neigh", "show", "dev", lanIfname], { timeoutMs });
  return out.ok ? ok(parseNeighbours(out.value.stdout)) : err(out.error);
}

/**
 * Runs agents/discover.sh on the gateway: ARP for every address (or one ping
 * each on an old iproute2), `settleSeconds` for the answers, then the
 * neighbour table. Only the `refresh` entries are deleted first. `addresses`
 * must not hold a hand-configured (PERMANENT) entry: asking again replaces
 * it. The addresses are parsed values, passed as positional parameters.
 */
export async function sweepLinkLocal(
  gateway: SshSession,
  sweep: {
    lanIfname: Ifname;
    addresses: readonly Ipv4[];
    /** Those of `addresses` whose entry is learnt but not fresh (needsRefresh): forgotten, then asked again. */
    refresh: readonly Ipv4[];
    settleSeconds: number;
    timeoutMs: number;
  },
): Promise<Result<SweepResult, SshFailure>> {
  const refresh = sweep.addresses.filter((ip) => sweep.refresh.includes(ip));
  const rest = sweep.addresses.filter((ip) => !sweep.refresh.includes(ip));
  const args = [sweep.lanIfname, String(sweep.settleSeconds), String(refresh.length), ...refresh, ...rest];
  const script = { script: discoverScript(), args, name: "discovery sweep (agents/discover.sh)" };
  const out = await runCommand(gateway, script, { timeoutMs: sweep.timeoutMs });
  if (!out.ok) return err(out.error);
  const text = out.value.stdout;
  const marker = text.indexOf("neighbours\n");
  if (marker < 0 || (marker > 0 && text[marker - 1] !== "\n")) {
    const where = describeTarget(gateway.target);
    return err({ kind: "protocol", where, message: `the discovery sweep on ${where} printed no neighbour table` });
  }
  const answered: Ipv4[] = [];
  for (const line of text.slice(0, marker).split("\n")) {
    const ip = parseIpv4(/^answered (\S+)$/.exec(line)?.[1]);
    if (ip.ok) answered.push(ip.value);
  }
  return ok({ ...parseNeighbours(text.slice(marker + "neighbours\n".length)), answered });
}
