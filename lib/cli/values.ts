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

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const strs = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
export const bool = (v: unknown): boolean => v === true;
