/**
 * Concurrent large-photo reports: N anonymous residents send a report with P full-size phone photos each, at
 * the same moment, to the real server (its own process, embedded PGlite, demo district) on 127.0.0.1. Each
 * client behaves like the phone page's outbox: a 503 or 429 is sent again with the same Idempotency-Key after
 * Retry-After. Printed per configuration: how many were accepted at once and refused, when all were in, and
 * the server process's resident memory (before, peak, after) and CPU time.
 *
 *   npx tsx bench/photo-uploads.ts
 *
 * Two configurations of the same code: the photo bounds lifted (every upload read and decoded at once, as
 * before the bounded queue) and the defaults (PHOTO_JOBS, PHOTO_QUEUE, PHOTO_UPLOAD_MB; docs/limits.md).
 * BENCH_PHOTO_REQUESTS (default 8) and BENCH_PHOTOS (default 9, the most a report takes) set the load;
 * BENCH_PHOTO_CONFIGS=lifted or =defaults runs one; BENCH_SERVER_ROOT measures another checkout's server.
 */
import { cpus, loadavg } from 'node:os';
import sharp from 'sharp';
import { raisedLimitEnv } from '../server/src/infra/limit-config.ts';
import { DEMO_BBOX } from './lib/intake-bodies.ts';
import { fmt, line } from './lib/report.ts';
import { spawnServer } from './lib/spawned-server.ts';

const REQUESTS = Number(process.env.BENCH_PHOTO_REQUESTS ?? 8);
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 9);
const GIVE_UP_MS = 600_000;

const CONFIGS: Record<string, { label: string; env: Record<string, string> }> = {
  lifted: {
    label: 'bounds lifted (every upload at once)',
    env: { PHOTO_JOBS: '64', PHOTO_QUEUE: '10000', PHOTO_UPLOAD_MB: '65536' },
  },
  defaults: { label: 'defaults (bounded queue)', env: {} },
};

/** One client: the report with its photos, resent after Retry-After until accepted. */
async function client(url: string, n: number, photo: Blob, t0: number) {
  const key = `bench-photos-${t0.toString(36)}-${n}`;
  const lng = DEMO_BBOX.minLng + ((n + 0.5) / REQUESTS) * (DEMO_BBOX.maxLng - DEMO_BBOX.minLng);
  const lat = (DEMO_BBOX.minLat + DEMO_BBOX.maxLat) / 2;
  const statuses: number[] = [];
  for (;;) {
    const form = new FormData();
    form.append('categoryCode', '05.02');
    form.append('description', `路灯不亮（照片压测 ${n}）`);
    form.append('lat', lat.toFixed(6));
    form.append('lng', lng.toFixed(6));
    for (let i = 0; i < PHOTOS; i++) form.append('photos', photo, `photo-${i}.jpg`);
    const res = await fetch(`${url}/api/cases`, {
      method: 'POST',
      body: form,
      headers: { 'idempotency-key': key },
    }).catch((err: Error) => ({ status: 0, headers: new Headers(), text: async () => err.message }));
    statuses.push(res.status);
    const body = await res.text();
    if (res.status === 201 || res.status === 200) return { statuses, doneMs: performance.now() - t0 };
    if (![429, 503].includes(res.status) || performance.now() - t0 > GIVE_UP_MS) {
      throw new Error(`report ${n}: ${res.status} ${body.slice(0, 200)}`);
    }
    const wait = Number(res.headers.get('retry-after') ?? 1);
    // a little jitter, as phones do not retry in lockstep
    await new Promise((r) => setTimeout(r, wait * 1000 + Math.random() * 500));
  }
}

async function measure(name: string, photo: Blob) {
  const config = CONFIGS[name]!;
  const server = await spawnServer(
    { ...raisedLimitEnv(), ...config.env },
    process.env.BENCH_SERVER_ROOT || undefined,
  );
  try {
    await new Promise((r) => setTimeout(r, 2_000)); // let start-up garbage settle
    const before = server.stats();
    server.resetPeak();
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: REQUESTS }, (_, n) => client(server.url, n, photo, t0)),
    );
    const after = server.stats();
    const first = results.map((r) => r.statuses[0]!);
    const accepted = first.filter((s) => s === 201).length;
    const refused = first.filter((s) => s === 503).length;
    const limited = first.filter((s) => s === 429).length;
    const resends = results.reduce((sum, r) => sum + r.statuses.length - 1, 0);
    const firstDone = Math.min(...results.map((r) => r.doneMs)) / 1000;
    const allDone = Math.max(...results.map((r) => r.doneMs)) / 1000;
    line(
      name,
      `${config.label}: first try ${accepted} accepted, ${refused} refused 503${limited ? `, ${limited} refused 429` : ''}; ` +
        `all ${REQUESTS} in after ${fmt(allDone, 1)} s (${resends} resends; first in after ${fmt(firstDone, 1)} s)`,
    );
    line(
      '',
      `server RSS before ${fmt(before.rssMb)} MB, peak ${fmt(after.peakMb)} MB, after ${fmt(after.rssMb)} MB; ` +
        `server CPU ${fmt((after.cpuMs - before.cpuMs) / 1000, 1)} s`,
    );
  } finally {
    await server.stop();
  }
}

console.log('Concurrent large-photo reports: anonymous multipart POST /api/cases to the real server process');
console.log(
  `Node ${process.version} · ${cpus().length} CPUs · load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
// a 12-megapixel photo of noise: as hard to decode and re-encode as any phone photo, and as large
const photo = await sharp({
  create: {
    width: 4000,
    height: 3000,
    channels: 3,
    background: '#888',
    noise: { type: 'gaussian', mean: 128, sigma: 40 },
  },
})
  .jpeg({ quality: 92 })
  .toBuffer();
console.log(
  `${REQUESTS} reports at once, each with ${PHOTOS} photos of 4000×3000 px, ${fmt(photo.length / 1048576, 1)} MB each ` +
    `(${fmt((REQUESTS * PHOTOS * photo.length) / 1048576)} MB in all); rate limits raised; 503/429 resent after Retry-After`,
);
const blob = new Blob([photo], { type: 'image/jpeg' });
for (const name of (process.env.BENCH_PHOTO_CONFIGS ?? 'lifted,defaults').split(','))
  await measure(name.trim(), blob);
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
