import { Readable } from 'node:stream';

/** Encodings a CSV file may come in: Excel in China saves GBK/GB18030 unless told otherwise. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const SAMPLE_BYTES = 64 * 1024;

/**
 * Detects a text file's encoding from its first bytes: a byte-order mark if there is one,
 * otherwise UTF-8 when the sample is valid UTF-8, else GB18030 (a superset of GBK and GB2312).
 */
export function detectEncoding(sample: Buffer): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  // A multi-byte character may be cut at the end of the sample: ignore up to 3 trailing bytes.
  for (let cut = 0; cut <= Math.min(3, sample.length); cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return 'utf-8';
    } catch {
      // try a shorter sample, then fall back to GB18030
    }
  }
  return 'gb18030';
}

/** Decodes a byte stream to UTF-8 text in whatever encoding its first bytes show (BOM removed). */
export function decodeTextStream(stream: Readable): Readable {
  return Readable.from(
    (async function* () {
      const head: Buffer[] = [];
      let headLength = 0;
      const iterator = stream[Symbol.asyncIterator]();
      let done = false;
      while (headLength < SAMPLE_BYTES) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
        head.push(chunk);
        headLength += chunk.length;
      }
      const first = Buffer.concat(head);
      const decoder = new TextDecoder(detectEncoding(first), { ignoreBOM: false });
      yield decoder.decode(first, { stream: true });
      while (!done) {
        const next = await iterator.next();
        if (next.done) break;
        yield decoder.decode(Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value), { stream: true });
      }
      const rest = decoder.decode();
      if (rest) yield rest;
    })(),
    { objectMode: false },
  );
}
