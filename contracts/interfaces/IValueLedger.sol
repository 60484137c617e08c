// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMembership} from "./IMembership.sol";

/// @title IValueLedger
/// @notice The DisCO's three value streams (DisCO principle 6): members log livelihood and love work in credits and
/// care work in hours, per period; peers review each entry; the ledger keeps exact historical and payable totals
/// per member, per period and for life, each readable in O(1).
/// @dev Amounts have two decimals: 100 is one credit or one hour (25 is a quarter hour). Payable = amount x the
/// weight of the author's stage for the stream when the entry was logged (rounded down). Periods are numbered from 1;
/// exactly one is open at a time, and closing it opens the next.
///
/// The review window and liveness. A treasurer closes the open period whenever they choose: nothing any member does
/// can stop it. Its counted entries stay disputable for the review window after closing (`finalAt`); only then are
/// its totals final, and only final periods are funded or closed into a year. So every counted entry was disputable
/// for at least the review window, and nobody can hold up a period for longer. At closing, the period's entries
/// still pending lapse (shown as Lapsed; the author may log the work again in the open period), and entries under
/// dispute stay disputed until the members decide: accepted before the period is final, they count in it; accepted
/// after, they count in the period open then (EntryMoved); rejected, never. A moved entry is logged in the open period
/// too (`loggedInPeriod`), taking room under its cap without being refused by it: the members accepted it by vote.
interface IValueLedger {
    /// @notice The value streams.
    enum Stream {
        Livelihood,
        Love,
        Care
    }

    /// @notice Where an entry stands. Only Counted entries are in the totals. Lapsed is never stored: `entry` reports
    /// it for an entry still Pending when its period closed.
    enum EntryStatus {
        None,
        Pending,
        Counted,
        Disputed,
        Rejected,
        Withdrawn,
        Lapsed
    }

    /// @notice One logged piece of work. `settled`: the members accepted it after a dispute, so it can't be
    /// disputed again.
    struct Entry {
        address author;
        uint32 period;
        uint16 weightBps;
        Stream stream;
        EntryStatus status;
        uint8 approvals;
        uint8 approvalsRequired;
        bool settled;
        uint64 amount;
    }

    /// @notice Historical and payable amounts per stream (index: Stream).
    struct Totals {
        uint64[3] historical;
        uint64[3] payable_;
    }

    /// @notice A period's dates and its disputes not yet resolved. `finalAt`: when its review window ends and its
    /// totals become final (closedAt + the review window in force at closing; 0 while open).
    struct PeriodInfo {
        uint48 openedAt;
        uint48 closedAt;
        uint32 openDisputes;
        uint48 finalAt;
    }

    /// @notice The ledger's settings at set-up; the members change each of them by vote afterwards.
    /// @param weights Payable weight in basis points per stage (Casual, Dating1, Dating2, Dating3, Committed) and
    /// stream (Livelihood, Love, Care)
    /// @param caps Per-member, per-period cap per stream (0: none)
    struct Settings {
        uint16[3][5] weights;
        uint64[3] caps;
        uint8 approvalsRequired;
        uint64 minimumCredits;
        uint8 minimumPeriods;
        uint48 reviewWindow;
    }

    // ------------------------------------------------------------------------------------------------ EVENTS

    /// @notice Emitted when a member logs work.
    event EntryLogged(
        uint256 indexed entryId,
        address indexed author,
        uint32 indexed period,
        Stream stream,
        uint64 amount,
        uint16 weightBps,
        bytes32 evidence,
        string note
    );

    /// @notice Emitted when a Committed member approves someone else's entry.
    event EntryApproved(uint256 indexed entryId, address indexed approver, uint8 approvals);

    /// @notice Emitted when an entry enters the totals (enough approvals, none needed, or a dispute accepted).
    event EntryCounted(
        uint256 indexed entryId,
        address indexed author,
        uint32 indexed period,
        Stream stream,
        uint64 amount,
        uint64 payableAmount
    );

    /// @notice Emitted when a counted entry leaves the totals because it was disputed.
    event EntryUncounted(
        uint256 indexed entryId,
        address indexed author,
        uint32 indexed period,
        Stream stream,
        uint64 amount,
        uint64 payableAmount
    );

    /// @notice Emitted when a Committed member disputes an entry.
    event EntryDisputed(uint256 indexed entryId, address indexed disputer, string reason);

    /// @notice Emitted when governance accepts (the entry counts) or rejects a disputed entry.
    event DisputeResolved(uint256 indexed entryId, bool accepted);

    /// @notice Emitted when an author withdraws a pending entry.
    event EntryWithdrawn(uint256 indexed entryId);

    /// @notice Emitted when a period opens (the first at deployment, each next one as the previous closes).
    event PeriodOpened(uint32 indexed period, uint48 openedAt);

    /// @notice Emitted when a treasurer closes a period: its totals never change again.
    event PeriodClosed(uint32 indexed period, uint48 closedAt, uint48 finalAt, address indexed treasurer);

    /// @notice Emitted when the members set the payable weight of a stream for a stage.
    event WeightSet(IMembership.Stage indexed stage, Stream indexed stream, uint16 weightBps);

    /// @notice Emitted when the members set a per-member, per-period cap on a stream (0: none).
    event CapSet(Stream indexed stream, uint64 cap);

    /// @notice Emitted when the members set how many approvals an entry needs.
    event ApprovalsRequiredSet(uint8 approvalsRequired);

    /// @notice Emitted when the members set the minimum contribution that is reported.
    event MinimumContributionSet(uint64 credits, uint8 periods);

    /// @notice Emitted when the members set the review window, for periods closed afterwards.
    event ReviewWindowSet(uint48 window);

    /// @notice Emitted when the members accept a disputed entry after its period became final: it counts in the
    /// period open then (its EntryCounted follows).
    event EntryMoved(uint256 indexed entryId, uint32 fromPeriod, uint32 toPeriod);

    // ------------------------------------------------------------------------------------------------ ERRORS

    /// @notice Thrown when an amount is zero.
    error LedgerZeroAmount();

    /// @notice Thrown when an amount is above MAX_AMOUNT.
    error LedgerAmountTooLarge(uint64 amount, uint64 maxAmount);

    /// @notice Thrown when an entry the members accepted after a dispute is disputed again.
    error LedgerDisputeSettled(uint256 entryId);

    /// @notice Thrown when a stream number is not Livelihood (0), Love (1) or Care (2).
    error LedgerUnknownStream(uint8 stream);

    /// @notice Thrown when work is logged for a period that is not the open one.
    error LedgerPeriodNotOpen(uint32 period, uint32 openPeriod);

    /// @notice Thrown when `account` is not a member.
    error LedgerNotMember(address account);

    /// @notice Thrown when a member of `stage` may not log `stream` (Casual members log love and care only).
    error LedgerStreamNotAllowed(IMembership.Stage stage, Stream stream);

    /// @notice Thrown when an entry would take its author over the stream's cap for the period.
    error LedgerOverCap(Stream stream, uint64 cap, uint256 total);

    /// @notice Thrown when a review needs a Committed member and `account` is not one.
    error LedgerNotCommitted(address account);

    /// @notice Thrown when a member reviews their own entry.
    error LedgerSelfReview(uint256 entryId);

    /// @notice Thrown when a member approves the same entry twice.
    error LedgerAlreadyApproved(uint256 entryId, address approver);

    /// @notice Thrown when no entry has this id.
    error LedgerUnknownEntry(uint256 entryId);

    /// @notice Thrown when an entry is not in the status the action needs.
    error LedgerEntryStatus(uint256 entryId, EntryStatus status);

    /// @notice Thrown when someone other than its author withdraws an entry.
    error LedgerNotAuthor(uint256 entryId, address account);

    /// @notice Thrown when a closed period's entry is disputed after its review window ended (`finalAt`).
    error LedgerReviewWindowOver(uint256 entryId, uint48 finalAt);

    /// @notice Thrown when a review window is shorter than MIN_REVIEW_WINDOW or longer than MAX_REVIEW_WINDOW.
    error LedgerInvalidReviewWindow(uint48 window);

    /// @notice Thrown when a weight is above 10,000 basis points or set for stage None.
    error LedgerInvalidWeight(IMembership.Stage stage, uint16 weightBps);

    /// @notice Thrown when the minimum contribution's window is zero or longer than MAX_WINDOW periods.
    error LedgerInvalidWindow(uint8 periods);

    /// @notice Thrown when approvals required is above MAX_APPROVALS.
    error LedgerInvalidApprovals(uint8 approvalsRequired);

    /// @notice Thrown when evidence is missing, or the note is longer than MAX_NOTE_LENGTH bytes.
    error LedgerInvalidEvidence();

    // ------------------------------------------------------------------------------------------------ MEMBERS

    /// @notice Logs the caller's work in the open period.
    /// @param stream 0 Livelihood, 1 Love, 2 Care
    /// @param amount Credits or hours, two decimals (100 = 1), at most MAX_AMOUNT
    /// @param period The open period (so that a late transaction can't land in the next one)
    /// @param evidence A hash of the note, or of evidence kept off-chain (non-zero)
    /// @param note The author's public words about the work, with a link if any (no personal data), at most
    /// MAX_NOTE_LENGTH bytes
    /// @return entryId The new entry's id
    function logWork(
        uint8 stream,
        uint64 amount,
        uint32 period,
        bytes32 evidence,
        string calldata note
    ) external returns (uint256 entryId);

    /// @notice Approves another member's pending entry. Committed members only, while its period is open.
    /// @param entryId The entry
    function approve(uint256 entryId) external;

    /// @notice Disputes another member's pending or counted entry, which then counts only if governance accepts
    /// it. Committed members only: a pending or counted entry while its period is open, a counted one until its
    /// closed period is final; an entry accepted after a dispute is settled.
    /// @param entryId The entry
    /// @param reason Why
    function dispute(uint256 entryId, string calldata reason) external;

    /// @notice The author withdraws their pending entry.
    /// @param entryId The entry
    function withdraw(uint256 entryId) external;

    // ------------------------------------------------------------------------------------------------ ROLES

    /// @notice Closes the open period and opens the next. Treasurers only; never refused for what members do: its
    /// pending entries lapse, its disputes go on, and it becomes final a review window later.
    /// @return closed The period closed
    function closePeriod() external returns (uint32 closed);

    /// @notice Settles a dispute: accepted, the entry counts (in its own period until that is final, afterwards in
    /// the open one); rejected, it never will. Only the timelock.
    /// @param entryId The disputed entry
    /// @param accept Whether it counts
    function resolveDispute(uint256 entryId, bool accept) external;

    /// @notice Sets the payable weight of a stream for a stage, for entries logged afterwards. Only the timelock.
    /// @param stage Casual to Committed
    /// @param stream 0 Livelihood, 1 Love, 2 Care
    /// @param weightBps 0 to 10,000
    function setWeight(IMembership.Stage stage, uint8 stream, uint16 weightBps) external;

    /// @notice Sets a per-member, per-period cap on a stream (0: no cap). Only the timelock.
    /// @param stream 0 Livelihood, 1 Love, 2 Care
    /// @param cap The cap, two decimals
    function setCap(uint8 stream, uint64 cap) external;

    /// @notice Sets how many Committed members other than the author must approve an entry logged afterwards
    /// (0: it counts unless disputed). Only the timelock.
    /// @param approvalsRequired 0 to MAX_APPROVALS
    function setApprovalsRequired(uint8 approvalsRequired) external;

    /// @notice Sets the minimum contribution that is reported: credits (livelihood + love) over a window of
    /// periods. Only the timelock.
    /// @param credits Two decimals
    /// @param periods 1 to MAX_WINDOW
    function setMinimumContribution(uint64 credits, uint8 periods) external;

    /// @notice Sets the review window of periods closed afterwards. Only the timelock.
    /// @param window Seconds, MIN_REVIEW_WINDOW to MAX_REVIEW_WINDOW
    function setReviewWindow(uint48 window) external;

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @notice The role that closes periods (and, later, moves period money).
    /// @return The role id
    function TREASURER_ROLE() external view returns (bytes32);

    /// @notice The membership contract whose members log and review work.
    /// @return The membership contract
    function membership() external view returns (IMembership);

    /// @notice The open period.
    /// @return The period number
    function currentPeriod() external view returns (uint32);

    /// @notice A period's dates and open disputes.
    /// @param period The period number
    /// @return The period's information (openedAt 0: not opened yet)
    function periodInfo(uint32 period) external view returns (PeriodInfo memory);

    /// @notice Whether a period's totals are final: closed, and its review window over.
    /// @param period The period number
    /// @return True once final
    function isFinal(uint32 period) external view returns (bool);

    /// @notice The review window that periods closed now get.
    /// @return Seconds
    function reviewWindow() external view returns (uint48);

    /// @notice How many entries have been logged (ids run from 1 to this).
    /// @return The count
    function entryCount() external view returns (uint256);

    /// @notice One entry.
    /// @param entryId The entry
    /// @return The entry
    function entry(uint256 entryId) external view returns (Entry memory);

    /// @notice Whether `approver` approved the entry.
    /// @param entryId The entry
    /// @param approver The member
    /// @return True once they approved
    function hasApproved(uint256 entryId, address approver) external view returns (bool);

    /// @notice A member's counted totals in one period.
    /// @param member The member
    /// @param period The period
    /// @return The totals
    function memberPeriodTotals(address member, uint32 period) external view returns (Totals memory);

    /// @notice A member's payable totals in one period (what payouts are shared by): one storage read.
    /// @param member The member
    /// @param period The period
    /// @return Payable amounts per stream, two decimals
    function memberPeriodPayable(address member, uint32 period) external view returns (uint64[3] memory);

    /// @notice Everyone's counted totals in one period.
    /// @param period The period
    /// @return The totals
    function periodTotals(uint32 period) external view returns (Totals memory);

    /// @notice A member's counted totals over all periods.
    /// @param member The member
    /// @return The totals
    function lifetimeTotals(address member) external view returns (Totals memory);

    /// @notice What a member has logged in a period and not withdrawn or lost in a dispute (what caps apply to).
    /// @param member The member
    /// @param period The period
    /// @return logged Per stream, two decimals
    function loggedInPeriod(address member, uint32 period) external view returns (uint64[3] memory logged);

    /// @notice The payable weight of a stream for a stage.
    /// @param stage The stage
    /// @param stream 0 Livelihood, 1 Love, 2 Care
    /// @return The weight in basis points
    function weightOf(IMembership.Stage stage, uint8 stream) external view returns (uint16);

    /// @notice The per-member, per-period cap of a stream (0: none).
    /// @param stream 0 Livelihood, 1 Love, 2 Care
    /// @return The cap
    function capOf(uint8 stream) external view returns (uint64);

    /// @notice How many approvals entries logged now need.
    /// @return The count
    function approvalsRequired() external view returns (uint8);

    /// @notice The minimum contribution that is reported.
    /// @return credits Credits (livelihood + love), two decimals
    /// @return periods The window, in periods
    function minimumContribution() external view returns (uint64 credits, uint8 periods);

    /// @notice Whether a member's counted credits (livelihood + love, historical) over the last closed periods of
    /// the window meet the minimum contribution. Reported, never enforced.
    /// @param member The member
    /// @return meets Whether they do
    /// @return credits Their credits over the window
    /// @return required The minimum
    function meetsMinimumContribution(
        address member
    ) external view returns (bool meets, uint256 credits, uint256 required);
}
