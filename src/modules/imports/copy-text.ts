/**
 * Rows in PostgreSQL's COPY text format (tab-separated, \N for NULL, backslash escapes),
 * written straight into a growing Buffer: a batch's thousands of rows (mostly ASCII: ids,
 * hashes, ciphertexts) make no strings of their own on the way to the database.
 */
export type Field = string | number | boolean | null | undefined;

const ESC = /[\\\t\n\r]/;
const escMap: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export class CopyText {
  private buf: Buffer;
  private at = 0;
  private fields = 0;
  rows = 0;

  constructor(expectRows = 0) {
    this.buf = Buffer.allocUnsafe(Math.max(1 << 16, expectRows * 512));
  }

  /** The next field of the current row. */
  put(v: Field): this {
    this.room(24);
    if (this.fields++) this.buf[this.at++] = 9; // tab
    if (v === null || v === undefined) {
      this.buf[this.at++] = 92; // \N
      this.buf[this.at++] = 78;
    } else if (typeof v === 'boolean') this.buf[this.at++] = v ? 116 : 102; // t, f
    else if (typeof v === 'number') this.text(String(v));
    else this.text(v);
    return this;
  }

  /** Ends the current row. */
  end(): void {
    this.room(1);
    this.buf[this.at++] = 10;
    this.fields = 0;
    this.rows++;
  }

  /** What was written, or null when no row was. */
  done(): Buffer | null {
    return this.rows ? this.buf.subarray(0, this.at) : null;
  }

  private text(s: string) {
    // UTF-8 takes at most 3 bytes per UTF-16 unit, an escape 2 bytes per ASCII character
    this.room(s.length * 3);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80 || c === 92 || c === 9 || c === 10 || c === 13) {
        // Not plain ASCII: the whole field through the encoder, escaped where needed.
        this.at += buf.write(ESC.test(s) ? s.replace(/[\\\t\n\r]/g, (x) => escMap[x]) : s, this.at);
        return;
      }
      buf[at++] = c;
    }
    this.at = at;
  }

  private room(need: number) {
    if (this.at + need <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + need));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
}
