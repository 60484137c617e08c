// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IValueLedger} from "./IValueLedger.sol";

/// @title ICapitalAccounts
/// @notice Mondragon-style capital accounts: joining contributions, the indivisible reserve, the commons fund, the
/// yearly allocation of surplus by patronage (a cash share claimable now, the rest retained), capped interest,
/// losses charged to the reserve first and then to accounts by patronage, and redemption on exit in instalments.
/// @dev The money stays in the treasury: this contract keeps its books and asks the treasury to pay. `held()` is what
/// the books owe (accounts + reserve + commons + cash owed + redemptions owed), which the treasury's `unallocated`
/// leaves out. Accounts are shares of an index (ray, 1e27) that grows with interest, so that crediting interest
/// touches no account; a year's allocation and loss reach an account lazily, when it is next settled.
interface ICapitalAccounts {
    /// @notice What patronage is measured in: livelihood and love payable credits, or care payable hours.
    enum PatronageBasis {
        Credits,
        Hours
    }

    /// @notice The capital rules the members set (a bylaw).
    /// @param contribution The joining contribution in token units (zero: none asked)
    /// @param contributionReserveBps The share of a contribution that goes to the indivisible reserve (Mondragon 25%)
    /// @param reserveBps The share of a year's surplus (after interest) that goes to the reserve
    /// @param commonsBps The share of a year's surplus (after interest) that goes to the commons and education fund
    /// @param cashBps The share of each patronage allocation that is paid in cash (at least 20%: US Subchapter T)
    /// @param interestBps The yearly interest on capital accounts, paid out of the surplus
    /// @param interestCapBps The most that `interestBps` may be (limited return on capital; Mondragon 7%)
    /// @param basis What patronage is measured in
    /// @param instalments How many equal instalments a redemption is paid in
    /// @param revolvingPeriod Seconds from the start of a redemption to its last instalment (CoLab: 3 years)
    struct Settings {
        uint128 contribution;
        uint16 contributionReserveBps;
        uint16 reserveBps;
        uint16 commonsBps;
        uint16 cashBps;
        uint16 interestBps;
        uint16 interestCapBps;
        PatronageBasis basis;
        uint8 instalments;
        uint48 revolvingPeriod;
    }

    /// @notice A closed year. `index` is the account index after the year's interest; a member's allocation is
    /// `cashPool` and `retainedShares` (of a surplus) or `charge` (of a loss) x their patronage / `totalPatronage`.
    struct Year {
        uint32 firstPeriod;
        uint32 lastPeriod;
        uint48 closedAt;
        PatronageBasis basis;
        bool atLoss;
        uint128 totalPatronage;
        uint128 cashPool;
        uint128 charge;
        uint256 retainedShares;
        uint256 index;
    }

    /// @notice How a year's surplus was split, as YearClosed reports it.
    struct SurplusSplit {
        uint256 surplus;
        uint256 interest;
        uint256 toReserve;
        uint256 toCommons;
        uint256 cashPool;
        uint256 retainedPool;
        uint256 retainedShares;
        uint256 totalPatronage;
        uint256 index;
    }

    /// @notice A member's capital account. `shares` x the index is its `value`; `cash` is patronage cash credited
    /// and not claimed yet; `settledYears` is how many closed years have reached it.
    struct Account {
        uint256 shares;
        uint256 value;
        uint256 cash;
        uint32 settledYears;
        bool contributed;
    }

    /// @notice A redemption schedule: `total` is paid in `instalments` parts, the k-th due at
    /// start + ceil(k x `period` / `instalments`); by then floor(total x k / instalments) is due in all, and the
    /// whole total at the last one (so rounding is paid with the last instalment).
    struct Redemption {
        uint128 total;
        uint128 paid;
        uint48 start;
        uint48 period;
        uint8 instalments;
    }

    // ------------------------------------------------------------------------------------------------ EVENTS

    /// @notice Emitted when the members set the capital rules.
    event SettingsSet(Settings settings);

    /// @notice Emitted when a member pays their joining contribution.
    event ContributionPaid(
        address indexed member,
        uint256 amount,
        uint256 toReserve,
        uint256 toAccount,
        uint256 shares
    );

    /// @notice Emitted when the members close a year with a surplus (`treasurer`: the timelock that executed it).
    event YearClosed(
        uint32 indexed year,
        address indexed treasurer,
        uint32 firstPeriod,
        uint32 lastPeriod,
        SurplusSplit split
    );

    /// @notice Emitted when the members close a year at a loss.
    event YearClosedAtLoss(
        uint32 indexed year,
        address indexed treasurer,
        uint32 firstPeriod,
        uint32 lastPeriod,
        uint256 loss,
        uint256 fromReserve,
        uint256 chargedToAccounts,
        uint256 totalPatronage
    );

    /// @notice Emitted when a year's surplus reaches a member's account: `cash` is credited to claim, `shares`
    /// (worth `value` at the year's index) are retained.
    event AllocationSettled(
        address indexed member,
        uint32 indexed year,
        uint256 patronage,
        uint256 cash,
        uint256 shares,
        uint256 value
    );

    /// @notice Emitted when a member's account has been brought up to date with the first `settledYears` years
    /// (after their AllocationSettled and LossCharged events, if any).
    event AccountSettled(address indexed member, uint32 settledYears);

    /// @notice Emitted when a year's loss reaches a member's account: `shares` worth `value` are written off. The
    /// shares are the member's charge at the year's index (at most what they hold), so `value`, at today's index,
    /// also takes back any interest those shares earned since the loss.
    event LossCharged(address indexed member, uint32 indexed year, uint256 patronage, uint256 shares, uint256 value);

    /// @notice Emitted when a member claims their patronage cash.
    event CashClaimed(address indexed member, uint256 amount);

    /// @notice Emitted when a former member's account (`shares` worth `amount`) moves into their redemption.
    /// Each one is a schedule of its own (numbered from 0 per member), starting now.
    event RedemptionScheduled(
        address indexed member,
        uint256 indexed schedule,
        uint256 shares,
        uint256 amount,
        uint48 start,
        uint48 period,
        uint8 instalments
    );

    /// @notice Emitted for each schedule that a redemption pays from (one transfer pays them all).
    event Redeemed(address indexed member, uint256 indexed schedule, uint256 amount, uint256 paidTotal);

    /// @notice Emitted when the timelock spends from the commons fund.
    event CommonsSpent(address indexed to, uint256 amount, string reason);

    // ------------------------------------------------------------------------------------------------ ERRORS

    /// @notice Thrown when an amount is zero.
    error CapitalZeroAmount();

    /// @notice Thrown when a basis-point setting is above 10,000.
    error CapitalBpsAboveMax(uint256 bps);

    /// @notice Thrown when the reserve and commons shares of a surplus sum to more than 10,000.
    error CapitalInvalidYearSplit(uint256 reserveBps, uint256 commonsBps);

    /// @notice Thrown when the cash share of patronage is below the minimum.
    error CapitalCashShareBelowMinimum(uint256 cashBps, uint256 minimum);

    /// @notice Thrown when the interest is above its cap.
    error CapitalInterestAboveCap(uint256 interestBps, uint256 capBps);

    /// @notice Thrown when a redemption would have no instalment or no revolving period.
    error CapitalInvalidRedemption(uint48 period, uint8 instalments);

    /// @notice Thrown when someone who is not a member pays a joining contribution.
    error CapitalNotMember(address account);

    /// @notice Thrown when no joining contribution is asked.
    error CapitalNoContribution();

    /// @notice Thrown when a member pays their joining contribution twice.
    error CapitalAlreadyContributed(address member);

    /// @notice Thrown when a token transfer moved another amount than asked.
    error CapitalInexactTransfer(uint256 expected, uint256 actual);

    /// @notice Thrown when a year would end at or before the end of the last closed year.
    error CapitalYearAlreadyClosed(uint32 lastPeriod, uint32 closedThrough);

    /// @notice Thrown when a year would include a period whose totals are not final yet (open: finalAt 0; or in
    /// its review window until finalAt).
    error CapitalPeriodNotFinal(uint32 period, uint48 finalAt);

    /// @notice Thrown when a loss is larger than the reserve and every account together (less what earlier losses
    /// charged to accounts and settling has not written off yet).
    error CapitalLossTooLarge(uint256 loss, uint256 absorbable);

    /// @notice Thrown when a redemption schedule does not exist.
    error CapitalUnknownRedemption(address member, uint256 schedule);

    /// @notice Thrown when a year would span more periods than allowed.
    error CapitalYearTooLong(uint32 periods, uint32 maximum);

    /// @notice Thrown when a surplus is above the treasury's unallocated balance.
    error CapitalInsufficientUnallocated(uint256 amount, uint256 unallocated);

    /// @notice Thrown when a member has no patronage cash to claim.
    error CapitalNothingToClaim(address member);

    /// @notice Thrown when a redemption is asked for a member who still is one.
    error CapitalStillMember(address member);

    /// @notice Thrown when a former member's redemption would start before the year of a period they have logged
    /// work in is closed (its surplus or loss must reach their account first).
    error CapitalResultsPending(address member, uint32 period);

    /// @notice Thrown when a former member has nothing in their account to redeem.
    error CapitalNothingToRedeem(address member);

    /// @notice Thrown when no instalment is due yet; `nextDueAt` is when the next one is (zero: none left).
    error CapitalNothingDue(address member, uint256 nextDueAt);

    /// @notice Thrown when more is asked of the commons fund than it holds.
    error CapitalInsufficientCommons(uint256 amount, uint256 commons);

    /// @notice Thrown when money would be sent to the zero address.
    error CapitalInvalidRecipient(address to);

    // ------------------------------------------------------------------------------------------------ ACTIONS

    /// @notice Pays the caller's joining contribution (they approved this contract for it first): the reserve share
    /// to the reserve, the rest into their account. Once per member.
    function contribute() external;

    /// @notice Closes the next year, from the period after the last closed year through `lastPeriod`, allocating
    /// `surplus` of the treasury's unallocated balance: interest first, then reserve, commons and patronage.
    /// Only the timelock: the members approve the year's accounts (a Standard decision), as a general assembly
    /// does; a treasurer prepares them and proposes the call. Every period of the year must be final.
    /// Rounding: each share of the split is floor(amount x bps / 10,000) and the patronage pool is what is left.
    /// @param lastPeriod The year's last period, final in the ledger
    /// @param surplus The year's surplus, in token units
    function closeYear(uint32 lastPeriod, uint256 surplus) external;

    /// @notice Closes the next year at a loss: the reserve absorbs what it can, the rest is charged to the accounts
    /// in proportion to the year's patronage (as each is settled). What is charged becomes unallocated, to cover the
    /// loss. Only the timelock, and a Bylaw decision: releasing the indivisible reserve and members' capital takes a
    /// supermajority. Every period of the year must be final.
    /// @param lastPeriod The year's last period, final in the ledger
    /// @param loss The year's loss, in token units, at most the reserve and the accounts together
    function closeYearAtLoss(uint32 lastPeriod, uint256 loss) external;

    /// @notice Brings a member's account up to date with every closed year. Anyone may settle anyone: it only moves
    /// the member's own allocations into their account.
    /// @param member The member (or former member)
    function settle(address member) external;

    /// @notice Settles the caller's account and pays them all their patronage cash.
    /// @return amount What was paid
    function claimCash() external returns (uint256 amount);

    /// @notice Moves a former member's whole account into their redemption, paid in instalments over the revolving
    /// period from now, in a schedule of its own (one started earlier keeps its own). Anyone may start it, once every
    /// period the former member has logged work in belongs to a closed year.
    /// @param member The former member
    function startRedemption(address member) external;

    /// @notice Pays the caller every redemption instalment that is due, from all their schedules, in one transfer.
    /// @return amount What was paid
    function redeem() external returns (uint256 amount);

    /// @notice Spends from the commons and education fund, as the members voted. Only the timelock.
    /// @param to The recipient
    /// @param amount In token units
    /// @param reason What for
    function spendCommons(address to, uint256 amount, string calldata reason) external;

    /// @notice Sets the capital rules. Only the timelock.
    /// @param settings The rules
    function setSettings(Settings calldata settings) external;

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @notice The treasury that holds the money.
    /// @return The treasury's address
    function treasury() external view returns (address);

    /// @notice The currency token.
    /// @return The token
    function currency() external view returns (IERC20);

    /// @notice The value ledger that patronage is read from.
    /// @return The ledger
    function ledger() external view returns (IValueLedger);

    /// @notice The capital rules.
    /// @return The settings
    function settings() external view returns (Settings memory);

    /// @notice Everything the books owe: accounts + reserve + commons + cash owed + redemptions owed.
    /// @return The amount
    function held() external view returns (uint256);

    /// @notice The indivisible reserve.
    /// @return The amount
    function reserve() external view returns (uint256);

    /// @notice The commons and education fund.
    /// @return The amount
    function commons() external view returns (uint256);

    /// @notice What the capital accounts hold together, allocations not yet settled and rounding included.
    /// @return The amount
    function accountsTotal() external view returns (uint256);

    /// @notice Patronage cash allocated and not claimed yet, rounding included.
    /// @return The amount
    function cashOwed() external view returns (uint256);

    /// @notice Redemptions scheduled and not paid yet.
    /// @return The amount
    function redemptionsOwed() external view returns (uint256);

    /// @notice The account index (ray): an account's value is its shares x the index / 1e27.
    /// @return The index
    function index() external view returns (uint256);

    /// @notice All account shares, those of allocations not settled yet included.
    /// @return The shares
    function totalShares() external view returns (uint256);

    /// @notice Shares that loss years charged to accounts and settling has not written off yet (before the caps of
    /// the accounts): interest is not paid on them.
    /// @return The shares
    function pendingLossShares() external view returns (uint256);

    /// @notice How many years are closed.
    /// @return The count
    function yearCount() external view returns (uint32);

    /// @notice A closed year (numbered from 1).
    /// @param year The year
    /// @return The year's record
    function yearOf(uint32 year) external view returns (Year memory);

    /// @notice A member's account as settled so far.
    /// @param member The member
    /// @return The account
    function accountOf(address member) external view returns (Account memory);

    /// @notice A member's account as it will be once every closed year is settled.
    /// @param member The member
    /// @return The account
    function currentAccountOf(address member) external view returns (Account memory);

    /// @notice A member's patronage in a closed year and what the year gives (or charges) them.
    /// @param member The member
    /// @param year The year
    /// @return patronage Their patronage
    /// @return cash Their cash allocation (a surplus year)
    /// @return shares Their retained shares (a surplus year)
    /// @return charge Their share of the loss charged to accounts, before the cap of their account (a loss year)
    function allocationOf(
        address member,
        uint32 year
    ) external view returns (uint256 patronage, uint256 cash, uint256 shares, uint256 charge);

    /// @notice How many redemption schedules a former member has had.
    /// @param member The former member
    /// @return The count (schedules are numbered from 0)
    function redemptionCount(address member) external view returns (uint256);

    /// @notice One of a former member's redemption schedules.
    /// @param member The former member
    /// @param schedule Its number, from 0
    /// @return The schedule
    function redemptionOf(address member, uint256 schedule) external view returns (Redemption memory);

    /// @notice What a former member can redeem now over all their schedules, and when the next instalment of any of
    /// them is due (zero: none left).
    /// @param member The former member
    /// @return due The amount due now
    /// @return nextDueAt The time of the next instalment
    function redeemable(address member) external view returns (uint256 due, uint256 nextDueAt);
}
