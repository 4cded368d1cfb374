/** Shared by the tests: what a call throws, for assertions on an error's code, reason and words. */
import type { ApiError } from './errors.ts';

/** The error `fn` throws (an ApiError unless said otherwise); fails the test when it throws none. */
export function thrown<E = ApiError>(fn: () => unknown): E {
  try {
    fn();
  } catch (e) {
    return e as E;
  }
  throw new Error('expected an error');
}
