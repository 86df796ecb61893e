import ExcelJS from 'exceljs';

/** An answer as the leak check reads it: its structure (JSON-like) and all its text. */
export interface ReadAnswer {
  parsed: unknown;
  raw: string;
}

// The ledger's columns that hold ids; everything else of a row is text for the text search.
const LEDGER_IDS: Record<string, string> = { 案件编号: 'caseId' };

/** The leaf elements of an XML document (<tag>text</tag>) as one object each, in document order. */
function xmlLeaves(xml: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of xml.matchAll(/<([A-Za-z_][\w.-]*)>([^<]*)<\/\1>/g)) out.push({ [m[1]!]: m[2]! });
  return out;
}

/** The `data:` lines of an event stream, parsed. */
function streamEvents(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice(6)) as unknown);
}

/** The ledger's rows with the id column named as the API names it, and every cell's text. */
async function ledgerRows(bytes: Buffer): Promise<ReadAnswer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: Record<string, unknown>[] = [];
  const texts: string[] = [];
  book.eachSheet((sheet) => {
    const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    sheet.eachRow((row, n) => {
      const values = row.values as unknown[];
      texts.push(values.map((v) => (v instanceof Date ? v.toISOString() : String(v ?? ''))).join('\t'));
      if (n === 1) return;
      const obj: Record<string, unknown> = {};
      values.forEach((v, i) => {
        const name = header[i] ?? `c${i}`;
        obj[LEDGER_IDS[name] ?? name] = v;
      });
      rows.push(obj);
    });
  });
  return { parsed: { data: rows }, raw: texts.join('\n') };
}

/** Reads an answer by its content type; images carry no text to look into. */
export async function readAnswer(contentType: string, bytes: Buffer): Promise<ReadAnswer | null> {
  if (contentType.startsWith('image/')) return null;
  if (contentType.includes('spreadsheetml')) return ledgerRows(bytes);
  const raw = bytes.toString('utf8');
  if (contentType.includes('json')) return { parsed: raw ? JSON.parse(raw) : null, raw };
  if (contentType.includes('xml')) return { parsed: { data: xmlLeaves(raw) }, raw };
  if (contentType.includes('event-stream')) return { parsed: { data: streamEvents(raw) }, raw };
  return { parsed: null, raw };
}
