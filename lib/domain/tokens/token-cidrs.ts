import ipaddr from "ipaddr.js";
import { err, ok, type Result } from "../result";

/**
 * A CIDR a token may be used from, normalised: IPv4 or IPv6, compressed IPv6, lower case;
 * a bare address is its /32 or /128. Host bits set are refused rather than guessed at:
 * "192.0.2.7/24" is more often a typo for /32 than a wish for the whole /24.
 */
export function normaliseTokenCidr(input: string): Result<string> {
  const text = input.trim();
  const withPrefix = text.includes("/") ? text : `${text}/${text.includes(":") ? 128 : 32}`;
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    // Dotted quads only: ipaddr.js would also take "127.1" or "0x7f.0.0.1".
    const [address] = withPrefix.split("/");
    if (!address!.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(address!)) throw new Error("not dotted");
    parsed = ipaddr.parseCIDR(withPrefix);
  } catch {
    return err(`${JSON.stringify(text)} is not an IPv4 or IPv6 address or CIDR (like 192.0.2.0/24 or 2001:db8::/32)`);
  }
  const [address, prefix] = parsed;
  const network = ipaddr.IPv4.isIPv4(address.toString())
    ? ipaddr.IPv4.networkAddressFromCIDR(withPrefix)
    : ipaddr.IPv6.networkAddressFromCIDR(withPrefix);
  const normal = `${network.toString()}/${prefix}`;
  if (network.toString() !== address.toString()) {
    return err(
      `${text} has host bits set: write ${normal}, or ${address.toString()}/${address.kind() === "ipv4" ? 32 : 128}`,
    );
  }
  return ok(normal);
}

/** Every CIDR normalised and de-duplicated, or every problem, by position. */
export function normaliseTokenCidrs(inputs: readonly string[]): Result<string[], string[]> {
  const problems: string[] = [];
  const out = new Set<string>();
  inputs.forEach((input, i) => {
    const r = normaliseTokenCidr(input);
    if (r.ok) out.add(r.value);
    else problems.push(`entry ${i + 1}: ${r.error}`);
  });
  return problems.length > 0 ? err(problems) : ok([...out]);
}

/** Whether `client` (as the dashboard resolved it) lies in one of the CIDRs; [] allows any address. */
export function clientAllowed(cidrs: readonly string[], client: string): boolean {
  if (cidrs.length === 0) return true;
  if (!ipaddr.isValid(client)) return false;
  // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d: process() makes it IPv4.
  const address = ipaddr.process(client);
  return cidrs.some((c) => {
    const [net, prefix] = ipaddr.parseCIDR(c);
    return net.kind() === address.kind() && address.match(net, prefix);
  });
}
