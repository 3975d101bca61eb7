import type { ImportColumn } from "./import-columns";
import type { ImportError } from "./import-error";
import type { ImportRow } from "./parse-import";

/** An entity's values gathered from the rows that mention it, and the row each value came from. */
export type MergedCells = { values: Record<string, string>; rowOf: Record<string, number>; firstRow: number | null };

/**
 * Branch and gateway columns repeat on every host row of a branch: the first
 * non-empty value counts, and a later row that says something else is an
 * error on that row (an empty cell agrees with anything).
 */
export function mergeCells(
  rows: readonly ImportRow[],
  columns: Record<string, ImportColumn>,
  what: string,
  errors: ImportError[],
): MergedCells {
  const merged: MergedCells = { values: {}, rowOf: {}, firstRow: null };
  for (const { row, cells } of rows) {
    for (const [field, column] of Object.entries(columns)) {
      const value = cells[column];
      if (value === undefined) continue;
      const before = merged.values[field];
      if (before === undefined) {
        merged.values[field] = value;
        merged.rowOf[field] = row;
        merged.firstRow ??= row;
      } else if (before !== value) {
        const was = `${JSON.stringify(before)} on row ${merged.rowOf[field]}`;
        const message = `${what} has ${column} ${was}; every row of a branch must agree (or leave it empty)`;
        errors.push({ row, column, message });
      }
    }
  }
  return merged;
}

/** The cells of one row for an entity's columns, by field. */
export function pickCells(row: ImportRow, columns: Record<string, ImportColumn>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, column] of Object.entries(columns)) {
    const value = row.cells[column];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** The fields whose values differ (the plan's "what changes"); both sides are already normalised. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): string[] {
  return Object.keys(after).filter((k) => String(before[k] ?? "") !== String(after[k] ?? ""));
}
