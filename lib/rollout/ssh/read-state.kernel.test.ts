/**
 * The plan's state read and the agent's `read` verb tell a pending apply the
 * same way (both run agents/lib/pending.sh): a box whose dead-man is armed is
 * reported with its token, the seconds left and whether the timer runs.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hostPayload, SHELLS, useAgentLabs, type AgentLab } from "@/agents/testing/agent-lab";
import { run } from "@/lib/testing/proc";
import { parseBoxState, readStateScript } from "./read-state";

const A = { ip: "198.51.100.10", mac: "52:54:00:01:02:0a" };
const { lab } = useAgentLabs();

async function both(l: AgentLab) {
  const state = await l.exec(["sh", "-s"], readStateScript());
  const parsed = parseBoxState(state.stdout);
  if (!parsed.ok) throw new Error(`${parsed.error}\n${state.stderr}`);
  const read = (await l.agent({ verb: "read" })).result;
  if (!read.ok || read.verb !== "read") throw new Error(JSON.stringify(read));
  return { plan: parsed.value.pending, agent: read.pending };
}

describe.each(SHELLS)("the state read under %s", (shell) => {
  it("reports an unconfirmed apply as the agent does: token, seconds left, timer alive; stopped; none", async () => {
    const l = await lab(shell);
    expect(await both(l)).toEqual({ plan: null, agent: null });

    const token = "r7-0a1b2c3d4e5f";
    const applied = await l.agent({ verb: "apply", token, confirmTimeoutSeconds: 30, payload: hostPayload([A]) });
    expect(applied.result).toMatchObject({ ok: true, armed: true });
    const armed = await both(l);
    expect(armed.plan).toMatchObject({ token: "r7-0a1b2c3d4e5f", timerAlive: true });
    expect(armed.plan!.secondsLeft).toBeGreaterThan(20);
    expect(Math.abs(armed.plan!.secondsLeft - armed.agent!.secondsLeft)).toBeLessThanOrEqual(1);
    expect(armed.agent).toMatchObject({ token: "r7-0a1b2c3d4e5f", timerAlive: true });

    // A killed timer: nothing will roll the apply back; both must say so.
    const pid = (await readFile(path.join(l.run, "pending", "timer.pid"), "utf8")).trim();
    await run(["kill", "-9", pid], { allowFailure: true });
    const stopped = await both(l);
    expect(stopped.plan).toMatchObject({ token: "r7-0a1b2c3d4e5f", timerAlive: false });
    expect(stopped.agent).toMatchObject({ token: "r7-0a1b2c3d4e5f", timerAlive: false });

    expect((await l.agent({ verb: "rollback", token })).result).toMatchObject({ ok: true, rolledBack: true });
    expect(await both(l)).toEqual({ plan: null, agent: null });
  });
});
