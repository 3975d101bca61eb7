import type { Claim } from "../inventory/claim";

/**
 * A value held in the fleet as it will be after the import: by a record the
 * file leaves alone (row undefined) or by one the file creates or changes
 * (its row). `self` names the record, so a record never clashes with itself.
 */
export type ImportClaim = Claim & { self: string; row?: number };

/**
 * Claims by "<kind>:<scope>:<value>". Two rows of the file that want one value
 * are reported once, on the later row (it "takes" what an earlier row holds);
 * a record outside the file is seen by every row.
 */
const NONE: Claim[] = [];

export class ImportClaims {
  private readonly byKey = new Map<string, ImportClaim[]>();

  add(key: string, claim: ImportClaim): void {
    const list = this.byKey.get(key);
    if (list) list.push(claim);
    else this.byKey.set(key, [claim]);
  }

  /** The claims on `key` that the record `self` (on `row`) clashes with. */
  seenFrom(key: string, self: readonly string[], row: number): Claim[] {
    const list = this.byKey.get(key);
    if (!list) return NONE;
    let out: Claim[] | null = null;
    for (const c of list) {
      if (self.includes(c.self) || (c.row !== undefined && c.row >= row)) continue;
      (out ??= []).push({ value: c.value, owner: c.row === undefined ? c.owner : `${c.owner} (row ${c.row})` });
    }
    return out ?? NONE;
  }
}
