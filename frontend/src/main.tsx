import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { WagmiProvider } from "wagmi";
import { App, preloadPage } from "./App.tsx";
import { logsRequested } from "./data/early.ts";
import { cachedBooksKey, prefetchHistory } from "./data/history.tsx";
import { I18nProvider } from "./i18n.tsx";
import { followAddress, parseRoute } from "./route.ts";
import "./styles.css";
import { config } from "./wagmi.ts";

followAddress();
const queryClient = new QueryClient();
const cached = prefetchHistory(queryClient);
const opening = preloadPage(parseRoute(window.location.hash).page).catch(() => undefined);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// The first render waits for the cached books (tens of milliseconds) and the opening page's code, so that it shows
// them rather than a loading state and renders again; without cached books, for the history's request to have left
// (data/early.ts), then renders while the chain answers. Never long, should the database or the network be slow.
const ready = cached.then(async () => {
  if (!queryClient.getQueryData(cachedBooksKey)) await logsRequested;
});
await Promise.race([Promise.all([ready, opening]), new Promise((resolve) => setTimeout(resolve, 500))]);

createRoot(root).render(
  <StrictMode>
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <App />
        </I18nProvider>
      </QueryClientProvider>
    </WagmiProvider>
  </StrictMode>,
);
