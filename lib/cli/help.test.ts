import { describe, expect, it } from "vitest";
import { helpText } from "./command";
import { COMMANDS } from "./commands";
import { findCommand, programHelp } from "./run-cli";

/** The help a person reads, held as snapshots (lib/cli/__snapshots__/help.test.ts.snap): a change shows in review. */
describe("--help", () => {
  it("branchdesk --help lists every command, where it connects, and the exit codes", () => {
    expect(programHelp()).toMatchSnapshot();
    for (const c of COMMANDS) expect(programHelp()).toContain(`  ${c.name} `);
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))("%s --help", (_, spec) => {
    const text = helpText(spec);
    expect(text).toMatchSnapshot();
    // Every line fits an 120-column terminal, and every option is explained.
    for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(text).toMatch(/--url URL/);
    if (spec.json) expect(text).toContain("--json");
  });

  it.each(["branches", "hosts", "users", "tokens"])("%s --help lists its subcommands", (group) => {
    const found = findCommand([group, "--help"]);
    expect("help" in found && found.help).toMatchSnapshot();
  });

  it("help CMD is CMD --help", () => {
    expect(findCommand(["help", "apply"])).toEqual({ help: helpText(COMMANDS.find((c) => c.name === "apply")!) });
  });
});
