/** HQ -> guest-IP:22 through the gateway nat, the host ebtables nat and the host iptables nat. */
import type { NatTrace, TracePacket, TraceTables } from "./nat-audit-types";

export function traceNat(tables: TraceTables, packet: TracePacket): NatTrace {
  void tables;
  void packet;
  throw new Error("traceNat: not implemented yet");
}
