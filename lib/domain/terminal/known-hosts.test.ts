import { describe, expect, it } from "vitest";
import { knownHostsText, parsePublicKeyLine, type PublicKeyLine } from "./known-hosts";

const ED = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
const FP = `SHA256:${"a".repeat(42)}A`;

describe("known_hosts snippet", () => {
  it("parses an OpenSSH public key and drops its comment", () => {
    expect(parsePublicKeyLine(`${ED} root@box`)).toEqual({ ok: true, value: ED });
    expect(parsePublicKeyLine(` ${ED}\n`)).toEqual({ ok: true, value: ED });
  });

  it.each([`ssh-dss ${ED.split(" ")[1]}`, "ssh-ed25519", "ssh-ed25519 not*base64*at*all!!", 42, `${ED}\nevil`])(
    "refuses what is not a key ssh can pin: %j",
    (input) => {
      expect(parsePublicKeyLine(input).ok).toBe(false);
    },
  );

  it("one line per stored key under its alias, a comment naming the pin for the others", () => {
    const text = knownHostsText("BR-0042", [
      { alias: "br-0042-gw", label: "gateway", key: ED as PublicKeyLine, fingerprint: FP },
      { alias: "br-0042-h01", label: "host", key: null, fingerprint: FP },
      { alias: "br-0042-h02", label: "host", key: null, fingerprint: null },
    ]);
    const lines = text.trimEnd().split("\n");
    expect(lines.filter((l) => !l.startsWith("#"))).toEqual([`br-0042-gw ${ED}`]);
    expect(lines).toContain(`# br-0042-h01 (host): key not stored yet; pinned fingerprint ${FP}`);
    expect(lines).toContain("# br-0042-h02 (host): no host key pinned yet");
    expect(text.endsWith("\n")).toBe(true);
  });
});
