import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PREFIX_PATTERN, SLOT_COUNT } from "./lab-plan";
import { prefixesOnMachine, reapRun } from "./reaper";

/**
 * Slots keep concurrent lab runs apart: a run owns slot N by creating
 * slots/N.json with O_EXCL, and with it slot N's address ranges. The record
 * names the owning process (pid + its start time, so a recycled pid does not
 * look alive); a run left behind by a CLI `up` is "persistent" and lives as
 * long as its HQ namespace. Anything whose owner is dead is reaped before a
 * slot is claimed.
 */
export const STATE_DIR = "/run/branchdesk-lab";
const SLOTS_DIR = path.join(STATE_DIR, "slots");
export const RUNS_DIR = path.join(STATE_DIR, "runs");

export const ZSlotRecord = z.object({
  slot: z
    .number()
    .int()
    .min(0)
    .max(SLOT_COUNT - 1),
  prefix: z.string().regex(PREFIX_PATTERN),
  runDir: z.string(),
  pid: z.number().int(),
  pidStart: z.string(),
  persistent: z.boolean(),
  createdAt: z.string(),
});
export type SlotRecord = z.infer<typeof ZSlotRecord>;

function processStart(pid: number): string | undefined {
  try {
    // Field 22 (starttime) follows the ")" that closes the command name.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

export function isRecordAlive(r: SlotRecord): boolean {
  if (r.persistent) return existsSync(`/run/netns/${r.prefix}-hq`);
  return processStart(r.pid) === r.pidStart;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function slotFile(slot: number) {
  return path.join(SLOTS_DIR, `${slot}.json`);
}

export function readSlots(): SlotRecord[] {
  if (!existsSync(SLOTS_DIR)) return [];
  const out: SlotRecord[] = [];
  for (const f of readdirSync(SLOTS_DIR)) {
    if (!/^\d+\.json$/.test(f)) continue;
    try {
      out.push(ZSlotRecord.parse(JSON.parse(readFileSync(path.join(SLOTS_DIR, f), "utf8"))));
    } catch {
      /* half-written: its writer is alive or the reaper handles it */
    }
  }
  return out;
}

/** Reaps runs whose owner died, and namespaces/links of runs no slot claims. Returns reaped prefixes. */
export function reapStale(): string[] {
  mkdirSync(SLOTS_DIR, { recursive: true });
  const reaped: string[] = [];
  for (const r of readSlots()) {
    if (isRecordAlive(r)) continue;
    // rename is atomic: of two concurrent reapers exactly one wins the tomb,
    // and neither can delete a slot file a new owner created meanwhile.
    const tomb = path.join(SLOTS_DIR, `reap-${r.slot}-${process.pid}-${randomBytes(3).toString("hex")}`);
    try {
      renameSync(slotFile(r.slot), tomb);
    } catch {
      continue;
    }
    const current = ZSlotRecord.safeParse(JSON.parse(readFileSync(tomb, "utf8")));
    if (current.success && current.data.prefix !== r.prefix && isRecordAlive(current.data)) {
      renameSync(tomb, slotFile(r.slot)); // a new owner raced in; give it back
      continue;
    }
    reapRun(r.prefix, r.runDir);
    rmSync(tomb, { force: true });
    reaped.push(r.prefix);
  }
  // Look at the machine before reading the slots: a run creates its slot file
  // before its first namespace, so anything seen here that no slot claims
  // afterwards is truly orphaned (not a run being born).
  const seen = prefixesOnMachine();
  if (existsSync(RUNS_DIR)) for (const d of readdirSync(RUNS_DIR)) if (PREFIX_PATTERN.test(d)) seen.add(d);
  const claimed = new Set(readSlots().map((r) => r.prefix));
  for (const prefix of seen) {
    if (claimed.has(prefix)) continue;
    reapRun(prefix, path.join(RUNS_DIR, prefix));
    reaped.push(prefix);
  }
  return reaped;
}

/** Claims the lowest free slot for this process; throws when all are taken by live runs. */
export function claimSlot(): SlotRecord {
  reapStale();
  mkdirSync(RUNS_DIR, { recursive: true });
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    const prefix = `bdl${slot}${Array.from(randomBytes(4), (b) => ALPHABET[b % ALPHABET.length]).join("")}`;
    const record: SlotRecord = {
      slot,
      prefix,
      runDir: path.join(RUNS_DIR, prefix),
      pid: process.pid,
      pidStart: processStart(process.pid) ?? "",
      persistent: false,
      createdAt: new Date().toISOString(),
    };
    try {
      writeFileSync(slotFile(slot), JSON.stringify(record, null, 2) + "\n", { flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw e;
    }
    mkdirSync(record.runDir, { recursive: true });
    return record;
  }
  const live = readSlots().map(
    (r) => `${r.slot}: ${r.prefix} (${r.persistent ? "persistent, `npm run lab -- down`" : `pid ${r.pid}`})`,
  );
  throw new Error(`all ${SLOT_COUNT} lab slots are taken by live runs:\n  ${live.join("\n  ")}`);
}

export function markPersistent(r: SlotRecord): SlotRecord {
  const next = { ...r, persistent: true };
  writeFileSync(slotFile(r.slot), JSON.stringify(next, null, 2) + "\n");
  return next;
}

/** Frees a slot if `r` still owns it. */
export function releaseSlot(r: SlotRecord): void {
  const file = slotFile(r.slot);
  try {
    const cur = ZSlotRecord.parse(JSON.parse(readFileSync(file, "utf8")));
    if (cur.prefix === r.prefix) rmSync(file, { force: true });
  } catch {
    /* already gone */
  }
}
