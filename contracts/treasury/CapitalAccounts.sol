// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICapitalAccounts} from "../interfaces/ICapitalAccounts.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {IValueLedger} from "../interfaces/IValueLedger.sol";
import {CloneArgs} from "../utils/CloneArgs.sol";
import {TokenRecovery} from "../utils/TokenRecovery.sol";

/// @title CapitalAccounts
/// @notice The DisCO's capital accounts, kept beside the treasury that holds their money (this clone names the treasury
/// among its arguments and the treasury names it at its set-up, so each names the other for good).
/// @dev Nothing loops over members. An account is shares of an index that interest grows; a year close writes one
/// record, and each member's allocation (or loss) of it reaches their account when they are next settled, which
/// costs the year's periods in ledger reads and nothing per member. Rounding always favours the books: members get
/// floor(pool x patronage / total), and what is left stays in the total it came from, so
/// `held` = accounts + reserve + commons + cash owed + redemptions owed never drifts from what the treasury keeps.
contract CapitalAccounts is ICapitalAccounts, TokenRecovery, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The least cash share of a patronage allocation (US Subchapter T: 20%).
    uint16 public constant MIN_CASH_BPS = 2_000;
    /// @notice The most periods a year may span (13: a four-weekly rhythm).
    uint32 public constant MAX_YEAR_PERIODS = 13;

    uint256 private constant _BPS = 10_000;
    uint256 private constant _RAY = 1e27;

    // ------------------------------------------------------------------------------------------------ STORAGE

    /// @dev A member's settled account; `cash` is patronage cash credited and not claimed.
    struct StoredAccount {
        uint256 shares;
        uint128 cash;
        uint32 settledYears;
        bool contributed;
    }

    Settings private _settings;
    mapping(uint32 year => Year) private _years;
    uint32 private _yearCount;
    uint32 private _closedThrough;
    mapping(address member => StoredAccount) private _accounts;
    // Every amount moved into a redemption keeps its own schedule; `_firstOpen` skips the ones paid in full.
    mapping(address member => Redemption[]) private _redemptions;
    mapping(address member => uint256) private _firstOpen;

    uint256 private _index;
    uint256 private _totalShares;
    // Shares that loss years charged and that settling has not written off yet (uncapped): no interest is paid on them.
    uint256 private _pendingLossShares;
    uint256 private _accountsTotal;
    uint256 private _reserve;
    uint256 private _commons;
    uint256 private _cashOwed;
    uint256 private _redemptionsOwed;

    /// @notice The implementation that clones run: its own initialiser is locked, so it holds no DisCO.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Sets up a clone, once: the factory calls it in the transaction that creates the clone.
    /// The clone's arguments: its treasury, the currency, the value ledger and the membership contract.
    /// @param admin The only holder of DEFAULT_ADMIN_ROLE: the DisCO's timelock
    /// @param settings_ The capital rules
    function initialize(address admin, Settings calldata settings_) external initializer {
        _index = _RAY;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setSettings(settings_);
    }

    // ------------------------------------------------------------------------------------------------ ACTIONS

    /// @inheritdoc ICapitalAccounts
    function contribute() external nonReentrant {
        address member = _msgSender();
        if (!_membership().isMember(member)) revert CapitalNotMember(member);
        uint256 amount = _settings.contribution;
        if (amount == 0) revert CapitalNoContribution();
        StoredAccount storage account = _accounts[member];
        if (account.contributed) revert CapitalAlreadyContributed(member);
        _settle(member, account);

        uint256 toReserve = (amount * _settings.contributionReserveBps) / _BPS;
        uint256 toAccount = amount - toReserve;
        uint256 shares = Math.mulDiv(toAccount, _RAY, _index);
        account.contributed = true;
        account.shares += shares;
        _totalShares += shares;
        _accountsTotal += toAccount;
        _reserve += toReserve;
        emit ContributionPaid(member, amount, toReserve, toAccount, shares);

        address treasury_ = address(_treasury());
        uint256 before = _currency().balanceOf(treasury_);
        _currency().safeTransferFrom(member, treasury_, amount);
        uint256 received = _currency().balanceOf(treasury_) - before;
        if (received != amount) revert CapitalInexactTransfer(amount, received);
    }

    /// @inheritdoc ICapitalAccounts
    function closeYear(uint32 lastPeriod, uint256 surplus) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (surplus == 0) revert CapitalZeroAmount();
        (uint32 year, uint32 firstPeriod, uint256 totalPatronage) = _openYear(lastPeriod);
        // The treasury refuses to answer while one of its transfers is under way, so money leaving can't be
        // allocated twice.
        uint256 free = _treasury().unallocated();
        if (surplus > free) revert CapitalInsufficientUnallocated(surplus, free);

        SurplusSplit memory split = _split(surplus, totalPatronage);
        _index = split.index;
        _totalShares += split.retainedShares;
        _accountsTotal += split.interest + split.retainedPool;
        _reserve += split.toReserve;
        _commons += split.toCommons;
        _cashOwed += split.cashPool;

        Year storage y = _years[year];
        y.firstPeriod = firstPeriod;
        y.lastPeriod = lastPeriod;
        y.closedAt = Time.timestamp();
        y.basis = _settings.basis;
        y.totalPatronage = SafeCast.toUint128(totalPatronage);
        y.cashPool = SafeCast.toUint128(split.cashPool);
        y.retainedShares = split.retainedShares;
        y.index = split.index;
        emit YearClosed(year, _msgSender(), firstPeriod, lastPeriod, split);
    }

    /// @inheritdoc ICapitalAccounts
    function closeYearAtLoss(uint32 lastPeriod, uint256 loss) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (loss == 0) revert CapitalZeroAmount();
        // More than the reserve and every account together is not a loss the books can take: a mistake or an attack.
        // Accounts already charged by an earlier loss, not settled yet, can't absorb it twice.
        uint256 pendingCharge = _valueOf(_pendingLossShares);
        uint256 absorbable = _reserve + (_accountsTotal > pendingCharge ? _accountsTotal - pendingCharge : 0);
        if (loss > absorbable) revert CapitalLossTooLarge(loss, absorbable);
        (uint32 year, uint32 firstPeriod, uint256 totalPatronage) = _openYear(lastPeriod);
        uint256 fromReserve = Math.min(loss, _reserve);
        // Without patronage there is nobody to charge: what the reserve can't absorb stays uncovered.
        uint256 charged = totalPatronage == 0 ? 0 : loss - fromReserve;
        _reserve -= fromReserve;
        _pendingLossShares += Math.mulDiv(charged, _RAY, _index);

        Year storage y = _years[year];
        y.firstPeriod = firstPeriod;
        y.lastPeriod = lastPeriod;
        y.closedAt = Time.timestamp();
        y.basis = _settings.basis;
        y.atLoss = true;
        y.totalPatronage = SafeCast.toUint128(totalPatronage);
        y.charge = SafeCast.toUint128(charged);
        y.index = _index;
        emit YearClosedAtLoss(year, _msgSender(), firstPeriod, lastPeriod, loss, fromReserve, charged, totalPatronage);
    }

    /// @inheritdoc ICapitalAccounts
    function settle(address member) external nonReentrant {
        _settle(member, _accounts[member]);
    }

    /// @inheritdoc ICapitalAccounts
    function claimCash() external nonReentrant returns (uint256 amount) {
        address member = _msgSender();
        StoredAccount storage account = _accounts[member];
        _settle(member, account);
        amount = account.cash;
        if (amount == 0) revert CapitalNothingToClaim(member);
        account.cash = 0;
        _cashOwed -= amount;
        emit CashClaimed(member, amount);
        _treasury().capitalPay(member, amount);
    }

    /// @inheritdoc ICapitalAccounts
    function startRedemption(address member) external nonReentrant {
        if (_membership().isMember(member)) revert CapitalStillMember(member);
        _requireResultsIn(member);
        StoredAccount storage account = _accounts[member];
        _settle(member, account);
        uint256 shares = account.shares;
        uint256 amount = _valueOf(shares);
        if (amount == 0) revert CapitalNothingToRedeem(member);
        account.shares = 0;
        _totalShares -= shares;
        _accountsTotal -= amount;
        _redemptionsOwed += amount;

        Redemption[] storage schedules = _redemptions[member];
        uint48 start = Time.timestamp();
        (uint48 period, uint8 instalments) = (_settings.revolvingPeriod, _settings.instalments);
        schedules.push(Redemption(SafeCast.toUint128(amount), 0, start, period, instalments));
        emit RedemptionScheduled(member, schedules.length - 1, shares, amount, start, period, instalments);
    }

    /// @inheritdoc ICapitalAccounts
    /// @dev Loops over the caller's own schedules not yet paid in full: one per time they left with capital.
    function redeem() external nonReentrant returns (uint256 amount) {
        address member = _msgSender();
        Redemption[] storage schedules = _redemptions[member];
        uint256 first = _firstOpen[member];
        uint256 nextDueAt;
        for (uint256 i = first; i < schedules.length; ++i) {
            Redemption storage r = schedules[i];
            (uint256 due, uint256 next) = _due(r);
            if (next == 0 && i == first) ++first;
            if (next != 0 && (nextDueAt == 0 || next < nextDueAt)) nextDueAt = next;
            if (due == 0) continue;
            // Safe: due is at most the schedule's total (a uint128) less what was paid.
            uint128 paid = r.paid + uint128(due);
            r.paid = paid;
            amount += due;
            emit Redeemed(member, i, due, paid);
        }
        if (amount == 0) revert CapitalNothingDue(member, nextDueAt);
        _firstOpen[member] = first;
        _redemptionsOwed -= amount;
        _treasury().capitalPay(member, amount);
    }

    /// @inheritdoc ICapitalAccounts
    function spendCommons(
        address to,
        uint256 amount,
        string calldata reason
    ) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (to == address(0)) revert CapitalInvalidRecipient(to);
        if (amount == 0) revert CapitalZeroAmount();
        if (amount > _commons) revert CapitalInsufficientCommons(amount, _commons);
        _commons -= amount;
        emit CommonsSpent(to, amount, reason);
        _treasury().capitalPay(to, amount);
    }

    /// @inheritdoc ICapitalAccounts
    function setSettings(Settings calldata settings_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setSettings(settings_);
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @inheritdoc ICapitalAccounts
    function treasury() external view returns (address) {
        return address(_treasury());
    }

    /// @inheritdoc ICapitalAccounts
    function currency() external view returns (IERC20) {
        return _currency();
    }

    /// @inheritdoc ICapitalAccounts
    function ledger() external view returns (IValueLedger) {
        return _ledger();
    }

    /// @inheritdoc ICapitalAccounts
    function settings() external view returns (Settings memory) {
        return _settings;
    }

    /// @inheritdoc ICapitalAccounts
    function held() external view returns (uint256) {
        return _accountsTotal + _reserve + _commons + _cashOwed + _redemptionsOwed;
    }

    /// @inheritdoc ICapitalAccounts
    function reserve() external view returns (uint256) {
        return _reserve;
    }

    /// @inheritdoc ICapitalAccounts
    function commons() external view returns (uint256) {
        return _commons;
    }

    /// @inheritdoc ICapitalAccounts
    function accountsTotal() external view returns (uint256) {
        return _accountsTotal;
    }

    /// @inheritdoc ICapitalAccounts
    function cashOwed() external view returns (uint256) {
        return _cashOwed;
    }

    /// @inheritdoc ICapitalAccounts
    function redemptionsOwed() external view returns (uint256) {
        return _redemptionsOwed;
    }

    /// @inheritdoc ICapitalAccounts
    function index() external view returns (uint256) {
        return _index;
    }

    /// @inheritdoc ICapitalAccounts
    function totalShares() external view returns (uint256) {
        return _totalShares;
    }

    /// @inheritdoc ICapitalAccounts
    function pendingLossShares() external view returns (uint256) {
        return _pendingLossShares;
    }

    /// @inheritdoc ICapitalAccounts
    function yearCount() external view returns (uint32) {
        return _yearCount;
    }

    /// @inheritdoc ICapitalAccounts
    function yearOf(uint32 year) external view returns (Year memory) {
        return _years[year];
    }

    /// @inheritdoc ICapitalAccounts
    function accountOf(address member) external view returns (Account memory) {
        StoredAccount storage account = _accounts[member];
        return _account(account.shares, account.cash, account.settledYears, account.contributed);
    }

    /// @inheritdoc ICapitalAccounts
    function currentAccountOf(address member) external view returns (Account memory) {
        StoredAccount storage account = _accounts[member];
        uint256 shares = account.shares;
        uint256 cash = account.cash;
        for (uint32 y = account.settledYears + 1; y <= _yearCount; ++y) {
            (, uint256 cashIn, uint256 sharesIn, uint256 sharesOut) = _yearEffect(member, y, shares);
            (shares, cash) = (shares + sharesIn - sharesOut, cash + cashIn);
        }
        return _account(shares, cash, _yearCount, account.contributed);
    }

    /// @inheritdoc ICapitalAccounts
    function allocationOf(
        address member,
        uint32 year
    ) external view returns (uint256 patronage, uint256 cash, uint256 shares, uint256 charge) {
        Year storage y = _years[year];
        if (y.closedAt == 0) return (0, 0, 0, 0);
        patronage = _patronage(member, y);
        if (patronage == 0) return (patronage, 0, 0, 0);
        if (y.atLoss) return (patronage, 0, 0, Math.mulDiv(y.charge, patronage, y.totalPatronage));
        cash = Math.mulDiv(y.cashPool, patronage, y.totalPatronage);
        shares = Math.mulDiv(y.retainedShares, patronage, y.totalPatronage);
    }

    /// @inheritdoc ICapitalAccounts
    function redemptionCount(address member) external view returns (uint256) {
        return _redemptions[member].length;
    }

    /// @inheritdoc ICapitalAccounts
    function redemptionOf(address member, uint256 schedule) external view returns (Redemption memory) {
        Redemption[] storage schedules = _redemptions[member];
        if (schedule >= schedules.length) revert CapitalUnknownRedemption(member, schedule);
        return schedules[schedule];
    }

    /// @inheritdoc ICapitalAccounts
    function redeemable(address member) external view returns (uint256 due, uint256 nextDueAt) {
        Redemption[] storage schedules = _redemptions[member];
        for (uint256 i = _firstOpen[member]; i < schedules.length; ++i) {
            (uint256 d, uint256 next) = _due(schedules[i]);
            due += d;
            if (next != 0 && (nextDueAt == 0 || next < nextDueAt)) nextDueAt = next;
        }
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    /// @dev Checks that a year can end with `lastPeriod` and numbers it; returns its first period and the total
    /// patronage of its periods (loops over periods, at most MAX_YEAR_PERIODS, never over members).
    function _openYear(uint32 lastPeriod) private returns (uint32 year, uint32 firstPeriod, uint256 totalPatronage) {
        uint32 closedThrough = _closedThrough;
        if (lastPeriod <= closedThrough) revert CapitalYearAlreadyClosed(lastPeriod, closedThrough);
        uint32 periods = lastPeriod - closedThrough;
        if (periods > MAX_YEAR_PERIODS) revert CapitalYearTooLong(periods, MAX_YEAR_PERIODS);
        firstPeriod = closedThrough + 1;
        PatronageBasis basis = _settings.basis;
        for (uint32 p = firstPeriod; p <= lastPeriod; ++p) {
            // Each period's own review window: a shorter window set later could make a later period final sooner.
            if (!_ledger().isFinal(p)) revert CapitalPeriodNotFinal(p, _ledger().periodInfo(p).finalAt);
            totalPatronage += _basisOf(_ledger().periodTotals(p).payable_, basis);
        }
        _closedThrough = lastPeriod;
        year = ++_yearCount;
    }

    /// @dev A leaver's redemption waits until every period they have logged work in (counted or still under review)
    /// belongs to a closed year, so that the year's result, surplus or loss, reaches their account first: leaving
    /// can't dodge a loss. Loops over the periods since the last year close, never over members.
    function _requireResultsIn(address member) private view {
        uint32 current = _ledger().currentPeriod();
        for (uint32 p = _closedThrough + 1; p <= current; ++p) {
            uint64[3] memory work = _ledger().loggedInPeriod(member, p);
            if (work[0] != 0 || work[1] != 0 || work[2] != 0) revert CapitalResultsPending(member, p);
        }
    }

    /// @dev Interest first (capped by the surplus), then reserve and commons shares of the rest, then patronage, split
    /// into cash and retained shares. Without patronage, the patronage share goes to the reserve. Interest is owed on
    /// the accounts net of the losses charged to them, settled or not, so that the split doesn't depend on who was
    /// settled; the index spreads it over every share, those of pending losses too (written off later with them).
    function _split(uint256 surplus, uint256 totalPatronage) private view returns (SurplusSplit memory s) {
        s.surplus = surplus;
        s.totalPatronage = totalPatronage;
        s.index = _index;
        uint256 totalShares_ = _totalShares;
        uint256 pending = _pendingLossShares;
        if (totalShares_ > pending) {
            uint256 value = Math.mulDiv(totalShares_ - pending, s.index, _RAY);
            s.interest = Math.min((value * _settings.interestBps) / _BPS, surplus);
            // The index grows by at most the interest, so that no account is worth more than was put in.
            s.index += Math.mulDiv(s.interest, _RAY, totalShares_);
        }
        uint256 rest = surplus - s.interest;
        s.toReserve = (rest * _settings.reserveBps) / _BPS;
        s.toCommons = (rest * _settings.commonsBps) / _BPS;
        uint256 patronagePool = rest - s.toReserve - s.toCommons;
        if (totalPatronage == 0) {
            s.toReserve += patronagePool;
            return s;
        }
        s.cashPool = (patronagePool * _settings.cashBps) / _BPS;
        s.retainedPool = patronagePool - s.cashPool;
        s.retainedShares = Math.mulDiv(s.retainedPool, _RAY, s.index);
    }

    /// @dev Applies every closed year not yet applied to the account, in order, so that a loss is charged to the
    /// account as it stood that year.
    function _settle(address member, StoredAccount storage account) private {
        uint32 count = _yearCount;
        uint32 from = account.settledYears;
        if (from == count) return;
        uint256 shares = account.shares;
        uint256 cash = account.cash;
        for (uint32 y = from + 1; y <= count; ++y) {
            (uint256 patronage, uint256 cashIn, uint256 sharesIn, uint256 sharesOut) = _yearEffect(member, y, shares);
            if (patronage == 0) continue;
            if (_years[y].atLoss) {
                _pendingLossShares -= _chargeShares(_years[y], patronage);
                uint256 value = _valueOf(sharesOut);
                shares -= sharesOut;
                _totalShares -= sharesOut;
                _accountsTotal -= value;
                emit LossCharged(member, y, patronage, sharesOut, value);
            } else {
                shares += sharesIn;
                cash += cashIn;
                emit AllocationSettled(
                    member,
                    y,
                    patronage,
                    cashIn,
                    sharesIn,
                    Math.mulDiv(sharesIn, _years[y].index, _RAY)
                );
            }
        }
        account.shares = shares;
        account.cash = SafeCast.toUint128(cash);
        account.settledYears = count;
        emit AccountSettled(member, count);
    }

    /// @dev What year `y` does to an account holding `shares`: cash and shares in (a surplus), or shares written off
    /// (a loss: the member's share of the charge at the year's index, at most what they hold).
    function _yearEffect(
        address member,
        uint32 y,
        uint256 shares
    ) private view returns (uint256 patronage, uint256 cashIn, uint256 sharesIn, uint256 sharesOut) {
        Year storage year = _years[y];
        patronage = _patronage(member, year);
        if (patronage == 0) return (0, 0, 0, 0);
        uint256 total = year.totalPatronage;
        if (year.atLoss) {
            sharesOut = Math.min(_chargeShares(year, patronage), shares);
        } else {
            cashIn = Math.mulDiv(year.cashPool, patronage, total);
            sharesIn = Math.mulDiv(year.retainedShares, patronage, total);
        }
    }

    /// @dev A member's share of a loss year's charge, in shares at the year's index, before the cap of their account.
    /// Their sum over members never exceeds what the year added to the pending loss shares.
    function _chargeShares(Year storage year, uint256 patronage) private view returns (uint256) {
        return Math.mulDiv(Math.mulDiv(year.charge, patronage, year.totalPatronage), _RAY, year.index);
    }

    /// @dev A member's patronage over a year's periods, in the basis the year was closed with.
    function _patronage(address member, Year storage year) private view returns (uint256 patronage) {
        PatronageBasis basis = year.basis;
        for (uint32 p = year.firstPeriod; p <= year.lastPeriod; ++p) {
            patronage += _basisOf(_ledger().memberPeriodPayable(member, p), basis);
        }
    }

    function _basisOf(uint64[3] memory payable_, PatronageBasis basis) private pure returns (uint256) {
        return
            basis == PatronageBasis.Credits
                ? uint256(payable_[uint8(IValueLedger.Stream.Livelihood)]) + payable_[uint8(IValueLedger.Stream.Love)]
                : payable_[uint8(IValueLedger.Stream.Care)];
    }

    /// @dev What is due now (every instalment whose time has come, less what was paid) and when the next one is.
    function _due(Redemption storage r) private view returns (uint256 due, uint256 nextDueAt) {
        // Never zero: the settings refuse a redemption without instalments, and a schedule exists only once started.
        uint256 n = r.instalments;
        uint256 elapsed = Time.timestamp() - r.start;
        uint256 reached = Math.min((elapsed * n) / r.period, n);
        uint256 owedSoFar = reached == n ? r.total : (uint256(r.total) * reached) / n;
        due = owedSoFar - r.paid;
        if (reached < n) nextDueAt = r.start + Math.ceilDiv((reached + 1) * r.period, n);
    }

    function _valueOf(uint256 shares) private view returns (uint256) {
        return Math.mulDiv(shares, _index, _RAY);
    }

    function _account(
        uint256 shares,
        uint256 cash,
        uint32 settledYears,
        bool contributed
    ) private view returns (Account memory) {
        return Account(shares, _valueOf(shares), cash, settledYears, contributed);
    }

    function _setSettings(Settings memory s) private {
        if (s.contributionReserveBps > _BPS) revert CapitalBpsAboveMax(s.contributionReserveBps);
        if (uint256(s.reserveBps) + s.commonsBps > _BPS) revert CapitalInvalidYearSplit(s.reserveBps, s.commonsBps);
        if (s.cashBps < MIN_CASH_BPS) revert CapitalCashShareBelowMinimum(s.cashBps, MIN_CASH_BPS);
        if (s.cashBps > _BPS) revert CapitalBpsAboveMax(s.cashBps);
        if (s.interestCapBps > _BPS) revert CapitalBpsAboveMax(s.interestCapBps);
        if (s.interestBps > s.interestCapBps) revert CapitalInterestAboveCap(s.interestBps, s.interestCapBps);
        if (s.instalments == 0 || s.revolvingPeriod == 0) {
            revert CapitalInvalidRedemption(s.revolvingPeriod, s.instalments);
        }
        _settings = s;
        emit SettingsSet(s);
    }

    /// @dev The treasury that holds the accounts' money, the clone's argument 0.
    function _treasury() private view returns (ITreasury) {
        return ITreasury(CloneArgs.addressAt(0));
    }

    /// @dev The currency token the treasury holds, the clone's argument 1.
    function _currency() private view returns (IERC20) {
        return IERC20(CloneArgs.addressAt(1));
    }

    /// @dev The value ledger that patronage is read from, the clone's argument 2.
    function _ledger() private view returns (IValueLedger) {
        return IValueLedger(CloneArgs.addressAt(2));
    }

    /// @dev The ledger's membership contract, the clone's argument 3.
    function _membership() private view returns (IMembership) {
        return IMembership(CloneArgs.addressAt(3));
    }
}
