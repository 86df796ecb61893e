import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { baseUrlOf } from '../../infra/public-url.ts';
import type { PublicCaseRow } from '../cases/public-queries.ts';
import { type CipherSettings, cipherFromConfig } from '../personal-data/cipher.ts';
import { photoStore } from '../photos/photo-store.ts';
import type { PhotoStorageSettings } from '../photos/photo-store-config.ts';
import { submitRequest } from './commands/submit-request.ts';
import { parseRequestQuery, type RawParams, splitFormat } from './params.ts';
import { readPostedReport } from './post-body.ts';
import { FORM, MULTIPART, readPost, requireKey, withPostedPhotos } from './post-read.ts';
import { presentDefinition, presentDiscovery, presentRequest, presentService } from './present.ts';
import {
  caseIdOfToken,
  findRequestsByIds,
  findServiceCategory,
  jurisdictionOf,
  listServiceCategories,
  publicEventsOf,
  searchRequests,
  servicesChangedAt,
} from './queries.ts';
import { badRequest, langOf, notFound311, sendAs, sendError } from './respond.ts';
import { fmsUpdateRoutes } from './updates-routes.ts';

/** The Open311 settings of the server configuration. */
export interface Open311Settings extends CipherSettings {
  open311ApiKeys?: string[];
  open311Jurisdiction?: string | null;
  publicUrl?: string | null;
  dataDir: string;
  photoStorage?: PhotoStorageSettings;
}

const FORMATS = ['json', 'xml'] as const;

/** Query parameters for the OpenAPI document; values are read by params.ts (empty = absent). */
const loose = (names: string[]) =>
  Type.Object(
    Object.fromEntries(
      names.map((n) => [n, Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]))]),
    ),
  );
const doc = (summary: string, names: string[] = []) => ({
  schema: { tags: ['open311'], summary, querystring: loose(['jurisdiction_id', ...names]) },
});

const query = (req: FastifyRequest) => req.query as RawParams;

/**
 * GeoReport v2 under its prefix, each resource as .json and .xml: discovery, services, service definitions,
 * POST/GET requests, one request, tokens. Errors, unknown paths and the form parser stay in this scope.
 */
export async function georeportRoutes(scope: FastifyInstance, db: Db, settings: Open311Settings) {
  const cipher = cipherFromConfig(settings);
  const dir = photoStore(settings);
  // absolute links for clients: PUBLIC_URL when set, never a Host header the client could forge
  const baseUrl = (req: FastifyRequest) => baseUrlOf(req, { publicUrl: settings.publicUrl ?? null });
  scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) =>
    done(null, body),
  );
  scope.setErrorHandler((err, req, reply) => sendError(req, reply, err));
  const unknown = () => notFound311({ zh: '没有这个资源', en: 'no such resource' });
  scope.setNotFoundHandler((req, reply) => sendError(req, reply, unknown()));

  /** jurisdiction_id is optional; given, it must name the one jurisdiction served here. */
  async function checkJurisdiction(given: string | undefined) {
    const id = given?.trim();
    if (!id) return;
    if (id !== (await jurisdictionOf(db, settings.open311Jurisdiction))) {
      throw notFound311({ zh: `未知的 jurisdiction_id：${id}`, en: `unknown jurisdiction_id: ${id}` });
    }
  }
  const jurisdictionIn = (params: RawParams) => checkJurisdiction([params.jurisdiction_id].flat()[0]);

  async function presentRows(req: FastifyRequest, list: PublicCaseRow[], extensions: boolean) {
    const notes = extensions
      ? await publicEventsOf(
          db,
          list.map((r) => r.id),
        )
      : null;
    const lang = langOf(req);
    return list.map((r) =>
      presentRequest(r, lang, baseUrl(req), notes ? (notes.get(r.id) ?? []) : undefined),
    );
  }

  for (const format of FORMATS) {
    scope.get(`/discovery.${format}`, doc('Open311 service discovery'), async (req, reply) => {
      await jurisdictionIn(query(req));
      const body = presentDiscovery(baseUrl(req), await servicesChangedAt(db), langOf(req));
      return sendAs(reply, format, 'discovery', body);
    });

    scope.get(
      `/services.${format}`,
      doc('GeoReport: the case categories as services'),
      async (req, reply) => {
        await jurisdictionIn(query(req));
        const lang = langOf(req);
        const list = (await listServiceCategories(db)).map((c) => presentService(c, lang));
        return sendAs(reply, format, 'services', list);
      },
    );

    scope.get(
      `/requests.${format}`,
      doc('GeoReport: requests, newest first (last 90 days, at most 1,000 by default)', [
        'service_request_id',
        'service_code',
        'start_date',
        'end_date',
        'status',
        'page',
        'page_size',
        'extensions',
      ]),
      async (req, reply) => {
        await jurisdictionIn(query(req));
        const q = parseRequestQuery(query(req));
        const list = 'ids' in q ? await findRequestsByIds(db, q.ids) : await searchRequests(db, q.filter);
        return sendAs(reply, format, 'service_requests', await presentRows(req, list, q.extensions));
      },
    );

    scope.post(
      `/requests.${format}`,
      {
        schema: {
          tags: ['open311'],
          summary: `GeoReport: submit a request (${FORM}, or ${MULTIPART} with photo files; api_key required)`,
        },
      },
      async (req, reply) => {
        const { form, files } = await readPost(req);
        const key = await requireKey(db, settings.open311ApiKeys ?? [], form, query(req));
        await checkJurisdiction(form.fields.jurisdiction_id);
        const report = readPostedReport(form.fields);
        const service = await findServiceCategory(db, report.serviceCode);
        if (!service) {
          throw notFound311(
            {
              zh: `未知的 service_code：${report.serviceCode}`,
              en: `unknown service_code: ${report.serviceCode}`,
            },
            'CATEGORY_UNKNOWN',
          );
        }
        const idempotencyKey = [req.headers['idempotency-key']].flat()[0]?.trim() || null;
        if (idempotencyKey && (idempotencyKey.length < 8 || idempotencyKey.length > 100)) {
          throw badRequest({
            zh: 'Idempotency-Key 须为 8–100 个字符',
            en: 'Idempotency-Key must have 8–100 characters',
          });
        }
        const result = await withPostedPhotos(dir, files, (photos) =>
          submitRequest(db, key, service, report, form.attributes, idempotencyKey, cipher, photos),
        );
        // The request is created at once, so GeoReport v2 wants service_request_id and no token (a token is
        // for requests queued for later); the tracking code is the reporter's credential and is not echoed.
        const notice = langOf(req) === 'en' ? 'Received.' : '已受理。';
        const body = [{ service_request_id: String(result.id), service_notice: notice }];
        return sendAs(reply, format, 'service_requests', body, result.replayed ? 200 : 201);
      },
    );
  }

  scope.get<{ Params: { file: string } }>(
    '/services/:file',
    doc('GeoReport: a service definition (its attributes); path services/{service_code}.{json|xml}'),
    async (req, reply) => {
      const path = splitFormat(req.params.file);
      if (!path) throw unknown();
      await jurisdictionIn(query(req));
      const service = await findServiceCategory(db, path.name);
      if (!service) {
        throw notFound311(
          { zh: `未知的 service_code：${path.name}`, en: `unknown service_code: ${path.name}` },
          'CATEGORY_UNKNOWN',
        );
      }
      return sendAs(reply, path.format, 'service_definition', presentDefinition(service, langOf(req)));
    },
  );

  scope.get<{ Params: { file: string } }>(
    '/requests/:file',
    doc('GeoReport: one request; path requests/{service_request_id}.{json|xml}', ['extensions']),
    async (req, reply) => {
      const path = splitFormat(req.params.file);
      if (!path) throw unknown();
      await jurisdictionIn(query(req));
      const found = /^\d{1,9}$/.test(path.name) ? await findRequestsByIds(db, [Number(path.name)]) : [];
      if (!found.length) {
        throw notFound311({ zh: `没有编号为 ${path.name} 的诉求`, en: `no request ${path.name}` });
      }
      const extensions = [query(req).extensions].flat()[0]?.toLowerCase() === 'true';
      return sendAs(reply, path.format, 'service_requests', await presentRows(req, found, extensions));
    },
  );

  scope.get<{ Params: { file: string } }>(
    '/tokens/:file',
    doc('GeoReport: the service_request_id of a token; path tokens/{token}.{json|xml}'),
    async (req, reply) => {
      const path = splitFormat(req.params.file);
      if (!path) throw unknown();
      await jurisdictionIn(query(req));
      const id = /^[A-Za-z0-9-]{6,20}$/.test(path.name) ? await caseIdOfToken(db, path.name) : null;
      if (id === null)
        throw notFound311({ zh: `未知的 token：${path.name}`, en: `unknown token: ${path.name}` });
      const body = [{ service_request_id: String(id), token: path.name }];
      return sendAs(reply, path.format, 'service_requests', body);
    },
  );

  fmsUpdateRoutes(scope, db, {
    envKeys: settings.open311ApiKeys ?? [],
    photos: dir,
    checkJurisdiction,
    baseUrl,
  });

  // every other path under the prefix is an unknown resource, in the spec's error format (this also keeps
  // the web app's client-side route fallback away from it)
  scope.all('/*', { schema: { hide: true } }, async () => {
    throw unknown();
  });
}
