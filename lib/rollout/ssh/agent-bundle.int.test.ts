/**
 * The bundle and the steps as dash and busybox read them: valid sh, payload
 * bytes kept as data. Integration tier: it runs the shells (no root).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { unwrap } from "@/lib/domain/result";
import { buildHostRuleSet, parseHostRuleInput, renderRuleSet } from "@/lib/domain/rules";
import type { Ifname } from "@/lib/domain/values/ifname";
import { agentApplyStep, agentBundle, agentFollowUpStep, type AgentPayload } from "./agent-bundle";
import { parseAgentResult } from "./agent-result";

const guest = { ip: "198.51.100.10", mac: "52:54:00:01:02:0a" };
const payload: AgentPayload = {
  rendered: renderRuleSet(buildHostRuleSet(unwrap(parseHostRuleInput({ bridge: "virbr0", guests: [guest] })))),
  bridge: "virbr0" as Ifname,
};
const withIptables = (text: string): AgentPayload => ({
  ...payload,
  rendered: { ...payload.rendered, "branchdesk.iptables": text },
});

describe("agentBundle under dash and busybox", () => {
  it.each(["dash", "busybox"])("is valid POSIX sh for %s -n", (shell) => {
    for (const cmd of [{ verb: "apply", token: "t1", payload } as const, { verb: "confirm", token: "t1" } as const]) {
      const { stdin } = unwrap(agentBundle(cmd));
      const argv = shell === "busybox" ? ["sh", "-n"] : ["-n"];
      expect(() => execFileSync(shell, argv, { input: stdin })).not.toThrow();
    }
  });

  it.each(["dash", "busybox"])(
    "keeps payload text byte for byte under %s: quotes, $(...) and heredoc-like lines are data",
    (shell) => {
      const tricky = "*nat\nBRANCHDESK_PAYLOAD_IPTABLES\n# it's $(touch /nonexistent/x) `id` \\ \"q\" '\\''\nCOMMIT";
      const { stdin } = unwrap(agentBundle({ verb: "apply", token: "t1", payload: withIptables(tricky) }));
      // Show the written file on stderr instead of running the agent.
      const probe = stdin.replace(
        /^\(BRANCHDESK_PAYLOAD=.*$/m,
        `cat "$bd_dir/branchdesk.iptables" "$bd_dir/branchdesk.modules" >&2`,
      );
      const r = spawnSync(shell, shell === "busybox" ? ["sh", "-s", "--", "read"] : ["-s", "--", "read"], {
        input: probe,
        encoding: "utf8",
      });
      expect(r.status).toBe(0);
      const modules = payload.rendered["branchdesk.modules"];
      expect(r.stderr).toBe(`${tricky}\n${modules.replace(/\n?$/, modules ? "\n" : "")}`);
    },
  );
});

describe("agent steps under dash and busybox", () => {
  it("a follow-up step refuses to run without an apply step before it", () => {
    const step = unwrap(agentFollowUpStep({ verb: "confirm", token: "r1-ab" }));
    const r = spawnSync("dash", ["-s"], { input: step, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(parseAgentResult(r.stdout)).toMatchObject({
      ok: true,
      value: { ok: false, stage: "bundle", error: "no agent from an apply step in this shell" },
    });
  });

  it.each(["dash", "busybox"])("both steps are valid POSIX sh for %s -n", (shell) => {
    for (const step of [
      unwrap(agentApplyStep({ verb: "apply", token: "t1", payload })),
      unwrap(agentFollowUpStep({ verb: "confirm", token: "t1" })),
    ]) {
      expect(() => execFileSync(shell, shell === "busybox" ? ["sh", "-n"] : ["-n"], { input: step })).not.toThrow();
    }
  });
});
