import { parseIpv4, type Ipv4 } from "../values/ipv4";
import { parseMac, type Mac } from "../values/mac";

/** A neighbour table state as `ip neigh` prints it (iproute2 and busybox spell them the same). */
export const NEIGHBOUR_STATES = [
  "PERMANENT",
  "NOARP",
  "REACHABLE",
  "STALE",
  "DELAY",
  "PROBE",
  "INCOMPLETE",
  "FAILED",
  "NONE",
] as const;
export type NeighbourState = (typeof NEIGHBOUR_STATES)[number];

/** One row of `ip -4 neigh show dev <lan>`: an address, the MAC that answered for it (if any), its state. */
export type Neighbour = { ip: Ipv4; mac: Mac | null; state: NeighbourState };

/** The rows read, and the lines that were not a neighbour (kept to say so, never guessed at). */
export type NeighbourTable = { neighbours: Neighbour[]; rejected: string[] };

const STATES = new Set<string>(NEIGHBOUR_STATES);

/**
 * Parses `ip -4 neigh show dev <lan>`:
 *   169.254.1.10 lladdr 02:bd:00:01:0a:01 REACHABLE
 *   169.254.1.11 lladdr 02:bd:00:01:0b:01 router STALE
 *   169.254.1.99  FAILED
 * With `dev` given, iproute2 leaves the device out; flags (router, proxy,
 * extern_learn) sit between the MAC and the state, and a kernel may print
 * several states ("STALE PROBE"): the last one is the entry's state. Without
 * `dev`, a "dev X" pair may appear; it is skipped.
 */
export function parseNeighbours(text: string): NeighbourTable {
  const neighbours: Neighbour[] = [];
  const rejected: string[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const row = parseRow(trimmed.split(/\s+/));
    if (row) neighbours.push(row);
    else rejected.push(trimmed);
  }
  return { neighbours, rejected };
}

function parseRow(words: string[]): Neighbour | null {
  const ip = parseIpv4(words[0]);
  if (!ip.ok) return null;
  const state = words.at(-1);
  if (state === undefined || !STATES.has(state)) return null;
  const at = words.indexOf("lladdr");
  let mac: Mac | null = null;
  if (at >= 0) {
    const parsed = parseMac(words[at + 1]);
    if (!parsed.ok) return null;
    mac = parsed.value;
  }
  return { ip: ip.value, mac, state: state as NeighbourState };
}

/**
 * States in which the MAC is one that answered an ARP request: REACHABLE just
 * now, STALE/DELAY/PROBE some time ago (the kernel is re-checking it).
 * INCOMPLETE/FAILED never got an answer; PERMANENT/NOARP were configured by
 * hand and prove nothing about a box being there.
 */
export function hasAnsweredArp(n: Neighbour): boolean {
  return n.mac !== null && ["REACHABLE", "STALE", "DELAY", "PROBE"].includes(n.state);
}

/**
 * Entries a sweep forgets before asking again: learnt ones that are no longer
 * fresh. `use` on a STALE entry only moves it to DELAY (re-checked 5 s
 * later), so a box that left would still look present. Never PERMANENT or
 * NOARP ones: someone configured those on the gateway by hand.
 */
export function needsRefresh(n: Neighbour): boolean {
  return ["STALE", "DELAY", "PROBE", "FAILED"].includes(n.state);
}

/** Entries someone configured on the gateway: a sweep must not ask for them again (it would replace them). */
export function isConfigured(n: Neighbour): boolean {
  return n.state === "PERMANENT" || n.state === "NOARP";
}
