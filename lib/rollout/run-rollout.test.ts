import { describe, expect, it } from "vitest";
import { runRollout } from "./run-rollout";
import type {
  BranchWork,
  PendingChange,
  RolloutOptions,
  StepResult,
  TargetPlan,
  TargetRef,
  TargetSession,
  TargetUpdate,
} from "./rollout-types";

/** `pending`: what successive state reads find unconfirmed on the box (then nothing). */
type Behaviour = Partial<Record<"open" | "plan" | "apply" | "verify" | "confirm", string>> & {
  unchanged?: boolean;
  pending?: PendingChange[];
};

const ok = <T>(value: T): StepResult<T> => ({ ok: true, value });
const no = (error: string): StepResult<never> => ({ ok: false, error });
const PLAN: TargetPlan = {
  changed: true,
  diff: ["+ x"],
  counts: { add: 1, remove: 0, inPlace: 0, foreign: 0, duplicates: 0, settings: 0 },
};

/** A fake fleet: records the order of every step and the peak concurrency. */
function fleet(behaviour: Record<string, Behaviour> = {}) {
  const log: string[] = [];
  const updates: Array<[string, TargetUpdate]> = [];
  let inFlight = 0;
  let peak = 0;
  let cancel = false;
  const slept: number[] = [];
  const step = async <T>(key: string, name: keyof Behaviour, value: T): Promise<StepResult<T>> => {
    log.push(`${key}:${name}`);
    await new Promise((r) => setTimeout(r, 1));
    const failure = behaviour[key]?.[name];
    return typeof failure === "string" ? no(failure) : ok(value);
  };
  const driver = {
    async open(t: TargetRef): Promise<StepResult<TargetSession>> {
      const opened = await step(t.key, "open", null);
      if (!opened.ok) return opened;
      inFlight++;
      peak = Math.max(peak, inFlight);
      return ok({
        plan: () => {
          const pending = behaviour[t.key]?.pending?.shift();
          if (pending) return step(t.key, "plan", { kind: "in-flux" as const, pending });
          const plan = behaviour[t.key]?.unchanged ? { ...PLAN, changed: false } : PLAN;
          return step(t.key, "plan", { kind: "plan" as const, plan });
        },
        apply: () => step(t.key, "apply", { output: "applied" }),
        verify: () => step(t.key, "verify", { output: "verified" }),
        confirm: () => step(t.key, "confirm", { output: "confirmed" }),
        rollback: async () => {
          log.push(`${t.key}:rollback`);
          return ok({ output: "rolled back" });
        },
        close: async () => {
          inFlight--;
        },
      });
    },
  };
  const store = {
    async updateTarget(key: string, u: TargetUpdate) {
      updates.push([key, u]);
    },
    async cancelRequested() {
      return cancel;
    },
  };
  const final = (key: string) => updates.filter(([k]) => k === key).at(-1)?.[1];
  const sleep = async (ms: number) => {
    log.push(`sleep:${ms}`);
    slept.push(ms);
  };
  return {
    driver,
    store,
    log,
    final,
    sleep,
    slept,
    updates,
    peak: () => peak,
    cancelNow: () => {
      cancel = true;
    },
  };
}

const ref = (kind: "gateway" | "host", key: string, branchCode: string): TargetRef => ({
  key,
  kind,
  label: `${kind} ${key}`,
  branchCode,
});
function branches(n: number, hosts: number): BranchWork[] {
  return Array.from({ length: n }, (_, b) => ({
    code: `BR-${b}`,
    gateway: ref("gateway", `g${b}`, `BR-${b}`),
    hosts: Array.from({ length: hosts }, (_, h) => ref("host", `h${b}.${h}`, `BR-${b}`)),
  }));
}
const opts = (o: Partial<RolloutOptions> = {}): RolloutOptions => ({
  dryRun: false,
  concurrency: 32,
  canary: false,
  failureBudget: 1,
  ...o,
});
const deps = (f: ReturnType<typeof fleet>, pendingWaitSeconds = 35) => ({
  driver: f.driver,
  store: f.store,
  newToken: () => "tok",
  now: () => new Date(0),
  sleep: f.sleep,
  pendingWaitSeconds,
});
const inFlux = (secondsLeft: number): PendingChange => ({ token: "r7-0a1b2c3d4e5f", secondsLeft, timerAlive: true });

describe("runRollout", () => {
  it("applies each branch's gateway before any of its hosts, and confirms only after verifying", async () => {
    const f = fleet();
    const out = await runRollout(branches(2, 3), opts(), deps(f));
    expect(out.status).toBe("succeeded");
    expect(out.counts.succeeded).toBe(8);
    for (const b of [0, 1]) {
      const gwConfirmed = f.log.indexOf(`g${b}:confirm`);
      for (let h = 0; h < 3; h++) {
        expect(f.log.indexOf(`h${b}.${h}:open`)).toBeGreaterThan(gwConfirmed);
        expect(f.log.indexOf(`h${b}.${h}:confirm`)).toBeGreaterThan(f.log.indexOf(`h${b}.${h}:verify`));
      }
    }
  });

  it("never has more targets in flight than the concurrency", async () => {
    const f = fleet();
    await runRollout(branches(6, 5), opts({ concurrency: 4 }), deps(f));
    expect(f.peak()).toBeLessThanOrEqual(4);
    expect(f.peak()).toBeGreaterThan(1);
  });

  it("a dry run plans every target and applies none", async () => {
    const f = fleet();
    const out = await runRollout(branches(2, 2), opts({ dryRun: true }), deps(f));
    expect(out.counts.planned).toBe(6);
    expect(f.log.filter((l) => l.endsWith(":apply"))).toEqual([]);
  });

  it("a target with nothing to change is left untouched (no apply, no confirm)", async () => {
    const f = fleet({ "h0.0": { unchanged: true } });
    await runRollout(branches(1, 2), opts(), deps(f));
    expect(f.final("h0.0")?.status).toBe("unchanged");
    expect(f.log).not.toContain("h0.0:apply");
  });

  it("a failed end-to-end check rolls the target back and marks it failed with the reason", async () => {
    const f = fleet({ "h0.1": { verify: "guest 198.18.1.11:22 presented SHA256:x, expected SHA256:y" } });
    const out = await runRollout(branches(1, 3), opts({ failureBudget: 5 }), deps(f));
    expect(f.log).toContain("h0.1:rollback");
    expect(f.log).not.toContain("h0.1:confirm");
    expect(f.final("h0.1")).toMatchObject({ status: "failed", error: expect.stringContaining("SHA256:x") });
    expect(out.counts).toMatchObject({ succeeded: 3, failed: 1 });
    expect(out.status).toBe("failed");
  });

  it("a gateway that fails skips its own hosts but not other branches", async () => {
    const f = fleet({ g0: { open: "connection refused" } });
    const out = await runRollout(branches(2, 2), opts({ failureBudget: 10 }), deps(f));
    expect(f.final("h0.0")).toMatchObject({ status: "skipped", error: "not started: gateway g0 failed" });
    expect(f.final("h1.1")?.status).toBe("succeeded");
    expect(out.counts).toMatchObject({ failed: 1, skipped: 2, succeeded: 3 });
  });

  it("the failure budget is global: once spent, no new target starts", async () => {
    const bad = Object.fromEntries(["h0.0", "h1.0"].map((k) => [k, { open: "refused" }]));
    const f = fleet(bad);
    const out = await runRollout(branches(4, 3), opts({ concurrency: 1, failureBudget: 2 }), deps(f));
    expect(out.reason).toBe("failure budget of 2 spent");
    expect(out.counts.failed).toBe(2);
    expect(out.counts.skipped).toBeGreaterThan(0);
    expect(out.counts.failed + out.counts.succeeded + out.counts.skipped).toBe(16);
  });

  it("canary: the first branch runs alone and a failure there stops the rest", async () => {
    const f = fleet({ "h0.1": { apply: "iptables-restore: line 3 failed" } });
    const out = await runRollout(branches(3, 2), opts({ canary: true, failureBudget: 5 }), deps(f));
    expect(out.reason).toBe("canary branch BR-0 failed");
    expect(f.log.some((l) => l.startsWith("g1:"))).toBe(false);
    expect(f.final("g2")?.status).toBe("skipped");
  });

  it("cancel stops new targets; the rollout ends cancelled", async () => {
    const f = fleet();
    f.cancelNow();
    const out = await runRollout(branches(2, 2), opts(), deps(f));
    expect(out.status).toBe("cancelled");
    expect(out.counts.skipped).toBe(6);
  });

  it("a gateway holding an unconfirmed change is waited for, then planned again; only then its hosts", async () => {
    const f = fleet({ g0: { unchanged: true, pending: [inFlux(3)] } });
    const out = await runRollout(branches(1, 2), opts(), deps(f));
    expect(f.slept).toEqual([5000]);
    expect(f.log.indexOf("h0.0:open")).toBeGreaterThan(f.log.indexOf("sleep:5000"));
    const note = "waited 5 s for the unconfirmed change r7-0a1b2c3d4e5f (from rollout #7) to resolve";
    expect(f.final("g0")).toMatchObject({ status: "unchanged", output: note });
    expect(out.counts).toMatchObject({ unchanged: 1, succeeded: 2 });
  });

  it.each([
    ["an apply", false],
    ["a preview (dry run)", true],
  ])("in %s, a gateway whose unconfirmed change outlasts the wait fails, with token, seconds left", async (_, dry) => {
    const f = fleet({ g0: { unchanged: true, pending: [inFlux(300)] } });
    const out = await runRollout(branches(1, 2), opts({ dryRun: dry, failureBudget: 5 }), deps(f));
    const why =
      "has an unconfirmed change (token r7-0a1b2c3d4e5f, from rollout #7;" +
      " its dead-man timer rolls it back in 300 s unless it is confirmed): wait for that, then retry";
    expect(f.final("g0")).toMatchObject({ status: "failed", error: `gateway g0 ${why}` });
    expect(f.final("h0.0")).toMatchObject({ status: "skipped", error: `not started: gateway g0 ${why}` });
    expect(f.log.filter((l) => l.startsWith("h0.") || l.endsWith(":apply"))).toEqual([]);
    expect(f.slept).toEqual([]);
    expect(out.status).toBe("failed");
  });

  it("the wait is bounded: a change still unconfirmed after it is refused, saying how long was waited", async () => {
    const f = fleet({ g0: { pending: [inFlux(20), inFlux(20)] } });
    await runRollout(branches(1, 1), opts(), deps(f, 30));
    expect(f.slept).toEqual([22000]);
    const error = expect.stringMatching(/^gateway g0 has an unconfirmed change .* 20 s .*\(waited 22 s\)$/);
    expect(f.final("g0")).toMatchObject({ status: "failed", error });
  });

  it("a host holding an unconfirmed change is not 'unchanged' either", async () => {
    const f = fleet({ "h0.1": { unchanged: true, pending: [inFlux(90)] } });
    await runRollout(branches(1, 2), opts({ failureBudget: 5 }), deps(f));
    const error = expect.stringContaining("host h0.1 has an unconfirmed change (token r7-0a1b2c3d4e5f");
    expect(f.final("h0.1")).toMatchObject({ status: "failed", error });
    expect(f.log).not.toContain("h0.1:apply");
  });

  it("while it waits, the target says what it waits for", async () => {
    const f = fleet({ g0: { pending: [inFlux(3)] } });
    await runRollout(branches(1, 0), opts(), deps(f));
    const output = expect.stringMatching(/^waiting up to 5 s: gateway g0 has an unconfirmed change \(token r7-/);
    expect(f.updates).toContainEqual(["g0", { status: "planning", output }]);
  });

  it("a failed confirm says once that the dead-man rolls the change back, then what the box said", async () => {
    const said = "agent confirm failed at persist: the boot hook could not be registered: `update-rc.d …` failed";
    const f = fleet({ g0: { confirm: said } });
    await runRollout(branches(1, 1), opts(), deps(f));
    const error = `confirming gateway g0 failed, so its dead-man timer rolls the change back: ${said}`;
    expect(f.final("g0")).toMatchObject({ status: "failed", error });
    expect(f.final("h0.0")).toMatchObject({ status: "skipped", error: "not started: gateway g0 failed" });
  });
});
