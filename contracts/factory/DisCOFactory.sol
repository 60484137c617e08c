// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {AuditRegistry} from "../audit/AuditRegistry.sol";
import {DisCOGovernor} from "../governance/DisCOGovernor.sol";
import {DisCOTimelock} from "../governance/DisCOTimelock.sol";
import {ICapitalAccounts} from "../interfaces/ICapitalAccounts.sol";
import {IDisCOFactory} from "../interfaces/IDisCOFactory.sol";
import {IFederation} from "../interfaces/IFederation.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IMutualCredit} from "../interfaces/IMutualCredit.sol";
import {ValueLedger} from "../ledger/ValueLedger.sol";
import {Membership} from "../membership/Membership.sol";
import {CapitalAccounts} from "../treasury/CapitalAccounts.sol";
import {Treasury} from "../treasury/Treasury.sol";
import {CloneArgs} from "../utils/CloneArgs.sol";

/// @title DisCOFactory
/// @notice Starts whole DisCOs, one transaction each, from implementations deployed once per chain.
/// @dev Holds no role in anything it creates: the timelock administers itself and every other contract, and the
/// governor alone proposes, cancels and executes through it. Costs the same whatever the number of DisCOs; only the
/// founders and constituencies given make a creation dearer.
contract DisCOFactory is IDisCOFactory {
    uint256 private constant _BPS = 10_000;

    address private immutable _MEMBERSHIP;
    address private immutable _LEDGER;
    address private immutable _TREASURY;
    address private immutable _CAPITAL;
    address private immutable _AUDIT;
    address private immutable _GOVERNOR;
    address private immutable _TIMELOCK;
    address private immutable _FEDERATION;
    address private immutable _CREDIT;

    /// @dev One slot per DisCO, the only storage a creation adds: which timelocks are real DisCOs' (for federations).
    mapping(address timelock => address governor) private _governors;

    /// @param implementations_ The implementations, deployed with their initialisers locked
    constructor(Implementations memory implementations_) {
        _MEMBERSHIP = _implementation(implementations_.membership);
        _LEDGER = _implementation(implementations_.ledger);
        _TREASURY = _implementation(implementations_.treasury);
        _CAPITAL = _implementation(implementations_.capital);
        _AUDIT = _implementation(implementations_.audit);
        _GOVERNOR = _implementation(implementations_.governor);
        _TIMELOCK = _implementation(implementations_.timelock);
        _FEDERATION = _implementation(implementations_.federation);
        _CREDIT = _implementation(implementations_.credit);
    }

    /// @inheritdoc IDisCOFactory
    function create(Params calldata params) external returns (DisCO memory disco) {
        _validate(params);
        address currency = address(params.currency);

        disco.timelock = Clones.clone(_TIMELOCK);
        disco.membership = Clones.clone(_MEMBERSHIP);
        disco.ledger = Clones.cloneWithImmutableArgs(_LEDGER, abi.encode(disco.membership));
        disco.treasury = Clones.cloneWithImmutableArgs(_TREASURY, abi.encode(currency, disco.ledger));
        disco.capital = Clones.cloneWithImmutableArgs(
            _CAPITAL,
            abi.encode(disco.treasury, currency, disco.ledger, disco.membership)
        );
        disco.audit = Clones.cloneWithImmutableArgs(_AUDIT, abi.encode(disco.ledger));
        // The contracts of the governor's default bylaw table, in the order DisCOGovernor reads them.
        disco.governor = Clones.cloneWithImmutableArgs(
            _GOVERNOR,
            abi.encode(disco.membership, disco.ledger, disco.treasury, disco.capital, disco.audit)
        );

        _governors[disco.timelock] = disco.governor;

        address[] memory governor = new address[](1);
        governor[0] = disco.governor;
        // The governor proposes, cancels and executes; no other admin than the timelock itself.
        DisCOTimelock(payable(disco.timelock)).initialize(params.timelockDelay, governor, governor, address(0));
        Membership(disco.membership).initialize(
            params.name,
            params.symbol,
            disco.timelock,
            params.constituencies,
            params.founders
        );
        ValueLedger(disco.ledger).initialize(disco.timelock, params.treasurers, params.ledger);
        CapitalAccounts(disco.capital).initialize(disco.timelock, params.capital);
        Treasury(disco.treasury).initialize(
            disco.timelock,
            params.treasurers,
            params.buckets,
            ICapitalAccounts(disco.capital)
        );
        AuditRegistry(disco.audit).initialize(disco.timelock, params.wageRatioCapX100);
        DisCOGovernor(payable(disco.governor)).initialize(TimelockController(payable(disco.timelock)), params.governor);

        _announce(disco, params);
    }

    /// @inheritdoc IDisCOFactory
    function createFederation(FederationParams calldata params) external returns (address federation) {
        address governor = _governors[msg.sender];
        if (governor == address(0)) revert FactoryNotDisCO(msg.sender);
        if (bytes(params.name).length == 0) revert FactoryEmptyName();
        federation = Clones.cloneWithImmutableArgs(_FEDERATION, abi.encode(address(this)));
        IFederation(federation).initialize(
            params.name,
            params.charterURI,
            params.charterHash,
            params.votingPeriod,
            msg.sender
        );
        // Its settings sealed in the clone's arguments, checked by its initialiser.
        address credit = Clones.cloneWithImmutableArgs(
            _CREDIT,
            abi.encode(federation, params.maxHops, params.memberAccounts)
        );
        IMutualCredit(credit).initialize();
        // The founder by its id, its membership: the governor's clone argument 0.
        emit FederationCreated(federation, CloneArgs.addressOf(governor, 0), params.name, credit);
    }

    /// @inheritdoc IDisCOFactory
    function implementations() external view returns (Implementations memory) {
        return
            Implementations(
                _MEMBERSHIP,
                _LEDGER,
                _TREASURY,
                _CAPITAL,
                _AUDIT,
                _GOVERNOR,
                _TIMELOCK,
                _FEDERATION,
                _CREDIT
            );
    }

    /// @inheritdoc IDisCOFactory
    function governorOf(address timelock) external view returns (address) {
        return _governors[timelock];
    }

    /// @dev What the contracts would refuse anyway, refused first with the factory's own errors; and the currency,
    /// which nothing else checks.
    function _validate(Params calldata params) private view {
        if (bytes(params.name).length == 0) revert FactoryEmptyName();
        bool committed;
        for (uint256 i = 0; i < params.founders.length && !committed; ++i) {
            committed = params.founders[i].stage == IMembership.Stage.Committed;
        }
        if (!committed) revert FactoryNoCommittedFounder();
        uint256 sum = uint256(params.buckets[0]) + params.buckets[1] + params.buckets[2];
        if (sum != _BPS) revert FactoryInvalidBuckets(sum);
        address currency = address(params.currency);
        if (currency.code.length == 0) revert FactoryCurrencyNotContract(currency);
        // A low-level call, so that an answer that is no uint8 (none, too short, too large) is refused by name too.
        (bool ok, bytes memory answer) = currency.staticcall(abi.encodeCall(IERC20Metadata.decimals, ()));
        if (!ok || answer.length < 32 || abi.decode(answer, (uint256)) != params.currencyDecimals) {
            revert FactoryCurrencyDecimals(currency, params.currencyDecimals);
        }
    }

    function _announce(DisCO memory disco, Params calldata params) private {
        emit DisCOCreated(
            disco.membership,
            msg.sender,
            params.name,
            disco.ledger,
            disco.treasury,
            disco.capital,
            disco.audit,
            disco.governor,
            disco.timelock,
            params.currency
        );
    }

    function _implementation(address implementation) private view returns (address) {
        if (implementation.code.length == 0) revert FactoryInvalidImplementation(implementation);
        return implementation;
    }
}
