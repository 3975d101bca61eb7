import { z } from "zod";

const ZUniqueError = z.object({
  code: z.literal("P2002"),
  meta: z
    .object({
      modelName: z.string().optional(),
      target: z.union([z.array(z.string()), z.string()]).optional(),
      driverAdapterError: z
        .object({ cause: z.object({ constraint: z.object({ fields: z.array(z.string()) }).optional() }).optional() })
        .optional(),
    })
    .optional(),
});

export type UniqueViolation = { model: string; fields: string[] };

/**
 * Which model and columns a P2002 is about, read from the error's structured
 * meta (never its message). With driver adapters Prisma puts the columns under
 * driverAdapterError.cause.constraint.fields; PostgreSQL's come quoted.
 */
export function uniqueViolation(error: unknown): UniqueViolation | null {
  const parsed = ZUniqueError.safeParse(error);
  if (!parsed.success) return null;
  const meta = parsed.data.meta;
  const raw = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target ?? [];
  const fields = (Array.isArray(raw) ? raw : [raw]).map((f) => f.replaceAll('"', ""));
  return { model: meta?.modelName ?? "", fields };
}
