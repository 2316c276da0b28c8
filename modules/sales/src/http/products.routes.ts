import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZCreatePriceBookRequest, ZCreateProductRequest, ZDealLinesResponse, ZListQuery, ZPriceBookDetail, ZPriceBookListQuery, ZPriceBookListResponse,
  ZProductDetail, ZProductListResponse, ZRecordParams, ZSetDealLinesRequest, ZSetPriceBookEntriesRequest, ZUpdatePriceBookRequest, ZUpdateProductRequest,
} from '@voyage/contracts';
import { getDealLines } from '../deal-lines/get-deal-lines';
import { setDealLines } from '../deal-lines/set-deal-lines';
import { createPriceBook } from '../price-books/create-price-book';
import { deletePriceBook } from '../price-books/delete-price-book';
import { getPriceBook } from '../price-books/get-price-book';
import { listPriceBooks } from '../price-books/list-price-books';
import { setPriceBookEntries } from '../price-books/set-price-book-entries';
import { updatePriceBook } from '../price-books/update-price-book';
import { createProduct } from '../products/create-product';
import { deleteProduct } from '../products/delete-product';
import { getProduct } from '../products/get-product';
import { listProducts } from '../products/list-products';
import { updateProduct } from '../products/update-product';

const ZProductListQuery = ZListQuery.extend({ q: z.string().max(200).optional().describe('Searches SKU and name') });

/** Products and bundles, price books and their entries, and the product lines of a deal (S4). */
export function productRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const module = 'sales';
  const read = { module, scope: 'product:read' };
  const write = { module, scope: 'product:write' };

  let tags = ['products'];
  r.get('/api/v1/products', { schema: { tags, summary: 'List products (q, filter, sort, cursor)', querystring: ZProductListQuery, response: { 200: ZProductListResponse } }, config: read },
    async (request) => listProducts(request.ctx(), request.query));
  r.post('/api/v1/products', { schema: { tags, summary: 'Add a product or a bundle (SKU unique per workspace)', body: ZCreateProductRequest, response: { 201: ZProductDetail } }, config: write },
    async (request, reply) => reply.status(201).send(await createProduct(request.ctx(), request.body)));
  r.get('/api/v1/products/:id', { schema: { tags, summary: 'One product with its bundle items', params: ZRecordParams, response: { 200: ZProductDetail } }, config: read },
    async (request) => getProduct(request.ctx(), request.params.id));
  r.patch('/api/v1/products/:id', { schema: { tags, summary: 'Change a product (send its version); items replace the bundle items', params: ZRecordParams, body: ZUpdateProductRequest, response: { 200: ZProductDetail } }, config: write },
    async (request) => updateProduct(request.ctx(), request.params.id, request.body));
  r.delete('/api/v1/products/:id', { schema: { tags, summary: 'Move a product to the trash', params: ZRecordParams }, config: write },
    async (request, reply) => { await deleteProduct(request.ctx(), request.params.id); return reply.status(204).send(); });

  tags = ['price-books'];
  r.get('/api/v1/price-books', { schema: { tags, summary: 'Price books, optionally of one currency', querystring: ZPriceBookListQuery, response: { 200: ZPriceBookListResponse } }, config: read },
    async (request) => ({ data: await listPriceBooks(request.ctx(), request.query.currency) }));
  r.post('/api/v1/price-books', { schema: { tags, summary: 'Add a price book (one default per currency)', body: ZCreatePriceBookRequest, response: { 201: ZPriceBookDetail } }, config: write },
    async (request, reply) => reply.status(201).send(await createPriceBook(request.ctx(), request.body)));
  r.get('/api/v1/price-books/:id', { schema: { tags, summary: 'One price book with its entries', params: ZRecordParams, response: { 200: ZPriceBookDetail } }, config: read },
    async (request) => getPriceBook(request.ctx(), request.params.id));
  r.patch('/api/v1/price-books/:id', { schema: { tags, summary: 'Change a price book (send its version)', params: ZRecordParams, body: ZUpdatePriceBookRequest, response: { 200: ZPriceBookDetail } }, config: write },
    async (request) => updatePriceBook(request.ctx(), request.params.id, request.body));
  r.delete('/api/v1/price-books/:id', { schema: { tags, summary: 'Move a price book to the trash', params: ZRecordParams }, config: write },
    async (request, reply) => { await deletePriceBook(request.ctx(), request.params.id); return reply.status(204).send(); });
  r.put('/api/v1/price-books/:id/entries', { schema: { tags, summary: 'Replace all entries (list price, max discount) of a price book', params: ZRecordParams, body: ZSetPriceBookEntriesRequest, response: { 200: ZPriceBookDetail } }, config: write },
    async (request) => setPriceBookEntries(request.ctx(), request.params.id, request.body));

  tags = ['deals'];
  r.get('/api/v1/deals/:id/lines', { schema: { tags, summary: 'Product lines of a deal, with approval flags', params: ZRecordParams, response: { 200: ZDealLinesResponse } }, config: { module, scope: 'deal:read' } },
    async (request) => getDealLines(request.ctx(), request.params.id));
  r.put('/api/v1/deals/:id/lines', { schema: { tags, summary: 'Replace the product lines of a deal (send the deal version); the amount follows the lines', params: ZRecordParams, body: ZSetDealLinesRequest, response: { 200: ZDealLinesResponse } }, config: { module, scope: 'deal:write' } },
    async (request) => setDealLines(request.ctx(), request.params.id, request.body));
}
