import { describe, expect, it } from "vitest";
import { generateEd25519 } from "./generate-ed25519";
import { parseHostPublicKey } from "./parse-host-public-key";

describe("parseHostPublicKey: a .pub line whose type and blob agree", () => {
  const pair = generateEd25519("root@box");
  it("reads an ed25519 line, drops the comment, and fingerprints the blob", () => {
    const r = parseHostPublicKey(`${pair.publicLine}\n`);
    expect(r.ok && r.value.line).toBe(pair.publicLine.split(" ").slice(0, 2).join(" "));
    expect(r.ok && r.value.fingerprint).toMatch(/^SHA256:/);
  });
  it.each([
    ["empty", ""],
    ["no blob", "ssh-ed25519"],
    ["unknown type", "ssh-dss AAAAB3NzaC1kc3M="],
    ["bad base64", "ssh-ed25519 AAAA$$$$"],
    ["type lies about the blob", `ssh-rsa ${pair.publicLine.split(" ")[1]}`],
  ])("refuses %s", (_, line) => {
    expect(parseHostPublicKey(line).ok).toBe(false);
  });
});
