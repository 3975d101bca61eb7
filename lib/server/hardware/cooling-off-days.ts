import { z } from "zod";

const ZCoolingEnv = z.object({
  BRANCHDESK_ADDRESS_COOLING_DAYS: z.coerce
    .number()
    .int("BRANCHDESK_ADDRESS_COOLING_DAYS must be a whole number of days")
    .min(0, "BRANCHDESK_ADDRESS_COOLING_DAYS must be 0 or more")
    .max(3650, "BRANCHDESK_ADDRESS_COOLING_DAYS must be at most 3650 (ten years)")
    .default(30),
});

/**
 * How long a retired host's link-local address and guest MAC stay out of
 * reach of the allocators and the forms: ARP caches, DHCP reservations and
 * rules elsewhere in the bank may still name them. 0 disables the hold.
 */
export function coolingOffDays(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = ZCoolingEnv.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data.BRANCHDESK_ADDRESS_COOLING_DAYS;
}
