import type { HostKeyFingerprint } from "@/lib/ssh/host-key-fingerprint";
import type { SshTarget } from "@/lib/ssh/ssh-target";
import type { AdoptLine } from "@/lib/domain/nat-audit/adopt-line";
import type { RuleSet } from "@/lib/domain/rules/rule";
import type { Ifname } from "@/lib/domain/values/ifname";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { BranchWork, TargetRef } from "../rollout-types";

/** Everything the SSH driver needs to plan, apply and check one target. */
export type TargetSpec = TargetRef & {
  ssh: SshTarget;
  /** Hosts: key of their branch gateway's spec, whose session is the jump to the link-local address. */
  via: string | null;
  desired: RuleSet;
  /** Hosts: the bridge the boot-time restore waits for (libvirt creates it late). */
  bridge: Ifname | null;
  /**
   * Support paths to check from head office: guest IP:22 must present the
   * host's pinned key (so the path lands on the right box). Hosts: their own
   * guests. Gateways: every guest of the branch; those that worked before the
   * gateway's change must still work after it.
   */
  verify: { guestIp: Ipv4; expected: HostKeyFingerprint; hostLabel: string }[];
  /**
   * Adoption (issue 13): hand-made lines of built-in chains this apply deletes, one per copy,
   * in the same transaction that installs Branchdesk's chains. Every support path must work
   * before it and after it.
   */
  adopt?: readonly AdoptLine[];
};

export type RolloutWork = { branches: BranchWork[]; specs: Map<string, TargetSpec> };
