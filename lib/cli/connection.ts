/**
 * Where the CLI sends its requests: a dashboard URL and a token (client mode),
 * or nothing (in-process mode, on the dashboard's own machine). The token is
 * read from the environment or a file, never from the command line, where
 * `ps` and shell history would show it.
 */
import { UsageError } from "./exit-codes";

export type Connection = { url: URL; token: string };
export type ConnectionChoice = { mode: "http"; connection: Connection } | { mode: "local" };

export type ConnectionInput = {
  url?: string;
  tokenFile?: string;
  env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): string;
};

const TOKEN = /^[\x21-\x7e]+$/;

export function parseDashboardUrl(text: string, from: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${from}: ${JSON.stringify(text)} is not a URL (e.g. https://branchdesk.example.net)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`${from}: ${JSON.stringify(text)} must start with https:// or http://`);
  if (url.username || url.password) throw new UsageError(`${from}: put no user or password in the URL`);
  url.search = "";
  url.hash = "";
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

function readToken(input: ConnectionInput): string | undefined {
  const file = input.tokenFile ?? input.env.BRANCHDESK_TOKEN_FILE;
  const from = input.tokenFile ? "--token-file" : "BRANCHDESK_TOKEN_FILE";
  if (file !== undefined && file !== "") {
    let text: string;
    try {
      text = input.readFile(file);
    } catch (e) {
      const code = (e as { code?: string }).code ?? "unreadable";
      throw new UsageError(`${from}: cannot read ${file} (${code})`);
    }
    const token = text.trim();
    if (!TOKEN.test(token)) throw new UsageError(`${from}: ${file} must hold the token alone, on one line`);
    return token;
  }
  const token = input.env.BRANCHDESK_TOKEN?.trim();
  if (token === undefined || token === "") return undefined;
  if (!TOKEN.test(token)) throw new UsageError("BRANCHDESK_TOKEN must hold the token alone (no spaces)");
  return token;
}

/** Client mode when a URL is given; a URL without a token, or a token without a URL, is a usage error. */
export function chooseConnection(input: ConnectionInput): ConnectionChoice {
  const urlText = input.url ?? input.env.BRANCHDESK_URL;
  const token = readToken(input);
  if (urlText === undefined || urlText === "") {
    if (token !== undefined) throw new UsageError("a token is set but no dashboard: give --url or set BRANCHDESK_URL");
    return { mode: "local" };
  }
  const url = parseDashboardUrl(urlText, input.url !== undefined ? "--url" : "BRANCHDESK_URL");
  if (token === undefined)
    throw new UsageError(
      `no token for ${url.origin}: set BRANCHDESK_TOKEN, or BRANCHDESK_TOKEN_FILE / --token-file ` +
        "(create one under Account > API tokens, or with `branchdesk tokens create`)",
    );
  return { mode: "http", connection: { url, token } };
}

/** Over plain http a token can be read off the wire: fine on loopback, worth a warning elsewhere. */
export function plainHttpWarning(url: URL): string | null {
  if (url.protocol === "https:") return null;
  if (["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) return null;
  return `warning: ${url.origin} is plain http; the token crosses the network unencrypted`;
}
