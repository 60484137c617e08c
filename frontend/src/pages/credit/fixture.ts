/** A small credit network for the page's unit tests: three member DisCOs and one that left. */
import type { Address } from "viem";
import type { CreditState } from "@disco-ledger/sdk/credit";

export const DEMO: Address = "0x00000000000000000000000000000000000000a1";
export const SMALL: Address = "0x00000000000000000000000000000000000000b2";
export const RIVER: Address = "0x00000000000000000000000000000000000000c3";
export const GONE: Address = "0x00000000000000000000000000000000000000d4";

export const line = (giver: Address, receiver: Address, limit: bigint, frozen = false) => ({
  giver,
  receiver,
  limit,
  frozen,
  by: giver,
  time: 1,
});

/** Demo owes Small 300 €, River owes Demo 120.50 €; Demo and a DisCO that left still have a line. */
export const STATE: CreditState = {
  address: "0x00000000000000000000000000000000000000ee",
  federation: "0x00000000000000000000000000000000000000ff",
  maxHops: 4,
  memberAccounts: false,
  accounts: [],
  lines: [
    line(SMALL, DEMO, 100_000n),
    line(DEMO, SMALL, 150_000n, true),
    line(DEMO, RIVER, 50_000n),
    line(GONE, DEMO, 20_000n),
  ],
  // low's balance toward high: Demo (a1) toward Small (b2) -300 €; Demo toward River (c3) +120.50 €.
  balances: [
    { low: DEMO, high: SMALL, balance: -30_000n },
    { low: DEMO, high: RIVER, balance: 12_050n },
  ],
  treasurers: [],
  payments: [],
  clearings: [],
  settlements: [],
  lastBlock: 10,
};
