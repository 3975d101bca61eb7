/**
 * The nftables form in a real kernel: `nft -f` twice gives the same table
 * with exactly the rendered rules (no duplicates), and iptables-nft's own
 * tables, with libvirt/docker-style rules in them, stay byte-identical.
 */
import { afterAll, describe, expect, it } from "vitest";
import { addBridge, addVeth, createNetns, deleteNetns, type Netns } from "@/lib/testing/netns";
import { nftListedRules, nftRuleLine, NFT_TABLE, renderNftables } from "./render-nftables";
import { BRANCHES } from "./testdata/branches";
import { FOREIGN_IPTABLES, foreignLines } from "./testdata/foreign";

const opened: Netns[] = [];
afterAll(() => Promise.all(opened.map(deleteNetns)));

describe("nftables rendering in a real kernel", () => {
  it.each(BRANCHES.map((b) => [b.name, b] as const))("%s: nft -f twice, listed rules equal the rendered ones", async (_n, branch) => {
    const ns = await createNetns();
    opened.push(ns);
    for (const b of branch.bridges) await addBridge(ns, b);
    for (const l of branch.links) await addVeth(ns, l, `${l.slice(0, 11)}-p`);
    await ns.run(["iptables-restore", "--noflush"], FOREIGN_IPTABLES);
    const foreignBefore = foreignLines(await ns.run(["iptables-save", "-t", "nat"]), []);
    const text = renderNftables(branch.ruleSet);
    const want = branch.ruleSet.rules.flatMap((r) => nftRuleLine(r) ?? []).sort();

    await ns.run(["nft", "-f", "-"], text);
    const first = await ns.run(["nft", "list", "table", "inet", NFT_TABLE]);
    await ns.run(["nft", "-f", "-"], text);
    const second = await ns.run(["nft", "list", "table", "inet", NFT_TABLE]);

    expect(second).toBe(first);
    const listed = nftListedRules(second);
    expect(Object.values(listed).flat().sort()).toEqual(want);
    expect(Object.keys(listed).length).toBeLessThanOrEqual(1);
    expect(foreignLines(await ns.run(["iptables-save", "-t", "nat"]), [])).toEqual(foreignBefore);
  });
});
