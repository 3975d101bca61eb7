import { notFound } from "@/lib/server/errors/app-error";

/** User ids come from URLs as text; anything but a positive 32-bit integer is simply not found. */
export function parseUserId(raw: string): number {
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(id <= 2 ** 31 - 1)) throw notFound(`user ${raw}`);
  return id;
}
