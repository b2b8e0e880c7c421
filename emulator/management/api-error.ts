/** A refusal of the management API, answered as the API's `{Response: {Error: {Code, Message}}}`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
