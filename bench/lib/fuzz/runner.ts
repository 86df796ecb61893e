import { ERROR_MESSAGES, type ErrorCode } from '@civicgrid/shared';
import fc from 'fast-check';
import { expectedLang } from './hostile.ts';
import type { FuzzAnswer, FuzzRequest, Sender } from './http.ts';
import type { Ledger } from './ledger.ts';
import type { LogSink } from './log-sink.ts';

/** One generated input: the request, a short description for the report, and what an acceptance stores. */
export interface FuzzInput {
  request: FuzzRequest;
  label: string;
  /** records in the ledger what an accepted (2xx) answer to this input stored */
  accepted?: (answer: FuzzAnswer, ledger: Ledger) => void;
}

/** A public endpoint under fuzz: how many inputs, and the arbitrary they are drawn from. */
export interface Endpoint {
  name: string;
  runs: number;
  inputs: fc.Arbitrary<FuzzInput>;
}

/** A 5xx (or an unlocalized refusal) kept for the report: the input and the server's log lines around it. */
export interface Example {
  status: number;
  label: string;
  request: string;
  body: string;
  logs: string[];
}

/** The answers of one endpoint, counted. */
export interface Tally {
  name: string;
  sent: number;
  statuses: Map<number, number>;
  /** refusals by error code (the first of a GeoReport list) */
  codes: Map<string, number>;
  ok: number;
  refused: number;
  limited: number;
  failed: number;
  network: number;
  unsendable: number;
  wrongLanguage: number;
  failures: Example[];
  languageExamples: Example[];
  ms: number;
}

const KEEP = 5;

function describe(req: FuzzRequest): string {
  const type = req.headers['content-type'] ?? '-';
  const body = req.body
    ? ` body ${req.body.length} B: ${JSON.stringify(req.body.subarray(0, 300).toString())}`
    : '';
  return `${req.method} ${req.path.slice(0, 300)} [${type}]${body}`;
}

/** The codes and messages of an error answer, in the API's JSON or in GeoReport's JSON/XML error list. */
function errorMessages(answer: FuzzAnswer): { code: string; message: string; prefix: boolean }[] | null {
  const type = String(answer.headers['content-type'] ?? '');
  if (type.includes('xml')) {
    const list = [...answer.body.matchAll(/<code>([^<]*)<\/code>\s*<description>([^<]*)<\/description>/g)];
    const fromXml = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
    return list.length ? list.map((m) => ({ code: m[1]!, message: fromXml(m[2]!), prefix: true })) : null;
  }
  try {
    const json = JSON.parse(answer.body) as unknown;
    if (Array.isArray(json))
      return json.map((e: { code?: string; description?: string }) => ({
        code: String(e.code),
        message: String(e.description),
        prefix: true,
      }));
    const error = (json as { error?: { code?: string; message?: string } }).error;
    return error ? [{ code: String(error.code), message: String(error.message), prefix: false }] : null;
  } catch {
    return null;
  }
}

/**
 * Whether a refusal speaks the caller's language: each error's message is the sentence of its code in the
 * language Accept-Language asks for (GeoReport descriptions start with it). A refusal that is not in the
 * API's or GeoReport's error format does not speak it either.
 */
export function speaksCallersLanguage(answer: FuzzAnswer, acceptLanguage: string | undefined): boolean {
  const lang = expectedLang(acceptLanguage);
  const errors = errorMessages(answer);
  if (!errors?.length) return false;
  return errors.every((e) => {
    const sentence = ERROR_MESSAGES[e.code as ErrorCode]?.[lang];
    return sentence !== undefined && (e.prefix ? e.message.startsWith(sentence) : e.message === sentence);
  });
}

/** A stable 32-bit number for an endpoint's name, so each endpoint draws its own sequence from one seed. */
const nameHash = (name: string) => [...name].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);

/**
 * Sends `endpoint.runs` generated inputs with `concurrency` requests in flight and counts the answers: 2xx
 * (recorded in the ledger), 4xx by status, 429 apart, 5xx (kept with the server's log lines), network errors.
 * Inputs are drawn in chunks of 100 with seeds derived from `seed`, so a run is reproducible.
 */
export async function runEndpoint(
  endpoint: Endpoint,
  opts: { seed: number; concurrency: number; sender: Sender; ledger: Ledger; logs: LogSink },
  progress: (t: Tally) => void = () => {},
): Promise<Tally> {
  const t: Tally = {
    name: endpoint.name,
    sent: 0,
    statuses: new Map(),
    codes: new Map(),
    ok: 0,
    refused: 0,
    limited: 0,
    failed: 0,
    network: 0,
    unsendable: 0,
    wrongLanguage: 0,
    failures: [],
    languageExamples: [],
    ms: 0,
  };
  const started = performance.now();
  const CHUNK = 100;
  for (let chunk = 0; chunk * CHUNK < endpoint.runs; chunk++) {
    const count = Math.min(CHUNK, endpoint.runs - chunk * CHUNK);
    const inputs = fc.sample(endpoint.inputs, {
      seed: (opts.seed ^ nameHash(endpoint.name)) + chunk,
      numRuns: count,
    });
    let next = 0;
    const worker = async () => {
      while (next < inputs.length) {
        const input = inputs[next++]!;
        const sentAt = Date.now();
        const answer = await opts.sender.send(input.request);
        t.sent++;
        t.statuses.set(answer.status, (t.statuses.get(answer.status) ?? 0) + 1);
        const keep = (list: Example[]) =>
          list.length < KEEP &&
          list.push({
            status: answer.status,
            label: input.label,
            request: describe(input.request),
            body: (answer.error ?? answer.body).slice(0, 500),
            logs: opts.logs.between(sentAt - 5, Date.now() + 5),
          });
        if (answer.status === -1) t.unsendable++;
        else if (answer.status === 0) {
          t.network++;
          keep(t.failures);
        } else if (answer.status >= 500) {
          t.failed++;
          keep(t.failures);
        } else if (answer.status === 429) t.limited++;
        else if (answer.status >= 400) {
          t.refused++;
          const code = errorMessages(answer)?.[0]?.code ?? `HTTP ${answer.status}`;
          t.codes.set(code, (t.codes.get(code) ?? 0) + 1);
          // FUZZ_SHOW=<error code> prints each refusal with that code (to see what the generators get wrong)
          if (process.env.FUZZ_SHOW === code)
            console.log(`\n${describe(input.request)}\n  → ${answer.body.slice(0, 300)}`);
          if (!speaksCallersLanguage(answer, input.request.headers['accept-language'])) {
            t.wrongLanguage++;
            keep(t.languageExamples);
          }
        } else if (answer.status >= 200 && answer.status < 300) {
          t.ok++;
          input.accepted?.(answer, opts.ledger);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    progress(t);
  }
  t.ms = performance.now() - started;
  return t;
}
