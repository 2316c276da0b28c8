import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZDataQualityQuery, ZDataQualityRecordsQuery, ZDataQualityRecordsResponse, ZDataQualityResponse } from '@voyage/contracts';
import { getDataQualityReport } from '../data-quality/get-data-quality-report';
import { listDataQualityRecords } from '../data-quality/list-data-quality-records';

/**
 * The data-quality report (C5). Its right is the object's `read` right (and `contact:read` /
 * `account:read` for API keys), checked by `scopedWhere`: a report over records the actor may
 * already list needs nothing more, and the data scope narrows it to theirs.
 */
export async function dataQualityRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['data quality'];

  r.get('/api/v1/customers/data-quality', {
    schema: {
      tags,
      summary: 'Missing and invalid fields by owner, with a completeness score (records in your data scope; needs the object\'s read right)',
      querystring: ZDataQualityQuery,
      response: { 200: ZDataQualityResponse },
    },
    config: { module: 'customers' },
  }, async (request) => getDataQualityReport(request.ctx(), request.query));

  r.get('/api/v1/customers/data-quality/records', {
    schema: {
      tags,
      summary: 'The records behind one cell of the data-quality report (owner, check, missing or invalid), by name',
      querystring: ZDataQualityRecordsQuery,
      response: { 200: ZDataQualityRecordsResponse },
    },
    config: { module: 'customers' },
  }, async (request) => listDataQualityRecords(request.ctx(), request.query));
}
