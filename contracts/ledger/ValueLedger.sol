// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IValueLedger} from "../interfaces/IValueLedger.sol";
import {CloneArgs} from "../utils/CloneArgs.sol";
import {TokenRecovery} from "../utils/TokenRecovery.sol";

/// @title ValueLedger
/// @notice The three value streams: work logged per period, peer reviewed, and totalled exactly.
/// @dev Every action touches one entry and a fixed set of totals: nothing loops over members or entries. Settings
/// and dispute resolution belong to the timelock (DEFAULT_ADMIN_ROLE); closing periods to TREASURER_ROLE holders.
contract ValueLedger is IValueLedger, TokenRecovery {
    /// @inheritdoc IValueLedger
    bytes32 public constant TREASURER_ROLE = keccak256("TREASURER_ROLE");
    /// @notice The most approvals an entry can be made to need.
    uint8 public constant MAX_APPROVALS = 16;
    /// @notice The longest window of the minimum contribution, in periods.
    uint8 public constant MAX_WINDOW = 12;
    /// @notice The longest note, in bytes.
    uint256 public constant MAX_NOTE_LENGTH = 256;
    /// @notice The largest amount of one entry: ten billion credits or hours. With it, the uint64 totals would need
    /// some 18 million such entries in one period to overflow, so no entry can block others from counting.
    uint64 public constant MAX_AMOUNT = 1e12;
    /// @notice The shortest review window: an hour, so that no setting makes counted work undisputable.
    uint48 public constant MIN_REVIEW_WINDOW = 1 hours;
    /// @notice The longest review window: 30 days, so that no setting holds payouts back for long.
    uint48 public constant MAX_REVIEW_WINDOW = 30 days;

    uint16 private constant _BPS = 10_000;
    uint8 private constant _STREAMS = 3;

    // ------------------------------------------------------------------------------------------------ STORAGE

    mapping(uint256 entryId => Entry) private _entries;
    mapping(uint256 entryId => mapping(address approver => bool)) private _approved;
    mapping(uint32 period => PeriodInfo) private _periods;
    mapping(uint32 period => mapping(address member => Totals)) private _memberTotals;
    mapping(uint32 period => Totals) private _periodTotals;
    mapping(address member => Totals) private _lifetimeTotals;
    mapping(uint32 period => mapping(address member => uint64[3])) private _logged;
    mapping(IMembership.Stage stage => uint16[3]) private _weights;
    uint64[3] private _caps;
    uint256 private _entryCount;
    uint32 private _currentPeriod;
    uint8 private _approvalsRequired;
    uint64 private _minimumCredits;
    uint8 private _minimumPeriods;
    uint48 private _reviewWindow;

    /// @notice The implementation that clones run: its own initialiser is locked, so it holds no DisCO.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Sets up a clone, once: the factory calls it in the transaction that creates the clone.
    /// The clone's argument: the DisCO's membership contract.
    /// @param admin The only holder of DEFAULT_ADMIN_ROLE: the DisCO's timelock
    /// @param treasurers The founding treasurers (the timelock grants and revokes the role afterwards)
    /// @param settings Weights, caps, approvals required and minimum contribution
    function initialize(address admin, address[] calldata treasurers, Settings calldata settings) external initializer {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i = 0; i < treasurers.length; ++i) _grantRole(TREASURER_ROLE, treasurers[i]);
        for (uint256 s = 0; s < settings.weights.length; ++s) {
            IMembership.Stage stage = IMembership.Stage(s + uint256(IMembership.Stage.Casual));
            for (uint8 stream = 0; stream < _STREAMS; ++stream) _setWeight(stage, stream, settings.weights[s][stream]);
        }
        for (uint8 stream = 0; stream < _STREAMS; ++stream) _setCap(stream, settings.caps[stream]);
        _setApprovalsRequired(settings.approvalsRequired);
        _setMinimumContribution(settings.minimumCredits, settings.minimumPeriods);
        _setReviewWindow(settings.reviewWindow);
        _openPeriod(1);
    }

    // ------------------------------------------------------------------------------------------------ MEMBERS

    /// @inheritdoc IValueLedger
    function logWork(
        uint8 stream,
        uint64 amount,
        uint32 period,
        bytes32 evidence,
        string calldata note
    ) external returns (uint256 entryId) {
        Stream s = _stream(stream);
        if (amount == 0) revert LedgerZeroAmount();
        if (amount > MAX_AMOUNT) revert LedgerAmountTooLarge(amount, MAX_AMOUNT);
        if (evidence == bytes32(0) || bytes(note).length > MAX_NOTE_LENGTH) revert LedgerInvalidEvidence();
        uint32 open = _currentPeriod;
        if (period != open) revert LedgerPeriodNotOpen(period, open);
        entryId = _record(_msgSender(), s, amount, open);
        Entry storage e = _entries[entryId];
        emit EntryLogged(entryId, e.author, open, s, amount, e.weightBps, evidence, note);
        if (e.approvalsRequired == 0) _count(entryId, e);
    }

    /// @inheritdoc IValueLedger
    function approve(uint256 entryId) external {
        Entry storage e = _reviewable(entryId, EntryStatus.Pending, EntryStatus.Pending);
        address approver = _msgSender();
        if (_approved[entryId][approver]) revert LedgerAlreadyApproved(entryId, approver);
        _approved[entryId][approver] = true;
        uint8 approvals = e.approvals + 1;
        e.approvals = approvals;
        emit EntryApproved(entryId, approver, approvals);
        if (approvals >= e.approvalsRequired) _count(entryId, e);
    }

    /// @inheritdoc IValueLedger
    function dispute(uint256 entryId, string calldata reason) external {
        Entry storage e = _entries[entryId];
        EntryStatus status = e.status;
        if (status == EntryStatus.None) revert LedgerUnknownEntry(entryId);
        uint32 period = e.period;
        if (period != _currentPeriod) {
            // A closed period's counted work stays disputable until its totals become final; its pending work lapsed.
            uint48 finalAt = _periods[period].finalAt;
            if (Time.timestamp() >= finalAt) revert LedgerReviewWindowOver(entryId, finalAt);
            if (status != EntryStatus.Counted) {
                revert LedgerEntryStatus(entryId, status == EntryStatus.Pending ? EntryStatus.Lapsed : status);
            }
        } else {
            _requireStatus(entryId, e, EntryStatus.Pending, EntryStatus.Counted);
        }
        _requireReviewer(entryId, e);
        // Once the members accepted an entry, one member cannot send it back to a vote.
        if (e.settled) revert LedgerDisputeSettled(entryId);
        if (status == EntryStatus.Counted) _uncount(entryId, e);
        e.status = EntryStatus.Disputed;
        ++_periods[period].openDisputes;
        emit EntryDisputed(entryId, _msgSender(), reason);
    }

    /// @inheritdoc IValueLedger
    function withdraw(uint256 entryId) external {
        Entry storage e = _openEntry(entryId);
        if (e.author != _msgSender()) revert LedgerNotAuthor(entryId, _msgSender());
        _requireStatus(entryId, e, EntryStatus.Pending, EntryStatus.Pending);
        _unlog(e);
        e.status = EntryStatus.Withdrawn;
        emit EntryWithdrawn(entryId);
    }

    // ------------------------------------------------------------------------------------------------ ROLES

    /// @inheritdoc IValueLedger
    function closePeriod() external onlyRole(TREASURER_ROLE) returns (uint32 closed) {
        closed = _currentPeriod;
        PeriodInfo storage info = _periods[closed];
        uint48 now_ = Time.timestamp();
        uint48 finalAt = now_ + _reviewWindow;
        info.closedAt = now_;
        info.finalAt = finalAt;
        emit PeriodClosed(closed, now_, finalAt, _msgSender());
        _openPeriod(closed + 1);
    }

    /// @inheritdoc IValueLedger
    function resolveDispute(uint256 entryId, bool accept) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Entry storage e = _entries[entryId];
        if (e.status == EntryStatus.None) revert LedgerUnknownEntry(entryId);
        _requireStatus(entryId, e, EntryStatus.Disputed, EntryStatus.Disputed);
        uint32 period = e.period;
        --_periods[period].openDisputes;
        emit DisputeResolved(entryId, accept);
        if (accept) {
            e.settled = true;
            // A final period never changes: accepted after its totals became final, the work counts in the open one.
            if (_isFinal(period)) {
                uint32 open = _currentPeriod;
                e.period = open;
                // Logged where it counts: the capital accounts read it to hold a leaver's redemption until the year
                // of every period they have work in is closed.
                _logged[open][e.author][uint8(e.stream)] += e.amount;
                emit EntryMoved(entryId, period, open);
            }
            _count(entryId, e);
        } else {
            _unlog(e);
            e.status = EntryStatus.Rejected;
        }
    }

    /// @inheritdoc IValueLedger
    function setReviewWindow(uint48 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReviewWindow(window);
    }

    /// @inheritdoc IValueLedger
    function setWeight(IMembership.Stage stage, uint8 stream, uint16 weightBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setWeight(stage, stream, weightBps);
    }

    /// @inheritdoc IValueLedger
    function setCap(uint8 stream, uint64 cap) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setCap(stream, cap);
    }

    /// @inheritdoc IValueLedger
    function setApprovalsRequired(uint8 approvalsRequired_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setApprovalsRequired(approvalsRequired_);
    }

    /// @inheritdoc IValueLedger
    function setMinimumContribution(uint64 credits, uint8 periods) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMinimumContribution(credits, periods);
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @inheritdoc IValueLedger
    function membership() external view returns (IMembership) {
        return _membership();
    }

    /// @inheritdoc IValueLedger
    function currentPeriod() external view returns (uint32) {
        return _currentPeriod;
    }

    /// @inheritdoc IValueLedger
    function periodInfo(uint32 period) external view returns (PeriodInfo memory) {
        return _periods[period];
    }

    /// @inheritdoc IValueLedger
    function entryCount() external view returns (uint256) {
        return _entryCount;
    }

    /// @inheritdoc IValueLedger
    function entry(uint256 entryId) external view returns (Entry memory e) {
        e = _entries[entryId];
        if (e.status == EntryStatus.Pending && e.period != _currentPeriod) e.status = EntryStatus.Lapsed;
    }

    /// @inheritdoc IValueLedger
    function isFinal(uint32 period) external view returns (bool) {
        return _isFinal(period);
    }

    /// @inheritdoc IValueLedger
    function reviewWindow() external view returns (uint48) {
        return _reviewWindow;
    }

    /// @inheritdoc IValueLedger
    function hasApproved(uint256 entryId, address approver) external view returns (bool) {
        return _approved[entryId][approver];
    }

    /// @inheritdoc IValueLedger
    function memberPeriodTotals(address member, uint32 period) external view returns (Totals memory) {
        return _memberTotals[period][member];
    }

    /// @inheritdoc IValueLedger
    function memberPeriodPayable(address member, uint32 period) external view returns (uint64[3] memory) {
        return _memberTotals[period][member].payable_;
    }

    /// @inheritdoc IValueLedger
    function periodTotals(uint32 period) external view returns (Totals memory) {
        return _periodTotals[period];
    }

    /// @inheritdoc IValueLedger
    function lifetimeTotals(address member) external view returns (Totals memory) {
        return _lifetimeTotals[member];
    }

    /// @inheritdoc IValueLedger
    function loggedInPeriod(address member, uint32 period) external view returns (uint64[3] memory) {
        return _logged[period][member];
    }

    /// @inheritdoc IValueLedger
    function weightOf(IMembership.Stage stage, uint8 stream) external view returns (uint16) {
        _stream(stream);
        return _weights[stage][stream];
    }

    /// @inheritdoc IValueLedger
    function capOf(uint8 stream) external view returns (uint64) {
        _stream(stream);
        return _caps[stream];
    }

    /// @inheritdoc IValueLedger
    function approvalsRequired() external view returns (uint8) {
        return _approvalsRequired;
    }

    /// @inheritdoc IValueLedger
    function minimumContribution() external view returns (uint64 credits, uint8 periods) {
        return (_minimumCredits, _minimumPeriods);
    }

    /// @inheritdoc IValueLedger
    /// @dev Reads at most MAX_WINDOW periods: bounded whatever the number of members or entries.
    function meetsMinimumContribution(
        address member
    ) external view returns (bool meets, uint256 credits, uint256 required) {
        uint32 lastClosed = _currentPeriod - 1;
        uint32 first = lastClosed >= _minimumPeriods ? lastClosed - _minimumPeriods + 1 : 1;
        for (uint32 p = first; p <= lastClosed; ++p) {
            uint64[3] storage historical = _memberTotals[p][member].historical;
            credits += uint256(historical[uint8(Stream.Livelihood)]) + historical[uint8(Stream.Love)];
        }
        required = _minimumCredits;
        meets = credits >= required;
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    /// @dev Checks the author's right to log the stream and the cap, then stores a pending entry.
    function _record(address author, Stream s, uint64 amount, uint32 open) private returns (uint256 entryId) {
        IMembership.Stage stage = _membership().stageOf(author);
        if (stage == IMembership.Stage.None) revert LedgerNotMember(author);
        if (stage == IMembership.Stage.Casual && s == Stream.Livelihood) revert LedgerStreamNotAllowed(stage, s);

        uint8 stream = uint8(s);
        uint64[3] storage logged = _logged[open][author];
        uint256 total = uint256(logged[stream]) + amount;
        uint64 cap = _caps[stream];
        if (cap != 0 && total > cap) revert LedgerOverCap(s, cap, total);
        logged[stream] = SafeCast.toUint64(total);

        entryId = ++_entryCount;
        _entries[entryId] = Entry({
            author: author,
            period: open,
            weightBps: _weights[stage][stream],
            stream: s,
            status: EntryStatus.Pending,
            approvals: 0,
            approvalsRequired: _approvalsRequired,
            settled: false,
            amount: amount
        });
    }

    /// @dev An existing entry of the open period, or a named error.
    function _openEntry(uint256 entryId) private view returns (Entry storage e) {
        e = _entries[entryId];
        if (e.status == EntryStatus.None) revert LedgerUnknownEntry(entryId);
        uint32 open = _currentPeriod;
        if (e.period != open) revert LedgerPeriodNotOpen(e.period, open);
    }

    /// @dev An entry of the open period in one of two statuses, reviewed by a Committed member who is not its author.
    function _reviewable(uint256 entryId, EntryStatus a, EntryStatus b) private view returns (Entry storage e) {
        e = _openEntry(entryId);
        _requireStatus(entryId, e, a, b);
        _requireReviewer(entryId, e);
    }

    function _requireReviewer(uint256 entryId, Entry storage e) private view {
        address reviewer = _msgSender();
        if (_membership().stageOf(reviewer) != IMembership.Stage.Committed) revert LedgerNotCommitted(reviewer);
        if (reviewer == e.author) revert LedgerSelfReview(entryId);
    }

    function _isFinal(uint32 period) private view returns (bool) {
        uint48 finalAt = _periods[period].finalAt;
        return finalAt != 0 && finalAt <= Time.timestamp();
    }

    function _requireStatus(uint256 entryId, Entry storage e, EntryStatus a, EntryStatus b) private view {
        EntryStatus status = e.status;
        if (status != a && status != b) revert LedgerEntryStatus(entryId, status);
    }

    /// @dev Adds the entry to its author's period and lifetime totals and to its period's totals.
    function _count(uint256 entryId, Entry storage e) private {
        (address author, uint32 period, uint8 stream, uint64 amount) = (e.author, e.period, uint8(e.stream), e.amount);
        uint64 payableAmount = uint64((uint256(amount) * e.weightBps) / _BPS);
        _add(_memberTotals[period][author], stream, amount, payableAmount);
        _add(_periodTotals[period], stream, amount, payableAmount);
        _add(_lifetimeTotals[author], stream, amount, payableAmount);
        e.status = EntryStatus.Counted;
        emit EntryCounted(entryId, author, period, e.stream, amount, payableAmount);
    }

    /// @dev Takes a counted entry back out of every total that _count added it to.
    function _uncount(uint256 entryId, Entry storage e) private {
        (address author, uint32 period, uint8 stream, uint64 amount) = (e.author, e.period, uint8(e.stream), e.amount);
        uint64 payableAmount = uint64((uint256(amount) * e.weightBps) / _BPS);
        _subtract(_memberTotals[period][author], stream, amount, payableAmount);
        _subtract(_periodTotals[period], stream, amount, payableAmount);
        _subtract(_lifetimeTotals[author], stream, amount, payableAmount);
        emit EntryUncounted(entryId, author, period, e.stream, amount, payableAmount);
    }

    /// @dev A withdrawn or rejected entry no longer takes room under its author's cap.
    function _unlog(Entry storage e) private {
        _logged[e.period][e.author][uint8(e.stream)] -= e.amount;
    }

    function _add(Totals storage totals, uint8 stream, uint64 amount, uint64 payableAmount) private {
        totals.historical[stream] += amount;
        if (payableAmount != 0) totals.payable_[stream] += payableAmount;
    }

    function _subtract(Totals storage totals, uint8 stream, uint64 amount, uint64 payableAmount) private {
        totals.historical[stream] -= amount;
        if (payableAmount != 0) totals.payable_[stream] -= payableAmount;
    }

    function _openPeriod(uint32 period) private {
        _currentPeriod = period;
        uint48 now_ = Time.timestamp();
        _periods[period].openedAt = now_;
        emit PeriodOpened(period, now_);
    }

    function _setWeight(IMembership.Stage stage, uint8 stream, uint16 weightBps) private {
        Stream s = _stream(stream);
        if (stage == IMembership.Stage.None || weightBps > _BPS) revert LedgerInvalidWeight(stage, weightBps);
        _weights[stage][stream] = weightBps;
        emit WeightSet(stage, s, weightBps);
    }

    function _setCap(uint8 stream, uint64 cap) private {
        Stream s = _stream(stream);
        _caps[stream] = cap;
        emit CapSet(s, cap);
    }

    function _setApprovalsRequired(uint8 approvalsRequired_) private {
        if (approvalsRequired_ > MAX_APPROVALS) revert LedgerInvalidApprovals(approvalsRequired_);
        _approvalsRequired = approvalsRequired_;
        emit ApprovalsRequiredSet(approvalsRequired_);
    }

    function _setMinimumContribution(uint64 credits, uint8 periods) private {
        if (periods == 0 || periods > MAX_WINDOW) revert LedgerInvalidWindow(periods);
        (_minimumCredits, _minimumPeriods) = (credits, periods);
        emit MinimumContributionSet(credits, periods);
    }

    function _setReviewWindow(uint48 window) private {
        if (window < MIN_REVIEW_WINDOW || window > MAX_REVIEW_WINDOW) revert LedgerInvalidReviewWindow(window);
        _reviewWindow = window;
        emit ReviewWindowSet(window);
    }

    function _stream(uint8 stream) private pure returns (Stream) {
        if (stream >= _STREAMS) revert LedgerUnknownStream(stream);
        return Stream(stream);
    }

    /// @dev The DisCO's membership contract, the clone's argument 0.
    function _membership() private view returns (IMembership) {
        return IMembership(CloneArgs.addressAt(0));
    }
}
