/**
 * The page shown and the links between pages, in the DisCO this page load follows (place.ts has the addresses'
 * form). Another DisCO's address loads the app anew on it: every cache, query and follower of the app is of one
 * DisCO (chain.ts), so switching DisCO switches all of them at once. An address without a DisCO is written anew with
 * the DisCO it opened, so that the address bar can be copied as a link to it; so is one naming a DisCO nobody started
 * (the app shows the network's first, and says so).
 */
import { useEffect, useState } from "react";
import { deployment, firstDisCO, missingDisCO } from "./chain.ts";
import { addressChange, parseRoute, routeHref, type Page } from "./place.ts";

export { PAGES, parseRoute, type Page } from "./place.ts";

const shown = deployment.contracts.membership.address;

/** The address of `page` of the DisCO shown. */
export const href = (page: Page, params?: Record<string, string>) => routeHref(shown, page, params);

/** The address of a DisCO's home page. */
export const discoHref = (membership: string) => routeHref(membership, "me");

/** Loads the app anew for another DisCO's address, and names the DisCO shown in an address that names none. */
function follow(): void {
  const change = addressChange(window.location.hash, shown, firstDisCO.contracts.membership.address, missingDisCO);
  if (change === "reload") window.location.reload();
  else if (change) window.history.replaceState(window.history.state, "", change.replace);
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
