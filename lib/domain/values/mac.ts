import { err, ok, type Result } from "../result";

/** A MAC address, lower-case, colon-separated ("52:54:00:12:34:56"). */
export type Mac = string & { readonly __brand: "Mac" };

const MAC = /^([0-9a-f]{2})([:-]?)([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})$/i;

/**
 * Accepts colon, dash or bare hex forms and normalises to lower-case colons.
 * Refuses group (multicast/broadcast) addresses: an arpreply with a multicast
 * source MAC would poison every ARP cache on the LAN.
 */
export function parseMac(input: unknown): Result<Mac> {
  if (typeof input !== "string") return err("must be a string");
  const m = MAC.exec(input.trim() === input ? input : "");
  if (!m) return err(`${JSON.stringify(input)} is not a MAC address (expected 52:54:00:12:34:56)`);
  const octets = [m[1], m[3], m[4], m[5], m[6], m[7]].map((o) => o!.toLowerCase());
  const mac = octets.join(":") as Mac;
  if (parseInt(octets[0]!, 16) & 1) return err(`${mac} is a multicast/group MAC, not a unicast NIC address`);
  if (mac === "00:00:00:00:00:00") return err(`${mac} is the all-zero MAC, not a NIC address`);
  return ok(mac);
}

export function macToBigInt(mac: Mac): bigint {
  return BigInt("0x" + mac.replaceAll(":", ""));
}

export function bigIntToMac(n: bigint): Mac {
  const hex = n.toString(16).padStart(12, "0");
  return hex.match(/../g)!.join(":") as Mac;
}
