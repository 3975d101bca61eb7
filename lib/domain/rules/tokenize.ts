/**
 * Splits one iptables-save / ebtables-save rule line into words. iptables-save
 * double-quotes values with spaces (comments) and escapes `"`, `'` and `\`
 * inside them with a backslash (1.8.9 prints `"admin\'s \"own\" rule"`);
 * hand-written dumps may use single quotes. No other shell syntax exists in
 * these files, so none is interpreted.
 */
import { err, ok, type Result } from "../result";

export function tokenize(line: string): Result<string[]> {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === "\\" && i + 1 < line.length) word += line[++i];
      else if (ch === '"') quote = null;
      else word += ch;
    } else if (ch === " " || ch === "\t") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      inWord = true;
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "\\" && i + 1 < line.length) word += line[++i];
      else word += ch;
    }
  }
  if (quote) return err(`unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return ok(words);
}
