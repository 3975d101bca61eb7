import { z } from "zod";

/** A box as health names it: "host:12" or "gateway:3" (the same keys rollouts use for targets). */
export type BoxKind = "host" | "gateway";
export type BoxRef = { kind: BoxKind; id: number };

export function boxKey(ref: BoxRef): string {
  return `${ref.kind}:${ref.id}`;
}

/** Parses "host:12" / "gateway:3"; null for anything else (a leading zero or sign is not an id). */
export function parseBoxKey(raw: string): BoxRef | null {
  const m = /^(host|gateway):([1-9][0-9]{0,9})$/.exec(raw);
  if (!m) return null;
  const id = Number(m[2]);
  if (id > 2_147_483_647) return null;
  return { kind: m[1] as BoxKind, id };
}

export const zBoxKey = () =>
  z
    .string()
    .transform((raw, ctx) => {
      const ref = parseBoxKey(raw);
      if (ref) return ref;
      ctx.addIssue({
        code: "custom",
        message: `box ${JSON.stringify(raw)} does not exist (want host:<id> or gateway:<id>)`,
      });
      return z.NEVER;
    })
    .meta({ description: '"host:12" or "gateway:3"' });
