/**
 * One definition of "changed" (issue 13): testdata/change-cases.json holds the
 * cases (a box's state -> change or no change for the rule set its inventory
 * asks for), as data, so the agent's planner (agents/lib/plan.awk) can be
 * held to the same table. Here the dashboard's diffRuleSet must pass it.
 */
import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { diffRuleSet, parseEbtables, parseIptablesSave } from "../rules";
import { changeCaseRuleSet, loadChangeCases } from "./testdata/change-cases";

const cases = loadChangeCases();

describe("diffRuleSet passes the shared table of change cases", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const d = diffRuleSet(changeCaseRuleSet(c), {
      iptables: unwrap(parseIptablesSave(c.iptablesSave)),
      ebtables: c.ebtablesSave === null ? null : unwrap(parseEbtables(c.ebtablesSave)),
      sysctl: c.sysctl,
    });
    expect(d.changed ? "change" : "no change", c.why).toBe(c.expect);
  });

  it("the table has both answers and every case says why", () => {
    expect(new Set(cases.map((c) => c.expect))).toEqual(new Set(["change", "no change"]));
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });
});
