/**
 * Every rule of a nat table explained against what Branchdesk expects on the
 * box (its rule set from inventory, the jump into its chain) and what the
 * inventory knows about addresses. One finding per rule read, in dump order,
 * then one per expected rule or jump that is not in place.
 *
 * Class precedence for a rule read: in-place > duplicate > hand-made-equivalent
 * > stale > shadowed > foreign. Shadowing comes from findShadowing (evaluation,
 * not text) and is reported on every finding in `shadowedBy`, whatever its class.
 */
import { GATEWAY_JUMPS } from "../rules/build-gateway-rule-set";
import { HOST_JUMPS } from "../rules/build-host-rule-set";
import { ruleTool, type Jump, type Rule } from "../rules/rule";
import { findShadowing, refOf } from "./find-shadowing";
import { modelNatRule } from "./model-nat-rule";
import type { InventoryAddress, NatExpectation, NatRule, NatTable, RuleFinding, RuleRef } from "./nat-audit-types";
import { ownerOf } from "./owner-of";
import { shapeOf } from "./rule-shape";

const OWNED_PREFIX = "BRANCHDESK-";

function describe(ref: RuleRef): string {
  return `${ref.chain} #${ref.index} (line ${ref.line})`;
}

function isPlainJump(r: NatRule): boolean {
  const m = r.match as Record<string, unknown>;
  return (
    r.target.kind === "JUMP" &&
    r.unknownOptions.length === 0 &&
    Object.keys(m).every((k) => k === "comment" || m[k] === null)
  );
}

/** Why a Branchdesk-shaped address makes a rule stale, or null when the inventory still has it here. */
function staleAddress(r: NatRule, inventory: ReadonlyMap<string, InventoryAddress[]>): string | null {
  const shape = shapeOf(r);
  if (!shape) return null;
  const checks: [string | null, InventoryAddress["kind"]][] = [
    [shape.guestIp, "guest"],
    [shape.toSource?.startsWith("169.254.") ? shape.toSource : null, "link-local"],
  ];
  for (const [ip, kind] of checks) {
    if (ip === null) continue;
    const known = (inventory.get(ip) ?? []).filter((a) => a.kind === kind);
    if (known.length === 0) return `${kind} address ${ip} is no longer in the inventory`;
    if (!known.some((a) => a.here)) return `${kind} address ${ip} lives elsewhere now (${known[0]!.where})`;
  }
  return null;
}

type Ctx = {
  table: NatTable;
  expected: NatExpectation;
  want: Map<string, { rule: Rule; chain: string }>;
  jumps: Jump[];
  builtins: Set<string>;
  inventory: Map<string, InventoryAddress[]>;
};

function expectedJump(ctx: Ctx, r: NatRule): Jump | undefined {
  return ctx.jumps.find((j) => j.from === r.chain && j.chain === r.target.chain);
}

function ownedFinding(ctx: Ctx, r: NatRule, base: RuleFinding): RuleFinding {
  const want = ctx.want.get(r.canon);
  if (want && want.chain === r.chain) return { ...base, class: "in-place", expected: want.rule, reason: "in place" };
  const why = staleAddress(r, ctx.inventory) ?? "not in the rule set the inventory asks for";
  return { ...base, class: "stale", reason: `${why}; the next apply removes it from ${r.chain}` };
}

function classifyRule(ctx: Ctx, i: number, shadowedBy: RuleRef | null, first: Map<string, number>): RuleFinding {
  const { table } = ctx;
  const r = table.rules[i]!;
  const builtin = ctx.builtins.has(r.chain);
  const owner = ownerOf(r, builtin);
  const key = `${r.chain}\0${r.canon}`;
  const firstAt = first.get(key);
  if (firstAt === undefined) first.set(key, i);
  const duplicateOf = firstAt === undefined ? null : refOf(table, firstAt);
  const want = ctx.want.get(r.canon);
  const base: RuleFinding = {
    class: "foreign",
    rule: r,
    expected: null,
    jump: null,
    owner: owner.owner,
    duplicateOf,
    shadowedBy,
    reason: "",
  };
  const plainJump = builtin && isPlainJump(r) ? expectedJump(ctx, r) : undefined;
  if (duplicateOf) {
    const what = plainJump ? "jump" : want ? "copy of a Branchdesk rule" : "rule";
    return {
      ...base,
      class: "duplicate",
      expected: want?.rule ?? null,
      reason: `the same ${what} as ${describe(duplicateOf)}`,
    };
  }
  if (plainJump) return { ...base, class: "in-place", reason: `the jump from ${r.chain} into ${plainJump.chain}` };
  if (r.chain.startsWith(OWNED_PREFIX)) return ownedFinding(ctx, r, base);
  if (r.target.chain?.startsWith(OWNED_PREFIX)) {
    return { ...base, class: "stale", reason: `a jump into ${r.target.chain} that Branchdesk does not make here` };
  }
  if (want && owner.owner !== "docker" && owner.owner !== "libvirt") {
    const where = builtin ? "in a built-in chain" : `in ${r.chain}`;
    return {
      ...base,
      class: "hand-made-equivalent",
      owner: "admin",
      expected: want.rule,
      reason: `made by hand ${where}; Adopt moves it into ${want.chain}`,
    };
  }
  const stale = staleAddress(r, ctx.inventory);
  if (stale) return { ...base, class: "stale", reason: `a hand-made Branchdesk-style rule: ${stale}` };
  if (shadowedBy)
    return { ...base, class: "shadowed", reason: `never fires: ${describe(shadowedBy)} takes all its packets first` };
  const nearMiss = shapeOf(r) ? "; Branchdesk-style but not what the inventory asks for" : "";
  return { ...base, reason: `${owner.why}${nearMiss}` };
}

function missingFindings(ctx: Ctx, found: RuleFinding[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  const none = { rule: null, owner: "branchdesk" as const, duplicateOf: null, shadowedBy: null, jump: null };
  const inPlace = new Set<string>();
  const handMade = new Map<string, RuleFinding>();
  for (const f of found) {
    if (!f.rule) continue;
    if (f.class === "in-place") inPlace.add(`${f.rule.chain}\0${f.rule.canon}\0${f.rule.target.chain ?? ""}`);
    if (f.class === "hand-made-equivalent" && !handMade.has(f.rule.canon)) handMade.set(f.rule.canon, f);
  }
  for (const [canon, want] of ctx.want) {
    if (inPlace.has(`${want.chain}\0${canon}\0`)) continue;
    const hand = handMade.get(canon)?.rule;
    const hint = hand ? `; a hand-made equivalent is at ${describe(ruleRef(hand))}` : "";
    out.push({ ...none, class: "missing", expected: want.rule, reason: `not in ${want.chain}${hint}` });
  }
  for (const j of ctx.jumps) {
    if ([...inPlace].some((k) => k.startsWith(`${j.from}\0`) && k.endsWith(`\0${j.chain}`))) continue;
    out.push({
      ...none,
      class: "missing",
      expected: null,
      jump: j,
      reason: `no plain jump from ${j.from} into ${j.chain}`,
    });
  }
  return out;
}

function ruleRef(r: NatRule): RuleRef {
  return { chain: r.chain, index: r.index, line: r.line, text: r.text };
}

export function classifyNatTable(table: NatTable, expected: NatExpectation): RuleFinding[] {
  const tool = table.family === "ip" ? "iptables" : "ebtables";
  const want = new Map<string, { rule: Rule; chain: string }>();
  for (const rule of expected.expectedRules) {
    if (ruleTool(rule) !== tool) continue;
    const nat = modelNatRule(rule);
    want.set(nat.canon, { rule, chain: nat.chain });
  }
  const jumps = (expected.role === "gateway" ? GATEWAY_JUMPS : HOST_JUMPS).filter((j) => j.tool === tool);
  const builtins = new Set(table.chains.filter((c) => c.builtin).map((c) => c.name));
  const inventory = new Map<string, InventoryAddress[]>();
  for (const a of expected.inventory) inventory.set(a.ip, [...(inventory.get(a.ip) ?? []), a]);
  const ctx: Ctx = { table, expected, want, jumps, builtins, inventory };
  const shadow = findShadowing(table);
  const first = new Map<string, number>();
  const found = table.rules.map((_, i) => classifyRule(ctx, i, shadow[i] ?? null, first));
  return [...found, ...missingFindings(ctx, found)];
}
