/**
 * The fresh-machine check (issue 8): a test once ran `nft`, which no install
 * step provided; CI stayed green only because the development machine had it
 * from a manual install. This test finds every word in the source that names a
 * program installed on this machine, asks dpkg which package provides it, and
 * fails when that package is neither part of a minimal Debian (Essential or
 * priority "required") nor listed in scripts/test-programs.txt, the list
 * scripts/install-test-packages.sh installs from.
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTestPrograms } from "./test-programs";
import { ROOT } from "./schema-files";

const SCANNED = ["lib", "agents", "e2e", "scripts", "app", "prisma"];
const SOURCE = /\.(ts|tsx|mts|sh|awk)$/;
// Words that name a program on Debian but appear in the source as plain words,
// never run: each with the reason it is not a program invocation.
const PLAIN_WORDS: Record<string, string> = {
  reboot: "a hostile value in input tests (eth0;reboot)",
  shutdown: "a word in the lab's virsh shim (virsh shutdown)",
  route: "a word in comments and test names",
  open: "a word in comments and test names",
  patch: "the HTTP method",
  file: "a word (file: URLs, file names)",
  as: "a word in comments",
  time: "a word in comments",
  write: "a word in comments",
  col: "a word in class names",
  size: "a word (font and table sizes)",
  red: "a word (colours)",
  nm: "an awk variable",
  prove: "a word in comments",
  init: "a word (init system, init.d)",
  column: "a word (a CSV column)",
  look: "a word in comments and test names",
  less: "a word (less than)",
  make: "a word in comments and messages",
  // The enrolment agent's fallbacks on a box without iproute2 or curl; run on boxes, never by the tests.
  ifconfig: "the enrolment agent's fallback on a box without ip, optional",
  wget: "the enrolment agent's fallback on a box without curl, optional",
  // The agent probes for these on a box and works without them (BRANCHDESK_INIT
  // picks the boot hook): tests cover both, so a box without systemd is fine.
  systemd: "probed by the agent, optional",
  systemctl: "probed by the agent, optional",
  "systemd-analyze": "probed by the agent, optional",
};
// The machine the README promises: Debian 12 with Node.js.
const PREMISE = new Set(["nodejs"]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "testdata") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith(".test.ts.snap")) out.push(full);
  }
  return out;
}

/** Candidate program names: quoted words in TypeScript, every word in shell and awk. */
function candidateWords(file: string): Set<string> {
  const text = readFileSync(file, "utf8");
  const words = new Set<string>();
  const pattern =
    file.endsWith(".sh") || file.endsWith(".awk")
      ? /(?<![\w$./-])([a-z][a-z0-9+_-]*[a-z0-9])(?![\w./-])/g
      : /["'`]([a-z][a-z0-9+_-]*[a-z0-9])["'`\s]/g;
  for (const m of text.matchAll(pattern)) words.add(m[1]!);
  return words;
}

const PATH_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

function resolveProgram(word: string): string | null {
  for (const dir of PATH_DIRS) {
    const full = path.join(dir, word);
    try {
      accessSync(full, constants.X_OK);
      if (statSync(full).isFile()) return full;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** Package owning each path (alternatives resolved through their target), via one dpkg -S call. */
function owningPackages(paths: string[]): Map<string, string> {
  const candidates = new Map<string, string[]>();
  const add = (file: string, program: string) => candidates.set(file, [...(candidates.get(file) ?? []), program]);
  for (const p of paths) {
    // The link itself first: an alternative (iptables -> xtables-nft-multi) is owned through its target.
    for (const file of new Set([p, p.replace(/^\/usr\//, "/"), realpathSync(p)])) add(file, p);
  }
  const out = execFileSync("sh", ["-c", 'dpkg -S "$@" 2>/dev/null || true', "dpkg", ...candidates.keys()], {
    encoding: "utf8",
  });
  const owners = new Map<string, string>();
  for (const line of out.split("\n")) {
    const m = /^([^:]+)(?::[a-z0-9]+)?: (\/.+)$/.exec(line);
    if (!m || m[1]!.includes(",") || m[1]!.startsWith("diversion")) continue;
    for (const program of candidates.get(m[2]!) ?? []) if (!owners.has(program)) owners.set(program, m[1]!);
  }
  return owners;
}

/** The listed packages and everything they pull in (apt-cache depends, recursively). */
function providedPackages(listed: readonly string[]): Set<string> {
  const args = [
    "depends",
    "--recurse",
    "--no-recommends",
    "--no-suggests",
    "--no-conflicts",
    "--no-breaks",
    "--no-replaces",
    "--no-enhances",
    ...new Set(listed),
  ];
  const out = execFileSync("apt-cache", args, { encoding: "utf8", maxBuffer: 64 << 20 });
  return new Set([
    ...listed,
    ...out
      .split("\n")
      .filter((l) => /^[a-z0-9]/.test(l))
      .map((l) => l.trim()),
  ]);
}

function basePackages(): Set<string> {
  const out = execFileSync("dpkg-query", ["-W", "-f", "${Package}\t${Essential}\t${Priority}\n"], { encoding: "utf8" });
  const base = new Set<string>();
  for (const line of out.split("\n")) {
    const [pkg, essential, priority] = line.split("\t");
    if (pkg && (essential === "yes" || priority === "required")) base.add(pkg);
  }
  return base;
}

describe("every program the project runs is installed by the test command", () => {
  const listed = readTestPrograms();
  const files = SCANNED.flatMap((d) => sourceFiles(path.join(ROOT, d)));

  it("finds the programs named in the source and the packages that provide them", () => {
    const usedIn = new Map<string, string>();
    for (const file of files) {
      for (const word of candidateWords(file))
        if (!PLAIN_WORDS[word] && !usedIn.has(word)) usedIn.set(word, path.relative(ROOT, file));
    }
    const programs = new Map<string, string>();
    for (const word of usedIn.keys()) {
      const full = resolveProgram(word);
      if (full) programs.set(full, word);
    }
    const owners = owningPackages([...programs.keys()]);
    const base = basePackages();
    const provided = providedPackages(listed.map((p) => p.package));
    const unprovided: string[] = [];
    for (const [full, word] of programs) {
      const pkg = owners.get(full);
      if (!pkg || base.has(pkg) || PREMISE.has(pkg) || provided.has(pkg)) continue;
      unprovided.push(
        `"${word}" (${full}, Debian package ${pkg}) appears in ${usedIn.get(word)}: ` +
          `no install step provides it; add "${word} ${pkg}" to scripts/test-programs.txt`,
      );
    }
    expect(unprovided).toEqual([]);
    // The scan must see the programs the lab is built on, or it proves nothing.
    expect([...programs.values()]).toEqual(expect.arrayContaining(["nft", "ebtables", "sshd", "nsenter"]));
  });

  it("lists programs that the listed packages really provide", () => {
    const provided = providedPackages(listed.map((p) => p.package));
    const wrong: string[] = [];
    const installed = listed
      .filter((p) => !p.program.includes("/"))
      .map((p) => ({ ...p, full: resolveProgram(p.program) }));
    const missing = installed.filter((p) => !p.full).map((p) => p.program);
    expect(missing, "scripts/install-test-packages.sh did not install these").toEqual([]);
    const owners = owningPackages(installed.map((p) => p.full!));
    for (const p of installed) {
      const owner = owners.get(p.full!);
      if (!owner || !provided.has(owner))
        wrong.push(`${p.program}: listed under ${p.package}, provided by ${owner ?? "no package"}`);
    }
    expect(wrong).toEqual([]);
  });
});
