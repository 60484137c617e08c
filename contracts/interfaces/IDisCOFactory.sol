// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ICapitalAccounts} from "./ICapitalAccounts.sol";
import {IMembership} from "./IMembership.sol";
import {IDisCOGovernor} from "./IDisCOGovernor.sol";
import {IValueLedger} from "./IValueLedger.sol";

/// @title IDisCOFactory
/// @notice Starts a whole DisCO in one transaction (DisCO principle 7: DisCOs replicate through a standard protocol):
/// ERC-1167 clones of implementations deployed once per chain, initialised and wired together atomically. When
/// `create` returns, the DisCO's timelock holds every right in it, only its governor proposes, cancels and executes
/// through that timelock, and neither the factory nor the caller keeps any role or power. It also founds federations
/// of its DisCOs (principle 7), at a DisCO's own request.
interface IDisCOFactory {
    /// @notice The implementations that every DisCO of this factory runs, as clones (not upgradeable).
    struct Implementations {
        address membership;
        address ledger;
        address treasury;
        address capital;
        address audit;
        address governor;
        address timelock;
        address federation;
        address credit;
    }

    /// @notice A DisCO's contracts.
    struct DisCO {
        address membership;
        address ledger;
        address treasury;
        address capital;
        address audit;
        address governor;
        address timelock;
    }

    /// @notice Everything a DisCO starts with; its members change every rule by vote afterwards.
    /// @param name The DisCO's name (also its membership token's name)
    /// @param symbol The membership token's symbol
    /// @param constituencies Names of constituencies 0, 1, ... (at most Membership.MAX_CONSTITUENCIES)
    /// @param founders The founding members, mentors before the members they mentor; at least one Committed
    /// @param treasurers The founding treasurers of the ledger and the treasury
    /// @param currency The ERC-20 the treasury holds
    /// @param currencyDecimals The decimals that the amounts below (the capital contribution) assume of `currency`
    /// @param timelockDelay Seconds between a decision passing and its execution
    /// @param buckets Livelihood, Love, Care shares of a period's payouts in basis points, summing to 10,000
    /// @param wageRatioCapX100 The wage ratio cap the audit checks, times 100 (600 is 6:1)
    /// @param governor Voting delay and period, proposal threshold, quorum, supermajority
    /// @param ledger Weights, caps, approvals, minimum contribution, review window
    /// @param capital The capital accounts' rules
    struct Params {
        string name;
        string symbol;
        string[] constituencies;
        IMembership.Founder[] founders;
        address[] treasurers;
        IERC20 currency;
        uint8 currencyDecimals;
        uint256 timelockDelay;
        uint16[3] buckets;
        uint16 wageRatioCapX100;
        IDisCOGovernor.Settings governor;
        IValueLedger.Settings ledger;
        ICapitalAccounts.Settings capital;
    }

    /// @notice A federation's founding charter and rules.
    /// @param name The federation's name
    /// @param charterURI Where its charter can be read
    /// @param charterHash keccak256 of the charter's bytes
    /// @param votingPeriod Seconds a federation proposal stays open (IFederation's bounds)
    /// @param maxHops The longest payment path of its mutual-credit network, in hops (1 to IMutualCredit.MAX_HOPS)
    /// @param memberAccounts Whether Committed members of its member DisCOs may hold mutual-credit accounts
    struct FederationParams {
        string name;
        string charterURI;
        bytes32 charterHash;
        uint32 votingPeriod;
        uint8 maxHops;
        bool memberAccounts;
    }

    /// @notice A DisCO was started: every contract of it, its currency, and who sent the transaction (who holds no
    /// power in it by that). One event names every address, so that the DisCOs of a chain are found from the
    /// factory's logs alone.
    event DisCOCreated(
        address indexed membership,
        address indexed creator,
        string name,
        address ledger,
        address treasury,
        address capital,
        address audit,
        address governor,
        address timelock,
        IERC20 currency
    );

    /// @notice A DisCO (by its members' vote, executed by its timelock) founded a federation, of which it is the first
    /// member.
    /// @param federation The new federation
    /// @param founder The founding DisCO (its membership address, the DisCO's id)
    /// @param name The federation's name
    /// @param credit Its mutual-credit network (IMutualCredit), created in the same transaction
    event FederationCreated(address indexed federation, address indexed founder, string name, address credit);

    /// @notice Thrown when the name is empty.
    error FactoryEmptyName();

    /// @notice Thrown when no founder is Committed: nobody could ever vote.
    error FactoryNoCommittedFounder();

    /// @notice Thrown when the buckets do not sum to 10,000 basis points.
    error FactoryInvalidBuckets(uint256 sum);

    /// @notice Thrown when the currency has no code: no ERC-20 lives there.
    error FactoryCurrencyNotContract(address currency);

    /// @notice Thrown when the currency's decimals are not those the amounts assume (or it has no `decimals`).
    error FactoryCurrencyDecimals(address currency, uint8 expected);

    /// @notice Thrown when an implementation given to the factory has no code.
    error FactoryInvalidImplementation(address implementation);

    /// @notice Thrown when a federation is founded by anything but a timelock of a DisCO this factory made.
    error FactoryNotDisCO(address caller);

    /// @notice Starts a DisCO: clones every contract, initialises and wires them, and emits DisCOCreated.
    /// @param params The DisCO's founding parameters, validated here before anything is created
    /// @return disco The new DisCO's contracts
    function create(Params calldata params) external returns (DisCO memory disco);

    /// @notice Founds a federation whose first member is the calling DisCO (its timelock: its members voted for it),
    /// and its mutual-credit network; emits FederationCreated. The federation checks its charter and voting period
    /// (IFederation's errors), the network its maxHops (IMutualCredit's).
    /// @param params The federation's name, charter, voting period and credit settings
    /// @return federation The new federation
    function createFederation(FederationParams calldata params) external returns (address federation);

    /// @notice The implementations every DisCO and federation of this factory runs.
    function implementations() external view returns (Implementations memory);

    /// @notice The governor of the DisCO whose timelock is `timelock`, if this factory made it: how a federation knows
    /// a caller is a real DisCO's timelock (anyone can clone the implementations elsewhere, so code proves nothing).
    /// @param timelock Any address
    /// @return governor The DisCO's governor; zero for anything this factory did not make
    function governorOf(address timelock) external view returns (address governor);
}
