import { z } from "zod";
import { ZRole } from "../role";
import { zStrictInput } from "../strict-input";

export const ZUsername = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,31}$/,
    "1-32 lower-case letters, digits, '.', '_', '-', starting with a letter or digit",
  )
  .meta({ description: "sign-in name, e.g. jdupont" });

// Rows people walk their fingers along; a password that is a stretch of one (either way) is
// the first thing a guesser tries. Digits twice, so "5678901234" is a stretch too.
const WALKS = [
  "01234567890123456789",
  "abcdefghijklmnopqrstuvwxyz",
  "qwertyuiopasdfghjklzxcvbnm",
  "qwertzuiop",
  "azertyuiop",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm",
  "1q2w3e4r5t6y7u8i9o0p",
];
const REVERSED_WALKS = WALKS.map((w) => [...w].reverse().join(""));
// The words at the top of every leaked-password list (and this product's name), which people
// pad with digits, symbols and leetspeak to pass a length rule: "P@ssw0rd2024!".
const COMMON = new Set(
  (
    "password passwort motdepasse qwerty qwertz azerty letmein welcome admin administrator root " +
    "changeme iloveyou monkey dragon sunshine princess football baseball master secret login trustno default guest " +
    "hello bonjour soleil abc test bank branchdesk summer winter spring autumn freedom whatever shadow superman " +
    "batman starwars pokemon computer"
  ).split(" "),
);
const LEET: Record<string, string> = { "@": "a", "4": "a", $: "s", "5": "s", "0": "o", "1": "i", "3": "e", "7": "t" };

/** The word under the padding: "P@ssw0rd2024!" -> "password". */
function baseWord(lower: string): string {
  const core = lower.replace(/^[^a-z@$]+|[^a-z@$]+$/g, "");
  return core.replace(/[@4$50137]/g, (c) => LEET[c]!).replace(/[^a-z]/g, "");
}

/** A block of 1-4 characters repeated ("abab…", "abcabcab"): block 1 is "one character repeated". */
function repeatedBlock(lower: string): number | null {
  for (let size = 1; size <= 4 && size * 2 <= lower.length; size++) {
    const block = lower.slice(0, size);
    if (block.repeat(Math.ceil(lower.length / size)).slice(0, lower.length) === lower) return size;
  }
  return null;
}

/**
 * Why a password is trivially guessable, or [] when it is not. Length is ZPassword's job.
 * With a username, also refuses a password that contains it (only an exact match for a
 * one- or two-character username, which would otherwise match half the dictionary).
 * Shared by the create schema and the password-reset service (which knows the username).
 */
export function passwordProblems(password: string, username?: string): string[] {
  const lower = password.toLowerCase();
  const problems: string[] = [];
  const block = repeatedBlock(lower);
  if (block === 1) problems.push("must not be one character repeated");
  else if (block) problems.push("must not be a short pattern repeated (like abcabcabc)");
  else if ([...WALKS, ...REVERSED_WALKS].some((w) => w.includes(lower))) {
    problems.push("must not be a sequence of letters, digits or keys (like 1234567890 or qwertyuiop)");
  } else if (COMMON.has(baseWord(lower))) {
    problems.push("is a well-known password with a few characters added: choose one not on common password lists");
  }
  const name = username?.toLowerCase();
  const hasName = name && (name.length >= 3 ? lower.includes(name) : lower === name);
  if (hasName) problems.push("must not contain the username");
  return problems;
}

/** Long enough that the login rate limit, not guessing, is the weak point; the KDF handles any length up to 1 KiB. */
export const ZPassword = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .min(10, "must be at least 10 characters")
  .max(1024, "must be at most 1024 characters")
  .superRefine((password, ctx) => {
    for (const message of passwordProblems(password)) ctx.addIssue({ code: "custom", message });
  })
  .meta({
    description:
      "10-1024 characters; not one character repeated, a short pattern repeated, a sequence of keys, " +
      "a well-known password, or containing the username",
  });

export const ZCreateUserInput = zStrictInput(
  {
    username: ZUsername,
    role: ZRole,
    password: ZPassword,
  },
  "a user has",
).superRefine((v, ctx) => {
  // The other problems were reported by ZPassword already; only the username needs both fields.
  if (passwordProblems(v.password, v.username).includes("must not contain the username")) {
    ctx.addIssue({ code: "custom", path: ["password"], message: "must not contain the username" });
  }
});
export type CreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z
  .object({
    role: ZRole.optional(),
    disabled: z.boolean().optional().meta({ description: "a disabled user cannot sign in; their sessions end" }),
    password: ZPassword.optional().meta({
      description: "new password (an admin's reset; also clears the user's sign-in delay)",
    }),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.password !== undefined, {
    error: "nothing to change: send role, disabled or password",
  });
export type UpdateUserInput = z.infer<typeof ZUpdateUserInput>;
