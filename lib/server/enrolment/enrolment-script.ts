import { readFileSync } from "node:fs";
import path from "node:path";
import { shellQuote } from "@/lib/domain/shell-quote";

export type EnrolmentScriptValues = { origin: string; secret: string; fleetKey: string | null; branchCode: string };

/**
 * agents/enrol.sh as a box gets it: its values assigned above it, each one
 * shell word quoted by shellQuote (the origin comes from the request or
 * configuration, never trusted as shell text). Read on each call, like the
 * agent: the path is spelled from process.cwd() so the build traces agents/.
 */
export function enrolmentScript(v: EnrolmentScriptValues): string {
  const body = readFileSync(path.join(process.cwd(), "agents", "enrol.sh"), "utf8").replace(/^#![^\n]*\n/, "");
  return [
    "#!/bin/sh",
    `# Branchdesk enrolment into branch ${v.branchCode.replace(/[^A-Za-z0-9_-]/g, "")}: run as root on the new box.`,
    `BD_ENROL_URL=${shellQuote(v.origin)}`,
    `BD_ENROL_TOKEN=${shellQuote(v.secret)}`,
    `BD_FLEET_KEY=${shellQuote(v.fleetKey ?? "")}`,
    body,
  ].join("\n");
}

export function enrolmentOneLiner(origin: string, secret: string): string {
  return `curl -fsS ${shellQuote(`${origin}/enrol/${secret}`)} | sh`;
}
