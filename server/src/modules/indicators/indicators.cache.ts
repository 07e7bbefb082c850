import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Total size of the cached bodies; the oldest go first beyond it (a 2,000-indicator list is about 4 MB). */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/**
 * What a reply body costs to send, made once per distinct body (SPEED, #13): its strong ETag and, when first asked
 * for, its gzip (what @fastify/compress would make for every request). Shared by the entries of equal bodies.
 */
interface Packed {
  etag: string;
  gzip: Buffer | null;
}

/** Bodies whose packing is remembered: the same figures asked under other URLs (or again after a write) reuse it. */
const MAX_PACKED = 16;
/** Smaller replies are not compressed (the threshold given to @fastify/compress in app.ts). */
const COMPRESS_THRESHOLD = 1024;

/** Whether a request takes a gzip body (as @fastify/compress reads Accept-Encoding: x-gzip and `*` mean gzip). */
function takesGzip(request: FastifyRequest): boolean {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string' || request.headers['x-no-compression'] !== undefined) return false;
  return header
    .toLowerCase()
    .split(',')
    .some((part) => {
      const [name = '', ...params] = part.split(';').map((t) => t.trim());
      const refused = params.some((p) => /^q=0(\.0*)?$/.test(p));
      return !refused && (name === 'gzip' || name === 'x-gzip' || name === '*');
    });
}

interface Entry {
  version: string;
  etag: string;
  packed: Packed;
  body: string;
  contentType: string;
  /** the page cursor header of a paged list (SPEED, #13), replayed with the body */
  nextCursor: string | null;
}

/** Whether an If-None-Match header names the ETag (a list, weak or strong, or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * Serves the GET routes of the plugin it is called in from memory while the data has not changed.
 * Progress is derived data: evaluating 36 (or 2,000) indicators and serialising them costs far more
 * than sending bytes, and leaders and polling systems ask the same question again and again.
 *
 * A reply is cached per URL together with the data version it was computed at (`dataVersion`, read
 * before the handler runs); any write moves the version and the next request computes afresh. Every
 * reply carries a strong ETag (a hash of its bytes), so a poller that sends it back as If-None-Match
 * gets 304 without a body — also after an unrelated write, when the recomputed bytes are the same.
 * A reply to a signed-in reader is `no-store` (SEC #10, L7: nothing private is kept in any cache; the
 * poller keeps the ETag itself); a public reply (PUBLIC_READ) is `private, no-cache` (revalidated). Call it after the plugin's own
 * preHandlers (access checks), so that a cached reply is only given to a request they let through.
 */
export function cacheDerivedReads(app: FastifyInstance, dataVersion: () => string): void {
  // SEC (#10, M5): anonymous readers (PUBLIC_READ) get replies without unapproved values or names: a separate entry
  const keyOf = (request: FastifyRequest) => `${request.principal === null ? 'public' : 'signed-in'} ${request.url}`;
  const cacheControl = (request: FastifyRequest) => (request.principal === null ? 'private, no-cache' : 'no-store');
  const cache = new Map<string, Entry>();
  let cachedBytes = 0;
  // V8 hashes a long string key by its length only, so finding an equal body costs one comparison, not a hash
  const packedBodies = new Map<string, Packed>();
  function packedOf(body: string): Packed {
    let packed = packedBodies.get(body);
    if (packed === undefined) {
      packed = { etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`, gzip: null };
      if (packedBodies.size >= MAX_PACKED) {
        const oldest = packedBodies.keys().next();
        if (oldest.done !== true) packedBodies.delete(oldest.value);
      }
      packedBodies.set(body, packed);
    }
    return packed;
  }
  /** The body as sent: gzip made once per body when the client takes it, else the text. */
  function bodyFor(request: FastifyRequest, reply: FastifyReply, body: string, packed: Packed): string | Buffer {
    if (body.length < COMPRESS_THRESHOLD || !takesGzip(request)) return body;
    packed.gzip ??= gzipSync(body);
    const vary = reply.getHeader('vary');
    if (vary === undefined) reply.header('vary', 'accept-encoding');
    else if (!String(vary).includes('accept-encoding')) reply.header('vary', `${String(vary)}, accept-encoding`);
    reply.header('content-encoding', 'gzip');
    return packed.gzip;
  }
  // the version a request's handler computes at, or null when its reply came from the cache
  const computing = new WeakMap<FastifyRequest, string | null>();

  function store(url: string, entry: Entry) {
    const old = cache.get(url);
    if (old) {
      cachedBytes -= old.body.length;
      cache.delete(url);
    }
    cache.set(url, entry);
    cachedBytes += entry.body.length;
    for (const [key, oldest] of cache) {
      if (cachedBytes <= MAX_CACHED_BYTES) break;
      cache.delete(key);
      cachedBytes -= oldest.body.length;
    }
  }

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET') return;
    const version = dataVersion();
    const hit = cache.get(keyOf(request));
    if (hit === undefined || hit.version !== version) {
      computing.set(request, version);
      return;
    }
    computing.set(request, null);
    reply.header('etag', hit.etag).header('cache-control', cacheControl(request));
    if (hit.nextCursor !== null) reply.header('x-next-cursor', hit.nextCursor);
    if (matches(request.headers['if-none-match'], hit.etag)) return reply.code(304).send();
    return reply.type(hit.contentType).send(bodyFor(request, reply, hit.body, hit.packed));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const version = computing.get(request);
    if (version == null || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const packed = packedOf(payload);
    const etag = packed.etag;
    store(keyOf(request), {
      version,
      etag,
      packed,
      body: payload,
      contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      nextCursor: reply.hasHeader('x-next-cursor') ? String(reply.getHeader('x-next-cursor')) : null,
    });
    reply.header('etag', etag).header('cache-control', cacheControl(request));
    if (!matches(request.headers['if-none-match'], etag)) return bodyFor(request, reply, payload, packed);
    reply.code(304).removeHeader('content-type');
    return '';
  });
}
