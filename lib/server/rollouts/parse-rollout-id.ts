import { AppError } from "@/lib/server/errors/app-error";

export function parseRolloutId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new AppError("bad_request", `rollout id ${JSON.stringify(raw)} is not a number`, { id: ["must be a positive whole number"] });
  return Number(raw);
}
