import { z } from "zod";
import { zStrictInput } from "../strict-input";
import { zIfname, zLabel, zMac, zSerial } from "../inventory/zod-values";

/** "Replace hardware": the new box's serial and NIC; its key is pinned afterwards by the trust flow. */
export const ZReplaceHardwareInput = zStrictInput(
  {
    serial: zSerial(),
    nicMac: zMac().meta({ description: "the new box's NIC MAC" }),
    bridge: zIfname().optional().meta({ description: "the bridge holding the new NIC (default: unchanged)" }),
    reason: zLabel(200, "why, for the history (e.g. RMA 4711)").optional(),
  },
  "a hardware replacement has",
);
export type ReplaceHardwareInput = z.infer<typeof ZReplaceHardwareInput>;

export const ZRetireHostInput = zStrictInput(
  {
    reason: zLabel(200, "why, for the audit log").optional(),
    rollout: z.boolean().default(true).meta({ description: "start the branch rollout that removes its rules" }),
  },
  "retiring a host takes",
);
export type RetireHostInput = z.infer<typeof ZRetireHostInput>;
