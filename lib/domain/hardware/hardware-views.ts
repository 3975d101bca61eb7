import { z } from "zod";
import { ZHostView } from "../inventory/inventory-views";

export const ZHostHardwareView = z
  .object({
    id: z.number().int(),
    serial: z.string(),
    nicMac: z.string(),
    bridge: z.string(),
    hostKeyFingerprint: z.string().nullable(),
    installedAt: z.string(),
    replacedAt: z.string(),
    replacedBy: z.string(),
    reason: z.string().nullable(),
  })
  .meta({ id: "HostHardwareView" });
export type HostHardwareView = z.infer<typeof ZHostHardwareView>;

export const ZAddressHoldView = z
  .object({ kind: z.enum(["link-local", "guest-mac"]), value: z.string(), until: z.string() })
  .meta({ id: "AddressHoldView" });
export type AddressHoldView = z.infer<typeof ZAddressHoldView>;

/** What the host page shows beside the host: earlier hardware, key status, retirement and held addresses. */
export const ZHostLifecycleResponse = z.object({
  hardware: z.array(ZHostHardwareView),
  hostKeyUnverified: z.string().nullable(),
  retiredAt: z.string().nullable(),
  holds: z.array(ZAddressHoldView),
});
export type HostLifecycleResponse = z.infer<typeof ZHostLifecycleResponse>;

export const ZHardwareReplacedResponse = z.object({
  host: ZHostView,
  replaced: ZHostHardwareView,
  next: z.string(),
});
export type HardwareReplacedResponse = z.infer<typeof ZHardwareReplacedResponse>;

export const ZHostRetiredResponse = z.object({
  host: ZHostView,
  holds: z.array(ZAddressHoldView),
  rollout: z.object({ id: z.number().int() }).nullable(),
  /** Why no rollout started (no gateway, a rollout in progress, ...); the host is retired regardless. */
  rolloutError: z.string().nullable(),
});
export type HostRetiredResponse = z.infer<typeof ZHostRetiredResponse>;
