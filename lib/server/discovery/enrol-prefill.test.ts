import { describe, expect, it } from "vitest";
import { parseEnrolPrefill } from "./enrol-prefill";

const KEY = "SHA256:r5+KiOvgEUGnON0a9QI+kl1idjnwfLVXRw8OwNqmt+A";

describe("parseEnrolPrefill: the new-host form's pre-fill from a discovery's query string", () => {
  it("takes a link-local address, a MAC (normalised) and a fingerprint", () => {
    expect(parseEnrolPrefill({ linkLocalIp: "169.254.1.11", nicMac: "02-BD-00-01-0B-01", hostKey: KEY })).toEqual({
      linkLocalIp: "169.254.1.11",
      nicMac: "02:bd:00:01:0b:01",
      hostKey: KEY,
    });
  });

  it.each([
    ["a routable address", { linkLocalIp: "198.51.100.10" }],
    ["text in the address", { linkLocalIp: "169.254.1.1; reboot" }],
    ["a multicast MAC", { nicMac: "01:00:5e:00:00:01" }],
    ["a fingerprint that is not one", { hostKey: "SHA256:short" }],
    ["a repeated parameter", { nicMac: ["02:bd:00:01:0b:01", "02:bd:00:01:0c:01"] }],
  ])("drops %s", (_what, params) => {
    expect(parseEnrolPrefill(params)).toEqual({});
  });
});
