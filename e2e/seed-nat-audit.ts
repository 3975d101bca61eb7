/**
 * Test-only: writes NAT audit snapshots into the dashboard that scripts/e2e-run.ts started (its
 * DATABASE_URL is in this process's environment), as an operator's audit would leave them (a
 * real read needs a lab: lib/server/nat-audit/nat-audit.lab.test.ts does that). The gateway
 * gets two audits: the older one, and the newer one with a rule of every class, counters, a
 * delta and drift; the host one audit without shadowed rules.
 *   tsx e2e/seed-nat-audit.ts '{"branchCode": "NAT-1", "gatewayId": 3, "gatewayName": "gw", ...}'
 */
import { db } from "@/lib/server/db/client";
import { natRule, seedNatAudit } from "@/prisma/seed/nat-audits";

type Input = {
  branchCode: string;
  gatewayId: number;
  gatewayName: string;
  hostId: number;
  hostName: string;
  guestIp: string;
  staleIp: string;
};

async function main() {
  const input = JSON.parse(process.argv[2] ?? "{}") as Input;
  const client = db();
  const now = Date.now();
  const snat = `-A POSTROUTING -d ${input.guestIp}/32 -o eth1 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.0.1`;
  const pool = "-A POSTROUTING -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 192.0.2.241";
  const docker = "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE";
  const gw = { box: `gateway:${input.gatewayId}`, boxName: input.gatewayName, branchCode: input.branchCode };
  const older = await seedNatAudit(client, {
    ...gw,
    at: new Date(now - 86_400_000),
    createdBy: "olivia",
    rules: [
      natRule({ text: `[40:2400] ${snat}`, class: "hand-made-equivalent", packets: 40 }),
      natRule({ text: `[3:180] ${docker}`, class: "foreign", owner: "docker", packets: 3 }),
    ],
  });
  const firstSeen = new Date(now - 86_400_000).toISOString();
  await seedNatAudit(client, {
    ...gw,
    at: new Date(now - 60_000),
    createdBy: "olivia",
    previousId: older,
    rules: [
      natRule({ text: "[12:720] -A POSTROUTING -j BRANCHDESK-POST", class: "in-place", packets: 12, firstSeen }),
      natRule({
        text: `[52:3120] ${snat}`,
        class: "hand-made-equivalent",
        packets: 52,
        deltaPackets: 12,
        deltaBytes: 720,
        firstSeen,
      }),
      natRule({
        text: `[0:0] ${snat}`,
        class: "duplicate",
        shadowed: true,
        shadowedBy: `[52:3120] ${snat}`,
        duplicateOf: `[52:3120] ${snat}`,
        key: `iptables POSTROUTING ${snat} #2`,
      }),
      natRule({
        text: `[0:0] ${snat.replace(input.guestIp, input.staleIp)}`,
        class: "stale",
        reason: `a SNAT for ${input.staleIp}, which no guest has any more`,
      }),
      natRule({
        text: "[0:0] -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j ACCEPT",
        class: "shadowed",
        shadowedBy: `[3:180] ${docker}`,
        reason: "never fires: the MASQUERADE above takes all its packets first",
      }),
      natRule({ text: `[5:300] ${docker}`, class: "foreign", owner: "docker", packets: 5, deltaPackets: 2, firstSeen }),
      natRule({ text: pool, class: "missing", index: null, line: null, packets: null, key: `missing ${pool}` }),
    ],
    drift: [
      {
        change: "added",
        table: "iptables",
        chain: "POSTROUTING",
        text: "[0:0] -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j ACCEPT",
        firstSeen: new Date(now - 60_000).toISOString(),
      },
    ],
  });
  const redirect = `-A PREROUTING -d ${input.guestIp}/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT`;
  await seedNatAudit(client, {
    box: `host:${input.hostId}`,
    boxName: input.hostName,
    branchCode: input.branchCode,
    at: new Date(now - 60_000),
    createdBy: "olivia",
    rules: [natRule({ text: `[8:480] ${redirect}`, class: "hand-made-equivalent", packets: 8 })],
  });
  await client.$disconnect();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
