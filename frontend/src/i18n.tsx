/**
 * English and Spanish (the first DisCO worked in both). The browser's languages choose at first; the switch in the
 * header overrides and is remembered. Each part of the app keeps its own messages beside it (defineMessages), so
 * the Spanish must name every key the English has.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

export const LANGS = ["en", "es"] as const;
export type Lang = (typeof LANGS)[number];
export type Params = Record<string, string | number | bigint>;

export interface Messages<K extends string> {
  en: Record<K, string>;
  es: Record<K, string>;
}

/** A part of the app's messages: `{name}` in a message is replaced by the parameter `name`. */
export function defineMessages<K extends string>(en: Record<K, string>, es: Record<K, string>): Messages<K> {
  return { en, es };
}

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const STORAGE_KEY = "disco-ledger.lang";

/** The stored choice, else the first of the browser's languages we speak, else English. */
export function preferredLang(stored: string | null, browser: readonly string[]): Lang {
  if (stored === "en" || stored === "es") return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "en" || base === "es") return base;
  }
  return "en";
}

const LangContext = createContext<{ lang: Lang; setLang: (lang: Lang) => void }>({
  lang: "en",
  setLang: () => undefined,
});

function storedLang(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => preferredLang(storedLang(), navigator.languages ?? []));
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // a browser that refuses storage still switches, for this visit
    }
  }, []);
  document.documentElement.lang = lang;
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export const useLang = () => useContext(LangContext);

/** A translator for one part's messages in the chosen language. */
export function useT<K extends string>(messages: Messages<K>): (key: K, params?: Params) => string {
  const { lang } = useLang();
  return useCallback((key: K, params?: Params) => interpolate(messages[lang][key], params), [lang, messages]);
}
