/**
 * A real OpenLDAP slapd for the directory sign-in tests (issue 14): our child, on a free
 * loopback port, with a throwaway slapd.conf and mdb database in a temporary directory,
 * and a 389-DS-like layout: inetOrgPerson users under ou=people, groupOfNames (member)
 * and groupOfUniqueNames (uniqueMember) under ou=groups, and memberOf kept by the
 * memberof overlay (389 DS's memberOf plug-in does the same). Entries are added over
 * LDAP after start, so the overlay sees them. It never touches a system slapd (Debian's
 * package may start one on port 389): its own config, pid file, port and database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Attribute, Change, Client } from "ldapts";
import { run } from "./proc";

export const SUFFIX = "dc=bank,dc=test";
export const ROOT_DN = `cn=admin,${SUFFIX}`;
export const ROOT_PASSWORD = "root-secret";
export const PEOPLE = `ou=people,${SUFFIX}`;
export const GROUPS = `ou=groups,${SUFFIX}`;
/** The search account the dashboard binds as (read-only). */
export const SERVICE_DN = `cn=branchdesk,${SUFFIX}`;
export const SERVICE_PASSWORD = "service-secret";

export type LdapEntry = { dn: string; attributes: Record<string, string | string[]> };
export type TlsFiles = { caPem: string; certPath: string; keyPath: string };
export type Slapd = {
  url: string;
  port: number;
  /** A client bound as the rootdn, for changing entries during a test; unbind it when done. */
  admin(): Promise<Client>;
  addEntries(entries: readonly LdapEntry[]): Promise<void>;
  /** Replaces a group's member (or uniqueMember) values. */
  setMembers(groupDn: string, attribute: "member" | "uniqueMember", memberDns: readonly string[]): Promise<void>;
  stop(): Promise<void>;
};

const SCHEMAS = ["core", "cosine", "inetorgperson"].map((s) => `/etc/ldap/schema/${s}.schema`);

function slapdConf(dir: string, tls: TlsFiles | undefined): string {
  const tlsLines = tls ? [`TLSCertificateFile ${tls.certPath}`, `TLSCertificateKeyFile ${tls.keyPath}`] : [];
  return [
    ...SCHEMAS.map((s) => `include ${s}`),
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    "modulepath /usr/lib/ldap",
    "moduleload back_mdb",
    "moduleload memberof",
    ...tlsLines,
    "database mdb",
    "maxsize 33554432",
    `suffix "${SUFFIX}"`,
    `rootdn "${ROOT_DN}"`,
    `rootpw ${ROOT_PASSWORD}`,
    `directory ${dir}/db`,
    // Like a 389 DS ACI set: passwords only for binding, everything else for bound accounts.
    "access to attrs=userPassword by anonymous auth by self read by * none",
    "access to * by users read by * none",
    "overlay memberof",
    "memberof-group-oc groupOfNames",
    "memberof-member-ad member",
    "memberof-memberof-ad memberOf",
    "memberof-refint TRUE",
    "",
  ].join("\n");
}

/** The base entries: the suffix, ou=people, ou=groups and the search account. */
export function baseEntries(): LdapEntry[] {
  return [
    { dn: SUFFIX, attributes: { objectClass: ["dcObject", "organization"], dc: "bank", o: "Test bank" } },
    { dn: PEOPLE, attributes: { objectClass: "organizationalUnit", ou: "people" } },
    { dn: GROUPS, attributes: { objectClass: "organizationalUnit", ou: "groups" } },
    {
      dn: SERVICE_DN,
      attributes: { objectClass: ["person"], cn: "branchdesk", sn: "service", userPassword: SERVICE_PASSWORD },
    },
  ];
}

export function person(uid: string, password: string): LdapEntry {
  return {
    dn: `uid=${uid},${PEOPLE}`,
    attributes: { objectClass: "inetOrgPerson", uid, cn: uid, sn: uid, userPassword: password },
  };
}

export function group(cn: string, kind: "member" | "uniqueMember", members: readonly string[]): LdapEntry {
  const objectClass = kind === "member" ? "groupOfNames" : "groupOfUniqueNames";
  // groupOfNames requires a member: an empty group lists the rootdn, which is nobody's login.
  return { dn: `cn=${cn},${GROUPS}`, attributes: { objectClass, cn, [kind]: members.length ? [...members] : ROOT_DN } };
}

/** A port nothing listens on right now (the kernel picks it; a tiny race is acceptable in tests). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Starts slapd and adds baseEntries() plus `entries`. */
export async function startSlapd(opts: { entries?: readonly LdapEntry[]; tls?: TlsFiles } = {}): Promise<Slapd> {
  const dir = mkdtempSync(path.join(tmpdir(), "branchdesk-slapd-"));
  mkdirSync(path.join(dir, "db"));
  writeFileSync(path.join(dir, "slapd.conf"), slapdConf(dir, opts.tls));
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  // -d 0: stay in the foreground as our child (no fork), logging nothing but fatal errors.
  const argv = ["-f", path.join(dir, "slapd.conf"), "-h", `${url}/`, "-d", "0"];
  const child: ChildProcess = spawn("/usr/sbin/slapd", argv, { stdio: ["ignore", "ignore", "pipe"] });
  const stderr: string[] = [];
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = `exited ${code ?? signal}`));
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (exited || Date.now() > deadline) {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`slapd on ${url} ${exited ?? "did not listen within 10 s"}:\n${stderr.join("").trim()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const admin = async () => {
    const client = new Client({ url, timeout: 5000, connectTimeout: 5000 });
    await client.bind(ROOT_DN, ROOT_PASSWORD);
    return client;
  };
  const withAdmin = async (work: (c: Client) => Promise<void>) => {
    const client = await admin();
    try {
      await work(client);
    } finally {
      await client.unbind();
    }
  };
  const slapd: Slapd = {
    url,
    port,
    admin,
    addEntries: (entries) =>
      withAdmin(async (c) => {
        for (const e of entries) await c.add(e.dn, e.attributes);
      }),
    setMembers: (groupDn, attribute, memberDns) =>
      withAdmin(async (c) => {
        const values = memberDns.length ? [...memberDns] : [ROOT_DN];
        await c.modify(
          groupDn,
          new Change({ operation: "replace", modification: new Attribute({ type: attribute, values }) }),
        );
      }),
    stop: async () => {
      if (!exited) {
        const gone = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await slapd.addEntries([...baseEntries(), ...(opts.entries ?? [])]);
  } catch (error) {
    await slapd.stop();
    throw error;
  }
  return slapd;
}

/**
 * A CA and a server certificate for 127.0.0.1 signed by it, made with openssl in `dir`
 * (EC keys: fast). `otherCaPem` is a second CA that signed nothing, for the "wrong CA" case.
 */
export async function makeTestCa(dir: string): Promise<TlsFiles & { otherCaPem: string }> {
  const p = (f: string) => path.join(dir, f);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await run(
    ["openssl", "req", "-x509", ...ec, "-keyout", p("ca.key"), "-out", p("ca.pem"), "-days", "2"].concat([
      "-subj",
      "/CN=Branchdesk test CA",
    ]),
  );
  await run(
    ["openssl", "req", "-x509", ...ec, "-keyout", p("other.key"), "-out", p("other.pem"), "-days", "2"].concat([
      "-subj",
      "/CN=Some other CA",
    ]),
  );
  await run(["openssl", "req", ...ec, "-keyout", p("server.key"), "-out", p("server.csr"), "-subj", "/CN=127.0.0.1"]);
  writeFileSync(p("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  await run(
    ["openssl", "x509", "-req", "-in", p("server.csr"), "-CA", p("ca.pem"), "-CAkey", p("ca.key")].concat([
      "-CAcreateserial",
      "-out",
      p("server.pem"),
      "-days",
      "2",
      "-extfile",
      p("san.ext"),
    ]),
  );
  return {
    caPem: readFileSync(p("ca.pem"), "utf8"),
    otherCaPem: readFileSync(p("other.pem"), "utf8"),
    certPath: p("server.pem"),
    keyPath: p("server.key"),
  };
}
