import { problem } from './problem.ts';

/**
 * Opaque page cursors: the id of the last entry of a page, base64url-encoded with a marker so that
 * a client treats it as opaque and a tampered one is refused (400 `invalid_cursor`).
 */
export function encodeCursor(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64url');
}

/** The id a cursor stands for; a malformed cursor is a 400 naming `query.cursor`. */
export function decodeCursor(kind: string, cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = new RegExp(`^${kind}:([1-9]\\d{0,15})$`).exec(text);
  const id = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw problem('invalid_cursor', 'query.cursor: not a cursor this API gave out', [
      { field: 'query.cursor', message: 'not a cursor this API gave out' },
    ]);
  }
  return id;
}
