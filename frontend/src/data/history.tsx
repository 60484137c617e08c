/**
 * The DisCO's books for every page: loaded once (cache first, then the chain), followed block by block, refreshed
 * at once after the app's own transactions. Marks `disco-figures` on the Performance timeline when the books are
 * first ready, which the load benchmark reads (scripts/app-bench.ts).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { usePublicClient } from "wagmi";
import type { FetchProgress } from "@disco-ledger/sdk/history";
import { deployment } from "../chain.ts";
import { historyKey, loadCached, update, type LoadedHistory } from "./loader.ts";
import { chainReader } from "./rpcLogs.ts";
import { indexedDbStore, type HistoryStore, type StoredHistory } from "./store.ts";

export interface HistoryView {
  status: "loading" | "ready" | "error";
  loaded?: LoadedHistory;
  progress?: FetchProgress;
  error?: string;
  /** Brings the books up to the chain's head now. */
  refresh: () => Promise<void>;
}

const HistoryContext = createContext<HistoryView>({ status: "loading", refresh: async () => undefined });

export const useHistory = () => useContext(HistoryContext);

/** The folded state, once loaded; pages show their loading state until then. */
export function useBooks() {
  return useHistory().loaded?.state;
}

const BROWSER_STORE = indexedDbStore();

export function HistoryProvider({
  children,
  store = BROWSER_STORE,
  pollMs = 1_000,
}: {
  children: ReactNode;
  store?: HistoryStore;
  pollMs?: number;
}) {
  const client = usePublicClient();
  const [view, setView] = useState<Omit<HistoryView, "refresh">>({ status: "loading" });
  const current = useRef<{ events: LoadedHistory["events"]; stored?: StoredHistory }>(undefined);
  const keyRef = useRef<string>(undefined);
  const running = useRef<Promise<void>>(undefined);
  const marked = useRef(false);

  const show = useCallback((loaded: LoadedHistory) => {
    setView({ status: "ready", loaded });
    if (!marked.current) {
      marked.current = true;
      performance.mark("disco-figures", { detail: { fromCache: loaded.fromCache, events: loaded.events.length } });
    }
  }, []);

  const refresh = useCallback(async () => {
    if (!client) return;
    // One update at a time; a second caller waits for the one running, then brings in what came meanwhile.
    while (running.current) await running.current;
    running.current = (async () => {
      const reader = chainReader(client);
      try {
        keyRef.current ??= await historyKey(reader, deployment);
        const next = await update(reader, deployment, store, keyRef.current, current.current, (progress) =>
          setView((v) => ({ ...v, progress })),
        );
        if (next) {
          current.current = next;
          show(next);
        }
      } catch (error) {
        setView((v) => ({ ...v, status: v.loaded ? "ready" : "error", error: (error as Error).message }));
      }
    })();
    await running.current;
    running.current = undefined;
  }, [client, store, show]);

  useEffect(() => {
    if (!client) return;
    let stopped = false;
    (async () => {
      try {
        const key = await historyKey(chainReader(client), deployment);
        keyRef.current = key;
        const cached = await loadCached(store, key, deployment);
        if (cached && !stopped && !current.current) {
          current.current = cached;
          show(cached);
        }
      } catch (error) {
        setView({ status: "error", error: (error as Error).message });
      }
      if (!stopped) await refresh();
    })();
    // Polls skip while an update runs; the app's own transactions call refresh() and wait for theirs.
    const timer = setInterval(() => void (running.current ? undefined : refresh()), pollMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client, store, pollMs, refresh, show]);

  const value = useMemo(() => ({ ...view, refresh }), [view, refresh]);
  return <HistoryContext.Provider value={value}>{children}</HistoryContext.Provider>;
}
