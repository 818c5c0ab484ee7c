import { ERROR_CODES, type ErrorCode } from "./types";

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

function isErrorCode(value: unknown): value is Exclude<ErrorCode, "Unknown"> {
  return typeof value === "string" && KNOWN_CODES.has(value);
}

/**
 * An error from a backend command, as `{ code, message }`. The UI branches on `code`
 * only; `message` is plain text meant for the user.
 */
export class IpcError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "IpcError";
    this.code = code;
  }

  /** Whatever a command rejected with, as an IpcError; unrecognised shapes are "Unknown". */
  static from(error: unknown): IpcError {
    if (error instanceof IpcError) return error;
    if (typeof error === "string") return new IpcError("Unknown", error);
    if (typeof error === "object" && error !== null) {
      const { code, message } = error as { code?: unknown; message?: unknown };
      const text =
        typeof message === "string" && message !== ""
          ? message
          : "The app reported an error without a message.";
      return new IpcError(isErrorCode(code) ? code : "Unknown", text);
    }
    return new IpcError("Unknown", String(error));
  }
}
