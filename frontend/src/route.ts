/** The app's pages, addressed by the URL's hash (#/work), so any static host serves the build. */
import { useEffect, useState } from "react";

export const PAGES = ["me", "work", "decisions", "treasury", "audit"] as const;
export type Page = (typeof PAGES)[number];

/** "#/work?member=0x.." -> { page: "work", params: { member: "0x.." } }; anything unknown is the home page. */
export function parseRoute(hash: string): { page: Page; params: URLSearchParams } {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const page = (PAGES as readonly string[]).includes(path) ? (path as Page) : "me";
  return { page, params: new URLSearchParams(query) };
}

export const href = (page: Page, params?: Record<string, string>) =>
  `#/${page === "me" ? "" : page}${params ? `?${new URLSearchParams(params)}` : ""}`;

export function useRoute() {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return parseRoute(hash);
}
