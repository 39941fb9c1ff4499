import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface Column { header: string; key: string; width?: number }

/**
 * Streams rows into an .xlsx download without holding the sheet in memory
 * (exceljs' streaming writer commits each row as it goes).
 */
export async function sendXlsx(reply: FastifyReply, filename: string, sheetName: string, columns: Column[], rows: AsyncIterable<Record<string, unknown>>) {
  // The first row is fetched before answering, so bad input or a failing query still gets
  // a proper error status instead of a 200 whose stream breaks off.
  const it = rows[Symbol.asyncIterator]();
  const first = await it.next();
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  (async () => {
    try {
      for (let r = first; !r.done; r = await it.next()) ws.addRow(r.value).commit();
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store');
  return reply.send(out);
}
