/**
 * Case-insensitive multi-keyword search over raw bytes (Aho-Corasick compiled to a full DFA),
 * so files with none of the rules' keywords are never decoded or regex-scanned.
 */
export class KeywordIndex {
  readonly #delta: Int32Array;
  /** For each state, the ids of keywords that end there (via failure links too). */
  readonly #outputs: (readonly number[] | undefined)[];
  /** 1 for states where some keyword ends: the hot loop tests this flat array only. */
  readonly #accepting: Uint8Array;
  readonly keywordCount: number;
  /** Byte length of each keyword. */
  readonly keywordLengths: readonly number[];

  constructor(keywords: readonly string[]) {
    this.keywordCount = keywords.length;
    this.keywordLengths = keywords.map((keyword) => Buffer.byteLength(keyword, 'latin1'));
    const children: Map<number, number>[] = [new Map<number, number>()];
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
    // Breadth-first: the queue grows while it is walked, which for-of over an array allows.
    for (const state of queue) {
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
    this.#accepting = Uint8Array.from(outputs, (out) => (out ? 1 : 0));
  }

  /**
   * Where each keyword occurs: for keyword `id`, `hits[id]` lists byte offsets just past each
   * occurrence (at most `maxHitsPerKeyword`; a longer list means "everywhere"). Undefined when
   * no keyword occurs, which is the common case and costs one pass over the bytes.
   */
  search(bytes: Uint8Array, maxHitsPerKeyword: number): (number[] | undefined)[] | undefined {
    const delta = this.#delta;
    const accepting = this.#accepting;
    const outputs = this.#outputs;
    const length = bytes.length;
    let hits: (number[] | undefined)[] | undefined;
    let state = 0;
    for (let i = 0; i < length; i++) {
      state = delta[(state << 8) | (bytes[i] ?? 0)] ?? 0;
      if (accepting[state] === 0) continue;
      const out = outputs[state];
      if (out === undefined) continue;
      hits ??= new Array<number[] | undefined>(this.keywordCount);
      for (const id of out) {
        const list = (hits[id] ??= []);
        if (list.length <= maxHitsPerKeyword) list.push(i + 1);
      }
    }
    return hits;
  }
}
