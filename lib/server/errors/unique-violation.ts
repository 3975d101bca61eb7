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

/** `model` is the model the write was issued on: a guest created inside a host's create says Host. */
export type UniqueViolation = { model: string; fields: string[] };

// An index on an expression lists no columns: SQLite names the index, PostgreSQL's
// adapter hands over a cut of the expression. Both are the case-insensitive serial
// (prisma/*/migrations/*_host_serial_case_insensitive).
const EXPRESSION_COLUMNS: Record<string, string> = {
  "index 'Host_serial_lower_key'": "serial",
  "lower(serial": "serial",
};

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
  const fields = (Array.isArray(raw) ? raw : [raw])
    .map((f) => f.replaceAll('"', ""))
    .map((f) => EXPRESSION_COLUMNS[f] ?? f);
  return { model: meta?.modelName ?? "", fields };
}

const MAC_TAKEN = "this MAC address is already used by another host or guest";
const GUEST_IP_TAKEN = "this IP address is already used by another guest in the branch";
const HOSTNAME_TAKEN = "this hostname is already in use";

/**
 * (model written, columns of the unique constraint) -> the input field that holds
 * the value and what to tell the user. Field names are the inputs' own: a guest
 * written inside a host's create is `guest.ip`, on its own route `ip`. The
 * services check all of these first (every problem at once, keyed alike); this
 * table is for the backstop, a race the check could not see.
 */
const UNIQUE_FIELDS: ReadonlyArray<{ model: string; columns: string[]; field: string | null; message: string }> = [
  { model: "Branch", columns: ["code"], field: "code", message: "a branch with this code already exists" },
  { model: "Gateway", columns: ["branchId"], field: null, message: "this branch already has a gateway" },
  { model: "Gateway", columns: ["hostname"], field: "hostname", message: HOSTNAME_TAKEN },
  { model: "Host", columns: ["hostname"], field: "hostname", message: HOSTNAME_TAKEN },
  { model: "Host", columns: ["serial"], field: "serial", message: "a host with this serial/asset tag already exists" },
  { model: "Host", columns: ["nicMac"], field: "nicMac", message: MAC_TAKEN },
  {
    model: "Host",
    columns: ["branchId", "linkLocalIp"],
    field: "linkLocalIp",
    message: "this link-local address is already used by another host in the branch",
  },
  { model: "Host", columns: ["branchId", "ip"], field: "guest.ip", message: GUEST_IP_TAKEN },
  { model: "Host", columns: ["mac"], field: "guest.mac", message: MAC_TAKEN },
  { model: "Guest", columns: ["branchId", "ip"], field: "ip", message: GUEST_IP_TAKEN },
  { model: "Guest", columns: ["mac"], field: "mac", message: MAC_TAKEN },
  { model: "Guest", columns: ["hostId"], field: null, message: "this host already has a guest" },
  { model: "User", columns: ["username"], field: "username", message: "this username is taken" },
];

/** The input field and message for a unique violation, or null when the table does not know the constraint. */
export function uniqueInputField(violation: UniqueViolation): { field: string | null; message: string } | null {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((c) => b.includes(c));
  return UNIQUE_FIELDS.find((u) => u.model === violation.model && same(u.columns, violation.fields)) ?? null;
}
