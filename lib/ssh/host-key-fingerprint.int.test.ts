import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateKeyPair, sshKeygenFingerprint } from "@/lib/testing/sshd";
import { hostKeyFingerprint, parseHostKeyFingerprint } from "./host-key-fingerprint";

describe("parseHostKeyFingerprint", () => {
  it.each([
    ["SHA256:fZT1OXreOvVMN02Xe7n6iVxmOeD7L/DFi9FzoWY9H2c", true],
    ["SHA256:+/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true],
    ["SHA256:fZT1OXreOvVMN02Xe7n6iVxmOeD7L/DFi9FzoWY9H2c=", false], // padding is not what ssh-keygen prints
    ["sha256:fZT1OXreOvVMN02Xe7n6iVxmOeD7L/DFi9FzoWY9H2c", false],
    ["SHA256:fZT1OXreOvVMN02Xe7n6iVxmOeD7L/DFi9FzoWY9H2", false], // 42 chars
    ["SHA256:fZT1OXreOvVMN02Xe7n6iVxmOeD7L/DFi9FzoWY9H2d", false], // not a 256-bit value (low bits set)
    ["MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", false],
    [" SHA256:fZT1OXreOvVMN02Xe7n6iVxmOeD7L/DFi9FzoWY9H2c", false],
    [42, false],
  ])("%s -> valid: %s", (input, valid) => {
    const r = parseHostKeyFingerprint(input);
    expect(r.ok).toBe(valid);
    if (!r.ok && typeof input === "string") expect(r.error).toContain("ssh-keygen -lf");
  });
});

describe("hostKeyFingerprint", () => {
  it.each(["ed25519", "ecdsa", "rsa"])("equals `ssh-keygen -lf` for a %s key", async (type) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "branchdesk-fp-"));
    try {
      const key = await generateKeyPair(dir, `k_${type}`, type);
      const blob = Buffer.from(readFileSync(`${key}.pub`, "utf8").split(" ")[1]!, "base64");
      const fp = hostKeyFingerprint(blob);
      expect(fp).toBe(await sshKeygenFingerprint(`${key}.pub`));
      expect(parseHostKeyFingerprint(fp).ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
