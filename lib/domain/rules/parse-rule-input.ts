/**
 * Raw inventory (database rows, form input, a CSV import) to builder input.
 * Every value a rule is built from passes its value-object parser here, and
 * every problem comes back at once, keyed by field ("guests[2].mac"), before
 * any text can be rendered. Hostile values (`eth0;reboot`, `$(id)`, newlines,
 * 16-character names, multicast MACs) stop here.
 */
import { addFieldError, hasFieldErrors, type FieldErrors } from "../field-errors";
import { err, ok, type Result } from "../result";
import { cidrContains, cidrWithin, parseCidr, type Cidr } from "../values/cidr";
import { parseLinkIfname, type Ifname } from "../values/ifname";
import { isLinkLocal, isUsableUnicast, parseIpv4, type Ipv4 } from "../values/ipv4";
import { parseMac, type Mac } from "../values/mac";
import type { GatewayRuleInput } from "./build-gateway-rule-set";
import type { HostRuleInput } from "./build-host-rule-set";

type Collector = { errors: FieldErrors };

function fail(c: Collector, name: string, message: string): undefined {
  addFieldError(c.errors, name, message);
  return undefined;
}

function field<T>(c: Collector, name: string, r: Result<T>): T | undefined {
  return r.ok ? r.value : fail(c, name, r.error);
}

function record(raw: unknown): Record<string, unknown> {
  return typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
}

function guestList(c: Collector, raw: unknown): Record<string, unknown>[] {
  if (!Array.isArray(raw)) {
    fail(c, "guests", "must be a list");
    return [];
  }
  return raw.map(record);
}

/** A guest keeps a routable LAN address; link-local and non-unicast addresses are refused. */
function guestIp(c: Collector, name: string, raw: unknown): Ipv4 | undefined {
  const ip = field(c, name, parseIpv4(raw));
  if (ip === undefined) return undefined;
  if (!isUsableUnicast(ip)) return fail(c, name, `${ip} is not a unicast host address`);
  if (isLinkLocal(ip)) return fail(c, name, `${ip} is link-local; guests keep their LAN address`);
  return ip;
}

function noDuplicates(c: Collector, values: (string | undefined)[], name: (i: number) => string, what: string): void {
  const first = new Map<string, number>();
  values.forEach((v, i) => {
    if (v === undefined) return;
    const j = first.get(v);
    if (j === undefined) first.set(v, i);
    else fail(c, name(i), `${what} ${v} is already used by ${name(j)}`);
  });
}

export function parseHostRuleInput(raw: unknown): Result<HostRuleInput, FieldErrors> {
  const c: Collector = { errors: {} };
  const r = record(raw);
  const bridge = field(c, "bridge", parseLinkIfname(r.bridge));
  const guests = guestList(c, r.guests).map((g, i) => ({
    ip: guestIp(c, `guests[${i}].ip`, g.ip),
    mac: field(c, `guests[${i}].mac`, parseMac(g.mac)),
  }));
  noDuplicates(
    c,
    guests.map((g) => g.ip),
    (i) => `guests[${i}].ip`,
    "guest IP",
  );
  noDuplicates(
    c,
    guests.map((g) => g.mac),
    (i) => `guests[${i}].mac`,
    "MAC",
  );
  if (hasFieldErrors(c.errors) || bridge === undefined) return err(c.errors);
  return ok({ bridge, guests: guests as { ip: Ipv4; mac: Mac }[] });
}

export function parseGatewayRuleInput(raw: unknown): Result<GatewayRuleInput, FieldErrors> {
  const c: Collector = { errors: {} };
  const r = record(raw);
  const lanIfname: Ifname | undefined = field(c, "lanIfname", parseLinkIfname(r.lanIfname));
  const lanIp = guestIp(c, "lanIp", r.lanIp);
  const pool: Cidr | undefined = field(c, "linkLocalPool", parseCidr(r.linkLocalPool));
  if (pool !== undefined && !cidrWithin(pool, "169.254.0.0/16" as Cidr)) {
    fail(c, "linkLocalPool", `${pool} is not inside 169.254.0.0/16`);
  }
  const linkLocalIp = field(c, "linkLocalIp", parseIpv4(r.linkLocalIp));
  if (linkLocalIp !== undefined && pool !== undefined && !cidrContains(pool, linkLocalIp)) {
    fail(c, "linkLocalIp", `${linkLocalIp} is not inside the link-local pool ${pool}`);
  }
  const guests = guestList(c, r.guests).map((g, i) => ({ ip: guestIp(c, `guests[${i}].ip`, g.ip) }));
  noDuplicates(c, [lanIp, ...guests.map((g) => g.ip)], (i) => (i === 0 ? "lanIp" : `guests[${i - 1}].ip`), "address");
  if (hasFieldErrors(c.errors) || !lanIfname || !lanIp || !pool || !linkLocalIp) return err(c.errors);
  return ok({ lanIfname, lanIp, linkLocalIp, linkLocalPool: pool, guests: guests as { ip: Ipv4 }[] });
}
