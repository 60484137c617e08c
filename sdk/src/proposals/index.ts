/**
 * What a member's intent becomes as a proposal, for the CLI and the app alike: typed inputs from what people type
 * (abiInput), the calls of the common decisions and any call, read back for voters (calls), and the proposal form's
 * drafts with the problem named when a field is wrong (drafts), a DisCO's federation decisions (federation) and its
 * mutual-credit decisions (credit). Pure, on viem.
 */
export * from "./abiInput.ts";
export * from "./calls.ts";
export * from "./credit.ts";
export * from "./drafts.ts";
export * from "./federation.ts";
