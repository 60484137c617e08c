import { AbiCoder, BaseContract, getCreateAddress, type BigNumberish } from "ethers";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type {
  AuditRegistry,
  CapitalAccounts,
  DisCOGovernor,
  DisCOTimelock,
  Membership,
  Treasury,
  ValueLedger,
} from "../../types/ethers-contracts/index.js";
import type { IMembership } from "../../types/ethers-contracts/contracts/membership/Membership.js";
import type { IValueLedger } from "../../types/ethers-contracts/contracts/ledger/ValueLedger.js";
import type { ICapitalAccounts } from "../../types/ethers-contracts/contracts/treasury/CapitalAccounts.js";
import type { IDisCOGovernor } from "../../types/ethers-contracts/contracts/governance/DisCOGovernor.js";

/*
 * Single DisCO contracts for the tests of one contract, made as DisCOFactory makes them (ERC-1167 clones, with the
 * addresses that were immutables as the clones' arguments) but one at a time, which the factory can't. Each call
 * deploys the implementations it needs and a TestCloner (test/utils/TestCloner.sol): nothing is cached, so that a
 * fixture's snapshot reverting the chain never leaves a helper pointing at code that is gone.
 */

/** The contracts made as clones, by artifact name. */
interface Clones {
  Membership: Membership;
  ValueLedger: ValueLedger;
  Treasury: Treasury;
  CapitalAccounts: CapitalAccounts;
  AuditRegistry: AuditRegistry;
  DisCOGovernor: DisCOGovernor;
  DisCOTimelock: DisCOTimelock;
}
type Name = keyof Clones;
/** The capital accounts had no constructor of their own: their treasury created them, as deployClone's treasury does. */
type Deployable = Exclude<Name, "CapitalAccounts">;

/** The contracts a governor clone names, its default bylaw table's, in the order DisCOGovernor reads them. */
export type GovernedContracts = [membership: string, ledger: string, treasury: string, capital: string, audit: string];

/** Each clone's immutable arguments, in the order contracts/utils/CloneArgs.sol reads them. */
interface CloneArguments {
  Membership: [];
  ValueLedger: [membership: string];
  Treasury: [currency: string, ledger: string];
  CapitalAccounts: [treasury: string, currency: string, ledger: string, membership: string];
  AuditRegistry: [ledger: string];
  DisCOGovernor: GovernedContracts;
  DisCOTimelock: [];
}

type Triple = [BigNumberish, BigNumberish, BigNumberish];

/** The ledger's settings as the tests and the Ignition module write them, rows and caps as plain arrays. */
export type LedgerSettings = Omit<IValueLedger.SettingsStruct, "weights" | "caps"> & {
  weights: readonly (readonly BigNumberish[])[];
  caps: readonly BigNumberish[];
};

function triple(values: readonly BigNumberish[]): Triple {
  if (values.length !== 3) throw new Error(`3 values expected, one per stream, not ${values.length}`);
  return [values[0], values[1], values[2]];
}

/** `settings` as ValueLedger.initialize takes them: five rows of weights (one per stage) and caps, of 3 each. */
export function ledgerSettings(settings: LedgerSettings): IValueLedger.SettingsStruct {
  const [casual, dating1, dating2, dating3, committed, ...more] = settings.weights.map(triple);
  if (committed === undefined || more.length !== 0) {
    throw new Error(`5 rows of weights expected, one per stage, not ${settings.weights.length}`);
  }
  return { ...settings, weights: [casual, dating1, dating2, dating3, committed], caps: triple(settings.caps) };
}

/**
 * The arguments of the constructors the contracts had before they became clones: the governor's without its name,
 * now the same for every DisCO, and with every contract of its bylaw table, not the membership alone; the timelock's
 * are TimelockController's.
 */
interface ConstructorArguments {
  Membership: [
    name: string,
    symbol: string,
    admin: string,
    constituencyNames: string[],
    founders: IMembership.FounderStruct[],
  ];
  ValueLedger: [membership: string, admin: string, treasurers: string[], settings: LedgerSettings];
  Treasury: [
    currency: string,
    ledger: string,
    admin: string,
    treasurers: string[],
    buckets: Triple,
    capitalSettings: ICapitalAccounts.SettingsStruct,
  ];
  AuditRegistry: [ledger: string, admin: string, wageRatioCapX100: BigNumberish];
  DisCOGovernor: [contracts: GovernedContracts, timelock: string, settings: IDisCOGovernor.SettingsStruct];
  DisCOTimelock: [minDelay: BigNumberish, proposers: string[], executors: string[], admin: string];
}

/** One clone for TestCloner.clone to make (its `Clone` struct). */
interface Clone {
  implementation: string;
  args: string;
  initialisation: string;
}

const implementations: { [N in Name]: (ethers: HardhatEthers) => Promise<Clones[N]> } = {
  Membership: (ethers) => ethers.deployContract("Membership"),
  ValueLedger: (ethers) => ethers.deployContract("ValueLedger"),
  Treasury: (ethers) => ethers.deployContract("Treasury"),
  CapitalAccounts: (ethers) => ethers.deployContract("CapitalAccounts"),
  AuditRegistry: (ethers) => ethers.deployContract("AuditRegistry"),
  DisCOGovernor: (ethers) => ethers.deployContract("DisCOGovernor"),
  DisCOTimelock: (ethers) => ethers.deployContract("DisCOTimelock"),
};

const encodeAddresses = (addresses: string[]): string =>
  addresses.length === 0
    ? "0x"
    : AbiCoder.defaultAbiCoder().encode(
        addresses.map(() => "address"),
        addresses,
      );

async function clone(implementation: BaseContract, args: string[], initialisation = "0x"): Promise<Clone> {
  return { implementation: await implementation.getAddress(), args: encodeAddresses(args), initialisation };
}

/**
 * What TestCloner makes for a contract given its old constructor's arguments, the contract itself last. `at(n)` is the
 * address the n-th clone will have, so that clones made together can name each other.
 */
type Recipe<N extends Deployable> = (
  ethers: HardhatEthers,
  at: (n: number) => string,
  args: ConstructorArguments[N],
) => Promise<{ clones: Clone[]; contract: Clones[N] }>;

const recipes: { [N in Deployable]: Recipe<N> } = {
  async Membership(ethers, _at, [name, symbol, admin, constituencyNames, founders]) {
    const contract = await implementations.Membership(ethers);
    const initialisation = contract.interface.encodeFunctionData("initialize", [
      name,
      symbol,
      admin,
      constituencyNames,
      founders,
    ]);
    return { clones: [await clone(contract, [], initialisation)], contract };
  },
  async ValueLedger(ethers, _at, [membership, admin, treasurers, settings]) {
    const contract = await implementations.ValueLedger(ethers);
    const initialisation = contract.interface.encodeFunctionData("initialize", [
      admin,
      treasurers,
      ledgerSettings(settings),
    ]);
    return { clones: [await clone(contract, [membership], initialisation)], contract };
  },
  // The treasury's constructor created its capital accounts; the capital clone now names the treasury, the treasury
  // the capital clone: each learns the other's address before either exists.
  async Treasury(ethers, at, [currency, ledger, admin, treasurers, buckets, capitalSettings]) {
    const capital = await implementations.CapitalAccounts(ethers);
    const contract = await implementations.Treasury(ethers);
    const membership = await (await ethers.getContractAt("ValueLedger", ledger)).membership();
    const [capitalAddress, treasuryAddress] = [at(0), at(1)];
    return {
      clones: [
        await clone(
          capital,
          [treasuryAddress, currency, ledger, membership],
          capital.interface.encodeFunctionData("initialize", [admin, capitalSettings]),
        ),
        await clone(
          contract,
          [currency, ledger],
          contract.interface.encodeFunctionData("initialize", [admin, treasurers, buckets, capitalAddress]),
        ),
      ],
      contract,
    };
  },
  async AuditRegistry(ethers, _at, [ledger, admin, wageRatioCapX100]) {
    const contract = await implementations.AuditRegistry(ethers);
    const initialisation = contract.interface.encodeFunctionData("initialize", [admin, wageRatioCapX100]);
    return { clones: [await clone(contract, [ledger], initialisation)], contract };
  },
  async DisCOGovernor(ethers, _at, [contracts, timelock, settings]) {
    const contract = await implementations.DisCOGovernor(ethers);
    const initialisation = contract.interface.encodeFunctionData("initialize", [timelock, settings]);
    return { clones: [await clone(contract, contracts, initialisation)], contract };
  },
  async DisCOTimelock(ethers, _at, [minDelay, proposers, executors, admin]) {
    const contract = await implementations.DisCOTimelock(ethers);
    const initialisation = contract.interface.encodeFunctionData("initialize", [minDelay, proposers, executors, admin]);
    return { clones: [await clone(contract, [], initialisation)], contract };
  },
};

/** Sends one TestCloner.clone of `make`'s clones from a new TestCloner; the addresses are its CREATEs, nonce 1 up. */
async function cloneAll<T extends BaseContract>(
  ethers: HardhatEthers,
  make: (at: (n: number) => string) => Promise<{ clones: Clone[]; contract: T }>,
) {
  const cloner = await ethers.deployContract("TestCloner");
  const from = await cloner.getAddress();
  const at = (n: number) => getCreateAddress({ from, nonce: n + 1 });
  const { clones, contract } = await make(at);
  const transaction = await cloner.getFunction("clone")(clones);
  await transaction.wait();
  return { address: at(clones.length - 1), contract, transaction };
}

/**
 * A clone of `name` initialised with what its constructor used to take, like `ethers.deployContract(name, args)` was:
 * its `deploymentTransaction()` is the one transaction that made and initialised it (and, for a treasury, its capital
 * accounts), where the constructor's events now are.
 */
export async function deployClone<N extends Deployable>(
  ethers: HardhatEthers,
  name: N,
  args: ConstructorArguments[N],
): Promise<Clones[N]> {
  const recipe: Recipe<N> = recipes[name];
  const { address, contract, transaction } = await cloneAll(ethers, (at) => recipe(ethers, at, args));
  return new BaseContract(address, contract.interface, contract.runner, transaction) as unknown as Clones[N];
}

/** A clone of `name` with the given clone arguments, not initialised: its `initialize` is the test's to call. */
export async function uninitialisedClone<N extends Name>(
  ethers: HardhatEthers,
  name: N,
  ...args: CloneArguments[N]
): Promise<Clones[N]> {
  const { address, contract } = await cloneAll(ethers, async () => {
    const implementation = await implementations[name](ethers);
    return { clones: [await clone(implementation, args)], contract: implementation };
  });
  return new BaseContract(address, contract.interface, contract.runner) as unknown as Clones[N];
}
