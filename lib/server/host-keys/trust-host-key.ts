import { ZTrustHostKeyInput, type TrustHostKeyInput } from "@/lib/domain/host-keys/trust-host-key-input";
import { hostKeyFingerprint, parseHostKeyFingerprint, type HostKeyFingerprint } from "@/lib/ssh/host-key-fingerprint";
import { connectSsh, openSshPublicKey } from "@/lib/ssh/connect-ssh";
import { loadFleetKey } from "@/lib/ssh/fleet-key";
import { scanHostKey } from "@/lib/ssh/scan-host-key";
import { parseSshTarget, type SshTarget } from "@/lib/ssh/ssh-target";
import type { Actor } from "@/lib/server/auth/actor";
import { sshConfig } from "@/lib/server/config/ssh-config";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { gatewaySshInput, hostSshInput } from "@/lib/server/ssh-targets/box-ssh-input";

export { ZTrustHostKeyInput, type TrustHostKeyInput };

type Box = { kind: "gateway"; id: number } | { kind: "host"; id: number };

/**
 * Pins a box's SSH host key: either the fingerprint an operator supplies, or
 * the one a scan sees (hosts are scanned through their gateway); with
 * `scanOnly`, only says what the box presents (nothing pinned, nothing
 * audited: the pinning request that follows is). Re-pinning a
 * different key is the explicit "the box was reinstalled" action. Audited with
 * the old and the new fingerprint.
 */
export async function trustHostKey(
  actor: Actor,
  box: Box,
  input: TrustHostKeyInput,
): Promise<{ fingerprint: HostKeyFingerprint; previous: string | null; pinned: boolean }> {
  const given = input.fingerprint ? fingerprintOrThrow(input.fingerprint, "fingerprint") : null;
  const expected = input.expect ? fingerprintOrThrow(input.expect, "expect") : null;
  const row = await loadBox(box);
  const seen: { blob: Buffer | null } = { blob: null };
  const fingerprint = given ?? (await scan(row, (blob) => (seen.blob = blob)));
  // A look only: the operator sees the key before anything is pinned.
  if (input.scanOnly) return { fingerprint, previous: row.pinned, pinned: false };
  if (expected && expected !== fingerprint) {
    throw new AppError(
      "conflict",
      `${row.label} presents ${fingerprint}, not the expected ${expected}: not trusting it`,
      { expect: ["does not match the scanned key"] },
    );
  }
  const publicKey = storedPublicKey(seen.blob, fingerprint);
  await writeTransaction(actor, async (tx, audit) => {
    // The key itself (for known_hosts lines) when the scan saw the pinned key; a re-pin to a key
    // not seen drops the old one, which no longer matches (issue 10).
    const data = {
      hostKeyFingerprint: fingerprint,
      ...(publicKey ? { hostPublicKey: publicKey } : fingerprint !== row.pinned ? { hostPublicKey: null } : {}),
    };
    if (box.kind === "gateway") await tx.gateway.update({ where: { id: box.id }, data });
    else await tx.host.update({ where: { id: box.id }, data });
    const how = given ? "entered by the operator" : "scanned";
    const summary = `trusted ${row.label}'s host key ${fingerprint} (${how})`;
    const entity = { type: box.kind, id: box.id, action: `${box.kind}.trust-host-key` };
    audit(entity, { hostKeyFingerprint: row.pinned }, { hostKeyFingerprint: fingerprint }, summary);
  });
  return { fingerprint, previous: row.pinned, pinned: true };
}

/** The scanned key as "ssh-ed25519 AAAA...", if it is the one being pinned. */
function storedPublicKey(blob: Buffer | null, fingerprint: HostKeyFingerprint): string | null {
  if (!blob || hostKeyFingerprint(blob) !== fingerprint) return null;
  return openSshPublicKey(blob) || null;
}

function fingerprintOrThrow(raw: string, field: string): HostKeyFingerprint {
  const r = parseHostKeyFingerprint(raw);
  if (!r.ok) throw new AppError("validation", `${field}: ${r.error}`, { [field]: [r.error] });
  return r.value;
}

type BoxRow = { label: string; pinned: string | null; target: SshTarget; via: SshTarget | null };

async function loadBox(box: Box): Promise<BoxRow> {
  if (box.kind === "gateway") {
    const g = await db().gateway.findUnique({ where: { id: box.id }, include: { branch: true } });
    if (!g) throw notFound(`gateway ${box.id}`);
    const t = target({ ...gatewaySshInput(g, g.branch.code), pinnedFingerprint: null });
    return { label: t.label, pinned: g.hostKeyFingerprint, target: t, via: null };
  }
  const h = await db().host.findUnique({ where: { id: box.id }, include: { branch: { include: { gateway: true } } } });
  if (!h) throw notFound(`host ${box.id}`);
  const gw = h.branch.gateway;
  if (!gw) throw new AppError("conflict", `branch ${h.branch.code} has no gateway: a host is scanned through it`);
  const t = target({ ...hostSshInput(h, h.branch.code), pinnedFingerprint: null });
  return {
    label: t.label,
    pinned: h.hostKeyFingerprint,
    target: t,
    via: target(gatewaySshInput(gw, h.branch.code)),
  };
}

function target(input: Parameters<typeof parseSshTarget>[0]): SshTarget {
  const r = parseSshTarget(input);
  if (!r.ok)
    throw new AppError(
      "validation",
      `the inventory row cannot be used for SSH: ${Object.entries(r.error)
        .map(([k, v]) => `${k}: ${v.join(", ")}`)
        .join("; ")}`,
    );
  return r.value;
}

async function scan(row: BoxRow, onKey: (blob: Buffer) => void): Promise<HostKeyFingerprint> {
  if (!row.via) {
    const r = await scanHostKey(row.target, { onKey });
    if (!r.ok) throw new AppError("unavailable", r.error.message);
    return r.value;
  }
  if (!row.via.pinnedFingerprint)
    throw new AppError("conflict", `trust ${row.via.label}'s host key first: hosts are scanned through it`);
  const key = await loadFleetKey(sshConfig().fleetKeyPath);
  if (!key.ok) throw new AppError("unavailable", `the fleet SSH key cannot be used: ${key.error}`);
  const gw = await connectSsh(row.via, { fleetKey: key.value });
  if (!gw.ok) throw new AppError("unavailable", gw.error.message);
  try {
    const r = await scanHostKey(row.target, { via: gw.value, onKey });
    if (!r.ok) throw new AppError("unavailable", r.error.message);
    return r.value;
  } finally {
    gw.value.close();
  }
}
