import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { generateEd25519 } from "@/lib/ssh/generate-ed25519";
import { hostKeyFingerprint } from "@/lib/ssh/host-key-fingerprint";
import type { Actor } from "@/lib/server/auth/actor";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeGateway } from "@/prisma/seed/factories";
import { trustHostKey } from "./trust-host-key";

// The scan is lib/ssh's (tested there against a real sshd); here: what trusting does with what it saw.
const box = vi.hoisted(() => ({ blob: null as Buffer | null }));
vi.mock("@/lib/ssh/scan-host-key", async () => {
  const { hostKeyFingerprint: fp } = await import("@/lib/ssh/host-key-fingerprint");
  return {
    scanHostKey: async (_target: unknown, options: { onKey?: (blob: Buffer) => void }) => {
      options.onKey?.(box.blob!);
      return { ok: true, value: fp(box.blob!) };
    },
  };
});

const carol: Actor = { userId: 3, username: "carol", role: "operator" };

describeEachDb("trusting a scanned key stores the key itself (for known_hosts)", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  it("a scan pins the fingerprint and keeps the key; a re-pin by fingerprint alone drops the old key", async () => {
    const branch = await makeBranch({}, t.db);
    const gw = await makeGateway(branch, {}, t.db);
    const pair = generateEd25519("gw");
    box.blob = pair.publicBlob;
    const r = await trustHostKey(carol, { kind: "gateway", id: gw.id }, {});
    expect(r.fingerprint).toBe(hostKeyFingerprint(pair.publicBlob));
    const row = await t.db.gateway.findUniqueOrThrow({ where: { id: gw.id } });
    expect(row).toMatchObject({
      hostKeyFingerprint: r.fingerprint,
      hostPublicKey: pair.publicLine.split(" ").slice(0, 2).join(" "),
    });

    const other = generateEd25519("reinstalled");
    await trustHostKey(carol, { kind: "gateway", id: gw.id }, { fingerprint: hostKeyFingerprint(other.publicBlob) });
    const repinned = await t.db.gateway.findUniqueOrThrow({ where: { id: gw.id } });
    expect(repinned.hostPublicKey).toBeNull();
  });

  it("a scan only looks: nothing is stored", async () => {
    const branch = await makeBranch({}, t.db);
    const gw = await makeGateway(branch, {}, t.db);
    box.blob = generateEd25519("look").publicBlob;
    await trustHostKey(carol, { kind: "gateway", id: gw.id }, { scanOnly: true });
    const row = await t.db.gateway.findUniqueOrThrow({ where: { id: gw.id } });
    expect([row.hostKeyFingerprint, row.hostPublicKey]).toEqual([null, null]);
  });
});
