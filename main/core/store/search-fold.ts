import type { Database } from 'better-sqlite3';

/** The SQL function that folds a text's letters as a search does (`SearchFold.fold`). */
const FUNCTION = 'flowent_companion_folded';
/** Capitals replaced in SQL at most; past them each body crosses into JavaScript (about 1.5 µs more). */
const MOST_REPLACED = 8;

/** A folded expression with its parameters, and how it folds (for tests and benchmarks). */
export interface FoldedSql {
  sql: string;
  params: Record<string, string>;
  how: 'as-is' | 'lower' | 'replaced' | 'javascript';
}

/**
 * How a search ignores letter case. "paris" finds "Paris" and "PARIS"; "zürich" finds
 * "ZÜRICH"; any other character must match itself.
 *
 * Every hit the text index gives is confirmed on the body's text (call-filter-sql.ts), so the
 * confirming fold may never fold two letters together that the index keeps apart: the index
 * would not give that call and the search would miss it (a scan of the bodies would not). The
 * index's tokenizer folds with SQLite's own table, older than the Unicode JavaScript knows
 * (Cherokee, Georgian Mtavruli, letters added since): so the letters folded here are those both
 * agree on, asked of the tokenizer itself on first use. A letter folds only into one of the
 * same length and never into ASCII (the Kelvin sign is not "k"), so SQLite's lower(), which
 * folds exactly A-Z, does the ASCII part of the fold (`foldedSql`).
 */
export class SearchFold {
  private constructor(
    /** Each folded letter (beyond A-Z) to its lower case. */
    private readonly lowerOf: ReadonlyMap<string, string>,
    /** The letters beyond A-Z that fold into each lower case. */
    private readonly sourcesOf: ReadonlyMap<string, readonly string[]>,
    /** Any letter of `lowerOf`, and A-Z. */
    private readonly foldable: RegExp,
  ) {}

  private static known: SearchFold | undefined;

  /** The fold of this process's SQLite (one library per process), asked of it once. */
  static of(db: Database): SearchFold {
    return (SearchFold.known ??= SearchFold.askTokenizer(db));
  }

  /** Text as a search compares it: every foldable letter in lower case, nothing else changed. */
  fold(text: string): string {
    return text.replace(this.foldable, (letter) => this.lowerOf.get(letter) ?? letter.toLowerCase());
  }

  /**
   * `expression`'s text folded as far as a search for `folded` (a folded text) needs, in SQL:
   * only the letters that could match one of the text's matter, so the fold is done by SQLite,
   * not by a call into JavaScript per body, unless the text has many letters beyond A-Z:
   * - nothing, when the text has no letter (`100%`, `東京`);
   * - lower() (A-Z), when its letters are a-z;
   * - lower() and a replace() of each capital that folds into one of its other letters (`Ü` for
   *   `zürich`): the body's other capitals match no letter of the text, folded or not (the fold
   *   gives lower cases, which the text holds, never capitals);
   * - the whole fold in JavaScript past MOST_REPLACED capitals (a Greek sentence).
   */
  foldedSql(expression: string, folded: string): FoldedSql {
    const beyondAscii = new Set([...folded].filter((letter) => this.sourcesOf.has(letter)));
    const capitals = [...beyondAscii].flatMap((letter) => this.sourcesOf.get(letter)!.map((capital) => [capital, letter] as const));
    if (capitals.length > MOST_REPLACED) return { sql: `${FUNCTION}(${expression})`, params: {}, how: 'javascript' };
    if (capitals.length === 0 && !/[a-z]/.test(folded)) return { sql: expression, params: {}, how: 'as-is' };
    let sql = `lower(${expression})`;
    const params: Record<string, string> = {};
    capitals.forEach(([capital, letter], at) => {
      sql = `replace(${sql}, @foldCapital${at}, @foldLetter${at})`;
      params[`foldCapital${at}`] = capital;
      params[`foldLetter${at}`] = letter;
    });
    return { sql, params, how: capitals.length ? 'replaced' : 'lower' };
  }

  /**
   * Makes the fold known to a connection that searches (SQLite keeps functions per connection).
   * The tokenizer is asked on the first search, not here: only a search's SQL names the function.
   */
  static define(db: Database): void {
    db.function(FUNCTION, { deterministic: true }, (text: unknown) => SearchFold.of(db).fold(String(text ?? '')));
  }

  /**
   * The letters beyond ASCII whose lower case the text index's tokenizer finds too: each
   * candidate, indexed three times over in a throwaway index of the same tokenizer, must be
   * found by its lower case. About a thousand letters, a few milliseconds, once per process.
   */
  private static askTokenizer(db: Database): SearchFold {
    const candidates = new Map<string, string>();
    for (let code = 0x80; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const letter = String.fromCharCode(code);
      // A lower case letter with another lower case form of the same capital (final ς and σ,
      // µ and μ) folds into that capital's: "οδος" finds "ΟΔΟΣ".
      const lower = letter.toLowerCase();
      const folded = lower !== letter ? lower : letter.toUpperCase().toLowerCase();
      if (folded !== letter && folded.length === 1 && folded.charCodeAt(0) >= 0x80) candidates.set(letter, folded);
    }
    const probe = 'temp.flowent_companion_fold_probe';
    db.exec(`CREATE VIRTUAL TABLE ${probe} USING fts5(body, tokenize='trigram case_sensitive 0', detail=none)`);
    try {
      const add = db.prepare(`INSERT INTO ${probe} (rowid, body) VALUES (?, ?)`);
      const finds = db.prepare(`SELECT 1 FROM ${probe} WHERE ${probe.slice(5)} MATCH ? AND rowid = ?`).pluck();
      const agreed = new Map<string, string>();
      db.transaction(() => {
        for (const letter of candidates.keys()) add.run(letter.charCodeAt(0), letter.repeat(3));
        for (const [letter, lower] of candidates) {
          if (finds.get(`"${lower.repeat(3).replaceAll('"', '""')}"`, letter.charCodeAt(0))) agreed.set(letter, lower);
        }
      })();
      const sourcesOf = new Map<string, string[]>();
      for (const [letter, lower] of agreed) sourcesOf.set(lower, [...(sourcesOf.get(lower) ?? []), letter]);
      return new SearchFold(agreed, sourcesOf, characterClass(['A-Z', ...agreed.keys()]));
    } finally {
      db.exec(`DROP TABLE ${probe}`);
    }
  }
}

/** One regular expression matching any of `parts` (single characters or ranges). */
function characterClass(parts: string[]): RegExp {
  const escaped = parts.map((part) => (part.length === 1 ? `\\u${part.charCodeAt(0).toString(16).padStart(4, '0')}` : part));
  return new RegExp(`[${escaped.join('')}]`, 'g');
}
