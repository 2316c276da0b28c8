import { Readable } from 'node:stream';

/** Encodings a CSV file may come in: Excel in China saves GBK/GB18030 unless told otherwise. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const SAMPLE_BYTES = 64 * 1024;

/** The file's first bytes are neither UTF-8, UTF-16 nor GB18030 text (a binary file, a renamed spreadsheet). */
export class NotTextError extends Error {
  constructor() {
    super('not a text file');
  }
}

/** Whether `sample` decodes without error, allowing a character cut by the sample's end (up to 3 bytes). */
function decodes(encoding: TextEncoding, sample: Buffer): boolean {
  for (let cut = 0; cut <= Math.min(3, sample.length); cut++) {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // try a shorter sample
    }
  }
  return false;
}

/**
 * Detects a text file's encoding from its first bytes: a byte-order mark if there is one,
 * otherwise UTF-8 when the sample is valid UTF-8, else GB18030 (a superset of GBK and GB2312)
 * when it is valid GB18030. Anything else, or a NUL byte (which no such text holds), is not
 * a text file: NotTextError.
 */
export function detectEncoding(sample: Buffer): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (sample.includes(0)) throw new NotTextError();
  if (decodes('utf-8', sample)) return 'utf-8';
  if (decodes('gb18030', sample)) return 'gb18030';
  throw new NotTextError();
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
