/**
 * `load`, run on the first call and its promise kept for the calls after it, for the life of the
 * process; a promise that rejects is forgotten, so the next call runs `load` again. For what is
 * fetched or built once per instance (a secret from SSM, an imported key, the authorizer): one
 * network blip must not break the instance for good. Concurrent first calls share one load.
 */
export function keptUnlessFailed<T>(load: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => {
    if (kept === undefined) {
      // Inside an async function, so a load that throws at once rejects like one that fails later.
      const attempt = (async () => load())();
      kept = attempt;
      attempt.catch(() => {
        if (kept === attempt) kept = undefined;
      });
    }
    return kept;
  };
}
