import { unwrap } from "@/lib/domain/result";
import {
  intToIpv4,
  ipv4ToInt,
  makeCidr,
  parseIfname,
  parseIpv4,
  parseMac,
  type Cidr,
  type Ifname,
  type Ipv4,
  type Mac,
} from "@/lib/domain/values";

/**
 * The lab's address plan, pure. Every run claims one of SLOT_COUNT slots; a
 * slot owns a /18 of 198.18.0.0/15 (RFC 2544 benchmarking range) and a /27 of
 * 198.51.100.0/24 (TEST-NET-2), so two live runs never route the same prefix
 * in the root namespace. Link-local addresses repeat in every branch, as in
 * the bank: 169.254.1.1 is every gateway, hosts count up from 169.254.1.10
 * (RFC 3927 reserves 169.254.0.0/24 and 169.254.255.0/24).
 */
export const SLOT_COUNT = 8;
export const MAX_BRANCHES = 63; // /24 number 0 of the slot's /18 is the WAN; 1..63 are LANs
export const MAX_HOSTS_PER_BRANCH = 240; // guests .10 .. .249
export const PREFIX_PATTERN = /^bdl[0-7][a-z0-9]{4}$/;

export interface LabShape {
  branches: number;
  hostsPerBranch: number;
  /** Branch codes start here (BR-0001 by default), so a demo can avoid codes already enrolled. */
  firstBranchNumber?: number;
}

export interface GuestPlan {
  name: string;
  domain: string;
  netns: string;
  ifname: Ifname;
  mac: Mac;
  ip: Ipv4;
}
export interface HostPlan {
  hostname: string;
  netns: string;
  nicIfname: Ifname;
  nicMac: Mac;
  bridge: Ifname;
  tapIfname: Ifname;
  tapMac: Mac;
  linkLocalIp: Ipv4;
  switchPort: Ifname;
  guest: GuestPlan;
}
export interface GatewayPlan {
  hostname: string;
  netns: string;
  wanIfname: Ifname;
  wanIp: Ipv4;
  wanMac: Mac;
  hqPort: Ifname;
  lanIfname: Ifname;
  lanIp: Ipv4;
  lanMac: Mac;
  linkLocalIp: Ipv4;
  switchPort: Ifname;
}
export interface BranchPlan {
  code: string;
  name: string;
  lanCidr: Cidr;
  switchNetns: string;
  switchBridge: Ifname;
  gateway: GatewayPlan;
  hosts: HostPlan[];
}
export interface HqPlan {
  netns: string;
  rootIfname: Ifname;
  rootIp: Ipv4;
  hqIfname: Ifname;
  ip: Ipv4;
  linkCidr: Cidr;
  wanBridge: Ifname;
  wanIp: Ipv4;
  wanCidr: Cidr;
}
export interface LabPlan {
  prefix: string;
  slot: number;
  labCidr: Cidr;
  hq: HqPlan;
  branches: BranchPlan[];
}

export const LINK_LOCAL_CIDR = "169.254.0.0/16" as Cidr;
export const GATEWAY_LINK_LOCAL = "169.254.1.1" as Ipv4;

/** Every problem with a shape at once, keyed by field. Empty when valid. */
export function checkLabShape(shape: LabShape): Record<string, string> {
  const problems: Record<string, string> = {};
  const intIn = (field: string, v: unknown, lo: number, hi: number) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) {
      problems[field] = `must be an integer from ${lo} to ${hi}, got ${JSON.stringify(v)}`;
    }
  };
  intIn("branches", shape.branches, 1, MAX_BRANCHES);
  intIn("hostsPerBranch", shape.hostsPerBranch, 1, MAX_HOSTS_PER_BRANCH);
  if (shape.firstBranchNumber !== undefined)
    intIn("firstBranchNumber", shape.firstBranchNumber, 1, 9999 - MAX_BRANCHES);
  return problems;
}

const ip = (n: number): Ipv4 => unwrap(parseIpv4(intToIpv4(n)));
const ifn = (s: string): Ifname => unwrap(parseIfname(s));
const hex = (n: number) => n.toString(16).padStart(2, "0");
const mac = (...octets: number[]): Mac => unwrap(parseMac(octets.map(hex).join(":")));
const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function slotLabCidr(slot: number): Cidr {
  return makeCidr(ip(ipv4ToInt("198.18.0.0" as Ipv4) + slot * 64 * 256), 18);
}

export function slotHqCidr(slot: number): Cidr {
  return makeCidr(ip(ipv4ToInt("198.51.100.0" as Ipv4) + slot * 32), 27);
}

export function planLab(prefix: string, slot: number, shape: LabShape): LabPlan {
  if (!PREFIX_PATTERN.test(prefix))
    throw new Error(`run prefix ${JSON.stringify(prefix)} does not match ${PREFIX_PATTERN}`);
  if (!Number.isInteger(slot) || slot < 0 || slot >= SLOT_COUNT)
    throw new Error(`slot ${slot} is not 0..${SLOT_COUNT - 1}`);
  const problems = Object.entries(checkLabShape(shape));
  if (problems.length) throw new Error(`invalid lab shape: ${problems.map(([f, p]) => `${f} ${p}`).join("; ")}`);

  const base = ipv4ToInt("198.18.0.0" as Ipv4) + slot * 64 * 256;
  const hqBase = ipv4ToInt("198.51.100.0" as Ipv4) + slot * 32;
  const hq: HqPlan = {
    netns: `${prefix}-hq`,
    rootIfname: ifn(`${prefix}-hq`),
    rootIp: ip(hqBase + 1),
    hqIfname: ifn("root0"),
    ip: ip(hqBase + 2),
    linkCidr: slotHqCidr(slot),
    wanBridge: ifn("wan"),
    wanIp: ip(base + 1),
    wanCidr: makeCidr(ip(base), 24),
  };
  const hostDigits = shape.hostsPerBranch >= 100 ? 3 : 2;
  const first = shape.firstBranchNumber ?? 1;
  const branches: BranchPlan[] = [];
  for (let b = 1; b <= shape.branches; b++) {
    const number = pad(first + b - 1, 4);
    const lanBase = base + b * 256;
    const ns = `${prefix}-b${pad(b, 2)}`;
    const gateway: GatewayPlan = {
      hostname: `br-${number}-gw`,
      netns: `${ns}-gw`,
      wanIfname: ifn("wan0"),
      wanIp: ip(base + 9 + b),
      wanMac: mac(0x02, 0xbd, slot, b, 0, 0xfd),
      hqPort: ifn(`b${pad(b, 2)}`),
      lanIfname: ifn("lan0"),
      lanIp: ip(lanBase + 1),
      lanMac: mac(0x02, 0xbd, slot, b, 0, 0xfe),
      linkLocalIp: GATEWAY_LINK_LOCAL,
      switchPort: ifn("gw"),
    };
    const hosts: HostPlan[] = [];
    for (let h = 1; h <= shape.hostsPerBranch; h++) {
      const hn = pad(h, hostDigits);
      hosts.push({
        hostname: `br-${number}-h${hn}`,
        netns: `${ns}-h${hn}`,
        nicIfname: ifn("eth0"),
        nicMac: mac(0x02, 0xbd, slot, b, h, 0x01),
        bridge: ifn("virbr0"),
        tapIfname: ifn("vnet0"),
        tapMac: mac(0xfe, 0x54, 0x00, slot, b, h),
        linkLocalIp: ip(ipv4ToInt("169.254.1.10" as Ipv4) + h - 1),
        switchPort: ifn(`h${hn}`),
        guest: {
          name: `BR${number}-WS${hn}`,
          domain: `br${number}-ws${hn}`,
          netns: `${ns}-g${hn}`,
          ifname: ifn("eth0"),
          mac: mac(0x52, 0x54, 0x00, slot, b, h),
          ip: ip(lanBase + 9 + h),
        },
      });
    }
    branches.push({
      code: `BR-${number}`,
      name: `Branch ${number}`,
      lanCidr: makeCidr(ip(lanBase), 24),
      switchNetns: `${ns}-sw`,
      switchBridge: ifn("br0"),
      gateway,
      hosts,
    });
  }
  return { prefix, slot, labCidr: slotLabCidr(slot), hq, branches };
}

/** All namespaces of a plan, HQ first: the order `up` creates them in. */
export function planNamespaces(plan: LabPlan): string[] {
  return [
    plan.hq.netns,
    ...plan.branches.flatMap((b) => [
      b.switchNetns,
      b.gateway.netns,
      ...b.hosts.flatMap((h) => [h.netns, h.guest.netns]),
    ]),
  ];
}
