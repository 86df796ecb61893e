import type { FastifyInstance } from 'fastify';
import { multipartBody, testImage } from '../photos/test-fixtures.ts';

/** What a test needs of an inspection's answer: the view's route, stops with items and answers. */
export interface ViewStop {
  id: number;
  items: { id: number; textZh: string; categoryCode: string }[];
  answers: { itemId: number; result: string }[];
}

/** POSTs JSON as a cookie and returns the response. */
export function post(app: FastifyInstance, cookie: string, url: string, payload: object = {}) {
  return app.inject({ method: 'POST', url, headers: { cookie }, payload });
}

/**
 * Answers one stop: the items at the given indexes fail (each with a photo), every other item passes. Returns
 * the response of the multipart request.
 */
export async function answerStop(
  app: FastifyInstance,
  cookie: string,
  inspectionId: number,
  stop: ViewStop,
  failing: number[],
  opts: { photos?: boolean } = {},
) {
  const answers = stop.items.map((it, i) => ({
    itemId: it.id,
    result: failing.includes(i) ? 'fail' : 'pass',
    note: failing.includes(i) ? '现场发现问题' : null,
  }));
  const jpeg = await testImage('jpeg');
  const files =
    opts.photos === false
      ? []
      : failing.map((i) => ({
          name: `photo-${stop.items[i]!.id}`,
          filename: 'p.jpg',
          type: 'image/jpeg',
          data: jpeg,
        }));
  const { payload, headers } = multipartBody({ answers: JSON.stringify(answers) }, files);
  return app.inject({
    method: 'POST',
    url: `/api/inspections/${inspectionId}/stops/${stop.id}/answers`,
    headers: { ...headers, cookie },
    payload,
  });
}
