/**
 * The one sshd_config of every sshd the tests start: the loopback sshd of
 * integration tests (lib/testing/sshd.ts) and each lab box's sshd
 * (e2e/lab/sshd.ts). What differs is passed in; the rest is written once.
 */
export type SshdConfigOptions = {
  /** `127.0.0.1:PORT` (loopback tests) or `0.0.0.0:22` (a lab box in its own namespace). */
  listen: string;
  hostKeys: readonly string[];
  authorizedKeys: string;
  pidFile: string;
  /** VERBOSE when a test reads the log (connections, auth results); ERROR keeps 400 lab sshds quiet. */
  logLevel: "VERBOSE" | "ERROR";
  /** `NAME=value` words every session gets (a lab box's private agent state). */
  setEnv?: readonly string[];
  /** A first comment line naming who wrote the file. */
  comment?: string;
  /**
   * Only accept logins from this CIDR (`AllowUsers *@CIDR`): a lab host takes SSH from
   * link-local sources only, as the fleet's hosts do, so a missing gateway SNAT shows.
   */
  allowFrom?: string;
};

/** sshd_config tokens are whitespace-separated: paths must need no quoting, and we check. */
export function plainPath(p: string): string {
  if (!/^\/[A-Za-z0-9_./-]+$/.test(p)) {
    throw new Error(`path ${JSON.stringify(p)} must be absolute with no spaces or quotes (it goes into sshd_config)`);
  }
  return p;
}

function plainCidr(c: string): string {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(c)) throw new Error(`${JSON.stringify(c)} is not an IPv4 CIDR`);
  return c;
}

export function sshdConfig(o: SshdConfigOptions): string {
  return [
    ...(o.comment ? [`# ${o.comment}`] : []),
    `ListenAddress ${o.listen}`,
    ...o.hostKeys.map((k) => `HostKey ${plainPath(k)}`),
    `PidFile ${plainPath(o.pidFile)}`,
    `AuthorizedKeysFile ${plainPath(o.authorizedKeys)}`,
    // Test directories live under world-readable /tmp; StrictModes would reject them.
    "StrictModes no",
    "UsePAM no",
    "PermitRootLogin prohibit-password",
    "PubkeyAuthentication yes",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    // Tests and benchmarks open bursts of sessions: the default 10:30:100
    // starts dropping unauthenticated connections at 10.
    "MaxStartups 100:30:200",
    "MaxSessions 50",
    // The post-quantum hybrid costs ~0.1 CPU-s per connection on this box, and
    // the fleet's CentOS 7 sshd (OpenSSH 7.4) does not offer it either.
    "KexAlgorithms -sntrup761x25519-sha512@openssh.com",
    "UseDNS no",
    "PrintMotd no",
    "PrintLastLog no",
    `LogLevel ${o.logLevel}`,
    "Subsystem sftp internal-sftp",
    ...(o.setEnv?.length ? [`SetEnv ${o.setEnv.join(" ")}`] : []),
    ...(o.allowFrom ? [`AllowUsers *@${plainCidr(o.allowFrom)}`] : []),
    "",
  ].join("\n");
}
