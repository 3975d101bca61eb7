import { describe, expect, it } from "vitest";
import type { Hostname } from "@/lib/domain/values/hostname";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Port } from "@/lib/domain/values/port";
import { directSshCommand, jumpSshCommand, sshUri, viaGatewaySshCommand, type SshEndpoint } from "./ssh-command";

const host: SshEndpoint = {
  alias: "br-0042-h01" as Hostname,
  address: "198.51.100.10" as Ipv4,
  port: 22 as Port,
  username: "root",
};
const linkLocal: SshEndpoint = { ...host, address: "169.254.1.10" as Ipv4 };
const gateway: SshEndpoint = {
  alias: "br-0042-gw" as Hostname,
  address: "203.0.113.7" as Ipv4,
  port: 2222 as Port,
  username: "branchdesk",
};

describe("ssh lines for a techie's own terminal", () => {
  it("the support path dials the guest IP and checks the host's key under its hostname", () => {
    expect(directSshCommand(host)).toBe(
      "ssh -o HostKeyAlias=br-0042-h01 -o StrictHostKeyChecking=yes -p 22 root@198.51.100.10",
    );
  });

  it("via the gateway, the hop is a ProxyCommand with the gateway's own alias, quoted as one argument", () => {
    expect(viaGatewaySshCommand(linkLocal, gateway)).toBe(
      "ssh -o 'ProxyCommand=ssh -o HostKeyAlias=br-0042-gw -o StrictHostKeyChecking=yes -p 2222 -W %h:%p " +
        "branchdesk@203.0.113.7' -o HostKeyAlias=br-0042-h01 -o StrictHostKeyChecking=yes -p 22 root@169.254.1.10",
    );
  });

  it("the -J form names the gateway with its port", () => {
    expect(jumpSshCommand(linkLocal, gateway)).toBe(
      "ssh -J branchdesk@203.0.113.7:2222 -o HostKeyAlias=br-0042-h01 -o StrictHostKeyChecking=yes -p 22 " +
        "root@169.254.1.10",
    );
  });

  it("a DNS-named gateway stays one shell word", () => {
    const named = { ...gateway, address: "gw-0042.branches.example" as Hostname };
    expect(viaGatewaySshCommand(linkLocal, named)).toContain("branchdesk@gw-0042.branches.example'");
  });

  it("ssh:// links carry user, address and port", () => {
    expect(sshUri(host)).toBe("ssh://root@198.51.100.10:22");
    expect(sshUri(gateway)).toBe("ssh://branchdesk@203.0.113.7:2222");
  });

  it.each(["root; rm -rf /", "Root", "a b", "-oProxyCommand=x", ""])(
    "refuses a user name that is no user name: %j",
    (username) => {
      expect(() => directSshCommand({ ...host, username })).toThrow(/not an SSH user name/);
      expect(() => viaGatewaySshCommand(host, { ...gateway, username })).toThrow(/not an SSH user name/);
    },
  );
});
