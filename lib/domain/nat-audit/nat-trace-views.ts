import { z } from "zod";
import { zIpv4 } from "@/lib/domain/inventory/zod-values";

export const ZTraceInput = z
  .object({
    host: z.string().max(40).meta({ description: '"host:12": trace HQ -> its guest IP' }),
    src: zIpv4().optional().meta({ description: "the head-office source address (192.0.2.1 by default)" }),
    port: z.number().int().min(1).max(65_535).optional().meta({ description: "destination port (22)" }),
  })
  .strict();
export type TraceInput = z.infer<typeof ZTraceInput>;

const ZRef = z.object({ chain: z.string(), index: z.number(), line: z.number(), text: z.string() });

export const ZNatTraceResponse = z
  .object({
    host: z.object({ box: z.string(), name: z.string(), guestIp: z.string() }),
    packet: z.object({ src: z.string(), dst: z.string(), proto: z.string(), dport: z.number() }),
    steps: z.array(
      z.object({
        stage: z.string(),
        rule: ZRef.nullable(),
        chain: z.string(),
        result: z.enum(["match", "no match", "unknown"]),
        note: z.string(),
      }),
    ),
    verdict: z.object({
      summary: z.string(),
      reachable: z.boolean().nullable(),
      gatewaySource: z.string().nullable(),
      arpReplyMac: z.string().nullable(),
      hostRedirect: z.string().nullable(),
    }),
    problems: z.array(z.string()).meta({ description: "tables that could not be read or parsed" }),
    probe: z
      .object({ ok: z.boolean(), reason: z.string(), ms: z.number() })
      .nullable()
      .meta({ description: "the live support-path probe; null when the host has no pinned key" }),
    agree: z.boolean().nullable().meta({ description: "prediction and probe agree; null when either is open" }),
  })
  .meta({ id: "NatTraceResponse" });
export type NatTraceResponse = z.infer<typeof ZNatTraceResponse>;
