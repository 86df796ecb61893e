import type { IncomingMessage, ServerResponse } from 'node:http';
import sharp from 'sharp';
import { RetryLater } from '../../infra/errors.ts';
import type { LimitSettings } from '../../infra/limit-config.ts';
import { UploadBudget, type UploadLease } from './upload-budget.ts';

export type PhotoBounds = LimitSettings['photos'];

const MB = 1024 * 1024;

/** The refusal when the photo work of this process is at its bounds: 503 SERVER_BUSY with Retry-After. */
const busy = (seconds: number) => new RetryLater('SERVER_BUSY', 503, seconds);

/**
 * The photo work of this process: a budget of upload bytes held in memory at once and a fixed number of
 * processing jobs, each with a bounded wait queue. Everything beyond is refused with 503 SERVER_BUSY, so
 * memory and CPU stay bounded under any number of concurrent uploads.
 */
export class PhotoWork {
  readonly uploads: UploadBudget;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** A running average of the processing time per MB of photos (a first guess until jobs have run). */
  private msPerMb = 150;

  /** maxWaitMs: how long a request may wait for upload memory (well below proxies' 60 s read timeouts). */
  constructor(
    readonly bounds: PhotoBounds,
    maxWaitMs = 30_000,
  ) {
    this.uploads = new UploadBudget(bounds.uploadBytes, bounds.queue, maxWaitMs, () =>
      busy(this.retryAfterSeconds()),
    );
  }

  /** Bytes of uploads held now. */
  get held(): number {
    return this.uploads.bytes;
  }

  /** Jobs running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Seconds after which a refused request may well get through: the photos held now (running and waiting
   * jobs' uploads), worked off at the recent pace by the job slots; 1–60 s.
   */
  retryAfterSeconds(): number {
    const ms = ((this.uploads.bytes / MB) * this.msPerMb) / this.bounds.jobs;
    return Math.min(60, Math.max(1, Math.ceil(ms / 1000)));
  }

  /**
   * Runs fn as one photo job of `bytes` of photos: at once when a job slot is free, after waiting in the
   * queue, or refused.
   */
  async run<T>(fn: () => Promise<T>, bytes = 0): Promise<T> {
    if (this.running < this.bounds.jobs) this.running++;
    else if (this.waiting.length >= this.bounds.queue) throw busy(this.retryAfterSeconds());
    // a finishing job hands its slot straight to the first waiter, so `running` stays as it is
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    const started = performance.now();
    try {
      return await fn();
    } finally {
      if (bytes > 0) this.msPerMb = 0.7 * this.msPerMb + (0.3 * (performance.now() - started)) / (bytes / MB);
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

let current = new PhotoWork({ jobs: 1, queue: 16, uploadBytes: 128 * 1024 * 1024 });

/**
 * Sets this process's photo bounds (at app start). sharp runs one libvips thread per job, so PHOTO_JOBS is
 * the number of cores photos may use, and keeps no operation cache: every upload is new, a cache would
 * only hold decoded pixels of photos already stored.
 */
export function configurePhotoWork(bounds: PhotoBounds): void {
  current = new PhotoWork(bounds);
  sharp.concurrency(1);
  sharp.cache(false);
}

/** The photo work of this process (one per process: memory and cores are the process's). */
export function photoWork(): PhotoWork {
  return current;
}

// The response of each multipart request (recorded by photoRoutes' hook), whose 'close' ends its upload lease.
const responses = new WeakMap<IncomingMessage, ServerResponse>();
// The lease each uploaded file's bytes are counted under, so the photo job can hold it while it runs.
const leases = new WeakMap<Buffer, UploadLease>();

/** Records the response of a request, so an upload read for it is released when the response closes. */
export function trackResponse(req: IncomingMessage, res: ServerResponse): void {
  responses.set(req, res);
}

/**
 * Reserves the upload budget for a request about to be read (waiting for it when others hold it, within
 * bounds); released when its response has closed. Refused with 503 when the client left meanwhile.
 */
export async function leaseFor(req: IncomingMessage, bytes: number): Promise<UploadLease> {
  const res = responses.get(req);
  if (!res) throw new Error('multipart request without a tracked response (is photoRoutes registered?)');
  if (res.closed) throw busy(1);
  const gone = new AbortController();
  const abort = () => gone.abort();
  res.once('close', abort);
  const lease = await current.uploads.reserve(bytes, gone.signal).finally(() => res.off('close', abort));
  if (res.closed) {
    lease.release();
    throw busy(1);
  }
  res.once('close', () => lease.release());
  return lease;
}

/** Marks file buffers as read under a lease. */
export function markLeased(files: Buffer[], lease: UploadLease): void {
  for (const f of files) leases.set(f, lease);
}

/** Holds the leases of these files while fn runs as a photo job; refused when their request is gone. */
export async function asPhotoJob<T>(files: Buffer[], fn: () => Promise<T>): Promise<T> {
  const held = [...new Set(files.map((f) => leases.get(f)).filter((l) => l !== undefined))];
  const taken = held.filter((l) => l.hold());
  try {
    if (taken.length < held.length) throw busy(1);
    return await photoWork().run(
      fn,
      files.reduce((sum, f) => sum + f.length, 0),
    );
  } finally {
    for (const l of taken) l.release();
  }
}
