import { parse } from "csv-parse/sync";
import { IMPORT_COLUMNS, isImportColumn, normalizeHeader, type ImportColumn } from "./import-columns";
import type { ImportError } from "./import-error";

export const IMPORT_FORMATS = ["csv", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One record of the file: its row number and its non-empty cells, trimmed, by column. */
export type ImportRow = { row: number; cells: Partial<Record<ImportColumn, string>> };

export type ParsedImport = { rows: ImportRow[]; errors: ImportError[] };

const EXPECTED = `expected columns: ${IMPORT_COLUMNS.join(", ")}`;

/** Text -> rows. Errors about the file's shape (header, quoting, JSON) come back with every row problem found. */
export function parseImport(format: ImportFormat, content: string): ParsedImport {
  const text = content.replace(/^\uFEFF/, "");
  return format === "json" ? parseJson(text) : parseCsv(text);
}

/**
 * Excel writes `;` where the decimal separator is a comma: the header line
 * decides (more `;` than `,` outside quotes means `;`).
 */
export function detectDelimiter(text: string): "," | ";" {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const unquoted = header.replace(/"[^"]*"/g, "");
  const count = (c: string) => unquoted.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

function parseCsv(text: string): ParsedImport {
  let records: { record: string[]; info: { records: number } }[];
  try {
    const options = { bom: true, delimiter: detectDelimiter(text), relax_column_count: true, info: true };
    records = parse(text, options) as unknown as typeof records;
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    const where = e.lines ? ` (near line ${e.lines})` : "";
    const message = `the file is not readable CSV${where}: ${e.message ?? String(error)}`;
    return { rows: [], errors: [{ row: e.lines ?? 0, column: "file", message }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ row: 0, column: "file", message: `the file is empty; ${EXPECTED}` }] };
  const errors: ImportError[] = [];
  const columns = readHeader(header.record, errors);
  const rows: ImportRow[] = [];
  for (const { record, info } of body) {
    const row = info.records;
    const cells: ImportRow["cells"] = {};
    record.forEach((raw, i) => {
      const value = raw.trim();
      if (value === "") return;
      const column = columns[i];
      if (column) cells[column] = value;
      else if (column === undefined)
        errors.push({
          row,
          column: `column ${i + 1}`,
          message: `${JSON.stringify(value)} is in a column with no header`,
        });
    });
    if (Object.keys(cells).length > 0) rows.push({ row, cells });
  }
  return { rows, errors };
}

/**
 * Header cells -> columns by position; null for an unknown column (reported
 * once, on row 1) so its cells are not reported again on every row.
 */
function readHeader(header: string[], errors: ImportError[]): (ImportColumn | null | undefined)[] {
  const seen = new Map<string, number>();
  const columns = header.map((raw, i): ImportColumn | null | undefined => {
    const name = normalizeHeader(raw);
    if (name === "") return undefined;
    if (!isImportColumn(name)) {
      errors.push({ row: 1, column: raw.trim(), message: `unknown column ${JSON.stringify(raw.trim())}; ${EXPECTED}` });
      return null;
    }
    const before = seen.get(name);
    if (before !== undefined) {
      errors.push({
        row: 1,
        column: name,
        message: `column ${name} appears twice (columns ${before + 1} and ${i + 1})`,
      });
      return null;
    }
    seen.set(name, i);
    return name;
  });
  if (!seen.has("branch_code"))
    errors.push({
      row: 1,
      column: "branch_code",
      message: `column branch_code is missing; every row names its branch`,
    });
  return columns;
}

function parseJson(text: string): ParsedImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      rows: [],
      errors: [{ row: 0, column: "file", message: `the file is not JSON: ${(error as Error).message}` }],
    };
  }
  if (!Array.isArray(data))
    return { rows: [], errors: [{ row: 0, column: "file", message: "a JSON import is an array of records" }] };
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  data.forEach((record: unknown, i) => {
    const row = i + 1;
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      errors.push({ row, column: "record", message: "each record is an object of column: value" });
      return;
    }
    const cells: ImportRow["cells"] = {};
    for (const [key, raw] of Object.entries(record)) {
      const name = normalizeHeader(key);
      if (!isImportColumn(name)) {
        errors.push({ row, column: key, message: `unknown column ${JSON.stringify(key)}; ${EXPECTED}` });
        continue;
      }
      if (raw === null || raw === undefined) continue;
      if (typeof raw !== "string" && typeof raw !== "number") {
        errors.push({ row, column: name, message: `must be text or a number, not ${JSON.stringify(raw)}` });
        continue;
      }
      const value = String(raw).trim();
      if (value !== "") cells[name] = value;
    }
    rows.push({ row, cells });
  });
  return { rows, errors };
}
