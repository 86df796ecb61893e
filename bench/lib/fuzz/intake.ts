import fc from 'fast-check';
import { commonHeaders, jsonPost } from './bodies.ts';
import { asText, hostileText, idempotencyKey, numberText, sometimes } from './hostile.ts';
import { type FuzzAnswer, headerValue, type MultipartDamage, multipart, type Part } from './http.ts';
import type { SampleFile } from './images.ts';
import type { Ledger } from './ledger.ts';
import { reportObject } from './report-fields.ts';
import type { Endpoint, FuzzInput } from './runner.ts';
import type { FuzzWorld, Harvest } from './seed.ts';

/** Keys sent more than once across the intake runs, so replays (same body) and conflicts (another) occur. */
export const REPLAYED_KEYS = Array.from({ length: 20 }, (_, i) => `fz-replayed-key-${i}`);

/** What a 201 or 200 from POST /api/cases stored: the case, its photos, its key, the reporter as follower. */
function recordReport(
  world: FuzzWorld,
  harvest: Harvest,
  sent: { key?: string; cookie?: string; photos: number },
) {
  return (answer: FuzzAnswer, ledger: Ledger) => {
    if (answer.status !== 201) return; // 200: a replay, which stores nothing new
    const { id, trackingCode } = (JSON.parse(answer.body) as { data: { id: number; trackingCode: string } })
      .data;
    ledger.created.add(id);
    harvest.codes.set(trackingCode, id);
    ledger.photos += sent.photos;
    if (sent.key) ledger.idempotencyKeys++;
    if (sent.cookie === world.residentCookie) ledger.reporterFollows.add(`${id} ${world.residentId}`);
  };
}

const headersFor = (world: FuzzWorld) =>
  fc
    .tuple(commonHeaders([world.residentCookie]), idempotencyKey(REPLAYED_KEYS))
    .map(([h, key]) => (key === undefined ? h : { ...h, 'idempotency-key': headerValue(key) }));

/** POST /api/cases with a JSON body. */
export function intakeJson(world: FuzzWorld, harvest: Harvest, runs: number): Endpoint {
  const inputs = jsonPost(reportObject(world), headersFor(world)).map(
    ({ body, headers, shape }): FuzzInput => ({
      request: { method: 'POST', path: '/api/cases', headers, body },
      label: `json ${shape}`,
      accepted: recordReport(world, harvest, {
        key: headers['idempotency-key'],
        cookie: headers.cookie,
        photos: 0,
      }),
    }),
  );
  return { name: 'POST /api/cases (JSON)', runs, inputs };
}

/** A report object's fields as multipart text: location as lat/lng, answers as JSON (or not). */
function textFields(
  report: Record<string, unknown>,
  latLng: [string, string] | null,
  rawAnswers: string | null,
) {
  const parts: Part[] = [];
  for (const [name, value] of Object.entries(report)) {
    // a form leaves an empty optional field out; JSON's null has no form spelling
    if (value === null && name !== 'location') continue;
    if (name === 'location') {
      const loc = value as { lat?: unknown; lng?: unknown } | null;
      if (latLng) {
        parts.push({ name: 'lat', data: latLng[0] }, { name: 'lng', data: latLng[1] });
      } else if (loc && typeof loc === 'object') {
        parts.push({ name: 'lat', data: asText(loc.lat) }, { name: 'lng', data: asText(loc.lng) });
      }
      continue;
    }
    if (name === 'answers' && rawAnswers !== null) {
      parts.push({ name, data: rawAnswers });
      continue;
    }
    parts.push({ name, data: asText(value) });
  }
  return parts;
}

const damage: fc.Arbitrary<MultipartDamage> = fc.oneof(
  { weight: 40, arbitrary: fc.constant('none' as const) },
  {
    weight: 7,
    arbitrary: fc.constantFrom<MultipartDamage>(
      'no-final-boundary',
      'wrong-boundary',
      'no-crlf-after-headers',
      'truncated',
      'no-boundary-param',
      'header-without-name',
      'garbage-preamble',
    ),
  },
);

const boundary = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.stringMatching(/^[A-Za-z0-9'()+_,-./:=?]{1,70}$/).filter((b) => !b.endsWith(' ')),
  },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(200), '"quoted"', '--', 'a b', '路') },
);

/** One file part: mostly a decodable photo, else any sample; field name, file name and type vary. */
function filePart(samples: SampleFile[]): fc.Arbitrary<Part> {
  const images = samples.filter((s) => s.image && s.name !== 'png-25mpx');
  const rare = samples.filter((s) => s.name === 'png-25mpx' || s.name === 'over-10mb');
  const common = samples.filter((s) => !rare.includes(s) && !s.image);
  return fc
    .tuple(
      fc.oneof(
        { weight: 30, arbitrary: fc.constantFrom(...images) },
        { weight: 4, arbitrary: fc.constantFrom(...common) },
        { weight: 1, arbitrary: fc.constantFrom(...rare) },
      ),
      fc.oneof(
        { weight: 10, arbitrary: fc.constant('photos') },
        { weight: 1, arbitrary: fc.constantFrom('before', 'after', 'photo', '', 'photos[]') },
      ),
      // no file name makes the part a text field (binary text); an empty one is a file input left empty
      fc.oneof(
        {
          weight: 16,
          arbitrary: fc.constantFrom('photo.jpg', 'IMG_0001.HEIC', '../../etc/passwd', '照片.png', '.jpg'),
        },
        { weight: 2, arbitrary: hostileText(20).map((t) => t.replace(/["\r\n]/g, '')) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, '') },
      ),
      sometimes(
        fc.constantFrom('image/jpeg', 'image/png', 'text/html', 'application/octet-stream', 'image/svg+xml'),
        2,
      ),
    )
    .map(([s, name, filename, contentType]) => ({
      name,
      filename,
      contentType: contentType ?? undefined,
      data: s.data,
    }));
}

/** POST /api/cases as multipart/form-data with photos: the report's fields as text, then files. */
export function intakeMultipart(
  world: FuzzWorld,
  harvest: Harvest,
  samples: SampleFile[],
  runs: number,
): Endpoint {
  const inputs = fc
    .tuple(
      reportObject(world),
      sometimes(fc.tuple(numberText, numberText), 5),
      sometimes(fc.oneof(fc.constantFrom('{', '[]', 'null', '{"a":'), hostileText(20)), 8),
      fc
        .array(filePart(samples), { maxLength: 11 })
        .map((a) => (a.length > 3 && a.length < 10 ? a.slice(0, 3) : a)),
      sometimes(fc.tuple(hostileText(10), hostileText(30)), 6),
      damage,
      boundary,
      headersFor(world),
    )
    .map(([report, latLng, rawAnswers, files, duplicate, broken, bound, headers]): FuzzInput => {
      const parts = [...textFields(report, latLng, rawAnswers), ...files];
      // a field sent twice (busboy keeps both; the intake keeps the last)
      if (duplicate) parts.splice(Math.min(1, parts.length), 0, { name: duplicate[0], data: duplicate[1] });
      const { contentType, body } = multipart(parts, broken, bound);
      const h: Record<string, string> = { ...headers, 'content-type': contentType };
      // what the intake keeps: file parts (busboy: a file name, or the type application/octet-stream), except
      // an empty one without a name (a file input left empty)
      const isFile = (f: Part) => f.filename !== undefined || f.contentType === 'application/octet-stream';
      const photos = files.filter((f) => isFile(f) && (f.data.length > 0 || f.filename)).length;
      return {
        request: { method: 'POST', path: '/api/cases', headers: h, body },
        label: `multipart ${broken}, ${files.length} files`,
        accepted: recordReport(world, harvest, { key: h['idempotency-key'], cookie: h.cookie, photos }),
      };
    });
  return { name: 'POST /api/cases (multipart)', runs, inputs };
}
