import { buildGatewayRuleSet } from "@/lib/domain/rules/build-gateway-rule-set";
import { buildHostRuleSet } from "@/lib/domain/rules/build-host-rule-set";
import { parseGatewayRuleInput, parseHostRuleInput } from "@/lib/domain/rules/parse-rule-input";
import type { RuleSet } from "@/lib/domain/rules/rule";
import { summarizeFieldErrors } from "@/lib/domain/field-errors";
import { parseSshTarget, type SshTarget } from "@/lib/ssh/ssh-target";
import type { Db } from "@/lib/server/db/client";
import { gatewaySshInput, hostSshInput } from "@/lib/server/ssh-targets/box-ssh-input";

export type HealthTarget = {
  key: string;
  kind: "host" | "gateway";
  boxId: number;
  name: string;
  branchCode: string;
  /** null when the row does not make a valid target (the reason is in `problem`). */
  ssh: SshTarget | null;
  /** Hosts: the support path as a target (guest IP:22, the host's pinned key); null without a guest or pin. */
  support: SshTarget | null;
  desired: RuleSet | null;
  problem: string | null;
  bridge: string | null;
  linkLocalIp: string | null;
  guest: { ip: string; mac: string; domain: string } | null;
};

export type HealthBranch = {
  code: string;
  gateway: HealthTarget | null;
  hosts: HealthTarget[];
  lastRollout: { id: number; status: string; finishedAt: Date | null } | null;
};

/**
 * Inventory as health targets, per branch: the gateway and the hosts that are not retired,
 * each with the rules it should run (the same builders rollouts use). A row that does not
 * parse is kept, with its problem, so its box still shows up (as not checkable), unlike a
 * rollout, which refuses to start.
 */
export async function loadHealthTargets(client: Db, codes?: string[]): Promise<HealthBranch[]> {
  const [branches, rollouts] = await Promise.all([
    client.branch.findMany({
      where: codes ? { code: { in: codes } } : {},
      include: {
        gateway: true,
        hosts: { where: { state: { not: "retired" } }, include: { guest: true }, orderBy: { hostname: "asc" } },
      },
      orderBy: { code: "asc" },
    }),
    client.rolloutTarget.findMany({
      where: { rollout: { dryRun: false }, ...(codes ? { branchCode: { in: codes } } : {}) },
      distinct: ["branchCode"],
      orderBy: { rolloutId: "desc" },
      select: { branchCode: true, rollout: { select: { id: true, status: true, finishedAt: true } } },
    }),
  ]);
  const lastRollout = new Map(rollouts.map((r) => [r.branchCode, r.rollout]));
  return branches.map((b) => {
    const guests = b.hosts.flatMap((h) => (h.guest ? [{ ip: h.guest.ip, mac: h.guest.mac }] : []));
    let gateway: HealthTarget | null = null;
    if (b.gateway) {
      const gw = b.gateway;
      const input = parseGatewayRuleInput({
        lanIfname: gw.lanIfname,
        lanIp: gw.lanIp,
        linkLocalIp: b.gatewayLinkLocalIp,
        linkLocalPool: b.linkLocalPool,
        guests,
      });
      const ssh = parseSshTarget(gatewaySshInput(gw, b.code));
      const errors = { ...(input.ok ? {} : input.error), ...(ssh.ok ? {} : ssh.error) };
      gateway = {
        key: `gateway:${gw.id}`,
        kind: "gateway",
        boxId: gw.id,
        name: gw.hostname,
        branchCode: b.code,
        ssh: ssh.ok ? ssh.value : null,
        desired: input.ok ? buildGatewayRuleSet(input.value) : null,
        problem: input.ok && ssh.ok ? null : summarizeFieldErrors(errors),
        support: null,
        bridge: null,
        linkLocalIp: b.gatewayLinkLocalIp,
        guest: null,
      };
    }
    const hosts = b.hosts.map((h): HealthTarget => {
      const input = parseHostRuleInput({
        bridge: h.bridge,
        guests: h.guest ? [{ ip: h.guest.ip, mac: h.guest.mac }] : [],
      });
      const ssh = parseSshTarget(hostSshInput(h, b.code));
      const errors = { ...(input.ok ? {} : input.error), ...(ssh.ok ? {} : ssh.error) };
      // The support path is how a techie reaches the host: guest IP:22, REDIRECTed to the host's sshd.
      const support =
        h.guest && h.hostKeyFingerprint
          ? parseSshTarget({
              ...hostSshInput(h, b.code),
              label: `support path ${h.guest.ip}:22 (host ${h.hostname})`,
              address: h.guest.ip,
            })
          : null;
      return {
        key: `host:${h.id}`,
        kind: "host",
        boxId: h.id,
        name: h.hostname,
        branchCode: b.code,
        ssh: ssh.ok ? ssh.value : null,
        support: support?.ok ? support.value : null,
        desired: input.ok ? buildHostRuleSet(input.value) : null,
        problem: input.ok && ssh.ok ? null : summarizeFieldErrors(errors),
        bridge: h.bridge,
        linkLocalIp: h.linkLocalIp,
        guest: h.guest ? { ip: h.guest.ip, mac: h.guest.mac, domain: h.guest.domain } : null,
      };
    });
    return { code: b.code, gateway, hosts, lastRollout: lastRollout.get(b.code) ?? null };
  });
}
