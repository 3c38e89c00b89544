/**
 * One place that turns errors into API responses: a stable code, the status it maps to, a message
 * that says what to do, and the request id. 5xx details (and every stack) stay in the log.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CordonError, type ErrorCode, type Problem } from '../../core/errors.ts';

/** The HTTP status of each error code; codes not listed are server faults (500). */
export const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  import_invalid: 400,
  policy_invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stock_exhausted: 409,
  rate_limited: 429,
};

/** The body of every error response. */
export interface ApiErrorBody {
  error: { code: ErrorCode | 'internal'; message: string; problems?: Problem[]; requestId: string };
}

function body(req: FastifyRequest, code: ApiErrorBody['error']['code'], message: string, problems?: Problem[]): ApiErrorBody {
  return { error: { code, message, ...(problems && problems.length > 0 ? { problems: problems.slice(0, 1000) } : {}), requestId: String(req.id) } };
}

/** Fastify's own client errors (bad JSON, too large, wrong media type, schema validation): all `invalid_input`. */
function frameworkMessage(err: FastifyError): string {
  if (err.validation) {
    const first = err.validation.slice(0, 5).map((v) => `${err.validationContext ?? 'request'}${v.instancePath || ''} ${v.message ?? 'is invalid'}`);
    return `${first.join('; ')}; see /api/openapi.json for the expected shape`;
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'the request body is too large; send a smaller one (uploads have their own, larger limit)';
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'this content type is not accepted here; send application/json (policies also text/plain, imports multipart/form-data)';
  return err.message;
}

/** The API's error handler. */
export function apiErrorHandler(err: FastifyError | CordonError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof CordonError) {
    const status = STATUS_OF[err.code] ?? 500;
    if (status >= 500) return internal(err, req, reply);
    if (err.code !== 'not_found') req.log.info({ code: err.code }, err.message);
    return reply.code(status).send(body(req, err.code, err.message, err.problems));
  }
  const status = (err as FastifyError).statusCode ?? 500;
  if (status === 429) return reply.code(429).send(body(req, 'rate_limited', 'too many requests; wait a minute and try again'));
  if (status >= 400 && status < 500) {
    req.log.info({ code: (err as FastifyError).code }, err.message);
    return reply.code(status).send(body(req, status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'invalid_input', frameworkMessage(err as FastifyError)));
  }
  return internal(err, req, reply);
}

function internal(err: Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  req.log.error({ err }, 'request failed');
  return reply.code(500).send(body(req, 'internal', `internal error; nothing is shown here on purpose: quote request id ${req.id} to the administrator, who finds the details in the server log`));
}

/** 404 for an /api path that names no route. */
export function apiNotFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).send(body(req, 'not_found', `no route ${req.method} ${req.url.split('?')[0]?.slice(0, 200)}; see /api/openapi.json for the routes`));
}
