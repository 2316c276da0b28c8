import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

/**
 * Whether an IP address is loopback, private, link-local, carrier-grade NAT, unique-local,
 * multicast or unspecified: addresses inside the server's own network that a workflow's
 * outbound webhook must not reach (SSRF), unless the deployment allows it.
 */
export function isPrivateAddress(address: string): boolean {
  const mapped = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(mapped) === 4) {
    const [a, b] = mapped.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254)
      || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)) || a >= 224;
  }
  const v6 = mapped.toLowerCase();
  return v6 === '::' || v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe8') || v6.startsWith('fe9') || v6.startsWith('fea') || v6.startsWith('feb') || v6.startsWith('ff');
}

/** A connection refused because the host resolved to a private address. */
export class PrivateAddressError extends Error {
  constructor(readonly address: string) {
    super(`private address ${address}`);
  }
}

/**
 * The DNS lookup of the connection itself: it refuses the host when any address it resolves to
 * is private, and the socket connects to the addresses it checked. A host cannot answer a public
 * address to a check and a private one to the connection that follows (DNS rebinding).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', undefined);
    const blocked = addresses.find((a) => isPrivateAddress(a.address));
    if (blocked) return callback(new PrivateAddressError(blocked.address), '', undefined);
    if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', undefined);
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * POSTs a body and answers the response's status; redirects are not followed. Unless private
 * addresses are allowed, an IP host is checked as it is and a named host through
 * `publicOnlyLookup`, so the request goes only to an address that was checked. The URL's host
 * stays the Host header and the TLS server name.
 */
export function postToAddress(url: string, init: { headers: Record<string, string>; body: string; timeoutMs: number; allowPrivate: boolean }): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!init.allowPrivate && isIP(host) && isPrivateAddress(host)) return Promise.reject(new PrivateAddressError(host));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target, {
      method: 'POST',
      headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
      lookup: init.allowPrivate ? undefined : publicOnlyLookup,
      signal: AbortSignal.timeout(init.timeoutMs),
    }, (response) => {
      response.resume();
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    request.on('error', reject);
    request.end(init.body);
  });
}
