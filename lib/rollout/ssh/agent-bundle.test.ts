import { describe, expect, it } from "vitest";
import { unwrap } from "@/lib/domain/result";
import { buildHostRuleSet, parseHostRuleInput, renderRuleSet } from "@/lib/domain/rules";
import { shellQuote } from "@/lib/domain/shell-quote";
import type { Ifname } from "@/lib/domain/values/ifname";
import { agentApplyStep, agentBundle, agentFollowUpStep, type AgentPayload } from "./agent-bundle";
import { agentSource } from "./agent-source";

const payload: AgentPayload = {
  rendered: renderRuleSet(
    buildHostRuleSet(
      unwrap(parseHostRuleInput({ bridge: "virbr0", guests: [{ ip: "198.51.100.10", mac: "52:54:00:01:02:0a" }] })),
    ),
  ),
  bridge: "virbr0" as Ifname,
};
const withIptables = (text: string): AgentPayload => ({
  ...payload,
  rendered: { ...payload.rendered, "branchdesk.iptables": text },
});

describe("agentBundle", () => {
  it.each([
    [{ verb: "read" } as const, "sh -s -- read"],
    [{ verb: "status" } as const, "sh -s -- status"],
    [{ verb: "confirm", token: "r12.t3_a-b" } as const, "sh -s -- confirm r12.t3_a-b"],
    [{ verb: "rollback", token: "T" } as const, "sh -s -- rollback T"],
    [{ verb: "apply", token: "t1", payload } as const, "sh -s -- apply --token t1 --confirm-timeout 30"],
    [
      { verb: "apply", token: "t1", payload, confirmTimeoutSeconds: 5 } as const,
      "sh -s -- apply --token t1 --confirm-timeout 5",
    ],
  ])("%o runs as `%s`", (cmd, command) => {
    const b = unwrap(agentBundle(cmd));
    expect(b.command).toBe(command);
    expect(b.argv.join(" ")).toBe(command);
  });

  it.each(["", "a b", "$(id)", "t;reboot", "-t", ".hidden", "x".repeat(65), "t\n1"])(
    "refuses the token %j before building anything",
    (token) => {
      const r = agentBundle({ verb: "confirm", token });
      expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/^token .* is not valid/) });
    },
  );

  it.each([0, 3601, 1.5, Number.NaN])("refuses confirmTimeoutSeconds %s", (t) => {
    expect(agentBundle({ verb: "apply", token: "t1", payload, confirmTimeoutSeconds: t })).toMatchObject({
      ok: false,
      error: expect.stringContaining("confirmTimeoutSeconds"),
    });
  });

  it(
    "writes every payload file with the printf builtin (one quoted word), " +
      "then the agent, then runs it in a subshell",
    () => {
      const { stdin } = unwrap(agentBundle({ verb: "apply", token: "t1", payload }));
      for (const file of [
        "branchdesk.iptables",
        "branchdesk.ebtables",
        "branchdesk.jumps",
        "branchdesk.sysctl",
        "branchdesk.modules",
        "branchdesk.bridge",
        "branchdesk-agent.sh",
      ]) {
        expect(stdin).toMatch(new RegExp(`^(printf '%s' '[^]*' |: )>"\\$bd_dir/${file.replace(".", "\\.")}"$`, "m"));
      }
      expect(stdin).toContain(
        `printf '%s' ${shellQuote(payload.rendered["branchdesk.iptables"])} >"$bd_dir/branchdesk.iptables"\n`,
      );
      expect(stdin).toContain(`printf '%s' 'virbr0\n' >"$bd_dir/branchdesk.bridge"\n`);
      expect(stdin).toContain(shellQuote(agentSource()));
      expect(stdin).not.toMatch(/^cat /m);
      expect(stdin.trimEnd().split("\n").slice(-5)).toEqual([
        `(BRANCHDESK_PAYLOAD=$bd_dir BRANCHDESK_SELF=$bd_dir/branchdesk-agent.sh; ` +
          `. "$bd_dir/branchdesk-agent.sh") </dev/null`,
        "bd_rc=$?",
        `rm -rf "$bd_dir"`,
        `exit "$bd_rc"`,
        "}",
      ]);
    },
  );

  it("runs the other verbs inline, without a directory or a copy of the agent", () => {
    const { stdin } = unwrap(agentBundle({ verb: "confirm", token: "t1" }));
    expect(stdin).toContain(`(\n${agentSource()}\n) </dev/null\nexit $?\n}\n`);
    expect(stdin.replace(agentSource(), "")).not.toMatch(/mktemp|bd_dir/);
  });

  it("refuses a NUL byte and a forged bridge name", () => {
    expect(agentBundle({ verb: "apply", token: "t1", payload: withIptables("*nat\0\n") })).toEqual({
      ok: false,
      error: "branchdesk.iptables contains a NUL byte",
    });
    const forged = { ...payload, bridge: "eth0;reboot" as Ifname };
    expect(agentBundle({ verb: "apply", token: "t1", payload: forged })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^bridge: .*not a valid interface name/),
    });
  });

  it("says where the agent sources were expected when they are missing", () => {
    expect(() => agentBundle({ verb: "read" }, { agentDir: "/nonexistent/agents" })).toThrow(
      "agent sources not found: /nonexistent/agents/MANIFEST",
    );
  });
});

describe("agent steps (one remote shell per target)", () => {
  it(
    "the apply step writes payload and agent into a directory the shell removes on exit, " +
      "and runs the agent with its arguments",
    () => {
      const step = unwrap(agentApplyStep({ verb: "apply", token: "t1", payload, confirmTimeoutSeconds: 7 }));
      expect(step).toContain(`trap 'rm -rf "$bd_dir"' EXIT`);
      expect(step).toContain(
        `printf '%s' ${shellQuote(payload.rendered["branchdesk.iptables"])} >"$bd_dir/branchdesk.iptables"\n`,
      );
      expect(step).toContain(shellQuote(agentSource()));
      expect(step.trimEnd().split("\n").at(-1)).toBe(
        `(set -- apply --token t1 --confirm-timeout 7; ` +
          `BRANCHDESK_PAYLOAD=$bd_dir BRANCHDESK_SELF=$bd_dir/branchdesk-agent.sh; . "$bd_dir/branchdesk-agent.sh")`,
      );
    },
  );

  it("a follow-up step runs the same file with the verb and token", () => {
    const step = unwrap(agentFollowUpStep({ verb: "confirm", token: "r1-ab" }));
    expect(step.trimEnd().split("\n").at(-1)).toBe(
      `(set -- confirm r1-ab; ` +
        `BRANCHDESK_PAYLOAD=$bd_dir BRANCHDESK_SELF=$bd_dir/branchdesk-agent.sh; . "$bd_dir/branchdesk-agent.sh")`,
    );
  });

  it("refuses bad tokens, timeouts and payloads as the one-shot bundle does", () => {
    expect(agentFollowUpStep({ verb: "rollback", token: "$(id)" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^token .* is not valid/),
    });
    expect(agentApplyStep({ verb: "apply", token: "t1", payload, confirmTimeoutSeconds: 0 })).toMatchObject({
      ok: false,
      error: expect.stringContaining("confirmTimeoutSeconds"),
    });
    expect(agentApplyStep({ verb: "apply", token: "t1", payload: withIptables("*nat\0\n") })).toEqual({
      ok: false,
      error: "branchdesk.iptables contains a NUL byte",
    });
  });
});
