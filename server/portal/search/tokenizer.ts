/*
 * The one tokenizer of the portal's search: the index, the query and the highlighting all use it, so what is
 * found is exactly what is marked. Neither database splits Chinese usefully (SQLite's trigram needs three
 * characters, PostgreSQL's parser keeps a run of Chinese as one token), so a run of Chinese characters becomes its
 * overlapping character pairs (党建工作 → 党建 建工 工作) and any other run of letters or digits one lower-cased word.
 */

export interface Token {
  /** what is indexed and compared */
  text: string;
  /** offsets into the original string, in UTF-16 code units, end exclusive */
  start: number;
  end: number;
}

/** A run of characters with no separator inside: its tokens follow each other. */
export type Run = Token[];

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

type Kind = 0 | 1 | 2; // separator, Chinese, other letter or digit

/** The common ranges are decided without a regular expression: this runs over every character of every article. */
function kindOf(code: number, ch: string): Kind {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? 2 : 0;
  }
  if (code >= 0x4e00 && code <= 0x9fff) return 1;
  if ((code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xff0f) || (code >= 0x2000 && code <= 0x206f)) return 0;
  if (HAN.test(ch)) return 1;
  return LETTER_OR_DIGIT.test(ch) ? 2 : 0;
}

/** Splits text into runs: each run of Chinese characters as its bigrams, each other word as one token. */
export function tokenRuns(text: string): Run[] {
  const runs: Run[] = [];
  let run: Run = [];
  let kind: Kind = 0;
  /** start of the previous Chinese character, or of the current other word */
  let prev = -1;
  let prevChar = '';
  const close = () => {
    if (kind === 1 && run.length === 0) run.push({ text: prevChar, start: prev, end: prev + prevChar.length });
    if (run.length) runs.push(run);
    run = [];
  };
  let i = 0;
  while (i <= text.length) {
    const code = i < text.length ? text.codePointAt(i)! : -1;
    const ch = code < 0 ? '' : code > 0xffff ? text.slice(i, i + 2) : text[i];
    const k: Kind = code < 0 ? 0 : kindOf(code, ch);
    if (k !== kind) {
      if (kind === 2) run.push({ text: text.slice(prev, i).toLowerCase(), start: prev, end: i });
      close();
      kind = k;
      prev = i;
      prevChar = ch;
    } else if (k === 1) {
      run.push({ text: prevChar + ch, start: prev, end: i + ch.length });
      prev = i;
      prevChar = ch;
    }
    i += ch.length || 1;
  }
  return runs;
}

/** The tokens of a text in order, as the index stores them. */
export function tokenize(text: string): Token[] {
  return tokenRuns(text).flat();
}

/** The text the database indexes: our tokens joined by spaces, so its own word splitter has nothing left to decide. */
export function indexText(text: string): string {
  return tokenize(text).map((t) => t.text).join(' ');
}

/**
 * A query: each run of the query is one phrase whose tokens must follow each other in the text (党建工作 is
 * 党建 建工 工作 in a row, not the three pairs anywhere). A lone Chinese character matches as a prefix of a pair.
 */
export interface QueryPhrase {
  tokens: string[];
  prefix: boolean;
}

export function parseQuery(q: string): QueryPhrase[] {
  const seen = new Set<string>();
  const phrases: QueryPhrase[] = [];
  for (const run of tokenRuns(q.slice(0, 200))) {
    const tokens = run.map((t) => t.text);
    const key = tokens.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    phrases.push({ tokens, prefix: tokens.length === 1 && Array.from(tokens[0]).length === 1 && HAN.test(tokens[0]) });
  }
  return phrases.slice(0, 10);
}
