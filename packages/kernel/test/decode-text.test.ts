import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeTextStream, detectEncoding } from '../src/text/decode-text';

async function text(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

describe('import file encodings', () => {
  const gbk = Buffer.from([0xd5, 0xc5, 0xce, 0xb0]); // 张伟 in GBK

  it('detects UTF-8, UTF-16 by BOM, and GBK/GB18030 otherwise', () => {
    expect(detectEncoding(Buffer.from('张伟,13800138000'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('\uFEFFname'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x20, 0x5f]))).toBe('utf-16le');
    expect(detectEncoding(gbk)).toBe('gb18030');
  });

  it('decodes GBK split across chunks, and UTF-8 cut inside a character', async () => {
    expect(await text(decodeTextStream(Readable.from([gbk.subarray(0, 1), gbk.subarray(1)])))).toBe('张伟');
    const utf8 = Buffer.from('王芳');
    expect(await text(decodeTextStream(Readable.from([utf8.subarray(0, 2), utf8.subarray(2)])))).toBe('王芳');
  });
});
