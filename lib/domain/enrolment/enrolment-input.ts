import { z } from "zod";
import { zStrictInput } from "../strict-input";
import { zDomainName, zHostname, zIfname, zIpv4, zLabel, zMac, zSerial } from "../inventory/zod-values";

/** Token lifetimes an admin may choose, in whole hours: 1 to 30 days' worth; 24 unless said otherwise. */
export const TOKEN_TTL = { defaultHours: 24, minHours: 1, maxHours: 24 * 30 } as const;

export const ZCreateEnrolmentTokenInput = zStrictInput(
  {
    expiresInHours: z
      .number()
      .int("must be a whole number of hours")
      .min(TOKEN_TTL.minHours, `must be at least ${TOKEN_TTL.minHours} hour`)
      .max(TOKEN_TTL.maxHours, `must be at most ${TOKEN_TTL.maxHours} hours (30 days)`)
      .default(TOKEN_TTL.defaultHours)
      .meta({ description: "how long the token may be used, in hours (default 24)" }),
    expectedSerial: zSerial().optional().meta({ description: "refuse a box reporting another serial" }),
    hostname: zHostname().optional().meta({ description: "the new host's name (default: the box's own)" }),
    guestIp: zIpv4().optional().meta({ description: "the guest's IP in the branch LAN (the box cannot know it)" }),
    installFleetKey: z.boolean().default(false).meta({ description: "install the fleet public key for root" }),
    hostId: z.number().int().positive().optional().meta({
      description: "bind the token to this host of the branch: the enrolment replaces its hardware",
    }),
  },
  "an enrolment token has",
);
export type CreateEnrolmentTokenInput = z.infer<typeof ZCreateEnrolmentTokenInput>;

/** A token as it travels in a URL: 43 base64url characters (32 random bytes). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const zEnrolmentToken = () =>
  z
    .string()
    .regex(TOKEN_PATTERN, "must be the 43-character token the dashboard showed")
    .meta({ description: "the enrolment token (its URL form)" });

/**
 * Box-reported text (kernel, distro, hostname as the box spells it): free text,
 * checked like any label, cut by the agent to a sane length.
 */
const zReported = (max: number, what: string) => zLabel(max, what);

/** What agents/enrol.sh reports (POST /api/v1/enrol). Strict: a field it does not send is a bug. */
export const ZEnrolmentReport = zStrictInput(
  {
    token: zEnrolmentToken(),
    serial: z.string().max(128).meta({ description: "DMI product serial as read (spaces become '-')" }),
    hostname: z.string().max(253).meta({ description: "the box's own host name (uname -n)" }),
    nicMac: zMac(),
    bridge: zIfname(),
    linkLocalIp: zIpv4().optional().meta({ description: "the bridge's current 169.254/16 address, if any" }),
    gatewayIp: zIpv4().optional().meta({ description: "the next hop of the box's default route, if any" }),
    hostKey: z
      .string()
      .max(16 * 1024)
      .meta({ description: "the box's SSH host public key line (ed25519, else RSA)" }),
    domains: z
      .array(z.strictObject({ name: zDomainName(), macs: z.array(zMac()).max(16) }))
      .max(64)
      .default([])
      .meta({ description: "libvirt domains and their MACs (virsh), if virsh exists" }),
    kernel: zReported(200, "uname -r"),
    distro: zReported(200, "PRETTY_NAME of /etc/os-release"),
    fleetKeyInstalled: z.boolean().meta({ description: "the script installed the fleet key for root" }),
  },
  "an enrolment report has",
);
export type EnrolmentReport = z.infer<typeof ZEnrolmentReport>;
