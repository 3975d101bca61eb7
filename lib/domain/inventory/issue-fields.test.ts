import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zStrictInput } from "../strict-input";
import { issueFields } from "./issue-fields";

const guest = zStrictInput({ ip: z.string() }, "a guest has");
const host = zStrictInput({ hostname: z.string(), guest: guest.optional() }, "a host has");
const fieldsOf = (input: unknown) => issueFields(host.safeParse(input).error?.issues ?? []);

describe("issueFields", () => {
  it.each([
    ['{"hostname":"h","colour":1}', "colour"],
    ['{"hostname":"h","guest":{"ip":"i","hostId":1}}', "guest.hostId"],
    ['{"hostname":"h","__proto__":{"isAdmin":true}}', "__proto__"],
    ['{"hostname":"h","constructor":1}', "constructor"],
    ['{"hostname":"h","toString":1}', "toString"],
  ])("an unknown field in %s is reported under its own name, %s", (json, field) => {
    const fields = fieldsOf(JSON.parse(json));
    expect(Object.keys(fields)).toEqual([field]);
    expect(fields[field]).toEqual([expect.stringMatching(/^unknown field; a (host|guest) has /)]);
  });

  it("reports every unknown field and every other problem at once", () => {
    expect(Object.keys(fieldsOf({ hostname: 7, a: 1, b: 2, guest: { ip: 1 } })).sort()).toEqual([
      "a",
      "b",
      "guest.ip",
      "hostname",
    ]);
  });

  it("a problem with the body itself is keyed 'body'", () => {
    expect(Object.keys(fieldsOf([]))).toEqual(["body"]);
  });
});
