/** The DisCO SDK in one import; each module is also its own entry point (`@disco-ledger/sdk/governance`, ...). */
export * from "./audit/index.ts";
export * from "./ballots.ts";
export * from "./capital.ts";
export * from "./demo.ts";
export * from "./deployment.ts";
export * from "./errors.ts";
export * from "./federation/index.ts";
export * from "./format.ts";
export * from "./governance.ts";
export * from "./history/index.ts";
export * from "./ledger.ts";
export * from "./ledger-status.ts";
export * from "./members.ts";
export * from "./profile.ts";
export * from "./proposals/index.ts";
