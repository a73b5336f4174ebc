/**
 * A fresh idempotency key (a version 4 UUID) for one attempt at an action that must not happen
 * twice, such as recording a payment. `crypto.randomUUID` exists only in secure contexts (HTTPS,
 * localhost); an office reaching the product over plain HTTP on its network gets the same kind of
 * key built from `crypto.getRandomValues`, which every browser has.
 */
export function newIdempotencyKey(cryptoApi: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = globalThis.crypto): string {
  if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
