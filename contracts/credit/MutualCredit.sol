// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IDisCOFactory} from "../interfaces/IDisCOFactory.sol";
import {IFederation} from "../interfaces/IFederation.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IMutualCredit} from "../interfaces/IMutualCredit.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {CloneArgs} from "../utils/CloneArgs.sol";

/// @title MutualCredit
/// @notice A federation's mutual-credit network: lines, path payments, cycle clearing and settlement (IMutualCredit).
/// @dev A clone whose arguments are (federation, maxHops, memberAccounts): the settings are sealed in its code, read
/// without a storage load. A payment's cost is the payer's authorisation (one call to the federation's memberOf; a
/// treasurer's also the ledger's hasRole and the budget word), one isMember call per further node, and one word per
/// hop: it does not depend on the number of accounts or lines. Balances are never summed on chain (net positions are
/// the SDK's fold of the events): one signed balance per pair makes them sum to zero by construction.
contract MutualCredit is IMutualCredit, Initializable {
    using SafeERC20 for IERC20;

    /// @inheritdoc IMutualCredit
    uint8 public constant MAX_HOPS = 8;
    /// @inheritdoc IMutualCredit
    uint32 public constant PERIOD = 30 days;

    bytes32 private constant _TREASURER_ROLE = keccak256("TREASURER_ROLE");
    /// @dev The clone's arguments: (federation, maxHops, memberAccounts), one word each.
    uint256 private constant _FEDERATION_ARG = 0;
    uint256 private constant _MAX_HOPS_ARG = 1;
    uint256 private constant _MEMBER_ACCOUNTS_ARG = 2;
    /// @dev The governor's clone arguments are (membership, ledger, treasury, capital, audit).
    uint256 private constant _TREASURY_ARG = 2;
    /// @dev A credit unit is a hundredth of the currency's whole unit.
    uint8 private constant _CREDIT_DECIMALS = 2;

    mapping(address low => mapping(address high => Pair)) private _pairs;
    mapping(address disco => Treasurers) private _treasurers;
    mapping(address account => address disco) private _homes;
    /// @dev Each DisCO's timelock, recorded on its first authorised call (see _authorize).
    mapping(address disco => address timelock) private _timelocks;

    /// @notice The implementation that clones run: its own initialiser is locked.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IMutualCredit
    function initialize() external initializer {
        IFederation fed = _federation();
        if (msg.sender != fed.factory()) revert CreditNotFactory(msg.sender);
        uint8 hops = _maxHops();
        if (hops == 0 || hops > MAX_HOPS) revert CreditInvalidMaxHops(hops);
        emit CreditNetworkFounded(address(fed), hops, _memberAccounts());
    }

    // ------------------------------------------------------------------------------------------------ ACCOUNTS

    /// @inheritdoc IMutualCredit
    function openAccount(address disco) external {
        if (!_memberAccounts()) revert CreditMemberAccountsOff();
        if (!_isCommitted(msg.sender, disco)) revert CreditNotCommittedMember(msg.sender, disco);
        _homes[msg.sender] = disco;
        emit AccountOpened(msg.sender, disco);
    }

    /// @inheritdoc IMutualCredit
    function setTreasurerLimits(address disco, uint64 budget, uint64 lineBound) external {
        IFederation.Member memory m = _federation().memberOf(disco);
        if (!m.active) revert CreditNotAccount(disco);
        if (msg.sender != m.timelock) revert CreditUnauthorized(msg.sender, disco);
        Treasurers storage t = _treasurers[disco];
        t.budget = budget;
        t.lineBound = lineBound;
        emit TreasurerLimitsSet(disco, budget, lineBound);
    }

    // ------------------------------------------------------------------------------------------------ LINES

    /// @inheritdoc IMutualCredit
    function setCreditLine(address giver, address receiver, uint64 limit) external {
        (Pair storage p, bool low) = _pair(giver, receiver);
        uint64 current = low ? p.lowLimit : p.highLimit;
        // A person's account (one with a home DisCO) could lend a treasurer the DisCO's credit outside the budget.
        if (_authorizeLine(giver, receiver, current, limit) && _homes[receiver] != address(0)) {
            revert CreditPersonLineByVote(receiver);
        }
        if (low) p.lowLimit = limit;
        else p.highLimit = limit;
        emit CreditLineSet(giver, receiver, limit, msg.sender);
    }

    /// @inheritdoc IMutualCredit
    function freezeCreditLine(address giver, address receiver, bool frozen) external {
        (Pair storage p, bool low) = _pair(giver, receiver);
        uint64 current = low ? p.lowLimit : p.highLimit;
        // Freezing protects: treasurers may; thawing is the members' (or the person's) call.
        if (_authorizeLine(giver, receiver, current, current) && !frozen) revert CreditThawByVote(giver, receiver);
        if (low) p.lowFrozen = frozen;
        else p.highFrozen = frozen;
        emit CreditLineFrozen(giver, receiver, frozen, msg.sender);
    }

    // ------------------------------------------------------------------------------------------------ PAYMENTS

    /// @inheritdoc IMutualCredit
    function pay(address payer, address payee, address[] calldata path, uint64 amount, bytes32 paymentRef) external {
        if (amount == 0) revert CreditZeroAmount();
        uint256 last = _checkLength(path.length, 2);
        if (path[0] != payer) revert CreditPathEnds(payer, path[0]);
        if (path[last] != payee) revert CreditPathEnds(payee, path[last]);
        if (_authorize(payer)) _spend(payer, amount);
        for (uint256 i = 1; i <= last; ++i) {
            address node = path[i];
            _requireNew(path, i, 0, node);
            _requireAccount(node);
            _hop(path[i - 1], node, amount);
        }
        emit CreditPaid(payer, payee, amount, paymentRef, path, msg.sender);
    }

    /// @inheritdoc IMutualCredit
    function clearCycle(address[] calldata cycle, uint64 amount) external {
        if (amount == 0) revert CreditZeroAmount();
        uint256 last = _checkLength(cycle.length, 4);
        if (cycle[last] != cycle[0]) revert CreditCycleNotClosed(cycle[0], cycle[last]);
        for (uint256 i = 1; i <= last; ++i) {
            // The closing node repeats the first: it is checked against the others only.
            if (i < last) _requireNew(cycle, i, 0, cycle[i]);
            else _requireNew(cycle, i, 1, cycle[i]);
            _reduce(cycle[i - 1], cycle[i], amount);
        }
        emit CycleCleared(cycle, amount, msg.sender);
    }

    /// @inheritdoc IMutualCredit
    function settle(address debtor, address creditor, uint64 amount) external {
        if (amount == 0) revert CreditZeroAmount();
        IFederation fed = _federation();
        address timelock = fed.memberOf(debtor).timelock;
        if (msg.sender != timelock) revert CreditUnauthorized(msg.sender, debtor);
        address creditorTimelock = fed.memberOf(creditor).timelock;
        if (creditorTimelock == address(0)) revert CreditNotAccount(creditor);
        IDisCOFactory factory = IDisCOFactory(fed.factory());
        ITreasury treasury = _treasuryOf(factory, creditorTimelock);
        IERC20 currency = _treasuryOf(factory, timelock).currency();
        if (treasury.currency() != currency) {
            revert CreditCurrencyMismatch(address(currency), address(treasury.currency()));
        }
        uint8 decimals = IERC20Metadata(address(currency)).decimals();
        if (decimals < _CREDIT_DECIMALS) revert CreditCurrencyDecimals(address(currency), decimals);
        uint256 tokens = uint256(amount) * 10 ** (decimals - _CREDIT_DECIMALS);
        // Effects before the transfer: a currency that calls back finds the debt already paid down.
        _reduce(debtor, creditor, amount);
        emit Settled(debtor, creditor, amount, address(currency), tokens, msg.sender);
        currency.safeTransferFrom(msg.sender, address(treasury), tokens);
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @inheritdoc IMutualCredit
    function federation() external view returns (address) {
        return address(_federation());
    }

    /// @inheritdoc IMutualCredit
    function maxHops() external view returns (uint8) {
        return _maxHops();
    }

    /// @inheritdoc IMutualCredit
    function memberAccounts() external view returns (bool) {
        return _memberAccounts();
    }

    /// @inheritdoc IMutualCredit
    function balanceOf(address a, address b) external view returns (int256) {
        (Pair storage p, bool low) = _pairView(a, b);
        return low ? int256(p.balance) : -int256(p.balance);
    }

    /// @inheritdoc IMutualCredit
    function lineOf(address giver, address receiver) external view returns (uint64 limit, bool frozen) {
        (Pair storage p, bool low) = _pairView(giver, receiver);
        return low ? (p.lowLimit, p.lowFrozen) : (p.highLimit, p.highFrozen);
    }

    /// @inheritdoc IMutualCredit
    function treasurersOf(address disco) external view returns (Treasurers memory) {
        return _treasurers[disco];
    }

    /// @inheritdoc IMutualCredit
    function homeOf(address account) external view returns (address) {
        return _homes[account];
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    /// @dev Who acts for `account`: its timelock (false), one of its treasurers (true), or the person (false).
    /// Reverts unless `account` is an account now and the caller may act for it. A DisCO's timelock is recorded here
    /// on its first call, after which its calls read one word here and ask the federation only `isMember` (about
    /// 6,000 gas less than its whole record): a DisCO's id has one timelock for good (the factory made one per
    /// membership, and the federation records only the one the factory knows), so the record never goes stale.
    function _authorize(address account) private returns (bool treasurer) {
        IFederation fed = _federation();
        if (msg.sender == _timelocks[account]) {
            if (!fed.isMember(account)) revert CreditNotAccount(account);
            return false;
        }
        IFederation.Member memory m = fed.memberOf(account);
        if (m.active) {
            if (msg.sender == m.timelock) {
                _timelocks[account] = msg.sender;
                return false;
            }
            if (IAccessControl(m.ledger).hasRole(_TREASURER_ROLE, msg.sender)) return true;
        } else {
            _requirePerson(account);
            if (msg.sender == account) return false;
        }
        revert CreditUnauthorized(msg.sender, account);
    }

    /// @dev Authorises a change of giver's line toward receiver from `current` to `limit`: a treasurer only when both
    /// are within the DisCO's bound (a line the members set above it is theirs to change). Returns whether the caller
    /// is one of giver's treasurers (the callers refuse them more).
    function _authorizeLine(
        address giver,
        address receiver,
        uint64 current,
        uint64 limit
    ) private returns (bool treasurer) {
        treasurer = _authorize(giver);
        _requireAccount(receiver);
        if (treasurer) {
            uint64 bound = _treasurers[giver].lineBound;
            if (limit > bound) revert CreditLineOverBound(giver, limit, bound);
            if (current > bound) revert CreditLineOverBound(giver, current, bound);
        }
    }

    /// @dev Counts a treasurer's payment against the DisCO's budget for the current period.
    function _spend(address disco, uint64 amount) private {
        Treasurers storage t = _treasurers[disco];
        uint32 period = uint32(block.timestamp / PERIOD);
        uint256 spent = (t.period == period ? uint256(t.spent) : 0) + amount;
        if (spent > t.budget) revert CreditOverBudget(disco, spent, t.budget);
        t.period = period;
        // Within a uint64 budget.
        t.spent = uint64(spent);
    }

    /// @dev Moves `from`'s balance toward `to` down by `amount`, never below the line `to` extends (0 when frozen).
    function _hop(address from, address to, uint64 amount) private {
        (Pair storage p, bool low) = _pairView(from, to);
        int256 balance = p.balance;
        int256 next;
        uint64 limit;
        if (low) {
            next = balance - int256(uint256(amount));
            limit = p.highFrozen ? 0 : p.highLimit;
        } else {
            next = -balance - int256(uint256(amount));
            limit = p.lowFrozen ? 0 : p.lowLimit;
        }
        if (next < -int256(uint256(limit))) revert CreditOverLine(from, to, next, limit);
        // Never below minus a uint64 line, and never above what it was: it fits an int96.
        p.balance = int96(low ? next : -next);
    }

    /// @dev Moves the balance between `from` and `to` toward zero by `amount`: `from` must owe `to` at least that.
    function _reduce(address from, address to, uint64 amount) private {
        (Pair storage p, bool low) = _pairView(from, to);
        int256 owed = low ? -int256(p.balance) : int256(p.balance);
        if (owed < int256(uint256(amount))) revert CreditOverDebt(from, to, owed < 0 ? 0 : uint256(owed), amount);
        // Toward zero: within the int96 it was.
        p.balance = int96(
            low ? int256(p.balance) + int256(uint256(amount)) : int256(p.balance) - int256(uint256(amount))
        );
    }

    /// @dev The nodes before index `i` (from `from`) must differ from `node`.
    function _requireNew(address[] calldata nodes, uint256 i, uint256 from, address node) private pure {
        for (uint256 j = from; j < i; ++j) {
            if (nodes[j] == node) revert CreditRepeatedNode(node);
        }
    }

    /// @dev A path of `length` nodes, at least `min`, at most maxHops hops; returns the last index.
    function _checkLength(uint256 length, uint256 min) private view returns (uint256 last) {
        if (length < min || length > uint256(_maxHops()) + 1) revert CreditInvalidPathLength(length);
        return length - 1;
    }

    /// @dev Reverts unless `account` is an account now: a member DisCO, or else a person's open account.
    function _requireAccount(address account) private view {
        if (!_federation().isMember(account)) _requirePerson(account);
    }

    /// @dev Reverts unless `account` is a person's account whose DisCO is a member and in which it is Committed now.
    function _requirePerson(address account) private view {
        if (!_isCommitted(account, _homes[account])) revert CreditNotAccount(account);
    }

    /// @dev Whether `account` is a Committed member of `disco`, itself a member of the federation now.
    function _isCommitted(address account, address disco) private view returns (bool) {
        return
            disco != address(0) &&
            _federation().isMember(disco) &&
            IMembership(disco).stageOf(account) == IMembership.Stage.Committed;
    }

    /// @dev The pair's record, for a change by `a` (refusing a pair of one address).
    function _pair(address a, address b) private view returns (Pair storage p, bool low) {
        if (a == b) revert CreditSelfLine(a);
        return _pairView(a, b);
    }

    /// @dev The pair's record, and whether `a` is its lower address.
    function _pairView(address a, address b) internal view returns (Pair storage p, bool low) {
        low = a < b;
        p = low ? _pairs[a][b] : _pairs[b][a];
    }

    function _treasuryOf(IDisCOFactory factory, address timelock) private view returns (ITreasury) {
        return ITreasury(CloneArgs.addressOf(factory.governorOf(timelock), _TREASURY_ARG));
    }

    function _federation() private view returns (IFederation) {
        return IFederation(CloneArgs.addressAt(_FEDERATION_ARG));
    }

    /// @dev A uint8 argument, read as the low bits of its word (CloneArgs reads addresses).
    function _maxHops() private view returns (uint8) {
        return uint8(uint160(CloneArgs.addressAt(_MAX_HOPS_ARG)));
    }

    function _memberAccounts() private view returns (bool) {
        return CloneArgs.addressAt(_MEMBER_ACCOUNTS_ARG) != address(0);
    }
}
