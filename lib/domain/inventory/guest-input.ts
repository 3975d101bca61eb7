import { z } from "zod";
import { zStrictInput } from "../strict-input";
import { zDomainName, zIpv4, zLabel, zMac } from "./zod-values";

/** A host's Windows guest. `mac` is allocated (52:54:00:xx:xx:xx) when absent. */
export const ZGuestInput = zStrictInput(
  {
    name: zLabel(64, "the guest's name, e.g. its Windows computer name"),
    domain: zDomainName(),
    mac: zMac().optional().meta({ description: "the guest NIC's MAC; allocated from 52:54:00:xx:xx:xx when absent" }),
    ip: zIpv4().meta({ description: "the guest's routable address inside the branch LAN" }),
  },
  "a guest has",
);
export type GuestInput = z.infer<typeof ZGuestInput>;
