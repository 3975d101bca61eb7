/**
 * The agent as shipped: the constants TypeScript decides
 * (agent-constants.ts), then agents/MANIFEST's files in order. An awk program
 * (agents/lib/plan.awk) goes in as a shell variable holding its text
 * (BD_AWK_PLAN), so the box still gets one file and one awk per plan, and
 * the program can be tested on its own. agents/build.sh prints the same text.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { shellQuote } from "@/lib/domain/shell-quote";
import { agentConstantsSh } from "./agent-constants";

export type AgentPart = { file: string; text: string };

/** The generated constants' name among the parts. */
export const CONSTANTS_PART = "(generated) lib/rollout/ssh/agent-constants.ts";

/**
 * A file of agents/. The shipped path is spelled out from process.cwd() so
 * Turbopack traces agents/, and only agents/, into the server output; a
 * test's modified copy (agentDir) is never part of a build.
 */
function readAgentFile(file: string, agentDir: string | undefined): string {
  if (agentDir === undefined) return readFileSync(path.join(process.cwd(), "agents", file), "utf8");
  const copy = path.join(agentDir, file);
  return readFileSync(/* turbopackIgnore: true */ copy, "utf8");
}

function manifest(agentDir: string | undefined): string[] {
  let text: string;
  try {
    text = readAgentFile("MANIFEST", agentDir);
  } catch {
    const where = path.join(agentDir ?? path.join(process.cwd(), "agents"), "MANIFEST");
    throw new Error(`agent sources not found: ${where} (run from the repository root or pass agentDir)`);
  }
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** lib/plan.awk -> BD_AWK_PLAN='<the program>' */
function awkVariable(file: string, text: string): string {
  const name = path.basename(file, ".awk").toUpperCase().replaceAll("-", "_");
  return `# shellcheck disable=SC2016 # ${file}: an awk program, not shell\nBD_AWK_${name}=${shellQuote(text)}\n`;
}

const cache = new Map<string, AgentPart[]>();

/** The agent's parts as shipped, in order (tests run some of them alone, e.g. the planner). */
export function agentParts(agentDir?: string): AgentPart[] {
  const cached = cache.get(agentDir ?? "");
  if (cached) return cached;
  const parts = [{ file: CONSTANTS_PART, text: agentConstantsSh() }];
  for (const file of manifest(agentDir)) {
    const text = readAgentFile(file, agentDir);
    parts.push({ file, text: file.endsWith(".awk") ? awkVariable(file, text) : text });
  }
  cache.set(agentDir ?? "", parts);
  return parts;
}

/** The agent as one file; read once per directory. */
export function agentSource(agentDir?: string): string {
  return agentParts(agentDir)
    .map((p) => p.text)
    .join("");
}
