import type { AddressHoldView, HostHardwareView } from "@/lib/domain/hardware/hardware-views";
import type { AddressHold, HostHardware } from "@/prisma/generated/sqlite/client";

export function toHostHardwareView(h: HostHardware): HostHardwareView {
  return {
    id: h.id,
    serial: h.serial,
    nicMac: h.nicMac,
    bridge: h.bridge,
    hostKeyFingerprint: h.hostKeyFingerprint,
    installedAt: h.installedAt.toISOString(),
    replacedAt: h.replacedAt.toISOString(),
    replacedBy: h.replacedBy,
    reason: h.reason,
  };
}

export function toAddressHoldView(h: AddressHold): AddressHoldView {
  return { kind: h.kind === "guest-mac" ? "guest-mac" : "link-local", value: h.value, until: h.until.toISOString() };
}
