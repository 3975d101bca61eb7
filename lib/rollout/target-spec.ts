import type { HostKeyFingerprint } from "@/lib/ssh/host-key-fingerprint";
import type { SshTarget } from "@/lib/ssh/ssh-target";
import type { RuleSet } from "@/lib/domain/rules/rule";
import type { Ifname } from "@/lib/domain/values/ifname";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { BranchWork, TargetRef } from "./rollout-types";

/** Everything the SSH driver needs to plan, apply and check one target. */
export type TargetSpec = TargetRef & {
  ssh: SshTarget;
  /** Hosts: key of their branch gateway's spec, whose session is the jump to the link-local address. */
  via: string | null;
  desired: RuleSet;
  /** Hosts: the bridge the boot-time restore waits for (libvirt creates it late). */
  bridge: Ifname | null;
  /** Hosts: HQ -> guest IP:22 must present this host's pinned key (the path lands on the right box). */
  verify: { guestIp: Ipv4; expected: HostKeyFingerprint }[];
};

export type RolloutWork = { branches: BranchWork[]; specs: Map<string, TargetSpec> };
