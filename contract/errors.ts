/** One field's problem in an error answer: `path` names the field (and `row` the file's row, for imports). */
export interface ErrorDetail {
  path: string;
  message: string;
  row?: number;
}

/**
 * The one error shape of the API, `{ error: { code, message, details } }` with a Chinese message: the server throws
 * it (AppError), the web app receives it (ApiError).
 */
export class ErrorWithDetails extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}
