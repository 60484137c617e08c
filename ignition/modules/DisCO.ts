import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { DEFAULTS, type Founder } from "@disco-ledger/sdk/founding";
import DisCOFactoryModule from "./DisCOFactory.ts";

// The DisCO model's defaults live in the SDK, where the app's "Start a DisCO" form reads them too.
export {
  DEFAULT_CAPITAL_SETTINGS,
  DEFAULT_CURRENCY_DECIMALS,
  DEFAULT_GOVERNOR_SETTINGS,
  DEFAULT_LEDGER_SETTINGS,
  DEFAULTS,
  PatronageBasis,
  Stage,
  type Founder,
  type StageName,
} from "@disco-ledger/sdk/founding";

/**
 * One DisCO, started by the chain's factory in one transaction (DisCOFactory.create): membership with its founders,
 * value ledger and treasury (in the `currency` token) with their founding treasurers, capital accounts, audit registry
 * (auditors are named later, by a vote), governor and the timelock that holds every right. The factory keeps no role
 * and neither does the account that sends the transaction. `id` names the Ignition module, so that one chain's
 * journal can hold several DisCOs (`npm start` starts two); its parameters are read under that id.
 */
export function discoModule(id = "DisCO") {
  return buildModule(id, (m) => {
    const { factory } = m.useModule(DisCOFactoryModule);
    const params = {
      name: m.getParameter<string>("name"),
      symbol: m.getParameter<string>("symbol", DEFAULTS.symbol),
      constituencies: m.getParameter<string[]>("constituencies", DEFAULTS.constituencies),
      founders: m.getParameter<Founder[]>("founders"),
      treasurers: m.getParameter<string[]>("treasurers", DEFAULTS.treasurers),
      currency: m.getParameter<string>("currency"),
      currencyDecimals: m.getParameter<number>("currencyDecimals", DEFAULTS.currencyDecimals),
      timelockDelay: m.getParameter<number>("timelockDelay", DEFAULTS.timelockDelay),
      buckets: m.getParameter<number[]>("buckets", DEFAULTS.buckets),
      wageRatioCapX100: m.getParameter<number>("wageRatioCap", DEFAULTS.wageRatioCap),
      governor: m.getParameter("governorSettings", DEFAULTS.governorSettings),
      ledger: m.getParameter("ledgerSettings", DEFAULTS.ledgerSettings),
      capital: m.getParameter("capitalSettings", DEFAULTS.capitalSettings),
    };
    const create = m.call(factory, "create", [params], { id: "create" });
    const address = (field: string) => m.readEventArgument(create, "DisCOCreated", field, { id: `${field}Address` });
    return {
      factory,
      membership: m.contractAt("Membership", address("membership"), { id: "Membership" }),
      ledger: m.contractAt("ValueLedger", address("ledger"), { id: "ValueLedger" }),
      treasury: m.contractAt("Treasury", address("treasury"), { id: "Treasury" }),
      capital: m.contractAt("CapitalAccounts", address("capital"), { id: "CapitalAccounts" }),
      audit: m.contractAt("AuditRegistry", address("audit"), { id: "AuditRegistry" }),
      governor: m.contractAt("DisCOGovernor", address("governor"), { id: "DisCOGovernor" }),
      timelock: m.contractAt("DisCOTimelock", address("timelock"), { id: "DisCOTimelock" }),
    };
  });
}

export default discoModule();
