/**
 * Test-only: writes one TerminalSession row and its .cast file into the
 * dashboard that scripts/e2e-run.ts started (its DATABASE_URL and
 * BRANCHDESK_DATA_DIR are in this process's environment), as the live
 * terminal would leave them. Prints the session id.
 *   tsx e2e/seed-terminal-session.ts '{"boxId": 3, "boxName": "br-h01", "castText": "hello"}'
 */
import { db } from "@/lib/server/db/client";
import { makeTerminalSession, sampleCast, type TerminalSessionSeed } from "@/prisma/seed/terminal-sessions";

type Input = Omit<TerminalSessionSeed, "startedAt" | "endedAt" | "cast"> & { castText?: string; live?: boolean };

async function main() {
  const input = JSON.parse(process.argv[2] ?? "{}") as Input;
  const { castText, live, ...seed } = input;
  const row = await makeTerminalSession(db(), {
    ...seed,
    startedAt: new Date(),
    endedAt: live ? null : undefined,
    cast: sampleCast(castText ?? seed.boxName ?? "br-0042-h01", { cols: seed.cols ?? 80, rows: seed.rows ?? 24 }),
  });
  process.stdout.write(`${row.id}\n`);
  await db().$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
