/** Option values from the command line, checked before anything is sent: a bad one is a UsageError naming it. */
import { parseBranchCode, type BranchCode } from "../domain/inventory/branch-code";
import { UsageError } from "./exit-codes";

export function intValue(option: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new UsageError(`--${option}: must be a whole number from ${min} to ${max} (got ${JSON.stringify(text)})`);
  return Number(text);
}

/** A positional id: ROLLOUT-ID, USER-ID... */
export function idArg(name: string, text: string | undefined): number {
  if (text === undefined || !/^[1-9]\d{0,15}$/.test(text))
    throw new UsageError(`${name} must be a number such as 12 (got ${JSON.stringify(text ?? "")})`);
  return Number(text);
}

export function enumValue<const T extends string>(
  option: string,
  text: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text))
    throw new UsageError(`--${option}: must be one of ${allowed.join(", ")} (got ${JSON.stringify(text)})`);
  return text as T;
}

export function branchCodeValue(option: string, text: string): BranchCode {
  const code = parseBranchCode(text);
  if (!code.ok) throw new UsageError(`${option}: ${JSON.stringify(text)} ${code.error}`);
  return code.value;
}

const UNITS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "90d", "12h", "2w", or an ISO date/time: an expiry after `now`. */
export function expiryValue(option: string, text: string | undefined, now: Date): string | undefined {
  if (text === undefined) return undefined;
  const rel = /^(\d{1,5})([hdw])$/.exec(text);
  const at = rel
    ? new Date(now.getTime() + Number(rel[1]) * UNITS[rel[2]!]!)
    : /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text)
      ? new Date(text)
      : null;
  if (!at || Number.isNaN(at.getTime()))
    throw new UsageError(`--${option}: ${JSON.stringify(text)} is not 90d, 12h, 2w or a date such as 2027-03-31`);
  if (at.getTime() <= now.getTime()) throw new UsageError(`--${option}: ${JSON.stringify(text)} is in the past`);
  return at.toISOString();
}

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const strs = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
export const bool = (v: unknown): boolean => v === true;
