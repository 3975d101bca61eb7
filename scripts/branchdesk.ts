/**
 * `npx branchdesk <command>` (package.json "bin": scripts/branchdesk.mjs) and
 * `npm run branchdesk -- <command>`: the CLI's entry. The commands live in
 * lib/cli (docs/cli.md); this file binds them to this process: argv, stdout,
 * files, the clock, and the in-process mode's services and terminal.
 *
 * With BRANCHDESK_URL (or --url) and a token it is a client of that dashboard's
 * JSON API; without, it runs in-process against the configured database
 * (DATABASE_URL) and fleet key (BRANCHDESK_SSH_KEY), audited as cli:<user>.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import { runCli } from "../lib/cli/run-cli";
import { newRequestId, runWithRequestId } from "../lib/server/request-context";

const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);

async function main(): Promise<number> {
  return runCli({
    argv: process.argv.slice(2),
    env: process.env,
    io: { out: write(process.stdout), err: write(process.stderr), isTTY: process.stdout.isTTY === true },
    readFile: (p) => readFile(p, "utf8"),
    readFileSync: (p) => readFileSync(p, "utf8"),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    localBackend: async () => (await import("../lib/cli/local-backend")).localBackend(),
    ssh: async (box, path) => {
      const { sshCommand } = await import("./branchdesk-ssh");
      const actor = { userId: null, username: `cli:${os.userInfo().username}`, role: "admin" as const };
      return sshCommand(actor, box, path);
    },
  });
}

// A closed pipe (`branchdesk audit --follow | head`) ends the run quietly, as other Unix tools do.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

// One correlation id for all this run writes in-process, as an API request has (lib/server/request-context.ts).
runWithRequestId(newRequestId(), main).then(
  (code) => {
    // Let stdout drain before exiting (a large export into a pipe).
    process.stdout.write("", () => process.exit(code));
  },
  (e: unknown) => {
    process.stderr.write(`branchdesk: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
