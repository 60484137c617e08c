/**
 * A federation of DisCOs, browser-safe: check-ins computed from a DisCO's own logs, federations found from the
 * factory, a federation's state folded from its logs, and its check-ins verified against each DisCO's logs.
 */
export * from "./checkins.ts";
export * from "./discovery.ts";
export * from "./fold.ts";
export * from "./verify.ts";
