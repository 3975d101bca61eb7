import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * What runs in the browser never reaches lib/server, not even for a type: the
 * response types the UI reads come from lib/domain (the same zod schemas the
 * routes' contracts declare). Followed through every import, so a helper
 * without "use client" cannot carry lib/server into a client bundle.
 */
const ROOT = path.resolve(__dirname, "../..");

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((entry) => {
    const rel = path.join(dir, entry);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return files(rel);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [rel] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
  if (base === null) return null; // a package
  const found = ["", ".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((f) => existsSync(path.join(ROOT, f)));
  return found && statSync(path.join(ROOT, found)).isFile() ? path.normalize(found) : null;
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)];
  return specs.map((m) => m[1] ?? m[2]!);
}

/** Each file reachable from `entry` with the chain of imports that reaches it. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const spec of imports(file)) {
      const target = resolve(file, spec);
      if (!target || seen.has(target)) continue;
      seen.set(target, [...seen.get(file)!, target]);
      queue.push(target);
    }
  }
  return seen;
}

const isClient = (file: string) =>
  file.startsWith("app/_client/") || /^\s*["']use client["']/.test(readFileSync(path.join(ROOT, file), "utf8"));

describe("client code and lib/server", () => {
  const entries = files("app").filter(isClient);

  it("finds the client modules", () => {
    expect(entries).toEqual(expect.arrayContaining(["app/_client/api-queries.ts", "app/_components/fleet/fleet-table.tsx"]));
  });

  it("no client module imports lib/server, directly or through another module", () => {
    const leaks = entries.flatMap((entry) =>
      [...reachable(entry)].filter(([file]) => file.startsWith("lib/server/")).map(([, chain]) => chain.join(" -> ")),
    );
    expect(leaks).toEqual([]);
  });
});
