// Loads data for a component and keeps loading/error state; reruns when `deps` change and aborts the
// previous request so a slow old answer never overwrites a newer one.
import { useCallback, useEffect, useState, type DependencyList } from 'react';

export type AsyncData<T> = {
  data: T | undefined;
  error: Error | undefined;
  isLoading: boolean;
  reload: () => void;
  setData: (update: (previous: T | undefined) => T | undefined) => void;
};

export function useAsyncData<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncData<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [isLoading, setIsLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setIsLoading(true);
    setError(undefined);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setDataState(value);
        setIsLoading(false);
      },
      (cause: unknown) => {
        if (controller.signal.aborted) return;
        setError(cause instanceof Error ? cause : new Error(String(cause)));
        setIsLoading(false);
      },
    );
    return () => controller.abort();
    // `load` is recreated on every render; `deps` says when it really changed.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback((update: (previous: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, isLoading, reload, setData };
}
