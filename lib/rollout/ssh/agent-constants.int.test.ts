/**
 * The constants TypeScript hands the agent, checked on both sides with one
 * table each: every token and timeout the dashboard accepts, the agent
 * (under dash and busybox) accepts, and every one it refuses, the agent
 * refuses too.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHELLS, shellBin } from "@/agents/testing/shells";
import { run } from "@/lib/testing/proc";
import { AGENT_TOKEN, CONFIRM_TIMEOUT } from "./agent-constants";
import { agentParts, CONSTANTS_PART } from "./agent-source";

const TOKENS = [
  "t1",
  "r12.t3_a-b",
  "T",
  "x".repeat(64),
  "",
  "a b",
  "$(id)",
  "t;reboot",
  "-t",
  ".hidden",
  "x".repeat(65),
  "t\n1",
  "a*",
  "a/b",
  "é",
];
const TIMEOUTS = [0, CONFIRM_TIMEOUT.min, CONFIRM_TIMEOUT.default, CONFIRM_TIMEOUT.max, CONFIRM_TIMEOUT.max + 1];

const script = (driver: string) => {
  const wanted = [CONSTANTS_PART, "lib/common.sh", "lib/verbs-apply.sh"];
  return (
    agentParts()
      .filter((p) => wanted.includes(p.file))
      .map((p) => p.text)
      .join("") + driver
  );
};
// The agent's own argument check; bd_fail prints its JSON and exits 1.
const APPLY_ARGS = script(
  `BD_VERB=apply; bd_apply_args --token "$1" --confirm-timeout "$2" --payload "$3"; echo accepted\n`,
);

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "bdconst-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(SHELLS)("the agent under %s checks what TypeScript checks", (shell) => {
  let bin = "";
  beforeAll(async () => {
    bin = await shellBin(dir, shell);
  });
  const agent = async (token: string, timeout: number) => {
    const r = await run([path.join(bin, "sh"), "-s", "--", token, String(timeout), dir], {
      input: APPLY_ARGS,
      allowFailure: true,
      env: { PATH: `${bin}:/usr/bin:/bin` },
    });
    return r.stdout.trim() === "accepted";
  };

  it.each(TOKENS.map((t) => [JSON.stringify(t), t] as const))("token %s", async (_shown, token) => {
    expect(await agent(token, CONFIRM_TIMEOUT.default)).toBe(AGENT_TOKEN.test(token));
  });

  it.each(TIMEOUTS)("--confirm-timeout %i", async (timeout) => {
    const inRange = timeout >= CONFIRM_TIMEOUT.min && timeout <= CONFIRM_TIMEOUT.max;
    expect(await agent("t1", timeout)).toBe(inRange);
  });
});
