/** ebtables-save / ebtables -t nat -L [--Lc] (nft and legacy) to a NatTable. */
import { err, type Result } from "../result";
import type { NatDialect, NatTable } from "./nat-audit-types";

export function parseEbtablesNat(text: string, dialect?: NatDialect): Result<NatTable> {
  void text;
  void dialect;
  return err("parseEbtablesNat: not implemented yet");
}
