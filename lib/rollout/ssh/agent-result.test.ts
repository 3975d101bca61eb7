import { describe, expect, it } from "vitest";
import { parseAgentResult } from "./agent-result";

const sha = `sha256:${"a".repeat(64)}`;

describe("parseAgentResult", () => {
  it("no JSON: the error quotes the first line", () => {
    expect(parseAgentResult("sh: 1: mktemp: not found\nmore\n")).toEqual({
      ok: false,
      error: "agent printed no JSON: sh: 1: mktemp: not found",
    });
    expect(parseAgentResult("")).toEqual({ ok: false, error: "agent printed no JSON: (no output)" });
  });

  it("invalid JSON and the wrong shape are errors naming the problem", () => {
    expect(parseAgentResult('{"ok":true,')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^agent printed invalid JSON/),
    });
    const apply = {
      ok: true,
      verb: "apply",
      token: "t1",
      changed: true,
      armed: true,
      rollbackArmedSeconds: 30,
      counts: { iptablesRules: 1, ebtablesRules: 1, jumps: 2 },
      digestBefore: sha,
      digestAfter: "md5:x",
      matchesPayload: true,
      persisted: "pending",
      note: "",
    };
    expect(parseAgentResult(JSON.stringify(apply))).toEqual({
      ok: false,
      error: "agent output does not have the expected shape: digestAfter: not a digest",
    });
  });

  it("a clean failure of the agent is a parsed result with ok false", () => {
    const line =
      '{"ok":false,"verb":"apply","stage":"validate","error":"branchdesk.iptables line 5: ...","rolledBack":false}';
    expect(parseAgentResult(`noise\n${line}\n`)).toEqual({
      ok: true,
      value: {
        ok: false,
        verb: "apply",
        stage: "validate",
        error: "branchdesk.iptables line 5: ...",
        rolledBack: false,
      },
    });
  });

  it("read: the dumps come back decoded from base64", () => {
    const read = {
      ok: true,
      verb: "read",
      agentVersion: 1,
      iptablesNat: Buffer.from("*nat\nCOMMIT\n").toString("base64"),
      ebtablesNat: "",
      ebtablesFormat: "save",
      sysctl: { "net.ipv4.ip_forward": "0", "net.bridge.bridge-nf-call-iptables": "absent" },
      pending: null,
      persisted: { active: "t1", pending: null },
      tools: { iptables: "iptables v1.8.9 (nf_tables)", ebtables: null },
      counts: { iptablesRules: 0, ebtablesRules: 0, jumps: 0 },
      digest: sha,
    };
    const r = parseAgentResult(JSON.stringify(read));
    expect(r).toMatchObject({ ok: true, value: { verb: "read", iptablesNat: "*nat\nCOMMIT\n", ebtablesNat: "" } });
  });
});
