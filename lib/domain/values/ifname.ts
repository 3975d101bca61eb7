import { err, ok, type Result } from "../result";

/** A Linux interface name (IFNAMSIZ-1 = 15 bytes max). */
export type Ifname = string & { readonly __brand: "Ifname" };

/**
 * The kernel allows almost any byte except '/', ':' (alias syntax), whitespace
 * and NUL; we are stricter so a name is always safe inside a rule or a shell
 * word: letters, digits, '.', '_', '-', and '+' is refused (iptables wildcard).
 */
const IFNAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$/;

export function parseIfname(input: unknown): Result<Ifname> {
  if (typeof input !== "string") return err("must be a string");
  if (input.length === 0) return err("must not be empty");
  if (input.length > 15)
    return err(`${JSON.stringify(input)} is ${input.length} characters; Linux interface names are at most 15`);
  if (input === "." || input === "..") return err(`${input} is not a valid interface name`);
  if (!IFNAME.test(input)) {
    return err(`${JSON.stringify(input)} is not a valid interface name (letters, digits, '.', '_', '-' only)`);
  }
  return ok(input as Ifname);
}

/**
 * Names that parse but can never be a bridge or a LAN-facing interface: `lo`
 * is the loopback (rules on it match only the box talking to itself); the
 * kernel refuses to create `all` and `default` (EINVAL, seen here: they would
 * collide with /proc/sys/net/ipv4/conf/{all,default}); `bonding_masters`
 * collides with the bonding driver's /sys/class/net/bonding_masters once it is loaded.
 */
const NOT_A_LINK: ReadonlyMap<string, string> = new Map(
  Object.entries({
    lo: "lo is the loopback interface, not a bridge or a LAN interface",
    all: "all is not a usable interface name (the kernel reserves it: /proc/sys/net/ipv4/conf/all)",
    default: "default is not a usable interface name (the kernel reserves it: /proc/sys/net/ipv4/conf/default)",
    bonding_masters: "bonding_masters is reserved by the bonding driver (/sys/class/net/bonding_masters)",
  }),
);

/** An interface name a NIC, bridge or VLAN can carry: every inventory interface field uses this. */
export function parseLinkIfname(input: unknown): Result<Ifname> {
  const name = parseIfname(input);
  if (!name.ok) return name;
  const reserved = NOT_A_LINK.get(name.value);
  return reserved ? err(reserved) : name;
}
