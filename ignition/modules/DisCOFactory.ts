import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * What a chain needs once before any DisCO: the implementations that DisCOs (and federations) run as clones (each with its initialiser
 * locked at deployment) and the factory that starts DisCOs from them. Ignition's journal makes it once per chain:
 * deploying again reuses them.
 */
export default buildModule("DisCOFactory", (m) => {
  const implementations = {
    membership: m.contract("Membership"),
    ledger: m.contract("ValueLedger"),
    treasury: m.contract("Treasury"),
    capital: m.contract("CapitalAccounts"),
    audit: m.contract("AuditRegistry"),
    governor: m.contract("DisCOGovernor"),
    timelock: m.contract("DisCOTimelock"),
    federation: m.contract("Federation"),
    credit: m.contract("MutualCredit"),
  };
  const factory = m.contract("DisCOFactory", [implementations]);
  return { factory, ...implementations };
});
