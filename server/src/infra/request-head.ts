/**
 * The largest request head (request line and headers) the HTTP server reads. Node's default is 16 KiB, which
 * stops a GET long before FixMyStreet's fallback polling is done listing ids: it puts every id it ever sent
 * into one `requests.xml?service_request_id=…` (issue 16). 512 KiB carries 50,000 seven-digit ids, the
 * most GET requests accepts (open311/params.ts MAX_IDS); a longer head is answered 431 by Node itself.
 */
export const MAX_REQUEST_HEAD_BYTES = 512 * 1024;

/** The options for Node's http.createServer that Fastify passes on (its `http` option). */
export const HTTP_SERVER_OPTIONS = { maxHeaderSize: MAX_REQUEST_HEAD_BYTES };
