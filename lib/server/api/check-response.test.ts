import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkResponse, undeclaredFields } from "./check-response";

const ZUser = z.object({ id: z.number().int(), name: z.string(), tags: z.array(z.object({ k: z.string() })) });
const user = { id: 1, name: "olivia", tags: [{ k: "a" }] };

describe("checkResponse: what leaves the server is what the contract declares", () => {
  it("passes a matching answer through", () => {
    expect(checkResponse(ZUser, user, "GET /x")).toEqual(user);
  });

  it("refuses an answer of the wrong shape, in production too (a masked 500 beats a broken promise)", () => {
    expect(() => checkResponse(ZUser, { ...user, id: "1" }, "GET /x", false)).toThrow(/GET \/x answered.*\n.*id/);
  });

  it("outside production, refuses a field the contract does not declare, naming where it is", () => {
    const leaky = { ...user, passwordHash: "scrypt$...", tags: [{ k: "a", secret: 1 }] };
    expect(() => checkResponse(ZUser, leaky, "GET /x", true)).toThrow("declare: tags.0.secret, passwordHash");
  });

  it("in production, drops an undeclared field rather than send it", () => {
    expect(checkResponse(ZUser, { ...user, passwordHash: "scrypt$..." }, "GET /x", false)).toEqual(user);
  });

  it("an optional field left undefined is not an extra one (JSON leaves it out)", () => {
    expect(undeclaredFields({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
  });
});
