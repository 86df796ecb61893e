/** A report kept on the phone until the server has acknowledged it. */
export interface PendingReport {
  /** the Idempotency-Key: every attempt sends the same one, so the server creates the case once */
  key: string;
  createdAt: string;
  /** the multipart text fields, in the order they are sent */
  fields: [string, string][];
  /** `field`: the form field it is sent in (default `photos`) */
  photos: { name: string; type: string; blob: Blob; field?: string }[];
  /** shown in the pending list */
  categoryName: string;
  /** `failed`: the server refused it (4xx); it stays listed with the reason until deleted */
  status: 'waiting' | 'failed';
  error: string | null;
  attempts: number;
  /** where it is sent; reports go to /api/cases, an inspection's answers to their stop (see inspections/) */
  url?: string;
  /**
   * A door-to-door visit (入户走访) sent as JSON to /api/visits with `clientKey` = `key`, instead of a report.
   * It holds the household's id and what the worker wrote, never a resident's name or address in clear.
   */
  visit?: Record<string, unknown>;
}

const DB_NAME = 'civicgrid-m';
const STORE = 'outbox';

let opening: Promise<IDBDatabase | null> | null = null;
// Where IndexedDB is unavailable (some private modes), reports still survive for the life of the tab.
const memory = new Map<string, PendingReport>();

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

async function withStore<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  if (!db) throw new Error('no IndexedDB');
  const tx = db.transaction(STORE, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  // the request's own error is the one reported; the transaction's echo of it must not go unhandled
  done.catch(() => undefined);
  const result = await promised(run(tx.objectStore(STORE)));
  await done;
  return result;
}

/** Stores (or replaces) a pending report; true when it is on disk, false when only kept in memory. */
export async function putPending(report: PendingReport): Promise<boolean> {
  try {
    await withStore('readwrite', (s) => s.put(report));
    return true;
  } catch {
    memory.set(report.key, report);
    return false;
  }
}

/** Forgets a pending report (sent, refused and deleted, or removed by the user). */
export async function deletePending(key: string): Promise<void> {
  memory.delete(key);
  try {
    await withStore('readwrite', (s) => s.delete(key));
  } catch {
    // nothing stored on disk
  }
}

/** Forgets every kept visit (at logout: what the phone keeps of residents goes with the session). */
export async function deletePendingVisits(): Promise<void> {
  for (const r of await listPending()) if (r.visit) await deletePending(r.key);
}

/** Every pending report, oldest first. */
export async function listPending(): Promise<PendingReport[]> {
  let stored: PendingReport[] = [];
  try {
    stored = await withStore('readonly', (s) => s.getAll() as IDBRequest<PendingReport[]>);
  } catch {
    // memory only
  }
  return [...stored, ...memory.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
