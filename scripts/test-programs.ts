/**
 * Reads scripts/test-programs.txt: the one list of programs `npm test` and
 * `npm start` run, each with the Debian package that provides it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./schema-files";

export type TestProgram = { program: string; package: string };

export function readTestPrograms(file = path.join(ROOT, "scripts/test-programs.txt")): TestProgram[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [program, pkg] = line.split(/\s+/);
      if (!program || !pkg) throw new Error(`scripts/test-programs.txt: "${line}" needs a program and a package`);
      return { program, package: pkg };
    });
}
