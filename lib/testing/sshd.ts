import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { run } from "./proc";
import { sshdConfig } from "./sshd-config";
import { startSshd } from "./start-sshd";

/** A throwaway OpenSSH server on 127.0.0.1, for tests that need a real sshd. */
export type TestSshd = {
  address: "127.0.0.1";
  port: number;
  dir: string;
  /** Public half of the server's host key, as `ssh-keygen -lf` reads it. */
  hostKeyPubPath: string;
  /** Every host key's public half, in hostKeyTypes order. */
  hostKeyPubPaths: string[];
  /** Private key whose public half is in the server's AuthorizedKeysFile. */
  clientKeyPath: string;
  clientKeyPubPath: string;
  /** Everything sshd logged so far (LogLevel VERBOSE): connections, auth results. */
  log(): string;
  /** SIGSTOP every open connection's sshd (a box that hangs); returns a function that resumes them. */
  freezeConnections(): () => void;
  stop(): Promise<void>;
};

export type StartSshdOptions = {
  /** Host key types, in the order sshd offers them (default: ed25519 only). */
  hostKeyTypes?: Array<"ed25519" | "ecdsa" | "rsa">;
  /** Keep root's real home visible (only to measure what the empty /root saves). */
  keepRealHome?: boolean;
  /** Also authorize this public key (e.g. another test sshd's client key, one fleet key for two boxes). */
  authorizedKeyFrom?: string;
};

export async function generateKeyPair(dir: string, name: string, type = "ed25519"): Promise<string> {
  const file = path.join(dir, name);
  const bits = type === "rsa" ? ["-b", "2048"] : [];
  await run(["ssh-keygen", "-q", "-t", type, ...bits, "-N", "", "-C", name, "-f", file]);
  return file;
}

/** The fingerprint as an operator sees it: second field of `ssh-keygen -lf`. */
export async function sshKeygenFingerprint(pubPath: string): Promise<string> {
  const { stdout } = await run(["ssh-keygen", "-l", "-E", "sha256", "-f", pubPath]);
  const field = stdout.split(" ")[1];
  if (!field?.startsWith("SHA256:")) throw new Error(`unexpected ssh-keygen -lf output: ${stdout}`);
  return field;
}

/** A port nothing listens on right now (the kernel picks it; a tiny race is acceptable in tests). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every descendant of pid (sshd's per-connection children and the commands they run). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  let children: string[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      children.push(...readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean));
    }
  } catch {
    children = [];
  }
  for (const c of children.map(Number)) out.push(c, ...descendants(c));
  return out;
}

/**
 * Starts sshd in the foreground (-D -e) as our child. It runs under
 * `unshare --mount` with an empty tmpfs over /root: root's ~/.bashrc runs
 * `pyenv init`, and bash sources it for every command sshd starts (Debian's
 * bash is built with SSH_SOURCE_BASHRC), which costs ~0.7 s per command.
 * The mount is private to sshd's namespace; the real /root is untouched.
 */
export async function startTestSshd(options: StartSshdOptions = {}): Promise<TestSshd> {
  // The tests log in as root (as the dashboard does on real boxes): an unprivileged sshd
  // could only authenticate its own user, and the empty /root needs a mount namespace.
  if (process.getuid?.() !== 0) throw new Error("the loopback sshd tests log in as root: run them as root");
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 }); // sshd's privilege-separation dir
  const dir = mkdtempSync(path.join(os.tmpdir(), "branchdesk-sshd-"));
  const hostKeys: string[] = [];
  for (const type of options.hostKeyTypes ?? ["ed25519"]) {
    hostKeys.push(await generateKeyPair(dir, `host_${type}_key`, type));
  }
  const clientKeyPath = await generateKeyPair(dir, "client_key");
  const extra = options.authorizedKeyFrom ? readFileSync(options.authorizedKeyFrom) : "";
  writeFileSync(
    path.join(dir, "authorized_keys"),
    Buffer.concat([readFileSync(`${clientKeyPath}.pub`), Buffer.from(extra)]),
  );
  const port = await freePort();
  const configPath = path.join(dir, "sshd_config");
  writeFileSync(
    configPath,
    sshdConfig({
      listen: `127.0.0.1:${port}`,
      hostKeys,
      authorizedKeys: path.join(dir, "authorized_keys"),
      pidFile: path.join(dir, "sshd.pid"),
      logLevel: "VERBOSE",
    }),
  );

  // Paths reach the inner shell as positional parameters, never as shell text.
  const emptyRoot = [
    "unshare",
    "--mount",
    "--propagation",
    "private",
    "--",
    "/bin/sh",
    "-c",
    'mount -t tmpfs -o mode=0700 branchdesk-empty-root /root && exec "$0" "$@"',
  ];
  // The kernel kills sshd if the test process dies without calling stop().
  const enter = ["setpriv", "--pdeathsig", "KILL", "--", ...(options.keepRealHome ? [] : emptyRoot)];
  let started: Awaited<ReturnType<typeof startSshd>>;
  try {
    started = await startSshd({ configPath, pidFile: path.join(dir, "sshd.pid"), enter, foreground: true });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const { child, log } = started;

  return {
    address: "127.0.0.1",
    port,
    dir,
    hostKeyPubPath: `${hostKeys[0]}.pub`,
    hostKeyPubPaths: hostKeys.map((k) => `${k}.pub`),
    clientKeyPath,
    clientKeyPubPath: `${clientKeyPath}.pub`,
    log,
    freezeConnections() {
      const frozen = descendants(child.pid!);
      for (const p of frozen) process.kill(p, "SIGSTOP");
      return () => {
        for (const p of frozen) {
          try {
            process.kill(p, "SIGCONT");
          } catch {
            /* gone */
          }
        }
      };
    },
    async stop() {
      const pid = child.pid!;
      for (const p of descendants(pid)) {
        try {
          process.kill(p, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP server that accepts and then says nothing: the shape of a box whose
 * sshd hangs or a middlebox that swallows the banner. Connect timeouts are
 * tested against it, since a real blackhole route would leave the lab.
 */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
