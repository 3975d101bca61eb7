/**
 * `npm run branchdesk -- import FILE [--dry-run] [--format csv|json]` and
 * `npm run branchdesk -- export [--branch CODE] [--format csv|json]` (issue 11):
 * the bulk import and export the API serves, in-process against the
 * configured database, audited as cli:<user>. The format follows the file's
 * extension unless given. Exit code: 0 done (or nothing to change), 1 when
 * the file has errors (each printed as "row N, column: message"), 2 on bad usage.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "../lib/server/auth/actor";

type Options = { "dry-run"?: boolean; format?: string; branch?: string[] };

export async function importExportCommand(
  actor: Actor,
  command: "import" | "export",
  file: string | undefined,
  options: Options,
): Promise<number> {
  const { IMPORT_FORMATS } = await import("../lib/domain/import/parse-import");
  const format = options.format ?? (file && path.extname(file).toLowerCase() === ".json" ? "json" : "csv");
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
    console.error(`--format: ${JSON.stringify(format)} is not one of ${IMPORT_FORMATS.join(", ")}`);
    return 2;
  }
  if (command === "export") {
    const { exportFleetFile } = await import("../lib/server/import/export-fleet-file");
    const exported = await exportFleetFile(format as "csv" | "json", options.branch?.[0]);
    process.stdout.write(exported.content);
    return 0;
  }
  if (!file) {
    console.error("usage: npm run branchdesk -- import FILE [--dry-run] [--format csv|json]");
    return 2;
  }
  const { ZImportInput } = await import("../lib/domain/import/import-views");
  const { importFleet } = await import("../lib/server/import/import-fleet");
  const { AppError } = await import("../lib/server/errors/app-error");
  const content = await readFile(file, "utf8");
  const input = ZImportInput.parse({
    format,
    content,
    dryRun: options["dry-run"] ?? false,
    filename: path.basename(file),
  });
  try {
    const result = await importFleet(actor, input);
    for (const e of result.errors) console.error(`row ${e.row}, ${e.column}: ${e.message}`);
    const { branches, gateways, hosts, guests } = result.counts;
    const line = (name: string, c: typeof hosts) => `${name} +${c.create} ~${c.update} =${c.unchanged}`;
    console.log(
      `${result.message}\n  ` +
        [line("branches", branches), line("gateways", gateways), line("hosts", hosts), line("guests", guests)].join(
          ", ",
        ) +
        `\n  sha256 ${result.digest}${result.dryRun ? " (dry run: nothing written)" : ""}`,
    );
    return result.errors.length ? 1 : 0;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "validation") throw error;
    for (const [where, messages] of Object.entries(error.fields))
      for (const m of messages) console.error(`${where}: ${m}`);
    console.error(error.message);
    return 1;
  }
}
