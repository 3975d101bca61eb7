import path from "node:path";
import type { Lab } from "./lab";
import { pool } from "@/lib/testing/proc";

/** The lab's plain shell script for the branch NAT rules (not Branchdesk's code). */
export const SEED_SCRIPT = path.join(__dirname, "seed-rules.sh");

/**
 * Runs seed-rules.sh on every host and gateway of the given branches (all by
 * default), each value passed as its own argv word: no shell string is built.
 */
export async function applySeedRules(lab: Lab, branchCodes?: readonly string[]): Promise<void> {
  const branches = lab.inventory.branches.filter((b) => !branchCodes || branchCodes.includes(b.code));
  for (const b of branches) {
    await pool(b.hosts, 4, (h) => lab.exec(h.hostname, ["sh", SEED_SCRIPT, "host", h.guest.ip, h.guest.mac, h.bridge]));
    const gw = b.gateway;
    await lab.exec(gw.hostname, [
      "sh",
      SEED_SCRIPT,
      "gateway",
      gw.lanIfname,
      gw.linkLocalIp,
      gw.lanIp,
      ...b.hosts.map((h) => h.guest.ip),
    ]);
  }
}
