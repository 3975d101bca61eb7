import { describe, expect, it } from "vitest";
import { takePidReport, withPidReport } from "./remote-process-group";

describe("pid report", () => {
  it("wraps the command so the login shell reports its pid and execs in place", () => {
    expect(withPidReport("iptables-save -t nat")).toBe("echo branchdesk-pid:$$ >&2; exec iptables-save -t nat");
  });

  it("takes the report off the front of stderr and leaves the rest untouched", () => {
    expect(takePidReport(Buffer.from("branchdesk-pid:4242\nreal error\n"))).toEqual({
      pid: 4242,
      rest: Buffer.from("real error\n"),
    });
  });

  it.each(["real error\n", "", "branchdesk-pid:\n", "x branchdesk-pid:12\n", "branchdesk-pid:12"])(
    "leaves stderr without a complete leading report alone: %j",
    (text) => {
      expect(takePidReport(Buffer.from(text))).toEqual({ pid: null, rest: Buffer.from(text) });
    },
  );
});
