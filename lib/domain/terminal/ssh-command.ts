import { shellCommand } from "@/lib/domain/shell-quote";
import type { Hostname } from "@/lib/domain/values/hostname";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Port } from "@/lib/domain/values/port";

/**
 * The `ssh` lines a techie pastes into their own terminal to take the same
 * paths the web terminal takes, verifying the same pinned keys. Every value
 * arrives parsed (hostnames, IPv4 addresses, ports, user names checked by
 * lib/ssh's parseSshTarget) and leaves through shellQuote.
 *
 * Why HostKeyAlias: the support path dials the guest's IP, and link-local
 * addresses repeat in every branch, so neither names the box; known_hosts is
 * keyed by the box's hostname instead (the known_hosts snippet writes the same
 * aliases).
 */

/** One SSH endpoint as the inventory knows it: where to dial, as whom, and the alias its key is filed under. */
export type SshEndpoint = {
  alias: Hostname;
  address: Ipv4 | Hostname;
  port: Port;
  username: string;
};

const USERNAME = /^[a-z_][a-z0-9_-]{0,31}$/;

function checkUser(username: string): string {
  // parseSshTarget already refused anything else: this is the last line, not the first.
  if (!USERNAME.test(username)) throw new Error(`not an SSH user name: ${JSON.stringify(username)}`);
  return username;
}

/** ssh's options for one hop: the key is looked up under the alias and must be there (no trust on first use). */
function hopOptions(e: SshEndpoint): string[] {
  return ["-o", `HostKeyAlias=${e.alias}`, "-o", "StrictHostKeyChecking=yes", "-p", String(e.port)];
}

const destination = (e: SshEndpoint) => `${checkUser(e.username)}@${e.address}`;

/** `ssh -o HostKeyAlias=<host> -o StrictHostKeyChecking=yes -p 22 root@<guest ip>`: the support path. */
export function directSshCommand(target: SshEndpoint): string {
  return shellCommand(["ssh", ...hopOptions(target), destination(target)]);
}

/**
 * Through the gateway. Not `-J`: ssh starts the jump as a separate ssh that
 * does not get the command line's -o options, so the gateway's key would be
 * looked up under its address, not under its alias, and the known_hosts
 * snippet would not verify it. A ProxyCommand running `ssh -W %h:%p` with the
 * gateway's own HostKeyAlias does the same hop and checks the pinned key.
 * The ProxyCommand is run by the user's shell, so its words are quoted twice:
 * once for that shell, once (as one argument) for the shell the line is pasted into.
 */
export function viaGatewaySshCommand(target: SshEndpoint, gateway: SshEndpoint): string {
  const proxy = shellCommand(["ssh", ...hopOptions(gateway), "-W", "%h:%p", destination(gateway)]);
  return shellCommand(["ssh", "-o", `ProxyCommand=${proxy}`, ...hopOptions(target), destination(target)]);
}

/** The `-J` form, for reading: equivalent once the gateway's key is filed under its address (see above). */
export function jumpSshCommand(target: SshEndpoint, gateway: SshEndpoint): string {
  const jump = `${checkUser(gateway.username)}@${gateway.address}:${gateway.port}`;
  return shellCommand(["ssh", "-J", jump, ...hopOptions(target), destination(target)]);
}

/** ssh://user@host:port (RFC draft-ietf-secsh-scp-sftp-ssh-uri): what a browser hands a registered SSH client. */
export function sshUri(target: Pick<SshEndpoint, "address" | "port" | "username">): string {
  return `ssh://${encodeURIComponent(checkUser(target.username))}@${target.address}:${target.port}`;
}
