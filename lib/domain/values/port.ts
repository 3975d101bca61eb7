import { err, ok, type Result } from "../result";

export type Port = number & { readonly __brand: "Port" };

export function parsePort(input: unknown): Result<Port> {
  const n = typeof input === "string" && /^\d{1,5}$/.test(input) ? Number(input) : input;
  if (typeof n !== "number" || !Number.isInteger(n)) return err(`${JSON.stringify(input)} is not a TCP port number`);
  if (n < 1 || n > 65535) return err(`${n} is not a TCP port (1-65535)`);
  return ok(n as Port);
}

export const SSH_PORT = 22 as Port;
