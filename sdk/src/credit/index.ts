/**
 * A federation's mutual-credit network, browser-safe: its state folded from the network's logs, balances, lines and
 * net positions as the contract answers them, each account's payments and settlements, paths for a payment
 * and cycles to clear.
 */
export * from "./balances.ts";
export * from "./cycles.ts";
export * from "./fold.ts";
export * from "./paths.ts";
