/**
 * One problem with an import: the spreadsheet row (the header is row 1; in
 * JSON, the record's position counting from 1), the column, and a message
 * naming the value and the fix. Row 0 is the file as a whole.
 */
export type ImportError = { row: number; column: string; message: string };

export function byPosition(a: ImportError, b: ImportError): number {
  return a.row - b.row;
}
