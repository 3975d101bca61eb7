import { generateKeyPairSync, randomBytes } from "node:crypto";

/**
 * Ed25519 key pairs in OpenSSH's own formats, made in-process: a lab of 500
 * hosts needs 500 host keys, and an `ssh-keygen` process each costs more than
 * the key (process spawns are the lab's bottleneck on 2 cores).
 * Format: PROTOCOL.key in OpenSSH's source ("openssh-key-v1", unencrypted).
 */
export interface Ed25519Pair {
  privatePem: string;
  publicLine: string;
  publicBlob: Buffer;
}

function sshString(data: Buffer | string): Buffer {
  const body = typeof data === "string" ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

export function generateEd25519(comment: string): Ed25519Pair {
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" });
  const pub = Buffer.from(jwk.x!, "base64url");
  const seed = Buffer.from(jwk.d!, "base64url");
  const publicBlob = Buffer.concat([sshString("ssh-ed25519"), sshString(pub)]);
  const check = randomBytes(4).readUInt32BE();
  let secret = Buffer.concat([
    uint32(check),
    uint32(check),
    sshString("ssh-ed25519"),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  const pad = (8 - (secret.length % 8)) % 8; // cipher "none" has block size 8
  secret = Buffer.concat([secret, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const body = Buffer.concat([
    Buffer.from("openssh-key-v1\0"),
    sshString("none"),
    sshString("none"),
    sshString(""),
    uint32(1),
    sshString(publicBlob),
    sshString(secret),
  ]);
  const b64 = body
    .toString("base64")
    .match(/.{1,70}/g)!
    .join("\n");
  return {
    privatePem: `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicLine: `ssh-ed25519 ${publicBlob.toString("base64")} ${comment}`,
    publicBlob,
  };
}
