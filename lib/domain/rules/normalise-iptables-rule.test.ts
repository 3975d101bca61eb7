import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { normaliseIptablesRule } from "./normalise-iptables-rule";
import { ruleKey } from "./normal-rule";
import { tokenize } from "./tokenize";

const key = (line: string) => {
  const [, chain, ...rest] = unwrap(tokenize(line));
  return ruleKey(unwrap(normaliseIptablesRule(chain!, rest)));
};

describe("equivalent iptables spellings share one key", () => {
  it.each([
    [
      "-A BRANCHDESK-PRE -d 203.0.113.5/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT",
      [
        "-A BRANCHDESK-PRE -d 203.0.113.5 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT",
        "-A BRANCHDESK-PRE -i virbr0 -p tcp -d 203.0.113.5 --dport 22 -j REDIRECT",
        "-A BRANCHDESK-PRE -p tcp --dport 22 -d 203.0.113.5/255.255.255.255 -i virbr0 -j REDIRECT",
        "-A BRANCHDESK-PRE --protocol 6 --destination-port 22 --destination 203.0.113.5 " +
          "--in-interface virbr0 --jump REDIRECT",
        "-A BRANCHDESK-PRE -d 203.0.113.5/32 -i virbr0 -p TCP -m tcp --dport 22 -j REDIRECT -c 0 0",
      ],
    ],
    [
      "-A BRANCHDESK-POST -d 203.0.113.5/32 -o eth1 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.1.1",
      ["-A BRANCHDESK-POST -o eth1 -d 203.0.113.5 -p tcp --dport 22 -j SNAT --to 169.254.1.1"],
    ],
    [
      "-A BRANCHDESK-POST -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 203.0.113.1",
      [
        "-A BRANCHDESK-POST -o ! eth1 -s 169.254.0.0/16 -j SNAT --to-source 203.0.113.1",
        "-A BRANCHDESK-POST ! --out-interface eth1 --src 169.254.0.0/255.255.0.0 -j SNAT --to 203.0.113.1",
        "-A BRANCHDESK-POST -s 169.254.3.4/16 ! -o eth1 -j SNAT --to-source 203.0.113.1",
        "-A BRANCHDESK-POST -p all -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 203.0.113.1",
      ],
    ],
    [
      "-A POSTROUTING -s 198.18.122.0/24 ! -d 198.18.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535",
      ["-A POSTROUTING -p tcp -s 198.18.122.0/24 -d ! 198.18.122.0/24 -j MASQUERADE --to-port 1024-65535"],
    ],
    [
      '-A PREROUTING -d 198.51.100.80/32 -p tcp -m comment --comment "a b" ' +
        "-m tcp --dport 80 -j DNAT --to-destination 198.18.0.80",
      [`-A PREROUTING -p tcp -m tcp --dport 80 -d 198.51.100.80 -m comment --comment 'a b' -j DNAT --to 198.18.0.80`],
    ],
  ])("%s", (canonical, variants) => {
    expect(key(canonical)).toBe(canonical);
    for (const v of variants) expect(key(v), v).toBe(canonical);
  });
});

describe("different rules keep different keys", () => {
  const base = "-A BRANCHDESK-POST -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 203.0.113.1";
  it.each([
    "-A BRANCHDESK-POST -s 169.254.0.0/16 -o eth1 -j SNAT --to-source 203.0.113.1",
    "-A BRANCHDESK-POST -s 169.254.0.0/24 ! -o eth1 -j SNAT --to-source 203.0.113.1",
    "-A BRANCHDESK-POST -s 169.254.0.0/16 ! -o eth2 -j SNAT --to-source 203.0.113.1",
    "-A BRANCHDESK-POST -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 203.0.113.2",
    "-A BRANCHDESK-POST ! -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 203.0.113.1",
    "-A BRANCHDESK-PRE -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 203.0.113.1",
    "-A BRANCHDESK-POST -s 169.254.0.0/16 ! -o eth1 -j MASQUERADE",
    "-A BRANCHDESK-POST -s 169.254.0.0/16 ! -o eth1 -g SNAT",
  ])("%s differs from the pool rule", (other) => {
    expect(key(other)).not.toBe(key(base));
  });

  it("port and protocol matter", () => {
    const a = "-A X -d 203.0.113.5/32 -p tcp -m tcp --dport 22 -j REDIRECT";
    expect(key(a)).not.toBe(key(a.replace("--dport 22", "--dport 2222")));
    expect(key(a)).not.toBe(key(a.replace("-p tcp -m tcp", "-p udp -m udp")));
    expect(key(a)).not.toBe(key(a.replace("--dport", "! --dport")));
  });
});
