/** Why a CSV file cannot be read, with the 1-based line where it went wrong. */
export class CsvError extends Error {
  constructor(
    readonly code: 'unclosed_quote' | 'invalid_quote',
    readonly line: number,
  ) {
    super(`${code} at line ${line}`);
  }
}

const QUOTE = 34; // "
const COMMA = 44;
const LF = 10;
const CR = 13;

const isBlank = (code: number) => code === 32 || code === 9;

/**
 * A streaming RFC 4180 reader: comma-separated cells, double quotes around cells that hold
 * commas, quotes (doubled) or line breaks; LF, CRLF or CR line ends. Cells are trimmed (a
 * quoted cell keeps what is inside its quotes), lines with nothing on them are skipped, rows
 * may have different lengths. A quote left open at the end of the file, text after a closing
 * quote, or a quote inside an unquoted cell is an error naming the line.
 *
 * Written for imports of a million rows: it walks each decoded chunk once by char code and
 * yields the rows of a chunk together, several times faster than a general-purpose parser.
 */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<string[][]> {
  let row: string[] = [];
  let cell = '';
  /** Inside quotes; `closed`: after the closing quote, before the next comma or line end. */
  let quoted = false;
  let closed = false;
  /** A quote was just seen inside quotes: the next char decides (another quote = a literal one). */
  let pendingQuote = false;
  let started = false; // the cell has non-blank content (or was quoted)
  let rowQuoted = false; // a quoted cell makes a line count even when it is empty ("")
  let line = 1;
  let rowLine = 1;
  let lastWasCr = false;
  let first = true;

  const endCell = () => {
    row.push(quoted || closed ? cell : cell.trim());
    cell = '';
    quoted = false;
    closed = false;
    started = false;
  };
  const endRow = (out: string[][]) => {
    endCell();
    if (row.length > 1 || row[0] !== '' || rowQuoted) out.push(row);
    row = [];
    rowQuoted = false;
    rowLine = line;
  };

  for await (let text of chunks) {
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = text.length === 0;
    }
    const out: string[][] = [];
    let i = 0;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (lastWasCr) {
        lastWasCr = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (pendingQuote) {
        pendingQuote = false;
        if (c === QUOTE) {
          cell += '"';
          i++;
          continue;
        }
        quoted = false;
        closed = true;
      }
      if (quoted) {
        // Copy the run up to the next quote at once.
        const next = text.indexOf('"', i);
        const end = next === -1 ? n : next;
        const run = text.slice(i, end);
        for (let k = 0; k < run.length; k++) {
          const rc = run.charCodeAt(k);
          if (rc === LF || (rc === CR && run.charCodeAt(k + 1) !== LF)) line++;
        }
        cell += run;
        if (next === -1) {
          i = n;
        } else {
          pendingQuote = true;
          i = next + 1;
        }
        continue;
      }
      if (c === COMMA) {
        endCell();
        i++;
      } else if (c === LF || c === CR) {
        line++;
        endRow(out);
        lastWasCr = c === CR;
        i++;
      } else if (closed) {
        if (!isBlank(c)) throw new CsvError('invalid_quote', line);
        i++;
      } else if (c === QUOTE) {
        if (started && cell.trim() !== '') throw new CsvError('invalid_quote', line);
        quoted = true;
        started = true;
        rowQuoted = true;
        cell = '';
        i++;
      } else {
        // An unquoted run up to the next comma, quote or line end.
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === COMMA || d === LF || d === CR || d === QUOTE) break;
          j++;
        }
        cell += text.slice(i, j);
        if (!started && cell.trim() !== '') started = true;
        i = j;
      }
    }
    if (out.length) yield out;
  }
  if (quoted && !pendingQuote) throw new CsvError('unclosed_quote', rowLine);
  if (pendingQuote) {
    quoted = false;
    closed = true;
  }
  const out: string[][] = [];
  if (row.length || cell !== '' || closed) endRow(out);
  if (out.length) yield out;
}
