import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeywordIndex } from './keywordIndex.js';

const KEYWORDS = ['he', 'she', 'his', 'hers', 'ghp_', '://'];
/** Pieces of the keywords that combine into overlaps, whole keywords, upper case and noise. */
const PIECES = ['h', 'e', 's', 'i', 'r', 'g', 'p', '_', ':', '/', 'H', 'E', 'S', 'x', ' ', '\n'];
const WHOLE = ['ghp_', 'GHP_', 'gh', '://', ':/', 'hers', 'sHe'];

/** A deterministic PRNG (mulberry32): the same texts on every run. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(random: () => number, length: number): string {
  let text = '';
  while (text.length < length) {
    const pieces = random() < 0.1 ? WHOLE : PIECES;
    text += pieces[Math.floor(random() * pieces.length)] ?? '';
  }
  return text;
}

/** Every offset just past an occurrence of each keyword, case-insensitively, by brute force. */
function naiveHits(text: string, keywords: readonly string[]): (number[] | undefined)[] {
  const lower = text.toLowerCase();
  return keywords.map((keyword) => {
    const ends: number[] = [];
    for (let at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
      ends.push(at + keyword.length);
    }
    return ends.length > 0 ? ends : undefined;
  });
}

/** `search` as a dense array, one entry per keyword, for deepEqual with `naiveHits`. */
function search(index: KeywordIndex, text: string, max = Number.MAX_SAFE_INTEGER) {
  const hits = index.search(Buffer.from(text, 'latin1'), max);
  if (!hits) return undefined;
  return Array.from({ length: index.keywordCount }, (_, id) => hits[id]);
}

test('hits are the same as a naive case-insensitive scan, on 500 random texts', () => {
  const index = new KeywordIndex(KEYWORDS);
  const random = prng(42);
  let total = 0;
  for (let round = 0; round < 500; round++) {
    const text = randomText(random, 1 + Math.floor(random() * 300));
    const expected = naiveHits(text, KEYWORDS);
    const found = search(index, text);
    if (expected.every((ends) => ends === undefined)) {
      assert.equal(found, undefined, JSON.stringify(text));
    } else {
      assert.deepEqual(found, expected, JSON.stringify(text));
      total += expected.reduce((sum, ends) => sum + (ends?.length ?? 0), 0);
    }
  }
  assert.ok(total > 1000, `the texts should hold many hits, got ${total}`);
});

test('overlapping keywords are all reported at their ends', () => {
  const index = new KeywordIndex(KEYWORDS);
  // "ushers": she ends at 4, he at 4, hers at 6.
  assert.deepEqual(search(index, 'ushers'), [[4], [4], undefined, [6], undefined, undefined]);
  assert.deepEqual(search(index, 'hishers'), [[5], [5], [3], [7], undefined, undefined]);
  assert.deepEqual(search(index, 'x://ghp_ghp_'), [
    undefined,
    undefined,
    undefined,
    undefined,
    [8, 12],
    [4],
  ]);
});

test('upper- and mixed-case input matches lower-case keywords', () => {
  const index = new KeywordIndex(KEYWORDS);
  assert.deepEqual(search(index, 'USHERS GHP_ HTTPS://'), search(index, 'ushers ghp_ https://'));
  assert.deepEqual(search(index, 'SHE')?.[1], [3]);
  assert.deepEqual(search(index, 'GhP_')?.[4], [4]);
  // Keywords given in upper case are folded too.
  assert.deepEqual(search(new KeywordIndex(['PASS']), 'my_Password')?.[0], [7]);
});

test('text with none of the keywords gives undefined', () => {
  const index = new KeywordIndex(KEYWORDS);
  assert.equal(index.search(Buffer.alloc(0), 10), undefined);
  assert.equal(search(index, 'nothing to see: gh p_ h e'), undefined);
  assert.equal(search(new KeywordIndex([]), 'he she his'), undefined);
});

test('non-ASCII bytes neither match nor break matching around them', () => {
  const index = new KeywordIndex(['ghp_']);
  const bytes = Buffer.concat([
    Buffer.from('日本 ghp_ é'),
    Buffer.from([0xff, 0x00, 0xc3]),
    Buffer.from('GHP_'),
  ]);
  const hits = index.search(bytes, 10);
  const first = Buffer.byteLength('日本 ghp_');
  assert.deepEqual(hits?.[0], [first, bytes.length]);
});

test('each keyword’s list stops one past maxHitsPerKeyword, keeping the first hits', () => {
  const index = new KeywordIndex(KEYWORDS);
  const text = `${'ghp_ '.repeat(50)}he she`;
  const max = 10;
  const found = search(index, text, max);
  const all = naiveHits(text, KEYWORDS);
  assert.equal(all[4]?.length, 50);
  // A list longer than the cap means "everywhere"; it never grows past cap + 1.
  assert.deepEqual(found?.[4], all[4].slice(0, max + 1));
  assert.deepEqual(found[0], all[0], 'other keywords are not capped by it');
  assert.deepEqual(found[1], all[1]);

  const atCap = search(index, 'ghp_ '.repeat(max), max);
  assert.equal(atCap?.[4]?.length, max, 'exactly the cap is not saturated');
  assert.equal(search(index, 'ghp_ '.repeat(50), 0)?.[4]?.length, 1);
});

test('random texts agree with the naive scan under a cap too', () => {
  const index = new KeywordIndex(KEYWORDS);
  const random = prng(7);
  for (let round = 0; round < 100; round++) {
    const text = randomText(random, 200 + Math.floor(random() * 400));
    const max = 1 + Math.floor(random() * 8);
    const expected = naiveHits(text, KEYWORDS).map((ends) => ends?.slice(0, max + 1));
    const found = search(index, text, max);
    if (expected.every((ends) => ends === undefined)) assert.equal(found, undefined);
    else assert.deepEqual(found, expected, JSON.stringify({ text, max }));
  }
});

test('keywordLengths are byte lengths and keywordCount counts keywords', () => {
  const index = new KeywordIndex(KEYWORDS);
  assert.equal(index.keywordCount, KEYWORDS.length);
  assert.deepEqual(index.keywordLengths, [2, 3, 3, 4, 4, 3]);
});
