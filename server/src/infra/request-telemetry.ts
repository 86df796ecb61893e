import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { processMetrics } from './metrics.ts';

/** What an incoming X-Request-Id may be to be kept: short, and characters that cannot forge log lines. */
const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The request id: the caller's (or its proxy's) X-Request-Id when it is a plausible id, so one id follows a
 * request through the proxy's and the server's logs; otherwise a new UUID. It is the `reqId` of every JSON log
 * line of the request and comes back in the X-Request-Id response header.
 */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Fastify options that make it use requestId. */
export const REQUEST_ID_OPTIONS = { requestIdHeader: false as const, genReqId: requestId };

/**
 * Returns the request id in a header, and times every request into the latency histogram by route template
 * (`/api/cases/:id`, never the concrete URL, so the series stay few; unknown URLs are `unmatched`).
 */
export function registerRequestTelemetry(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    processMetrics.observe(
      'civicgrid_http_request_duration_seconds',
      'Time from request to response, by method, route template and status class',
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: `${Math.floor(reply.statusCode / 100)}xx`,
      },
      reply.elapsedTime / 1000,
    );
  });
}
