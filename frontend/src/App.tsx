import { lazy, Suspense } from "react";
import { defineMessages, type LANGS, useLang, useT } from "./i18n.tsx";
import { href, PAGES, useRoute, type Page } from "./route.ts";
import { Loading } from "./ui/kit.tsx";
import { ConnectMenu, NetworkBanner } from "./wallet/ConnectMenu.tsx";
import { useHistory } from "./data/history.tsx";

// Each page loads when first visited: the first download is the shell. The page a visit opens on starts loading
// as the app starts (main.tsx), while the cached books are read.
export const PAGE_MODULES: Record<Page, () => Promise<{ default: React.ComponentType }>> = {
  me: () => import("./pages/me/index.tsx"),
  work: () => import("./pages/work/index.tsx"),
  decisions: () => import("./pages/decisions/index.tsx"),
  treasury: () => import("./pages/treasury/index.tsx"),
  audit: () => import("./pages/audit/index.tsx"),
};
const PAGE_COMPONENTS: Record<Page, React.ComponentType> = {
  me: lazy(PAGE_MODULES.me),
  work: lazy(PAGE_MODULES.work),
  decisions: lazy(PAGE_MODULES.decisions),
  treasury: lazy(PAGE_MODULES.treasury),
  audit: lazy(PAGE_MODULES.audit),
};

const messages = defineMessages(
  {
    title: "DisCO Ledger",
    nav: "Pages",
    me: "My cooperative",
    work: "Work",
    decisions: "Decisions",
    treasury: "Treasury",
    audit: "Audit",
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
  const Current = PAGE_COMPONENTS[page];
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
      <nav className="tabs" aria-label={t("nav")}>
        {PAGES.map((p) => (
          <a key={p} href={href(p)} aria-current={p === page ? "page" : undefined}>
            {t(p)}
          </a>
        ))}
      </nav>
      <NetworkBanner />
      <main id="main" tabIndex={-1}>
        <h1 className="sr-only">{t(page)}</h1>
        {history.status === "error" ? (
          <p className="banner" role="alert">
            {t("historyError", { error: history.error ?? "" })}
          </p>
        ) : null}
        <Suspense fallback={<Loading />}>
          <Current />
        </Suspense>
      </main>
    </>
  );
}
