import { lazy, Suspense } from "react";
import { defineMessages, type LANGS, useLang, useT } from "./i18n.tsx";
import { href, PAGES, useRoute, type Page } from "./route.ts";
import { Loading } from "./ui/kit.tsx";
import { ConnectMenu, NetworkBanner } from "./wallet/ConnectMenu.tsx";
import { useHistory } from "./data/history.tsx";
import { deployment, isLocal, missingDisCO } from "./chain.ts";

/**
 * A page loaded when first shown, or before, by `preload`: then its first render does not suspend (React holds a
 * Suspense boundary's content back for up to 300 ms after showing its fallback).
 */
function lazyPage(load: () => Promise<{ default: React.ComponentType }>) {
  let loaded: React.ComponentType | undefined;
  const Lazy = lazy(load);
  return {
    preload: () =>
      load().then((module) => {
        loaded = module.default;
      }),
    Component: () => {
      const Page = loaded ?? Lazy;
      return <Page />;
    },
  };
}

// Each page loads when first visited: the first download is the shell. The page a visit opens on loads as the app
// starts (main.tsx), while the cached books are read.
const PAGE_COMPONENTS: Record<Page, ReturnType<typeof lazyPage>> = {
  me: lazyPage(() => import("./pages/me/index.tsx")),
  work: lazyPage(() => import("./pages/work/index.tsx")),
  decisions: lazyPage(() => import("./pages/decisions/index.tsx")),
  treasury: lazyPage(() => import("./pages/treasury/index.tsx")),
  audit: lazyPage(() => import("./pages/audit/index.tsx")),
  federation: lazyPage(() => import("./pages/federation/index.tsx")),
  credit: lazyPage(() => import("./pages/credit/index.tsx")),
  profile: lazyPage(() => import("./pages/profile/index.tsx")),
  discos: lazyPage(() => import("./pages/discos/index.tsx")),
  start: lazyPage(() => import("./pages/start/index.tsx")),
};

/** Skip ahead, on the local chain only (and loaded only there): moving a chain's clock is a test chain's feature. */
const SkipAhead = isLocal ? lazy(() => import("./ui/SkipAhead.tsx")) : null;

/** Loads a page's code, so that its first render shows it at once. */
export const preloadPage = (page: Page): Promise<void> => PAGE_COMPONENTS[page].preload();

const messages = defineMessages(
  {
    title: "DisCO Ledger",
    nav: "Pages",
    me: "My cooperative",
    work: "Work",
    decisions: "Decisions",
    treasury: "Treasury",
    audit: "Audit",
    federation: "Federation",
    credit: "Credit",
    profile: "Public profile",
    discos: "DisCOs",
    start: "Start a DisCO",
    disco: "DisCO",
    otherDiscos: "Other DisCOs",
    missing: "No DisCO on this network has the address {address}: showing {name}, the network's first.",
    language: "Language",
    skip: "Skip to content",
    historyError: "Could not read the cooperative's history: {error}",
  },
  {
    title: "DisCO Ledger",
    nav: "Páginas",
    me: "Mi cooperativa",
    work: "Trabajo",
    decisions: "Decisiones",
    treasury: "Tesorería",
    audit: "Auditoría",
    federation: "Federación",
    credit: "Crédito",
    profile: "Perfil público",
    discos: "DisCOs",
    start: "Empezar una DisCO",
    disco: "DisCO",
    otherDiscos: "Otras DisCOs",
    missing: "Ninguna DisCO de esta red tiene la dirección {address}: se muestra {name}, la primera de la red.",
    language: "Idioma",
    skip: "Saltar al contenido",
    historyError: "No se ha podido leer la historia de la cooperativa: {error}",
  },
);

export function App() {
  const t = useT(messages);
  const { lang, setLang } = useLang();
  const { page } = useRoute();
  const history = useHistory();
  const Current = PAGE_COMPONENTS[page].Component;
  return (
    <>
      <a className="skip" href="#main">
        {t("skip")}
      </a>
      <header className="top">
        <a className="brand" href={href("me")}>
          {t("title")}
        </a>
        <label className="lang">
          <span className="sr-only">{t("language")}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as (typeof LANGS)[number])}>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </label>
        <ConnectMenu />
      </header>
      <p className="disco-bar">
        <span>
          {t("disco")}: <strong data-testid="disco-name">{deployment.name}</strong>
        </span>
        <a href={href("profile")} aria-current={page === "profile" ? "page" : undefined}>
          {t("profile")}
        </a>
        <a href={href("discos")} aria-current={page === "discos" ? "page" : undefined}>
          {t("otherDiscos")}
        </a>
      </p>
      <nav className="tabs" aria-label={t("nav")}>
        {PAGES.map((p) => (
          <a key={p} href={href(p)} aria-current={p === page ? "page" : undefined}>
            {t(p)}
          </a>
        ))}
      </nav>
      <NetworkBanner />
      {missingDisCO ? (
        <p className="banner" role="alert">
          {t("missing", { address: missingDisCO, name: deployment.name ?? "" })}
        </p>
      ) : null}
      <main id="main" tabIndex={-1}>
        <h1 className="sr-only">{t(page)}</h1>
        {history.status === "error" ? (
          <p className="banner" role="alert">
            {t("historyError", { error: history.error ?? "" })}
          </p>
        ) : null}
        {SkipAhead ? (
          <Suspense fallback={null}>
            <SkipAhead />
          </Suspense>
        ) : null}
        <Suspense fallback={<Loading />}>
          <Current />
        </Suspense>
      </main>
    </>
  );
}
