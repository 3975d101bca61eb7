import { z } from "zod";
import { AppError } from "./app-error";

const ZPrismaKnownError = z.object({
  code: z.string().regex(/^P\d{4}$/),
  meta: z.record(z.string(), z.unknown()).optional(),
});

/** Which unique constraint means what, so a P2002 names the field and the fix. */
const UNIQUE_MESSAGES: Array<[RegExp, string, string]> = [
  [/code/, "code", "a branch with this code already exists"],
  [/nicMac|mac/, "mac", "this MAC address is already used by another host or guest"],
  [/linkLocalIp/, "linkLocalIp", "this link-local address is already used by another host in the branch"],
  [/ip/, "ip", "this IP address is already used by another guest in the branch"],
  [/serial/, "serial", "a host with this serial/asset tag already exists"],
  [/hostId/, "hostId", "this host already has a guest"],
  [/branchId/, "branchId", "this branch already has a gateway"],
  [/hostname/, "hostname", "this hostname is already in use"],
  [/username/, "username", "this username is taken"],
];

/**
 * Maps anything thrown to an AppError. Prisma errors are mapped by code, never
 * by message text; anything unknown is logged here, in one place, and masked.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const known = ZPrismaKnownError.safeParse(error);
  if (known.success) {
    const target = JSON.stringify(known.data.meta?.target ?? known.data.meta ?? "");
    switch (known.data.code) {
      case "P2002": {
        const hit = UNIQUE_MESSAGES.find(([re]) => re.test(target));
        const [field, message] = hit ? [hit[1], hit[2]] : ["", "this value is already in use"];
        return new AppError("conflict", message, field ? { [field]: [message] } : {});
      }
      case "P2025":
        return new AppError("not_found", "the record does not exist (it may have been deleted)");
      case "P2003":
      case "P2014":
        return new AppError("conflict", "the record is still referenced by others; remove those first");
      case "P2034":
        return new AppError("conflict", "a concurrent change conflicted with this one; try again");
    }
  }
  console.error("[branchdesk] unexpected error:", error);
  return new AppError("internal", "internal error; the details are in the server log");
}
