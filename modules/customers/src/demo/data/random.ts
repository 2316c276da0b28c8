/**
 * A seeded pseudo-random source (sfc32 seeded through cyrb128). The generator never touches
 * Math.random, so one seed always yields the same data set.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    const [a, b, c, d] = cyrb128(String(seed));
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // The first outputs of sfc32 are poorly mixed; discard them.
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a |= 0;
    this.b |= 0;
    this.c |= 0;
    this.d |= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks from `[item, weight]` pairs. */
  weighted<T>(table: WeightedTable<T>): T {
    let r = this.next() * table.total;
    for (const [item, weight] of table.entries) {
      r -= weight;
      if (r < 0) return item;
    }
    return table.entries[table.entries.length - 1][0];
  }

  /** `count` distinct items, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = items.slice();
    const out: T[] = [];
    for (let i = 0; i < count && pool.length > 0; i++) {
      const j = Math.floor(this.next() * pool.length);
      out.push(pool[j]);
      pool[j] = pool[pool.length - 1];
      pool.pop();
    }
    return out;
  }

  digits(count: number): string {
    let s = '';
    for (let i = 0; i < count; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }

  /**
   * A UUIDv7 whose timestamp is `timeMs` and whose random bits come from this source, so ids
   * are reproducible and ordered like the records' creation times.
   */
  uuidv7(timeMs: number): string {
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
    const ms = Math.max(0, Math.floor(timeMs));
    const high = Math.floor(ms / 0x10000);
    const low = ms % 0x10000;
    const randA = this.int(0, 0xfff);
    const variant = 0x8000 | this.int(0, 0x3fff);
    const tail = hex(this.int(0, 0xffffff), 6) + hex(this.int(0, 0xffffff), 6);
    return `${hex(high, 8)}-${hex(low, 4)}-7${hex(randA, 3)}-${hex(variant, 4)}-${tail}`;
  }

  /** An independent stream, so adding draws to one entity never changes another's data. */
  fork(label: string): Random {
    return new Random(`${this.int(0, 0x7fffffff)}:${label}`);
  }
}

export interface WeightedTable<T> {
  entries: ReadonlyArray<readonly [T, number]>;
  total: number;
}

export function weightedTable<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  return { entries, total: entries.reduce((sum, [, w]) => sum + w, 0) };
}

function cyrb128(input: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
