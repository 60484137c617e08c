/**
 * The app's addresses, by the URL's hash so that any static host serves the build: `#/d/<DisCO>/<page>?<params>`,
 * the DisCO named by its membership contract's address, so that a link opens the DisCO it was copied from.
 * Addresses from before there were several DisCOs (`#/work`) name none: they open the network's first. Pure (route.ts
 * binds them to the DisCO shown; chain.ts reads which DisCO a visit opens).
 */

/** The pages of one DisCO, in the order of the tabs. */
export const PAGES = ["me", "work", "decisions", "treasury", "audit", "federation", "credit"] as const;
/** Every page: a DisCO's tabs, its public profile, the list of the network's DisCOs and the form that starts one. */
export const ALL_PAGES = [...PAGES, "profile", "discos", "start"] as const;
export type Page = (typeof ALL_PAGES)[number];

export interface Route {
  /** The DisCO's membership address as the address has it (any case), or undefined: the network's first. */
  disco?: string;
  page: Page;
  params: URLSearchParams;
}

const DISCO_PATH = /^d\/(0x[0-9a-fA-F]{40})(?:\/|$)/;
/** The credit page of one federation's network: "credit/0x…", read as "credit?federation=0x…". */
const CREDIT_PATH = /^credit\/(0x[0-9a-fA-F]{40})$/;

/**
 * "#/d/0xab…/work?member=0x.." -> { disco: "0xab…", page: "work", params: { member: "0x.." } }; unknown: home. The
 * credit page may name its federation in the path ("#/credit/0x…"), as its `federation` parameter.
 */
export function parseRoute(hash: string): Route {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const disco = DISCO_PATH.exec(path);
  const rest = disco ? path.slice(disco[0].length) : path;
  const params = new URLSearchParams(query);
  const credit = CREDIT_PATH.exec(rest);
  if (credit) {
    params.set("federation", credit[1]);
    return { disco: disco?.[1], page: "credit", params };
  }
  const page = (ALL_PAGES as readonly string[]).includes(rest) ? (rest as Page) : "me";
  return { disco: disco?.[1], page, params };
}

/** The address of `page` of the DisCO whose membership is at `disco`. */
export const routeHref = (disco: string, page: Page, params?: Record<string, string>): string =>
  `#/d/${disco}/${page === "me" ? "" : page}${params ? `?${new URLSearchParams(params)}` : ""}`;

/**
 * What an address asks of the app showing the DisCO whose membership is at `shown`: nothing; to be written anew
 * naming it (an address naming none opens the network's `first`; one naming a DisCO no one started, `missing`,
 * opened the first instead and says so); or to load anew on the other DisCO it names.
 */
export function addressChange(
  hash: string,
  shown: string,
  first: string,
  missing?: string,
): { replace: string } | "reload" | undefined {
  const { disco, page, params } = parseRoute(hash);
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const named = disco ?? first;
  const rewritten = () => ({
    replace: routeHref(shown, page, params.toString() === "" ? undefined : Object.fromEntries(params)),
  });
  if (same(named, shown)) return disco === undefined ? rewritten() : undefined;
  if (missing !== undefined && same(named, missing)) return rewritten();
  return "reload";
}
