import type { z } from 'zod';
import type {
  TDealLinesResponse, TPriceBook, TPriceBookDetail, TProduct, TProductDetail, TProductListResponse,
  ZCreatePriceBookRequest, ZCreateProductRequest, ZSetDealLinesRequest, ZSetPriceBookEntriesRequest, ZUpdatePriceBookRequest, ZUpdateProductRequest,
} from '@voyage/contracts';
import { api } from '../../../api/client';

export type { TDealLinesResponse, TPriceBook, TPriceBookDetail, TProduct, TProductDetail };

export interface ProductFilters { q?: string; productLine?: string; active?: 'true' | 'false'; cursor?: string; limit?: number }

export const productsApi = {
  list: (f: ProductFilters = {}) => api.get<TProductListResponse>('/products', { query: { q: f.q || undefined, 'filter[productLine]': f.productLine || undefined, 'filter[active]': f.active, cursor: f.cursor, limit: f.limit ?? 50, sort: 'name' } }),
  get: (id: string) => api.get<TProductDetail>(`/products/${id}`),
  create: (body: z.input<typeof ZCreateProductRequest>) => api.post<TProductDetail>('/products', body),
  update: (id: string, body: z.input<typeof ZUpdateProductRequest>) => api.patch<TProductDetail>(`/products/${id}`, body),
  remove: (id: string) => api.delete<void>(`/products/${id}`),
};

export const priceBooksApi = {
  list: (currency?: string) => api.get<{ data: TPriceBook[] }>('/price-books', { query: { currency } }),
  get: (id: string) => api.get<TPriceBookDetail>(`/price-books/${id}`),
  create: (body: z.input<typeof ZCreatePriceBookRequest>) => api.post<TPriceBookDetail>('/price-books', body),
  update: (id: string, body: z.input<typeof ZUpdatePriceBookRequest>) => api.patch<TPriceBookDetail>(`/price-books/${id}`, body),
  remove: (id: string) => api.delete<void>(`/price-books/${id}`),
  setEntries: (id: string, body: z.input<typeof ZSetPriceBookEntriesRequest>) => api.put<TPriceBookDetail>(`/price-books/${id}/entries`, body),
};

export const dealLinesApi = {
  get: (dealId: string) => api.get<TDealLinesResponse>(`/deals/${dealId}/lines`),
  set: (dealId: string, body: z.input<typeof ZSetDealLinesRequest>) => api.put<TDealLinesResponse>(`/deals/${dealId}/lines`, body),
};

/** Decimal places of a currency's minor unit (CNY 2, JPY 0). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
export const toMinor = (major: number, currency: string) => Math.round(major * 10 ** currencyDigits(currency));
export const toMajor = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency);
