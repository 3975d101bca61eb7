/**
 * The shared table of "is this a change?" cases (change-cases.json) read and
 * checked with zod, and a case's rule set built the way production builds it
 * (raw inventory -> parse*RuleInput -> build*RuleSet). For the dashboard's test
 * (../change-cases.test.ts) and the agent's planner test alike.
 */
import { z } from "zod";
import changeCasesJson from "./change-cases.json";
import { unwrap } from "../../result";
import { buildGatewayRuleSet, buildHostRuleSet, parseGatewayRuleInput, parseHostRuleInput, type RuleSet } from "../../rules";

export const ZChangeCase = z.object({
  name: z.string().min(1),
  target: z.discriminatedUnion("role", [
    z.object({ role: z.literal("host"), bridge: z.string(), guests: z.array(z.object({ ip: z.string(), mac: z.string() })) }),
    z.object({
      role: z.literal("gateway"),
      lanIfname: z.string(),
      lanIp: z.string(),
      linkLocalIp: z.string(),
      linkLocalPool: z.string(),
      guests: z.array(z.object({ ip: z.string() })),
    }),
  ]),
  iptablesSave: z.string(),
  ebtablesSave: z.string().nullable(),
  sysctl: z.record(z.string(), z.string()),
  ebFlavour: z.enum(["nft", "legacy"]).optional(),
  expect: z.enum(["change", "no change"]),
  why: z.string().min(1),
});
const ZChangeCases = z.object({ about: z.array(z.string()), cases: z.array(ZChangeCase).min(1) });
export type ChangeCase = z.infer<typeof ZChangeCase>;

export function loadChangeCases(): ChangeCase[] {
  return ZChangeCases.parse(changeCasesJson).cases;
}

export function changeCaseRuleSet(c: ChangeCase): RuleSet {
  const { role, ...input } = c.target;
  return role === "host"
    ? buildHostRuleSet(unwrap(parseHostRuleInput(input)))
    : buildGatewayRuleSet(unwrap(parseGatewayRuleInput(input)));
}

