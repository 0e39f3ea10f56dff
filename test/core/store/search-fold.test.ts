import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewCall } from '../../../main/core/store/calls-insert';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { SearchFold } from '../../../main/core/store/search-fold';
import { storedCall } from '../../helpers/new-call';
import { makeTempDir } from '../../helpers/temp-dir';

/** Every character of the Basic Multilingual Plane but the surrogate halves. */
const EVERY_CHARACTER = Array.from({ length: 0x10000 }, (_, code) => code)
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCharCode(code));

let store: Store;
let dir: { path: string; remove: () => void };
let fold: SearchFold;

beforeAll(() => {
  dir = makeTempDir();
  const opened = openStore({ dataDir: dir.path });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  store = opened.value;
  const db = new Database(':memory:');
  fold = SearchFold.of(db);
  db.close();
});
afterAll(() => {
  store.close();
  dir.remove();
});

const call = (body: string): NewCall => storedCall({ requestBody: Buffer.from(body) });

describe('the search fold', () => {
  it('keeps every character one unit long, and folds into ASCII only from A-Z, as SQLite lower() does', () => {
    const db = new Database(':memory:');
    const lower = db.prepare('SELECT lower(?)').pluck();
    const wrong = EVERY_CHARACTER.filter((character) => {
      const folded = fold.fold(character);
      const ascii = character.charCodeAt(0) < 0x80;
      return folded.length !== 1 || folded.charCodeAt(0) < 0x80 !== ascii || (ascii && folded !== lower.get(character));
    });
    expect(wrong.map((character) => `U+${character.charCodeAt(0).toString(16)}`)).toEqual([]);
    // SQLite's lower() folds A-Z and nothing else: a text of A-Z alone is confirmed with it.
    expect(lower.get('ÉCOLE Σ')).toBe('École Σ');
    // Folded once is folded: a folded text holds no letter the fold would change.
    expect(EVERY_CHARACTER.filter((character) => fold.fold(fold.fold(character)) !== fold.fold(character))).toEqual([]);
    db.close();
  });

  it('folds the letters beyond A-Z that people expect, and leaves out those the text index keeps apart', () => {
    expect(fold.fold('ZÜRICH ÉCOLE ΑΘΗΝΑ МОСКВА Straße')).toBe('zürich école αθηνα москва straße');
    // Lower case letters of one capital fold together: final sigma, the micro sign.
    expect(fold.fold('οδος ΟΔΟΣ µ')).toBe('οδοσ οδοσ μ');
    // Cherokee capitals: JavaScript lowercases them, the index's tokenizer does not, so neither does a search.
    expect(fold.fold('Ꭰ')).toBe('Ꭰ');
    // The Kelvin sign is not the letter k, and a dotted capital I has no one-letter lower case.
    expect(fold.fold('\u212a\u0130')).toBe('\u212a\u0130');
  });

  it('confirms in SQL exactly what the fold in JavaScript confirms, whichever way the text needs folding', () => {
    const db = new Database(':memory:');
    // Capitals and lower cases of A-Z and beyond (two capitals fold into ω), letters without case, signs.
    const alphabet = [...'aAzZüÜéÉσΣςωΩ\u2126ÿŸ東京%_ ', '\u212a', '😀'];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const word = (length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (let round = 0; round < 3000; round++) {
      const body = word(12);
      const text = word(1 + Math.floor(random() * 3));
      const folded = fold.fold(text);
      const sql = fold.foldedSql('@body', folded);
      seen.add(sql.how);
      const found =
        db
          .prepare(`SELECT instr(${sql.sql}, @text) > 0`)
          .pluck()
          .get({ ...sql.params, body, text: folded }) === 1;
      if (found !== fold.fold(body).includes(folded)) wrong.push(`${JSON.stringify(text)} in ${JSON.stringify(body)} (${sql.how})`);
    }
    expect(wrong).toEqual([]);
    expect([...seen].sort()).toEqual(['as-is', 'lower', 'replaced']);
    // Past eight capitals to replace, each body is folded in JavaScript: the same answer.
    SearchFold.define(db);
    const greek = fold.foldedSql('@body', fold.fold('ΚΑΛΗΜΈΡΑ ΚΌΣΜΕ'));
    expect(greek.how).toBe('javascript');
    expect(db.prepare(`SELECT instr(${greek.sql}, @text)`).pluck().get({ body: 'Ω Καλημέρα κόσμε', text: 'καλημέρα κόσμε' })).toBe(3);
    db.close();
  });

  it('never confirms a call the text index would not give: every letter folded, each found through the index by its lower case', () => {
    const folds = EVERY_CHARACTER.filter((character) => character.charCodeAt(0) >= 0x80 && fold.fold(character) !== character);
    expect(folds.length).toBeGreaterThan(900);
    const ids = store.calls.insert(folds.map((letter) => call(JSON.stringify({ letter: letter.repeat(3) }))));
    store.textIndex.catchUp();
    expect(store.textIndex.backlog()).toBe(0);
    const missed = folds.filter((letter, at) => {
      const found = store.calls.list({ text: fold.fold(letter).repeat(3), limit: 500 }).calls.map((c) => c.id);
      return !found.includes(ids[at]!);
    });
    expect(missed.map((letter) => `U+${letter.charCodeAt(0).toString(16)}`)).toEqual([]);
  });
});
