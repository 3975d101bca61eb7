import { parseRowId } from "@/lib/server/errors/parse-row-id";

export const parseRolloutId = (raw: string): number => parseRowId(raw, "rollout");
