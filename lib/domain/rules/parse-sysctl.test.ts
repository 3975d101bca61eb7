import { describe, expect, it } from "vitest";
import { parseSysctl } from "./parse-sysctl";

describe("parseSysctl", () => {
  it.each([
    ["net.ipv4.ip_forward = 1\n", { "net.ipv4.ip_forward": "1" }],
    ["net.ipv4.ip_forward=0", { "net.ipv4.ip_forward": "0" }],
    ["net/ipv4/ip_forward = 1", { "net.ipv4.ip_forward": "1" }],
    ["# comment\n; other\n\nnet.ipv4.ip_forward=1\n", { "net.ipv4.ip_forward": "1" }],
    [
      "net.ipv4.ip_forward = 1\n" +
        "sysctl: cannot stat /proc/sys/net/bridge/bridge-nf-call-iptables: No such file or directory\n",
      { "net.ipv4.ip_forward": "1" },
    ],
  ])("reads %j", (text, want) => {
    expect(parseSysctl(text)).toEqual(want);
  });
});
