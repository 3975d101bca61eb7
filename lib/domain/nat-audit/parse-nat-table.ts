/** iptables-save -c -t nat (nft, legacy, 1.4.21, -S) to a NatTable. */
import { err, type Result } from "../result";
import type { NatDialect, NatTable } from "./nat-audit-types";

export function parseNatTable(text: string, dialect?: NatDialect): Result<NatTable> {
  void text;
  void dialect;
  return err("parseNatTable: not implemented yet");
}
