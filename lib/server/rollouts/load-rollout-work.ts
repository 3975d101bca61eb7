import { buildGatewayRuleSet } from "@/lib/domain/rules/build-gateway-rule-set";
import { buildHostRuleSet } from "@/lib/domain/rules/build-host-rule-set";
import { parseGatewayRuleInput, parseHostRuleInput } from "@/lib/domain/rules/parse-rule-input";
import { summarizeFieldErrors } from "@/lib/domain/field-errors";
import type { HostKeyFingerprint } from "@/lib/ssh/host-key-fingerprint";
import { parseSshTarget } from "@/lib/ssh/ssh-target";
import { gatewaySshInput, hostSshInput } from "@/lib/server/ssh-targets/box-ssh-input";
import type { BranchWork } from "@/lib/rollout/rollout-types";
import type { RolloutWork, TargetSpec } from "@/lib/rollout/ssh/target-spec";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import type { AdoptLine } from "@/lib/domain/nat-audit/adopt-line";

export const gatewayKey = (id: number) => `gateway:${id}`;
export const hostKey = (id: number) => `host:${id}`;

/**
 * Turns inventory into rollout work: per branch its gateway and active hosts,
 * each with the RuleSet derived from inventory and the SSH route to reach it.
 * Every value is re-parsed into value objects here; a row that fails (edited
 * in the database by hand, say) stops the rollout before anything is touched.
 * `onlyKeys` narrows to those targets (resume re-plans what is left).
 */
export async function loadRolloutWork(branchCodes: string[], onlyKeys?: Set<string>): Promise<RolloutWork> {
  const branches = await db().branch.findMany({
    where: { code: { in: branchCodes } },
    include: {
      gateway: true,
      hosts: { where: { state: { not: "retired" } }, include: { guest: true }, orderBy: { hostname: "asc" } },
    },
    orderBy: { code: "asc" },
  });
  const missing = branchCodes.filter((c) => !branches.some((b) => b.code === c));
  if (missing.length) throw new AppError("not_found", `branch ${missing.join(", ")} does not exist`);

  const specs = new Map<string, TargetSpec>();
  const work: BranchWork[] = [];
  const problems: string[] = [];
  const want = (key: string) => !onlyKeys || onlyKeys.has(key);

  for (const b of branches) {
    if (!b.gateway) {
      problems.push(`branch ${b.code} has no gateway yet; add it before applying rules`);
      continue;
    }
    const gw = b.gateway;
    const guests = b.hosts.flatMap((h) => (h.guest ? [{ ip: h.guest.ip, mac: h.guest.mac }] : []));
    const gwInput = parseGatewayRuleInput({
      lanIfname: gw.lanIfname,
      lanIp: gw.lanIp,
      linkLocalIp: b.gatewayLinkLocalIp,
      linkLocalPool: b.linkLocalPool,
      guests,
    });
    const gwSsh = parseSshTarget(gatewaySshInput(gw, b.code));
    if (!gwInput.ok || !gwSsh.ok) {
      const errors = { ...(gwInput.ok ? {} : gwInput.error), ...(gwSsh.ok ? {} : gwSsh.error) };
      problems.push(`gateway of ${b.code}: ${summarizeFieldErrors(errors)}`);
      continue;
    }
    const gKey = gatewayKey(gw.id);
    specs.set(gKey, {
      key: gKey,
      kind: "gateway",
      label: gwSsh.value.label,
      branchCode: b.code,
      ssh: gwSsh.value,
      via: null,
      desired: buildGatewayRuleSet(gwInput.value),
      bridge: null,
      verify: [],
    });

    const hostRefs: TargetSpec[] = [];
    for (const h of b.hosts) {
      const key = hostKey(h.id);
      const input = parseHostRuleInput({
        bridge: h.bridge,
        guests: h.guest ? [{ ip: h.guest.ip, mac: h.guest.mac }] : [],
      });
      const ssh = parseSshTarget(hostSshInput(h, b.code));
      if (!input.ok || !ssh.ok) {
        const errors = { ...(input.ok ? {} : input.error), ...(ssh.ok ? {} : ssh.error) };
        problems.push(`host ${h.hostname}: ${summarizeFieldErrors(errors)}`);
        continue;
      }
      const spec: TargetSpec = {
        key,
        kind: "host",
        label: ssh.value.label,
        branchCode: b.code,
        ssh: ssh.value,
        via: gKey,
        desired: buildHostRuleSet(input.value),
        bridge: input.value.bridge,
        verify: ssh.value.pinnedFingerprint
          ? input.value.guests.map((g) => ({
              guestIp: g.ip,
              expected: ssh.value.pinnedFingerprint as HostKeyFingerprint,
              hostLabel: ssh.value.label,
            }))
          : [],
      };
      specs.get(gKey)!.verify.push(...spec.verify);
      specs.set(key, spec);
      if (want(key)) hostRefs.push(spec);
    }
    work.push({ code: b.code, gateway: want(gKey) ? specs.get(gKey)! : null, hosts: hostRefs });
  }
  if (problems.length) throw new AppError("validation", `cannot build the rules: ${problems.join("; ")}`);
  return { branches: work.filter((w) => w.gateway || w.hosts.length), specs };
}

/**
 * What a rollout's `scope` may carry besides its branches: `only` narrows it to some targets
 * (an adoption of one gateway), `adopt` lists per target key the hand-made lines its apply
 * deletes (lib/domain/nat-audit/plan-adoption.ts). Stored with the rollout, so a resume keeps them.
 */
export type RolloutScopeExtra = { only?: string[]; adopt?: Record<string, AdoptLine[]> };

export function withAdoption(work: RolloutWork, adopt: RolloutScopeExtra["adopt"]): RolloutWork {
  for (const [key, lines] of Object.entries(adopt ?? {})) {
    const spec = work.specs.get(key);
    if (spec) spec.adopt = lines;
  }
  return work;
}
