/** Errors reported by PostgreSQL (pg and PGlite both expose the ErrorResponse fields). */

export interface ServerError {
  message: string;
  code: string;
  /** 1-based, in characters (code points) of the statement as sent. */
  position?: number;
  detail?: string;
  hint?: string;
  where?: string;
}

/** `undefined` for anything that is not an ErrorResponse (a broken connection, a bug): rethrow those. */
export function asServerError(err: unknown): ServerError | undefined {
  const e = err as { message?: unknown; code?: unknown; severity?: unknown; position?: unknown; detail?: unknown; hint?: unknown; where?: unknown };
  // `severity` tells an ErrorResponse from a Node system error with a five-letter code (EPIPE).
  if (!e || typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code) || typeof e.severity !== 'string') return undefined;
  const position = Number(e.position);
  return {
    message: String(e.message ?? ''),
    code: e.code,
    ...(Number.isInteger(position) && position > 0 ? { position } : {}),
    ...(typeof e.detail === 'string' && e.detail ? { detail: e.detail } : {}),
    ...(typeof e.hint === 'string' && e.hint ? { hint: e.hint } : {}),
    ...(typeof e.where === 'string' && e.where ? { where: e.where } : {}),
  };
}
