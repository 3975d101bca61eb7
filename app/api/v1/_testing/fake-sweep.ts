/**
 * A stand-in for lib/ssh/sweep-link-local in the API tests (HTTP is under
 * test, not SSH): the gateway's neighbour table is empty before the sweep,
 * and one box not in any seeded inventory answers it. With scan-host-key
 * mocked too, a discovery finds that box with the fake fingerprint.
 */
import { ok } from "@/lib/domain/result";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Mac } from "@/lib/domain/values/mac";

export const FAKE_FOUND = { ip: "169.254.1.77" as Ipv4, mac: "02:00:5e:77:77:77" as Mac };

// Shaped like lib/ssh/sweep-link-local (app/ may not import lib/ssh, even for types); vi.mock checks nothing.
export const fakeSweepModule = {
  readNeighbours: async () => ok({ neighbours: [], rejected: [] }),
  sweepLinkLocal: async () =>
    ok({ neighbours: [{ ...FAKE_FOUND, state: "REACHABLE" }], rejected: [], answered: [FAKE_FOUND.ip] }),
};
