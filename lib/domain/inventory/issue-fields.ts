import type { z } from "zod";
import type { FieldErrors } from "../field-errors";

/**
 * zod issues as the API's field errors: keyed by the input's field names,
 * nested with dots ("guest.ip"), "body" for the body itself. An unknown
 * field is reported under its own name, like any other field. The keys come
 * from the client, so the map has no prototype: a field named "constructor"
 * or "__proto__" is just a key.
 */
export function issueFields(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = Object.create(null);
  for (const issue of issues) {
    const paths = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of paths) (fields[path.map(String).join(".") || "body"] ??= []).push(issue.message);
  }
  return fields;
}
