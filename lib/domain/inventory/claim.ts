/**
 * A value (MAC, IP, hostname, ...) that another record already holds, with a
 * name a techie recognises ("guest win-0042-01 on host br-0042-h01"). Services
 * load only the claims on the values an input wants, so checks stay O(input).
 */
export type Claim = { value: string; owner: string };

export function claimOn(claims: readonly Claim[], value: string): Claim | undefined {
  return claims.find((c) => c.value === value);
}
