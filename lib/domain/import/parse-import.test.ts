import { describe, expect, it } from "vitest";
import { normalizeHeader } from "./import-columns";
import { detectDelimiter, parseImport } from "./parse-import";

describe("normalizeHeader", () => {
  it.each([
    ["Guest IP", "guest_ip"],
    ["  guest-ip ", "guest_ip"],
    ["GUEST_IP", "guest_ip"],
    ["Branch  Code", "branch_code"],
    ["nic.mac", "nic_mac"],
  ])("%j -> %s", (raw, want) => expect(normalizeHeader(raw)).toBe(want));
});

describe("parseImport (csv)", () => {
  it("reads headers in any order, any case, with spaces", () => {
    const { rows, errors } = parseImport("csv", "Hostname,Branch Code,Guest IP\nbr-h1,BR-1,198.18.0.10\n");
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ row: 2, cells: { hostname: "br-h1", branch_code: "BR-1", guest_ip: "198.18.0.10" } }]);
  });

  it("strips a UTF-8 BOM and reads CRLF line endings", () => {
    const { rows, errors } = parseImport("csv", "\uFEFFbranch_code,hostname\r\nBR-1,h1\r\nBR-1,h2\r\n");
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.cells)).toEqual([
      { branch_code: "BR-1", hostname: "h1" },
      { branch_code: "BR-1", hostname: "h2" },
    ]);
  });

  it("detects ';' from the header line (Excel in European locales)", () => {
    expect(detectDelimiter("branch_code;branch_name;region\n")).toBe(";");
    expect(detectDelimiter('"a;b",c\n')).toBe(",");
    const { rows } = parseImport("csv", "branch_code;branch_name\r\nBR-1;Lyon, Part-Dieu\r\n");
    expect(rows[0]!.cells).toEqual({ branch_code: "BR-1", branch_name: "Lyon, Part-Dieu" });
  });

  it("keeps quoted commas and newlines inside one field, and counts rows as records", () => {
    const text = 'branch_code,branch_name,hostname\nBR-1,"Lyon,\nPart-Dieu",h1\nBR-1,,h2\n';
    const { rows } = parseImport("csv", text);
    expect(rows).toEqual([
      { row: 2, cells: { branch_code: "BR-1", branch_name: "Lyon,\nPart-Dieu", hostname: "h1" } },
      { row: 3, cells: { branch_code: "BR-1", hostname: "h2" } },
    ]);
  });

  it("ignores empty trailing columns and blank lines, keeping row numbers", () => {
    const { rows, errors } = parseImport("csv", "branch_code,hostname,,\nBR-1,h1,,\n\nBR-1,h3\n");
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
  });

  it("reports a value under a column with no header, on its row", () => {
    const { errors } = parseImport("csv", "branch_code,hostname\nBR-1,h1,oops\n");
    expect(errors).toEqual([{ row: 2, column: "column 3", message: '"oops" is in a column with no header' }]);
  });

  it("reports unknown, repeated and missing columns on row 1", () => {
    const { errors } = parseImport("csv", "hostname,colour,Hostname\nh1,red,h1\n");
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [1, "colour"],
      [1, "hostname"],
      [1, "branch_code"],
    ]);
    expect(errors[0]!.message).toContain("expected columns: branch_code");
  });

  it("reports unreadable CSV with its line instead of throwing", () => {
    const { errors } = parseImport("csv", 'branch_code,hostname\nBR-1,"h1\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/not readable CSV.*Quote Not Closed/);
  });

  it("an empty file says what it expects", () => {
    expect(parseImport("csv", "").errors[0]!.message).toContain("the file is empty");
  });
});

describe("parseImport (json)", () => {
  it("reads an array of records with normalised keys and numbers as text", () => {
    const { rows, errors } = parseImport("json", '[{"Branch Code":"BR-1","gateway_ssh_port":2222,"serial":null}]');
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ row: 1, cells: { branch_code: "BR-1", gateway_ssh_port: "2222" } }]);
  });

  it.each([
    ["{}", "a JSON import is an array of records"],
    ["[1]", "each record is an object"],
    ['[{"hostname":true}]', "must be text or a number"],
    ['[{"colour":"red"}]', 'unknown column "colour"'],
    ["[", "the file is not JSON"],
  ])("%s is refused: %s", (text, message) => {
    expect(parseImport("json", text).errors[0]!.message).toContain(message);
  });
});
