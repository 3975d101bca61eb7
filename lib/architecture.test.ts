import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The import-direction rule of STYLE.md, enforced: app -> lib/server ->
 * lib/{ssh,rollout} -> lib/domain, never upward and never skipping lib/server
 * (app/ reaches SSH and rollouts only through a service); what runs in the
 * browser never reaches the server side at all; lib/ never imports Next or
 * React; lib/domain does no I/O and reads no clock or environment.
 */
const ROOT = path.resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir))) {
    const rel = path.join(dir, entry);
    if (entry === "node_modules" || entry === "generated") continue;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(entry)) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const specs = [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm,
    ),
  ];
  return specs.map((m) => m[1] ?? m[2] ?? m[3]!).map((spec) => resolveSpec(file, spec));
}

/** Normalises "@/lib/x" and "../x" to repo-relative paths; packages stay as they are. */
function resolveSpec(file: string, spec: string): string {
  if (spec.startsWith("@/")) return spec.slice(2);
  if (spec.startsWith(".")) return path.normalize(path.join(path.dirname(file), spec));
  return spec;
}

const layerOf = (p: string) =>
  p.startsWith("app/")
    ? "app"
    : p.startsWith("lib/server/")
      ? "server"
      : p.startsWith("lib/ssh/") || p.startsWith("lib/rollout/")
        ? "effects"
        : p.startsWith("lib/domain/")
          ? "domain"
          : p.startsWith("lib/testing/")
            ? "testing"
            : null;

const RANK = { domain: 0, effects: 1, server: 2, app: 3 } as const;
const isTest = (f: string) => /\.test\.tsx?$/.test(f);
const isClient = (f: string) => /^\s*["']use client["']/.test(readFileSync(path.join(ROOT, f), "utf8"));

/** The source file an import names ("lib/x" -> "lib/x.ts"), or null for a package. */
function sourceFile(target: string): string | null {
  for (const c of [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`]) {
    if (/\.tsx?$/.test(c) && existsSync(path.join(ROOT, c))) return c;
  }
  return null;
}

/**
 * `file` and every source file it imports, transitively (what a bundle built from it
 * holds), not following imports `stop` matches: they are reported where they are made.
 */
function closure(file: string, stop: RegExp, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const target of imports(file)) {
    const next = stop.test(target) ? null : sourceFile(target);
    if (next) closure(next, stop, seen);
  }
  return seen;
}

describe("architecture", () => {
  const files = sourceFiles("lib").concat(sourceFiles("app"));

  it("no layer imports a layer above it (app -> server -> ssh/rollout -> domain)", () => {
    const violations: string[] = [];
    for (const file of files.filter((f) => !isTest(f))) {
      const from = layerOf(file);
      if (!from || from === "testing") continue;
      for (const target of imports(file)) {
        const to = layerOf(target);
        if (to === "testing") violations.push(`${file} imports test support ${target}`);
        else if (to && RANK[to] > RANK[from]) violations.push(`${file} (${from}) imports ${target} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("app/ reaches SSH and rollouts only through lib/server, never lib/ssh or lib/rollout directly", () => {
    const violations = files
      .filter((f) => f.startsWith("app/") && !isTest(f))
      .flatMap((f) =>
        imports(f)
          .filter((t) => /^lib\/(ssh|rollout)\//.test(t))
          .map((t) => `${f} imports ${t}`),
      );
    expect(violations).toEqual([]);
  });

  it(
    'browser code (a "use client" file and all it imports) never reaches lib/server, lib/ssh, lib/rollout, ' +
      "app/_server or Node's modules",
    () => {
      const server = new RegExp(
        "^(lib/(server|ssh|rollout)|app/_server)/" +
          "|^(node:|pg$|better-sqlite3$|ssh2$|node-ssh$|@prisma/|server-only$)",
      );
      const violations: string[] = [];
      for (const client of files.filter((f) => !isTest(f) && isClient(f))) {
        for (const file of closure(client, server)) {
          for (const target of imports(file)) {
            if (server.test(target)) violations.push(`${client}: ${file} imports ${target}`);
          }
        }
      }
      expect(violations).toEqual([]);
    },
  );

  it("the rollout engine (lib/rollout/, not its SSH adapter lib/rollout/ssh/) never imports lib/ssh", () => {
    // Ordering, pacing, the failure budget and the state machine talk to boxes only through
    // the TargetDriver port, so they are tested with a fake driver and no sshd.
    const violations = files
      .filter((f) => f.startsWith("lib/rollout/") && !f.startsWith("lib/rollout/ssh/") && !isTest(f))
      .flatMap((f) =>
        imports(f)
          .filter((t) => t.startsWith("lib/ssh/") || t.startsWith("lib/rollout/ssh/"))
          .map((t) => `${f} imports ${t}`),
      );
    expect(violations).toEqual([]);
  });

  it("lib/ never imports Next.js or React", () => {
    const violations = files
      .filter((f) => f.startsWith("lib/"))
      .flatMap((f) =>
        imports(f)
          .filter((s) => /^(next|react|react-dom)(\/|$)/.test(s))
          .map((s) => `${f} imports ${s}`),
      );
    expect(violations).toEqual([]);
  });

  it("lib/domain is pure: no I/O modules, no clock, no environment", () => {
    const io = new RegExp(
      /^(node:)?(fs|fs\/promises|child_process|net|dgram|http|https|os|dns|tls|worker_threads)$/.source +
        "|" +
        /^(pg|better-sqlite3|ssh2|node-ssh|@prisma\/)/.source,
    );
    const violations: string[] = [];
    for (const file of files.filter((f) => f.startsWith("lib/domain/") && !isTest(f))) {
      for (const spec of imports(file)) if (io.test(spec)) violations.push(`${file} imports ${spec}`);
      const text = readFileSync(path.join(ROOT, file), "utf8");
      for (const [re, what] of [
        [/process\.env/, "process.env"],
        [/Date\.now\(|new Date\(\)/, "the clock"],
        [/Math\.random\(/, "randomness"],
      ] as const) {
        if (re.test(text)) violations.push(`${file} uses ${what}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
