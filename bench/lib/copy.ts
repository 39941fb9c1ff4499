import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** COPY text format: \N for null, backslash escapes; arrays as {a,b}. */
export function line(values: unknown[]): string {
  return values.map((v) => {
    if (v === null || v === undefined) return '\\N';
    if (Array.isArray(v)) return `{${v.join(',')}}`;
    return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  }).join('\t') + '\n';
}

/**
 * A COPY … FROM STDIN into one table on its own client, fed row by row (buffered, with
 * backpressure). The session runs with `session_replication_role = replica`, so user and
 * foreign-key triggers do not fire: the generators build their rows consistent.
 */
export class CopySink {
  private stream!: NodeJS.WritableStream & { on: (e: string, f: (...a: unknown[]) => void) => void };
  private done!: Promise<void>;
  private buf: string[] = [];
  rows = 0;
  constructor(private client: pg.Client, private table: string, private columns: string[]) {}
  /** A sink on a new client of `url`; the client is added to `clients` (the caller ends them). */
  static async connect(url: string, clients: pg.Client[], table: string, columns: string[]): Promise<CopySink> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    clients.push(c);
    const s = new CopySink(c, table, columns);
    await s.open();
    return s;
  }
  async open() {
    await this.client.query('SET session_replication_role = replica');
    this.stream = this.client.query(copyFrom(`COPY ${this.table} (${this.columns.join(',')}) FROM STDIN`)) as never;
    this.done = new Promise((resolve, reject) => { this.stream.on('finish', () => resolve()); this.stream.on('error', (e) => reject(e)); });
  }
  async push(values: unknown[]) {
    this.buf.push(line(values));
    this.rows++;
    if (this.buf.length >= 2000) await this.flush();
  }
  private async flush() {
    if (!this.buf.length) return;
    const ok = this.stream.write(this.buf.join(''));
    this.buf = [];
    if (!ok) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
  async close() {
    await this.flush();
    this.stream.end();
    await this.done;
  }
}
