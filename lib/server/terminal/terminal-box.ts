import type { BoxRef, TerminalPath } from "@/lib/domain/terminal/terminal-protocol";
import { parseSshTarget, type SshTarget } from "@/lib/ssh/ssh-target";
import { db } from "@/lib/server/db/client";
import { gatewaySshInput, hostSshInput } from "@/lib/server/ssh-targets/box-ssh-input";

/** One way to reach a box: the target itself and, for the gateway path, the gateway it goes through. */
export type TerminalRoute = { path: TerminalPath; route: string; target: SshTarget; via: SshTarget | null };

/** A box a terminal can open on, with every path to it that the inventory allows. */
export type TerminalBox = {
  ref: BoxRef;
  name: string;
  branchCode: string;
  /** Paths in the order they are tried by default: the first is the default. */
  routes: Partial<Record<TerminalPath, TerminalRoute>>;
  defaultPath: TerminalPath;
  /** Why a path is not available (no guest, gateway without a pinned key...), for the refusal message. */
  unavailable: Partial<Record<TerminalPath, string>>;
};

function target(input: Parameters<typeof parseSshTarget>[0]): SshTarget | string {
  const parsed = parseSshTarget(input);
  if (parsed.ok) return parsed.value;
  return Object.entries(parsed.error)
    .map(([field, problems]) => `${field} ${problems.join(", ")}`)
    .join("; ");
}

/** Loads a host or gateway and works out its paths; null when there is no such box. */
export async function loadTerminalBox(ref: BoxRef): Promise<TerminalBox | null> {
  if (ref.kind === "gateway") {
    const gw = await db().gateway.findUnique({ where: { id: ref.id }, include: { branch: true } });
    if (!gw) return null;
    const t = target(gatewaySshInput(gw, gw.branch.code));
    const box: TerminalBox = {
      ref,
      name: gw.hostname,
      branchCode: gw.branch.code,
      routes: {},
      defaultPath: "direct",
      unavailable: {},
    };
    if (typeof t === "string") box.unavailable.direct = `the gateway's SSH settings are not usable: ${t}`;
    else box.routes.direct = { path: "direct", route: `${t.address}:${t.port}`, target: t, via: null };
    return box;
  }
  const host = await db().host.findUnique({
    where: { id: ref.id },
    include: { guest: true, branch: { include: { gateway: true } } },
  });
  if (!host) return null;
  const code = host.branch.code;
  const box: TerminalBox = {
    ref,
    name: host.hostname,
    branchCode: code,
    routes: {},
    defaultPath: "support",
    unavailable: {},
  };
  if (!host.guest) box.unavailable.support = `${host.hostname} has no guest, so it has no support-path address`;
  else {
    const t = target({
      label: `host ${host.hostname} (${code}) on its support path`,
      address: host.guest.ip,
      port: 22,
      username: host.sshUser,
      pinnedFingerprint: host.hostKeyFingerprint,
    });
    if (typeof t === "string") box.unavailable.support = `the support path is not usable: ${t}`;
    else
      box.routes.support = {
        path: "support",
        route: `${t.address}:22 (guest ${host.guest.name})`,
        target: t,
        via: null,
      };
  }
  const gw = host.branch.gateway;
  if (!gw) box.unavailable.gateway = `branch ${code} has no gateway`;
  else {
    const via = target(gatewaySshInput(gw, code));
    const t = target(hostSshInput(host, code));
    if (typeof via === "string") box.unavailable.gateway = `the gateway's SSH settings are not usable: ${via}`;
    else if (typeof t === "string") box.unavailable.gateway = `the host's link-local SSH settings are not usable: ${t}`;
    else
      box.routes.gateway = {
        path: "gateway",
        route: `${t.address}:22 via ${gw.hostname} (${via.address}:${via.port})`,
        target: t,
        via,
      };
  }
  return box;
}
