import { describe, expect, it } from "vitest";
import { unwrap } from "@/lib/domain/result";
import { buildHostRuleSet, parseHostRuleInput, renderRuleSet } from "@/lib/domain/rules";
import { shellQuote } from "@/lib/domain/shell-quote";
import type { Ifname } from "@/lib/domain/values/ifname";
import { agentApplyStep, agentBundle, agentFollowUpStep, agentSource, parseAgentResult, type AgentPayload } from "./agent-bundle";

const payload: AgentPayload = {
  rendered: renderRuleSet(buildHostRuleSet(unwrap(parseHostRuleInput({ bridge: "virbr0", guests: [{ ip: "198.51.100.10", mac: "52:54:00:01:02:0a" }] })))),
  bridge: "virbr0" as Ifname,
};
const withIptables = (text: string): AgentPayload => ({ ...payload, rendered: { ...payload.rendered, "branchdesk.iptables": text } });
const sha = `sha256:${"a".repeat(64)}`;

describe("agentBundle", () => {
  it.each([
    [{ verb: "read" } as const, "sh -s -- read"],
    [{ verb: "status" } as const, "sh -s -- status"],
    [{ verb: "confirm", token: "r12.t3_a-b" } as const, "sh -s -- confirm r12.t3_a-b"],
    [{ verb: "rollback", token: "T" } as const, "sh -s -- rollback T"],
    [{ verb: "apply", token: "t1", payload } as const, "sh -s -- apply --token t1 --confirm-timeout 30"],
    [{ verb: "apply", token: "t1", payload, confirmTimeoutSeconds: 5 } as const, "sh -s -- apply --token t1 --confirm-timeout 5"],
  ])("%o runs as `%s`", (cmd, command) => {
    const b = unwrap(agentBundle(cmd));
    expect(b.command).toBe(command);
    expect(b.argv.join(" ")).toBe(command);
  });

  it.each(["", "a b", "$(id)", "t;reboot", "-t", ".hidden", "x".repeat(65), "t\n1"])("refuses the token %j before building anything", (token) => {
    const r = agentBundle({ verb: "confirm", token });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/^token .* is not valid/) });
  });

  it.each([0, 3601, 1.5, Number.NaN])("refuses confirmTimeoutSeconds %s", (t) => {
    expect(agentBundle({ verb: "apply", token: "t1", payload, confirmTimeoutSeconds: t })).toMatchObject({ ok: false, error: expect.stringContaining("confirmTimeoutSeconds") });
  });

  it("writes every payload file with the printf builtin (one quoted word), then the agent, then runs it in a subshell", () => {
    const { stdin } = unwrap(agentBundle({ verb: "apply", token: "t1", payload }));
    for (const file of ["branchdesk.iptables", "branchdesk.ebtables", "branchdesk.jumps", "branchdesk.sysctl", "branchdesk.modules", "branchdesk.bridge", "branchdesk-agent.sh"]) {
      expect(stdin).toMatch(new RegExp(`^(printf '%s' '[^]*' |: )>"\\$bd_dir/${file.replace(".", "\\.")}"$`, "m"));
    }
    expect(stdin).toContain(`printf '%s' ${shellQuote(payload.rendered["branchdesk.iptables"])} >"$bd_dir/branchdesk.iptables"\n`);
    expect(stdin).toContain(`printf '%s' 'virbr0\n' >"$bd_dir/branchdesk.bridge"\n`);
    expect(stdin).toContain(shellQuote(agentSource()));
    expect(stdin).not.toMatch(/^cat /m);
    expect(stdin.trimEnd().split("\n").slice(-5)).toEqual([`(BRANCHDESK_PAYLOAD=$bd_dir BRANCHDESK_SELF=$bd_dir/branchdesk-agent.sh; . "$bd_dir/branchdesk-agent.sh") </dev/null`, "bd_rc=$?", `rm -rf "$bd_dir"`, `exit "$bd_rc"`, "}"]);
  });

  it("runs the other verbs inline, without a directory or a copy of the agent", () => {
    const { stdin } = unwrap(agentBundle({ verb: "confirm", token: "t1" }));
    expect(stdin).toContain(`(\n${agentSource()}\n) </dev/null\nexit $?\n}\n`);
    expect(stdin.replace(agentSource(), "")).not.toMatch(/mktemp|bd_dir/);
  });

  it("refuses a NUL byte and a forged bridge name", () => {
    expect(agentBundle({ verb: "apply", token: "t1", payload: withIptables("*nat\0\n") })).toEqual({ ok: false, error: "branchdesk.iptables contains a NUL byte" });
    const forged = { ...payload, bridge: "eth0;reboot" as Ifname };
    expect(agentBundle({ verb: "apply", token: "t1", payload: forged })).toMatchObject({ ok: false, error: expect.stringMatching(/^bridge: .*not a valid interface name/) });
  });

  it("says where the agent sources were expected when they are missing", () => {
    expect(() => agentBundle({ verb: "read" }, { agentDir: "/nonexistent/agents" })).toThrow("agent sources not found: /nonexistent/agents/MANIFEST");
  });
});

describe("agent steps (one remote shell per target)", () => {
  it("the apply step writes payload and agent into a directory the shell removes on exit, and runs the agent with its arguments", () => {
    const step = unwrap(agentApplyStep({ verb: "apply", token: "t1", payload, confirmTimeoutSeconds: 7 }));
    expect(step).toContain(`trap 'rm -rf "$bd_dir"' EXIT`);
    expect(step).toContain(`printf '%s' ${shellQuote(payload.rendered["branchdesk.iptables"])} >"$bd_dir/branchdesk.iptables"\n`);
    expect(step).toContain(shellQuote(agentSource()));
    expect(step.trimEnd().split("\n").at(-1)).toBe(`(set -- apply --token t1 --confirm-timeout 7; BRANCHDESK_PAYLOAD=$bd_dir BRANCHDESK_SELF=$bd_dir/branchdesk-agent.sh; . "$bd_dir/branchdesk-agent.sh")`);
  });

  it("a follow-up step runs the same file with the verb and token", () => {
    const step = unwrap(agentFollowUpStep({ verb: "confirm", token: "r1-ab" }));
    expect(step.trimEnd().split("\n").at(-1)).toBe(`(set -- confirm r1-ab; BRANCHDESK_PAYLOAD=$bd_dir BRANCHDESK_SELF=$bd_dir/branchdesk-agent.sh; . "$bd_dir/branchdesk-agent.sh")`);
  });

  it("refuses bad tokens, timeouts and payloads as the one-shot bundle does", () => {
    expect(agentFollowUpStep({ verb: "rollback", token: "$(id)" })).toMatchObject({ ok: false, error: expect.stringMatching(/^token .* is not valid/) });
    expect(agentApplyStep({ verb: "apply", token: "t1", payload, confirmTimeoutSeconds: 0 })).toMatchObject({ ok: false, error: expect.stringContaining("confirmTimeoutSeconds") });
    expect(agentApplyStep({ verb: "apply", token: "t1", payload: withIptables("*nat\0\n") })).toEqual({ ok: false, error: "branchdesk.iptables contains a NUL byte" });
  });

});

describe("parseAgentResult", () => {
  it("no JSON: the error quotes the first line", () => {
    expect(parseAgentResult("sh: 1: mktemp: not found\nmore\n")).toEqual({ ok: false, error: "agent printed no JSON: sh: 1: mktemp: not found" });
    expect(parseAgentResult("")).toEqual({ ok: false, error: "agent printed no JSON: (no output)" });
  });

  it("invalid JSON and the wrong shape are errors naming the problem", () => {
    expect(parseAgentResult('{"ok":true,')).toMatchObject({ ok: false, error: expect.stringMatching(/^agent printed invalid JSON/) });
    const apply = { ok: true, verb: "apply", token: "t1", changed: true, armed: true, rollbackArmedSeconds: 30, counts: { iptablesRules: 1, ebtablesRules: 1, jumps: 2 }, digestBefore: sha, digestAfter: "md5:x", matchesPayload: true, persisted: "pending", note: "" };
    expect(parseAgentResult(JSON.stringify(apply))).toEqual({ ok: false, error: "agent output does not have the expected shape: digestAfter: not a digest" });
  });

  it("a clean failure of the agent is a parsed result with ok false", () => {
    const line = '{"ok":false,"verb":"apply","stage":"validate","error":"branchdesk.iptables line 5: ...","rolledBack":false}';
    expect(parseAgentResult(`noise\n${line}\n`)).toEqual({ ok: true, value: { ok: false, verb: "apply", stage: "validate", error: "branchdesk.iptables line 5: ...", rolledBack: false } });
  });

  it("read: the dumps come back decoded from base64", () => {
    const read = {
      ok: true, verb: "read", agentVersion: 1,
      iptablesNat: Buffer.from("*nat\nCOMMIT\n").toString("base64"), ebtablesNat: "", ebtablesFormat: "save",
      sysctl: { "net.ipv4.ip_forward": "0", "net.bridge.bridge-nf-call-iptables": "absent" }, pending: null,
      persisted: { active: "t1", pending: null }, tools: { iptables: "iptables v1.8.9 (nf_tables)", ebtables: null },
      counts: { iptablesRules: 0, ebtablesRules: 0, jumps: 0 }, digest: sha,
    };
    const r = parseAgentResult(JSON.stringify(read));
    expect(r).toMatchObject({ ok: true, value: { verb: "read", iptablesNat: "*nat\nCOMMIT\n", ebtablesNat: "" } });
  });
});
