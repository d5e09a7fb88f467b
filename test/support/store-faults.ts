/** A store that does something else first, once, just before its first call of one method. */
export interface HookedStore<S> {
  /** The store to hand to the code under test: `method` runs the hook once, then every call passes through. */
  readonly store: S;
  /** Whether the hook has run (to its end): a test that relies on the race must check that it happened. */
  ran(): boolean;
}

/**
 * Wraps `store` so that `hook` runs just before the first call of `method` (a race: something
 * written between the code under test reading and writing). Later calls, and calls that arrive
 * while the hook runs, go straight to the store.
 */
export function beforeFirstCall<S extends object, M extends keyof S & string>(
  store: S,
  method: M,
  hook: () => Promise<unknown>,
): HookedStore<S> {
  let started = false;
  let finished = false;
  const hooked = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== method || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (!started) {
          started = true;
          await hook();
          finished = true;
        }
        return value.apply(target, args);
      };
    },
  });
  return { store: hooked, ran: () => finished };
}
