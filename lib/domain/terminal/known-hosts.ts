import { err, ok, type Result } from "@/lib/domain/result";

/**
 * A branch's known_hosts snippet: each box's stored public key filed under the
 * alias the ssh lines use (ssh-command.ts: HostKeyAlias=<hostname>), so OpenSSH
 * verifies exactly the keys the dashboard pinned. A box whose key is not stored
 * yet gets a comment naming its pin instead of a line: nothing is guessed.
 */

/** "ssh-ed25519 AAAA..." as OpenSSH writes it (the comment dropped). */
export type PublicKeyLine = string & { readonly __brand: "PublicKeyLine" };

export const PUBLIC_KEY_TYPES = [
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "ssh-rsa",
] as const;

const KEY = /^([a-z0-9-]+) ([A-Za-z0-9+/]{16,}={0,2})(?: .*)?$/;

/** A stored key: its type must be one ssh knows and its blob base64; the comment is dropped. */
export function parsePublicKeyLine(input: unknown): Result<PublicKeyLine> {
  if (typeof input !== "string") return err("must be a string");
  const m = KEY.exec(input.trim());
  if (!m || !(PUBLIC_KEY_TYPES as readonly string[]).includes(m[1]!)) {
    return err(`${JSON.stringify(input.slice(0, 40))} is not an OpenSSH public key ("ssh-ed25519 AAAA...")`);
  }
  return ok(`${m[1]} ${m[2]}` as PublicKeyLine);
}

export type KnownHostsEntry = {
  /** The HostKeyAlias: the box's hostname. */
  alias: string;
  /** What the entry is, for the comment: "gateway br-0042-gw", "host br-0042-h01". */
  label: string;
  key: PublicKeyLine | null;
  fingerprint: string | null;
};

/** The snippet's text: a header, then one line (or one comment) per box, in the order given. */
export function knownHostsText(branchCode: string, entries: readonly KnownHostsEntry[]): string {
  const lines = [
    `# Branchdesk: pinned SSH host keys of branch ${branchCode}, filed under each box's hostname`,
    "# (use with -o HostKeyAlias=<hostname>, as the dashboard's Copy SSH command lines do)",
  ];
  for (const e of entries) {
    if (e.key) lines.push(`${e.alias} ${e.key}`);
    else if (e.fingerprint) {
      lines.push(`# ${e.alias} (${e.label}): key not stored yet; pinned fingerprint ${e.fingerprint}`);
    } else lines.push(`# ${e.alias} (${e.label}): no host key pinned yet`);
  }
  return `${lines.join("\n")}\n`;
}
