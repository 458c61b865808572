/**
 * Case-insensitive multi-keyword search over raw bytes (Aho-Corasick compiled to a full DFA),
 * so files with none of the rules' keywords are never decoded or regex-scanned.
 */
export class KeywordIndex {
  readonly #delta: Int32Array;
  /** For each state, the ids of keywords that end there (via failure links too). */
  readonly #outputs: (readonly number[] | undefined)[];
  readonly keywordCount: number;

  constructor(keywords: readonly string[]) {
    this.keywordCount = keywords.length;
    const children: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (const byte of Buffer.from(keyword.toLowerCase(), 'latin1')) {
        const node = children[state];
        if (!node) throw new Error('unreachable: missing trie node');
        let next = node.get(byte);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          ends.push([]);
          node.set(byte, next);
        }
        state = next;
      }
      ends[state]?.push(id);
    });

    const stateCount = children.length;
    const delta = new Int32Array(stateCount * 256);
    const fail = new Int32Array(stateCount);
    const outputs: (number[] | undefined)[] = new Array<number[] | undefined>(stateCount);
    const queue: number[] = [];
    const root = children[0] ?? new Map<number, number>();
    for (let byte = 0; byte < 256; byte++) {
      const next = root.get(byte);
      if (next !== undefined) {
        delta[byte] = next;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      const own = ends[state] ?? [];
      const inherited = outputs[fail[state] ?? 0] ?? [];
      outputs[state] = own.length || inherited.length ? [...own, ...inherited] : undefined;
      const node = children[state] ?? new Map<number, number>();
      for (let byte = 0; byte < 256; byte++) {
        const next = node.get(byte);
        const fallback = delta[(fail[state] ?? 0) * 256 + byte] ?? 0;
        if (next === undefined) {
          delta[state * 256 + byte] = fallback;
        } else {
          fail[next] = fallback;
          delta[state * 256 + byte] = next;
          queue.push(next);
        }
      }
    }
    // Fold ASCII upper case onto lower case.
    for (let state = 0; state < stateCount; state++) {
      for (let byte = 0x41; byte <= 0x5a; byte++) {
        delta[state * 256 + byte] = delta[state * 256 + byte + 0x20] ?? 0;
      }
    }
    this.#delta = delta;
    this.#outputs = outputs;
  }

  /** Marks `found[id] = 1` for every keyword that occurs in `bytes`; returns how many did. */
  search(bytes: Uint8Array, found: Uint8Array): number {
    const delta = this.#delta;
    const outputs = this.#outputs;
    let state = 0;
    let distinct = 0;
    for (let i = 0; i < bytes.length; i++) {
      state = delta[(state << 8) | (bytes[i] ?? 0)] ?? 0;
      const out = outputs[state];
      if (out !== undefined) {
        for (const id of out) {
          if (found[id] === 0) {
            found[id] = 1;
            distinct++;
          }
        }
        if (distinct === this.keywordCount) break;
      }
    }
    return distinct;
  }
}
