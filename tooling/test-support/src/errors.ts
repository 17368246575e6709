// Test support (any runtime): await a promise that must reject with an error carrying a given stable `code`.

/** An error with a stable string `code` and structured `details` (the shape of every ksmkit error class). */
export interface CodedError extends Error {
  readonly code: string;
  // biome-ignore lint/suspicious/noExplicitAny: details differ per code; tests index into them freely
  readonly details: Record<string, any>;
}

/**
 * The error with `code` that `promise` rejects with; fulfilment or an error with another code fails the test.
 *
 * @example
 * const error = await rejection(client.getSecrets(), 'ERR_NETWORK');
 * expect(error.details.endpoint).toBe('get_secret');
 */
export async function rejection<E extends Error = CodedError>(promise: Promise<unknown>, code: string): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error && (error as { code?: unknown }).code === code) return error as E;
    throw error;
  }
  throw new Error(`expected a rejection with ${code}`);
}
