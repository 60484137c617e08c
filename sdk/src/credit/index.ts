/**
 * A federation's mutual-credit network, browser-safe: its state folded from the network's logs, balances, lines and
 * net positions as the contract answers them, and each account's payments and settlements.
 */
export * from "./balances.ts";
export * from "./fold.ts";
