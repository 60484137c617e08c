// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ICapitalAccounts} from "./ICapitalAccounts.sol";
import {IValueLedger} from "./IValueLedger.sol";

/// @title ITreasury
/// @notice The DisCO's money in its currency token: payments in, monthly payouts that members pull, and spending
/// that only a vote allows.
/// @dev Conservation: the token balance is always `owed()` (funded payouts not yet claimed, rounding dust
/// included) plus `capital().held()` (capital accounts, reserve, commons fund, patronage cash and redemptions owed)
/// plus `unallocated()`; no call creates or loses a token unit.
/// Rounding, for anyone rebuilding a payout: a funded period's stream pool is floor(amount x bucketBps / 10,000) for
/// each stream with payable work (zero otherwise); a member's share of it is
/// floor(pool x memberPayable / periodPayable), per stream, and their payout is the sum of the three. What rounding
/// leaves stays in `owed()` as dust.
interface ITreasury {
    /// @notice A funded period's payout pool. What members claimed of it is in its PayoutClaimed events.
    /// @param funded What the period was funded with (the sum of its stream pools)
    /// @param streamPools Per stream (Livelihood, Love, Care): the bucket's share of the funding, zero for a stream
    /// nobody earned payable work in
    /// @param periodPayable Per stream: the period's payable work, which the pools are shared in proportion to
    struct Pool {
        uint256 funded;
        uint96[3] streamPools;
        uint64[3] periodPayable;
    }

    // ------------------------------------------------------------------------------------------------ EVENTS

    /// @notice Emitted when anyone pays in, with a reference such as an invoice or client id.
    event PaidIn(address indexed payer, uint256 amount, bytes32 indexed paymentRef);

    /// @notice Emitted when a treasurer funds a closed period's payouts.
    event PeriodFunded(
        uint32 indexed period,
        address indexed treasurer,
        uint256 amount,
        uint16[3] bucketsBps,
        uint96[3] streamPools
    );

    /// @notice Emitted when a member claims their payout of a period.
    event PayoutClaimed(address indexed member, uint32 indexed period, uint256 amount);

    /// @notice Emitted when the timelock spends unallocated money.
    event Spent(address indexed to, uint256 amount, string reason);

    /// @notice Emitted when the members set the stream buckets.
    event BucketsSet(uint16[3] bucketsBps);

    // ------------------------------------------------------------------------------------------------ ERRORS

    /// @notice Thrown when an amount is zero.
    error TreasuryZeroAmount();

    /// @notice Thrown when a token transfer moved another amount than asked (fee-on-transfer and the like).
    error TreasuryInexactTransfer(uint256 expected, uint256 actual);

    /// @notice Thrown when money is asked of the unallocated balance beyond what it holds.
    error TreasuryInsufficientUnallocated(uint256 amount, uint256 unallocated);

    /// @notice Thrown when a period whose totals are not final is funded: still open (finalAt 0), or in its review
    /// window until finalAt.
    error TreasuryPeriodNotFinal(uint32 period, uint48 finalAt);

    /// @notice Thrown when a period is funded twice.
    error TreasuryPeriodAlreadyFunded(uint32 period);

    /// @notice Thrown when funding would put nothing in any stream pool (no payable work, or buckets on empty
    /// streams only).
    error TreasuryNothingToFund(uint32 period);

    /// @notice Thrown when a payout is claimed of a period not funded yet.
    error TreasuryPeriodNotFunded(uint32 period);

    /// @notice Thrown when a member claims a period twice.
    error TreasuryAlreadyClaimed(address member, uint32 period);

    /// @notice Thrown when a member has nothing to claim of a period.
    error TreasuryNothingToClaim(address member, uint32 period);

    /// @notice Thrown when stream buckets do not sum to 10,000 basis points.
    error TreasuryInvalidBuckets(uint256 sum);

    /// @notice Thrown when money would be sent to the zero address.
    error TreasuryInvalidRecipient(address to);

    /// @notice Thrown when anyone but the capital accounts asks for a capital payment.
    error TreasuryOnlyCapital(address caller);

    // ------------------------------------------------------------------------------------------------ ACTIONS

    /// @notice Pays `amount` of the currency in from the caller (who approved it first).
    /// @param amount In token units
    /// @param paymentRef An invoice number, a client id or a hash of one
    function payIn(uint256 amount, bytes32 paymentRef) external;

    /// @notice Funds a final period's payouts (closed, its review window over) from the unallocated balance, split
    /// into the stream buckets. Only
    /// treasurers, once per period.
    /// @param period A period the ledger has closed and whose totals are final
    /// @param amount The period's Net Available Liquidity
    function fundPeriod(uint32 period, uint256 amount) external;

    /// @notice Claims the caller's payouts of several funded periods in one transfer.
    /// @param periods The periods, each claimed once
    /// @return total What was paid
    function claim(uint32[] calldata periods) external returns (uint256 total);

    /// @notice Spends unallocated money, as the members voted. Only the timelock.
    /// @param to The recipient
    /// @param amount In token units
    /// @param reason What for
    function spend(address to, uint256 amount, string calldata reason) external;

    /// @notice Pays what the capital accounts owe (patronage cash, a redemption, a commons spending). Only the
    /// capital accounts, which emit the payment's event.
    /// @param to The recipient
    /// @param amount In token units
    function capitalPay(address to, uint256 amount) external;

    /// @notice Sets how new fundings split between the streams. Only the timelock.
    /// @param bucketsBps Livelihood, Love, Care, in basis points summing to 10,000
    function setBuckets(uint16[3] calldata bucketsBps) external;

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @notice The currency token.
    /// @return The token
    function currency() external view returns (IERC20);

    /// @notice The value ledger whose payable totals payouts follow.
    /// @return The ledger
    function ledger() external view returns (IValueLedger);

    /// @notice The capital accounts, whose money this treasury holds.
    /// @return The capital accounts
    function capital() external view returns (ICapitalAccounts);

    /// @notice The stream buckets of new fundings.
    /// @return Livelihood, Love, Care in basis points
    function buckets() external view returns (uint16[3] memory);

    /// @notice Funded payouts not claimed yet, rounding dust included.
    /// @return The amount
    function owed() external view returns (uint256);

    /// @notice The balance that neither payouts nor the capital accounts are owed: what treasurers can fund or
    /// allocate at a year close and the members can spend. Refused while one of the treasury's own payments is
    /// under way (the books and the balance disagree until it ends).
    /// @return The amount
    function unallocated() external view returns (uint256);

    /// @notice A period's payout pool (zero when not funded).
    /// @param period The period
    /// @return The pool
    function pool(uint32 period) external view returns (Pool memory);

    /// @notice What a member can claim of a period now (zero once claimed or when not funded).
    /// @param member The member
    /// @param period The period
    /// @return The amount
    function claimable(address member, uint32 period) external view returns (uint256);

    /// @notice Whether a member has claimed a period.
    /// @param member The member
    /// @param period The period
    /// @return True once claimed
    function hasClaimed(address member, uint32 period) external view returns (bool);
}
