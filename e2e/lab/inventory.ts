import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Result } from "@/lib/domain/result";
import { parseCidr, parseHostname, parseIfname, parseIpv4, parseMac } from "@/lib/domain/values";
import { PREFIX_PATTERN, SLOT_COUNT } from "./lab-plan";

/**
 * The lab inventory: what `lab up` built, for tests and the demo's enrolment.
 * Written as JSON (default .lab/inventory.json), read back through this schema.
 * Note `hqAddress`: the address head office (and the root namespace, which
 * routes the lab's ranges through HQ) uses to SSH to a box. For a gateway it
 * is its WAN address and works at once; for a host it is its guest's IP and
 * only works once the NAT rules (seed-rules.sh, or Branchdesk) are applied.
 */
const parsed = (parse: (s: unknown) => Result<unknown>) =>
  z.string().superRefine((s, ctx) => {
    const r = parse(s);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
  });
const zIpv4 = parsed(parseIpv4);
const zCidr = parsed(parseCidr);
const zMac = parsed(parseMac);
const zIfname = parsed(parseIfname);
const zHostname = parsed(parseHostname);
const zFingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "must be an OpenSSH SHA256 fingerprint");
const zNetns = z.string().regex(/^bdl[0-7][a-z0-9]{4}-[a-z0-9-]+$/, "must be a lab namespace name");

export const ZLabGuest = z.object({
  name: z.string().min(1),
  domain: z.string().min(1),
  ifname: zIfname,
  mac: zMac,
  ip: zIpv4,
  netns: zNetns,
});

export const ZLabHost = z.object({
  hostname: zHostname,
  netns: zNetns,
  nicIfname: zIfname,
  nicMac: zMac,
  bridge: zIfname,
  tapIfname: zIfname,
  linkLocalIp: zIpv4,
  sshUser: z.literal("root"),
  sshPort: z.number().int().min(1).max(65535),
  hqAddress: zIpv4,
  hostKeyFingerprint: zFingerprint,
  guest: ZLabGuest,
});

export const ZLabGateway = z.object({
  hostname: zHostname,
  netns: zNetns,
  sshUser: z.literal("root"),
  sshPort: z.number().int().min(1).max(65535),
  hqAddress: zIpv4,
  wanIfname: zIfname,
  wanIp: zIpv4,
  lanIfname: zIfname,
  lanIp: zIpv4,
  linkLocalIp: zIpv4,
  hostKeyFingerprint: zFingerprint,
});

export const ZLabBranch = z.object({
  code: z.string().regex(/^BR-\d{4}$/),
  name: z.string().min(1),
  lanCidr: zCidr,
  switchNetns: zNetns,
  gateway: ZLabGateway,
  hosts: z.array(ZLabHost).min(1),
});

export const ZLabInventory = z.object({
  version: z.literal(1),
  prefix: z.string().regex(PREFIX_PATTERN),
  slot: z
    .number()
    .int()
    .min(0)
    .max(SLOT_COUNT - 1),
  createdAt: z.string(),
  runDir: z.string(),
  ssh: z.object({ user: z.literal("root"), privateKeyPath: z.string(), publicKeyPath: z.string() }),
  hq: z.object({
    netns: zNetns,
    /** HQ's own address: where a host's outbound test connection lands. */
    ip: zIpv4,
    wanIp: zIpv4,
    rootIfname: zIfname,
    rootIp: zIpv4,
    /** Routed from the root namespace through HQ: every gateway and guest IP of this run. */
    labCidr: zCidr,
  }),
  branches: z.array(ZLabBranch).min(1),
});

export type LabGuest = z.infer<typeof ZLabGuest>;
export type LabHost = z.infer<typeof ZLabHost>;
export type LabGateway = z.infer<typeof ZLabGateway>;
export type LabBranch = z.infer<typeof ZLabBranch>;
export type LabInventory = z.infer<typeof ZLabInventory>;

export const DEFAULT_INVENTORY_PATH = path.resolve(__dirname, "../../.lab/inventory.json");

export async function writeInventory(file: string, inv: LabInventory): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(ZLabInventory.parse(inv), null, 2) + "\n");
  await rename(tmp, file); // readers never see half a file
}

export async function readInventory(file: string): Promise<LabInventory> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read lab inventory ${file}: ${(e as Error).message}`);
  }
  const r = ZLabInventory.safeParse(raw);
  if (!r.success) {
    const problems = r.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`lab inventory ${file} is invalid:\n  ${problems.join("\n  ")}`);
  }
  return r.data;
}
