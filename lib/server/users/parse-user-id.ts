import { parseRowId } from "@/lib/server/errors/parse-row-id";

export const parseUserId = (raw: string): number => parseRowId(raw, "user");
