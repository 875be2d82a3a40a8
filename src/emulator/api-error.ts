// The management API's error: rendered as the spec's ErrorResponse
// `{ code, status, error, message, details }`.

export type ErrorStatus =
  | "INVALID_ARGUMENT"
  | "UNAUTHENTICATED"
  | "PERMISSION_DENIED"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "FAILED_PRECONDITION"
  | "RESOURCE_EXHAUSTED"
  | "UNIMPLEMENTED"
  | "UNAVAILABLE"
  | "INTERNAL";

export interface ErrorResponseBody {
  code: number;
  status: ErrorStatus;
  error: string;
  message: string;
  details: unknown[];
}

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly httpStatus: number,
    readonly status: ErrorStatus,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }

  toBody(): ErrorResponseBody {
    return {
      code: this.httpStatus,
      status: this.status,
      error: this.errorCode,
      message: this.message,
      details: [],
    };
  }
}

export function invalidArgument(message: string, errorCode = "INVALID_ARGUMENT"): ApiError {
  return new ApiError(400, "INVALID_ARGUMENT", errorCode, message);
}

export function notFound(what: string, id: string, hint: string): ApiError {
  return new ApiError(
    404,
    "NOT_FOUND",
    `${what.toUpperCase().replace(/ /g, "_")}_NOT_FOUND`,
    `${what} '${id}' not found. ${hint}`,
  );
}

export function alreadyExists(message: string, errorCode: string): ApiError {
  // The spec declares no 409, so a duplicate is a 400 with status ALREADY_EXISTS.
  return new ApiError(400, "ALREADY_EXISTS", errorCode, message);
}
