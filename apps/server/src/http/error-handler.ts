import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue, translate, type Locale } from '@voyage/kernel';

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  expected?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  format?: string;
  keys?: string[];
  values?: unknown[];
  message?: string;
}

/** Turns a zod issue into a translated issue that names the field. */
export function fieldIssueFromZod(issue: ZodIssueLike, locale: Locale, prefix = ''): FieldIssue[] {
  const base = [prefix, ...(issue.path ?? []).map(String)].filter(Boolean).join('.');
  const field = base || 'body';
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, { field, ...params });
  switch (issue.code) {
    case 'unrecognized_keys':
      return (issue.keys ?? []).map((k) => {
        const f = base ? `${base}.${k}` : k;
        return { field: f, code: 'unknown', message: translate(locale, 'field.unknown', { field: f }) };
      });
    case 'invalid_type':
      if (issue.message?.includes('received undefined')) return [{ field, code: 'required', message: t('field.required') }];
      if (issue.expected === 'date') return [{ field, code: 'invalid_date', message: t('field.invalid_date') }];
      return [{ field, code: 'invalid_type', message: t('field.invalid_type', { expected: issue.expected ?? '?' }) }];
    case 'too_big':
      return issue.origin === 'string'
        ? [{ field, code: 'too_long', message: t('field.too_long', { max: Number(issue.maximum) }) }]
        : [{ field, code: 'too_big', message: t('field.too_big', { max: Number(issue.maximum) }) }];
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return [{ field, code: 'required', message: t('field.required') }];
      return issue.origin === 'string'
        ? [{ field, code: 'too_short', message: t('field.too_short', { min: Number(issue.minimum) }) }]
        : [{ field, code: 'too_small', message: t('field.too_small', { min: Number(issue.minimum) }) }];
    case 'invalid_format': {
      const key = issue.format === 'email' ? 'field.invalid_email' : issue.format === 'url' ? 'field.invalid_url' : issue.format === 'datetime' || issue.format === 'date' ? 'field.invalid_date' : 'field.invalid_format';
      return [{ field, code: key.slice(6), message: t(key) }];
    }
    case 'invalid_value':
      return [{ field, code: 'invalid_option', message: t('field.invalid_option', { options: (issue.values ?? []).map(String).join(', ') }) }];
    default:
      return [{ field, code: issue.code ?? 'invalid', message: t('field.invalid') }];
  }
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).send({ error: { code, message, details: details ?? null, requestId: request.id } });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    const locale = request.locale ?? 'en';
    if (error instanceof AppError) {
      const fields = (error.details as { fields?: FieldIssue[] } | undefined)?.fields;
      const params = { ...(error.params ?? {}), ...(fields ? { fields: fields.map((f) => f.field).join(', ') } : {}) };
      const message = error.explicitMessage ? error.message : translate(locale, `errors.${error.code}`, params);
      if (error.status >= 500) request.log.error({ err: error }, 'application error');
      return send(reply, request, error.status, error.code, message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      const prefix = context === 'querystring' ? 'query' : context === 'params' ? 'params' : '';
      // fastify-type-provider-zod flattens each zod issue into { keyword: code, instancePath, message, params: rest }.
      const fields = error.validation.flatMap((v) =>
        fieldIssueFromZod({ ...(v.params as ZodIssueLike), code: v.keyword, message: v.message, path: v.instancePath.split('/').filter(Boolean) }, locale, prefix),
      );
      return send(reply, request, 400, 'validation_failed', translate(locale, 'errors.validation_failed', { fields: fields.map((f) => f.field).join(', ') }), { fields });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return send(reply, request, 500, 'internal', translate(locale, 'errors.internal'));
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, request, 400, 'payload_too_large', translate(locale, 'errors.payload_too_large', { limit: app.initialConfig.bodyLimit ?? 0 }), { fields: [{ field: 'body', code: 'too_large', message: translate(locale, 'errors.payload_too_large', { limit: app.initialConfig.bodyLimit ?? 0 }) }] });
    }
    if (fe.statusCode === 429) {
      return send(reply, request, 429, 'rate_limited', translate(locale, 'errors.rate_limited'));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, wrong content type, empty body and other client errors from Fastify.
      const field = fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code?.startsWith('FST_ERR_CTP') || fe instanceof SyntaxError ? 'body' : 'request';
      return send(reply, request, 400, 'bad_request', translate(locale, 'errors.bad_request'), { fields: [{ field, code: 'malformed', message: fe.message }] });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, 'internal', translate(locale, 'errors.internal'));
  });

  app.setNotFoundHandler((request, reply) => {
    return send(reply, request, 404, 'not_found', translate(request.locale ?? 'en', 'errors.not_found', { what: 'route' }));
  });
}
