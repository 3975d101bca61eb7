import { notFound } from "./app-error";

/**
 * Row ids come from URLs as text; anything but a positive 32-bit integer is
 * simply not found (ids are 32-bit on PostgreSQL: a larger number would be a
 * database error, not a 404).
 */
export function parseRowId(raw: string, what: string): number {
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(id <= 2 ** 31 - 1)) throw notFound(`${what} ${raw}`);
  return id;
}
