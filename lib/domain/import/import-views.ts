import { z } from "zod";
import { IMPORT_FORMATS } from "./parse-import";
import { PLAN_ACTIONS, ZPlanCounts } from "./import-plan";

/** A 10,000-host CSV is about 2 MB: 16 Mi characters hold 80,000, and the JSON body around them fits 32 MiB. */
export const IMPORT_MAX_CONTENT = 16 * 1024 * 1024;
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

export const ZImportInput = z
  .strictObject({
    format: z.enum(IMPORT_FORMATS).default("csv").meta({ description: "csv (any of , or ; separated) or json" }),
    content: z
      .string()
      .max(IMPORT_MAX_CONTENT, `must be at most ${IMPORT_MAX_CONTENT} characters`)
      .meta({ description: "the file's text: CSV with a header row, or a JSON array of records" }),
    dryRun: z.boolean().default(true).meta({ description: "true: preview only (the default); false: commit" }),
    filename: z.string().trim().max(200).optional().meta({ description: "shown in the audit log" }),
  })
  .meta({ id: "ImportInput" });
export type ImportInput = z.infer<typeof ZImportInput>;

export const ZImportErrorView = z
  .object({ row: z.number().int(), column: z.string(), message: z.string() })
  .meta({ id: "ImportError" });

export const IMPORT_ENTITIES = ["branch", "gateway", "host", "guest"] as const;

export const ZImportRecordView = z
  .object({
    row: z.number().int(),
    entity: z.enum(IMPORT_ENTITIES),
    branchCode: z.string(),
    name: z.string(),
    action: z.enum(PLAN_ACTIONS),
    changed: z.array(z.string()),
  })
  .meta({ id: "ImportRecord" });
export type ImportRecordView = z.infer<typeof ZImportRecordView>;

/** The preview shows this many records; the counts cover them all. */
export const IMPORT_RECORDS_SHOWN = 500;

export const ZImportResult = z
  .object({
    dryRun: z.boolean(),
    committed: z.boolean().meta({ description: "true when this request wrote the changes" }),
    digest: z.string().meta({ description: "sha256 of the content, hex" }),
    rows: z.number().int(),
    counts: z.object({ branches: ZPlanCounts, gateways: ZPlanCounts, hosts: ZPlanCounts, guests: ZPlanCounts }),
    changes: z.number().int().meta({ description: "records to create or update; 0: nothing to change" }),
    message: z.string(),
    errors: z.array(ZImportErrorView),
    records: z
      .array(ZImportRecordView)
      .meta({ description: `created and updated first, at most ${IMPORT_RECORDS_SHOWN}` }),
    recordsNotShown: z.number().int(),
  })
  .meta({ id: "ImportResult" });
export type ImportResult = z.infer<typeof ZImportResult>;
