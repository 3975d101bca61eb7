/**
 * The one place a value becomes a POSIX shell word. Single quotes make every
 * byte literal; an embedded single quote closes, escapes and reopens.
 */
export function shellQuote(word: string): string {
  if (word.includes("\0")) throw new Error("a shell word cannot contain NUL");
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(" ");
}
