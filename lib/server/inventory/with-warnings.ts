import { hasFieldErrors, summarizeFieldErrors } from "@/lib/domain/field-errors";
import type { FieldWarnings } from "@/lib/domain/inventory/link-local-warnings";

/** An audit summary that also says what the saved record was warned about, so the log shows it too. */
export function withWarnings(summary: string, warnings: FieldWarnings): string {
  return hasFieldErrors(warnings) ? `${summary}; warning: ${summarizeFieldErrors(warnings)}` : summary;
}
