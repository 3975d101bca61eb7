import { readFile } from "node:fs/promises";
import { utils } from "ssh2";
import { openSshPublicKey } from "@/lib/ssh/connect-ssh";
import { sshConfig } from "@/lib/server/config/ssh-config";
import { AppError } from "@/lib/server/errors/app-error";

/**
 * The fleet key's public half ("ssh-ed25519 AAAA..."), derived from the
 * private key the dashboard uses (a stale .pub beside it cannot mislead).
 */
export async function fleetPublicKey(): Promise<string> {
  const file = sshConfig().fleetKeyPath;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new AppError(
      "conflict",
      `the fleet key ${file} cannot be read, so no token can install it: fix the key first`,
    );
  }
  const parsed = utils.parseKey(text);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new AppError("conflict", `the fleet key ${file} is not a usable key`);
  return `${openSshPublicKey(key.getPublicSSH())} branchdesk-fleet`;
}
