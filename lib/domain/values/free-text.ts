/**
 * Free text people type (branch names, regions, guest names) is shown in
 * tables and written to the audit log. Characters that are invisible or
 * rearrange what is around them let one name pass for another there: U+202E
 * (right-to-left override) makes "Lyon\u202E10" read "Lyon01", a zero-width
 * space splits a name no one can see split, C1 controls (U+0080-U+009F) and
 * U+2028 break log lines. Letters, marks, digits, punctuation, symbols and
 * spaces of every script stay allowed.
 */
const UNSAFE: ReadonlyArray<[RegExp, string]> = [
  [/\p{Cc}/u, "a control character"],
  [/\p{Cf}/u, "an invisible format character (bidirectional override, zero-width, ...)"],
  [/\p{Zl}/u, "a line separator"],
  [/\p{Zp}/u, "a paragraph separator"],
  [/\p{Co}/u, "a private-use character"],
  [/\p{Cs}/u, "a lone surrogate"],
  [/\p{Cn}/u, "an unassigned code point"],
];
const ANY_UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}]/u;

/**
 * The first character free text must not contain, described for the person
 * who typed it ("U+202E (an invisible format character ...) at position 5"),
 * or null when the text is safe. Positions count characters from 1.
 */
export function unsafeCharacter(text: string): string | null {
  const match = ANY_UNSAFE.exec(text);
  if (!match) return null;
  const char = match[0];
  const codePoint = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const kind = UNSAFE.find(([re]) => re.test(char))![1];
  const position = [...text.slice(0, match.index)].length + 1;
  return `${codePoint} (${kind}) at position ${position}`;
}
