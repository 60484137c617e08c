/**
 * The page shown and the links between pages, in the DisCO this page load follows (place.ts has the addresses'
 * form). Another DisCO's address loads the app anew on it: every cache, query and follower of the app is of one
 * DisCO (chain.ts), so switching DisCO switches all of them at once. An address without a DisCO is written anew with
 * the DisCO it opened, so that the address bar can be copied as a link to it.
 */
import { useEffect, useState } from "react";
import { deployment, firstDisCO } from "./chain.ts";
import { parseRoute, routeHref, type Page } from "./place.ts";

export { PAGES, parseRoute, type Page } from "./place.ts";

const shown = deployment.contracts.membership.address;

/** The address of `page` of the DisCO shown. */
export const href = (page: Page, params?: Record<string, string>) => routeHref(shown, page, params);

/** The address of a DisCO's home page. */
export const discoHref = (membership: string) => routeHref(membership, "me");

/** Whether `hash` names the DisCO shown (an address without one names the network's first). */
const showsDisCO = (hash: string) =>
  (parseRoute(hash).disco ?? firstDisCO.contracts.membership.address).toLowerCase() === shown.toLowerCase();

/** Loads the app anew for another DisCO's address, and names the DisCO shown in an address without one. */
function follow(): void {
  const hash = window.location.hash;
  if (!showsDisCO(hash)) {
    window.location.reload();
    return;
  }
  const { disco, page, params } = parseRoute(hash);
  if (disco === undefined) {
    const query = params.toString() === "" ? undefined : Object.fromEntries(params);
    window.history.replaceState(window.history.state, "", routeHref(shown, page, query));
  }
}

/** Follows the address for the page's life: called once, as the app starts (main.tsx). */
export function followAddress(): void {
  follow();
  window.addEventListener("hashchange", follow);
}

export function useRoute() {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return parseRoute(hash);
}
