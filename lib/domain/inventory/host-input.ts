import { z } from "zod";
import type { Ifname } from "../values/ifname";
import { zHostname, zIfname, zIpv4, zMac, zSerial, zSshUser } from "./zod-values";
import { ZGuestInput } from "./guest-input";
import { zStrictInput } from "../strict-input";

export const HOST_STATES = ["planned", "enrolled", "active", "retired"] as const;
export const ZHostState = z.enum(HOST_STATES, { error: `must be one of ${HOST_STATES.join(", ")}` });
export type HostState = z.infer<typeof ZHostState>;

/** libvirt's default NAT bridge name; Branchdesk hosts bridge the NIC into it. */
export const DEFAULT_BRIDGE = "virbr0" as Ifname;

const editable = {
  hostname: zHostname(),
  serial: zSerial(),
  nicMac: zMac().meta({ description: "the host NIC's MAC, e.g. 00:16:3e:12:34:56" }),
  bridge: zIfname().meta({ description: "bridge holding the host NIC and the guest (default virbr0)" }),
  linkLocalIp: zIpv4().meta({ description: "the host's link-local address, unique in its branch" }),
  sshUser: zSshUser(),
  state: ZHostState,
};

export const ZCreateHostInput = zStrictInput(
  {
    ...editable,
    bridge: editable.bridge.default(DEFAULT_BRIDGE),
    linkLocalIp: editable.linkLocalIp.optional().meta({ description: "allocated from the branch's pool when absent" }),
    sshUser: editable.sshUser.default("root"),
    state: editable.state.default("planned"),
    guest: ZGuestInput.optional(),
  },
  "a host has",
);
export type CreateHostInput = z.infer<typeof ZCreateHostInput>;

/** The guest is edited through /hosts/{id}/guest; the branch is fixed (its link-local space is per branch). */
export const ZUpdateHostInput = zStrictInput(editable, "a host's editable fields are").partial();
export type UpdateHostInput = z.infer<typeof ZUpdateHostInput>;

export const ZHostListQuery = z.object({
  q: z.string().trim().max(100).optional().meta({ description: "substring of hostname, serial, MAC or IP" }),
  state: ZHostState.optional(),
});
export type HostListQuery = z.infer<typeof ZHostListQuery>;
