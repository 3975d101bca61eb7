/** `branchdesk import FILE` and `branchdesk export`: the bulk import (preview or commit) and its file format. */
import path from "node:path";
import { IMPORT_FORMATS } from "../../domain/import/parse-import";
import type { ImportResult } from "../../domain/import/import-views";
import type { CommandSpec } from "../command";
import { CliError, EXIT } from "../exit-codes";
import { json } from "../format";
import { branchCodeValue, enumValue, str } from "../values";

const FORMAT = {
  type: "string",
  value: "FORMAT",
  help: `${IMPORT_FORMATS.join(" or ")} (default: from the file name, else csv)`,
} as const;

export function importReport(r: ImportResult): string {
  const line = (name: string, c: ImportResult["counts"]["hosts"]) =>
    `${name} +${c.create} ~${c.update} =${c.unchanged}`;
  const { branches, gateways, hosts, guests } = r.counts;
  return (
    `${r.message}\n  ` +
    [line("branches", branches), line("gateways", gateways), line("hosts", hosts), line("guests", guests)].join(", ") +
    `\n  sha256 ${r.digest}${r.dryRun ? " (dry run: nothing written)" : ""}\n`
  );
}

export const importCommand: CommandSpec = {
  name: "import",
  summary: "Import branches, gateways, hosts and guests from a CSV or JSON file.",
  description: `
The file is checked whole: every problem is printed as "row N, column: message"
and nothing is written unless every row is right. --dry-run only previews what
would be created and updated. The format follows the file's extension (.json)
unless --format says otherwise. Exit code: 0 when imported (or nothing to
change), 1 when the file has errors.`,
  args: [{ name: "FILE", help: "the file to import (as `export` writes it)" }],
  json: true,
  options: { "dry-run": { type: "boolean", help: "preview only: write nothing" }, format: FORMAT },
  examples: ["branchdesk import fleet.csv --dry-run", "branchdesk import fleet.csv"],
  async run(ctx, { args, values }) {
    const file = args[0]!;
    const format =
      enumValue("format", str(values.format), IMPORT_FORMATS) ??
      (path.extname(file).toLowerCase() === ".json" ? "json" : "csv");
    let content: string;
    try {
      content = await ctx.readFile(file);
    } catch (e) {
      throw new CliError(EXIT.failed, `cannot read ${file} (${(e as { code?: string }).code ?? "unreadable"})`);
    }
    const result = await (
      await ctx.backend()
    ).importFleet({
      format,
      content,
      dryRun: values["dry-run"] === true,
      filename: path.basename(file),
    });
    for (const e of result.errors) ctx.io.err(`row ${e.row}, ${e.column}: ${e.message}\n`);
    ctx.io.out(ctx.json ? json(result) : importReport(result));
    return result.errors.length ? 1 : 0;
  },
};

export const exportCommand: CommandSpec = {
  name: "export",
  summary: "Export the fleet, or one branch, in the import's format, to stdout.",
  description: `
CSV by default (one row per host), or a JSON array of the same records with
--format json. Importing the file back changes nothing.`,
  options: { branch: { type: "string", value: "CODE", help: "only this branch" }, format: FORMAT },
  examples: ["branchdesk export > fleet.csv", "branchdesk export --branch BR-0042 --format json"],
  async run(ctx, { values }) {
    const format = enumValue("format", str(values.format), IMPORT_FORMATS) ?? "csv";
    const branch = str(values.branch) === undefined ? undefined : branchCodeValue("--branch", str(values.branch)!);
    ctx.io.out(await (await ctx.backend()).exportFleet(format, branch));
    return 0;
  },
};
