import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { inspect } from "node:util";
import { utils } from "ssh2";
import { err, ok, type Result } from "@/lib/domain/result";
import { hostKeyFingerprint, type HostKeyFingerprint } from "./host-key-fingerprint";

/**
 * The fleet's SSH client key. Callers get a handle that names the key (path,
 * public fingerprint) but cannot read it: the private half lives in a WeakMap
 * only connect-ssh reads, so logging, JSON-encoding or returning a FleetKey to
 * the browser can never leak it.
 */
export class FleetKey {
  private constructor(
    readonly path: string,
    /** Fingerprint of the public half, as `ssh-keygen -lf key.pub` prints it. */
    readonly fingerprint: HostKeyFingerprint,
  ) {}

  /** @internal only loadFleetKey constructs keys. */
  static create(file: string, fingerprint: HostKeyFingerprint): FleetKey {
    return new FleetKey(file, fingerprint);
  }

  toJSON(): { path: string; fingerprint: string } {
    return { path: this.path, fingerprint: this.fingerprint };
  }

  toString(): string {
    return `fleet key ${this.fingerprint} (${this.path})`;
  }

  [inspect.custom](): string {
    return `FleetKey(${this.path}, ${this.fingerprint})`;
  }
}

const material = new WeakMap<FleetKey, { privateKey: string; passphrase?: string }>();
// Read once per path: a rollout opens thousands of connections, and the key
// file must not be re-read (or re-parsed) for each of them.
const loaded = new Map<string, FleetKey>();

/** @internal for connect-ssh only: never return this to a caller. */
export function fleetKeyMaterial(key: FleetKey): { privateKey: string; passphrase?: string } {
  const m = material.get(key);
  if (!m) throw new Error("not a FleetKey made by loadFleetKey");
  return m;
}

/**
 * Loads the private key at `file` (path from configuration). Refuses a key
 * that group or others can read, as OpenSSH does, because a fleet key opens
 * every box in the bank. Errors name the file and the fix, never key bytes.
 */
export async function loadFleetKey(file: string, options: { passphrase?: string } = {}): Promise<Result<FleetKey>> {
  const absolute = path.resolve(file);
  const cached = loaded.get(absolute);
  if (cached) return ok(cached);

  let text: string;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) return err(`fleet key ${absolute} is not a regular file`);
    if ((info.mode & 0o077) !== 0) {
      return err(
        `fleet key ${absolute} is readable by group or others ` +
          `(mode ${(info.mode & 0o777).toString(8)}): run chmod 600 on it`,
      );
    }
    text = await readFile(absolute, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return err(`fleet key ${absolute} does not exist: check the configured path`);
    if (code === "EACCES") return err(`fleet key ${absolute} is not readable by the dashboard's user`);
    return err(`fleet key ${absolute} could not be read (${code ?? "unknown error"})`);
  }

  const parsed = utils.parseKey(text, options.passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) {
    // ssh2's message says why (encrypted without passphrase, bad format) without quoting the key.
    return err(
      `fleet key ${absolute} is not a usable SSH private key: ${key instanceof Error ? key.message : "empty file"}`,
    );
  }
  if (key.getPrivatePEM() === null) return err(`fleet key ${absolute} holds a public key, not a private key`);

  const fleetKey = FleetKey.create(absolute, hostKeyFingerprint(key.getPublicSSH()));
  material.set(fleetKey, {
    privateKey: text,
    ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
  });
  loaded.set(absolute, fleetKey);
  return ok(fleetKey);
}
