import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderRuleSet, type RenderedRuleSet } from "./render-rule-set";
import { BRANCHES } from "./testdata/branches";
import { buildGatewayRuleSet } from "./build-gateway-rule-set";
import { parseGatewayRuleInput } from "./parse-rule-input";
import { unwrap } from "../result";

// Goldens change only on purpose: UPDATE_GOLDEN=1 npx vitest run lib/domain/rules/render-golden.test.ts
const GOLDEN_DIR = fileURLToPath(new URL("./testdata/golden/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function bundle(files: RenderedRuleSet): string {
  return Object.entries(files)
    .map(([name, text]) => `==> ${name} <==\n${text}`)
    .join("\n");
}

describe("rendered rule sets match the golden files", () => {
  it.each(BRANCHES.map((b) => [b.name, b] as const))("%s", (name, branch) => {
    const file = path.join(GOLDEN_DIR, `${name}.txt`);
    const text = bundle(renderRuleSet(branch.ruleSet));
    if (UPDATE) writeFileSync(file, text);
    expect(existsSync(file), `${file} missing; create it with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(readFileSync(file, "utf8"));
  });

  it("no rendered text holds a timestamp, live counters or a carriage return", () => {
    for (const b of BRANCHES) {
      const text = bundle(renderRuleSet(b.ruleSet));
      expect(text).not.toMatch(/Generated|Completed|\r|\b(19|20)\d\d-\d\d/);
      expect(text.match(/\[\d+:\d+\]/g)?.every((c) => c === "[0:0]") ?? true).toBe(true);
    }
  });

  it("a gateway's guests in another order render the same bytes", () => {
    const raw = {
      lanIfname: "eth1",
      lanIp: "203.0.113.1",
      linkLocalIp: "169.254.1.1",
      linkLocalPool: "169.254.0.0/16",
    };
    const guests = [{ ip: "203.0.113.10" }, { ip: "203.0.113.9" }, { ip: "198.51.100.200" }];
    const a = buildGatewayRuleSet(unwrap(parseGatewayRuleInput({ ...raw, guests })));
    const b = buildGatewayRuleSet(unwrap(parseGatewayRuleInput({ ...raw, guests: [...guests].reverse() })));
    expect(bundle(renderRuleSet(b))).toBe(bundle(renderRuleSet(a)));
  });
});
