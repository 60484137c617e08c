// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {IValueLedger} from "../../contracts/interfaces/IValueLedger.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {Test} from "../utils/Test.sol";
import {Vm} from "../utils/Vm.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {DisCOClones} from "../utils/DisCOClones.sol";
import {ValueLedgerGovernanceHandler} from "./ValueLedgerGovernanceHandler.sol";

/// @title ValueLedgerHandler
/// @notice Drives a ValueLedger through random sequences for the invariant tests. It deploys a Membership and a
/// ValueLedger with itself as the admin of both and as the only treasurer (the timelock's and the treasurer's roles
/// in production), acts as members through vm.prank, and keeps its own model of every entry, of the ghost sums
/// (historical and payable, per period, per member and period, per member for life, and what caps apply to) and of
/// the EntryCounted / EntryUncounted events each entry received. It records a violation whenever the ledger accepts
/// what the model refuses, refuses what the model accepts, or refuses with another error than the model expects.
/// @dev Every entry point catches the ledger's reverts, so a handler call reverts only on a bug in the handler; the
/// invariant test reads `violations` rather than relying on fail-on-revert. Members' stages are read from the
/// Membership (tested on its own), the one piece of state the model does not keep itself.
contract ValueLedgerHandler is Test {
    uint256 internal constant BPS = 10_000;
    uint8 internal constant STREAMS = 3;
    uint256 internal constant _MAX_URI = 256;
    /// @dev The ledger's MAX_AMOUNT: the largest amount of one entry. With it the uint64 totals and logged amounts
    /// would need millions of entries to overflow, far beyond any campaign, so the model predicts no overflow.
    uint64 internal constant _MAX_AMOUNT = 1e12;
    /// @dev Small amounts: most logged work is between 0.01 and 500 credits or hours.
    uint256 internal constant _SMALL_AMOUNT = 50_000;

    Membership public immutable membership;
    ValueLedger public immutable ledger;
    /// @dev The timelock's settings and stage changes, with their model (weights, caps, approvals, review window).
    ValueLedgerGovernanceHandler public immutable governance;

    /// @dev Founders: four Committed, Dating1-3 mentored by the first, one Casual; then an outsider who is not a
    /// member until the handler admits them.
    address[] internal _actors;
    mapping(address account => uint256) internal _actorIndexPlusOne;

    // ------------------------------------------------------------------------------------------------ MODEL

    mapping(uint256 entryId => IValueLedger.Entry) internal _entries;
    mapping(uint256 entryId => mapping(address approver => bool)) internal _approvedBy;
    mapping(uint32 period => uint256[]) internal _periodEntries;
    mapping(uint32 period => uint32) public ghostOpenDisputes;
    uint32 public ghostPeriod;
    uint256 public ghostEntryCount;

    // Ghost sums, in uint256 so that the model itself never overflows.
    mapping(uint32 period => uint256[3]) internal _periodHistorical;
    mapping(uint32 period => uint256[3]) internal _periodPayable;
    mapping(uint32 period => mapping(address member => uint256[3])) internal _memberHistorical;
    mapping(uint32 period => mapping(address member => uint256[3])) internal _memberPayable;
    mapping(address member => uint256[3]) internal _lifetimeHistorical;
    mapping(address member => uint256[3]) internal _lifetimePayable;
    mapping(uint32 period => mapping(address member => uint256[3])) internal _logged;

    /// @dev EntryCounted and EntryUncounted events seen per entry, from successful calls.
    mapping(uint256 entryId => uint256) public countedEvents;
    mapping(uint256 entryId => uint256) public uncountedEvents;

    /// @dev When each closed period becomes final (closedAt + the review window in force at its close).
    mapping(uint32 period => uint48) public ghostFinalAt;
    /// @dev The period an entry was logged in (its `period` moves when accepted after that period became final; what
    /// it took under the cap stays in the period it was logged in).
    mapping(uint256 entryId => uint32) public originPeriod;
    /// @dev When each entry last entered the totals.
    mapping(uint256 entryId => uint256) public countedAt;
    mapping(uint32 period => mapping(address member => uint256[3])) internal _movedIn;
    /// @dev EntryMoved events seen per entry.
    mapping(uint256 entryId => uint256) internal movedEvents;

    /// @dev A digest of each final period's totals, dates, members' totals, and entries (but those under dispute,
    /// which the members may still decide) with their approvals, taken when the handler first saw it final.
    mapping(uint32 period => bytes32) public closedDigest;
    uint32 public frozenThrough;
    mapping(uint256 entryId => bool) internal _disputedWhenFinal;
    /// @dev The EntryMoved event the resolution under way must emit.
    uint256 internal _moveId;
    uint32 internal _moveFrom;
    uint32 internal _moveTo;

    // ------------------------------------------------------------------------------------------------ COUNTERS
    // (internal, to keep the handler within EIP-170; read them in a debugger trace when tuning the campaign)

    uint256 public calls;
    uint256 internal logs;
    uint256 internal approvals;
    uint256 internal counts;
    uint256 internal uncounts;
    uint256 internal disputes;
    uint256 internal accepted;
    uint256 internal rejected;
    uint256 internal withdrawals;
    uint256 internal closes;
    uint256 internal closesWithDisputes;
    uint256 internal closedPeriodDisputes;
    uint256 internal windowOverRefusals;
    uint256 internal moves;
    uint256 internal refusedCloses;
    uint256 internal overCapRefusals;
    uint256 internal tooLargeRefusals;
    uint256 internal settledDisputeRefusals;
    uint256 internal selfApprovalAttempts;
    uint256 internal selfReviewReverts;
    uint256 public selfApprovalSuccesses;
    uint256 internal nonCommittedApprovalAttempts;
    uint256 public nonCommittedApprovalSuccesses;
    uint256 internal refusals;
    uint256 public violations;
    string public firstViolation;

    constructor() {
        string[7] memory names = [
            "committed0",
            "committed1",
            "committed2",
            "committed3",
            "dating1",
            "dating2",
            "dating3"
        ];
        for (uint256 i = 0; i < names.length; ++i) _addActor(names[i]);
        _addActor("casual");
        _addActor("outsider");

        IMembership.Founder[] memory founders = new IMembership.Founder[](8);
        for (uint256 i = 0; i < 4; ++i) {
            founders[i] = IMembership.Founder(_actors[i], IMembership.Stage.Committed, 0, address(0));
        }
        for (uint256 i = 0; i < 3; ++i) {
            founders[4 + i] = IMembership.Founder(_actors[4 + i], IMembership.Stage(2 + i), 1, _actors[0]);
        }
        founders[7] = IMembership.Founder(_actors[7], IMembership.Stage.Casual, 1, address(0));
        string[] memory constituencies = new string[](2);
        constituencies[0] = "worker";
        constituencies[1] = "community";
        membership = DisCOClones.membership("DisCO Membership", "DISCO", address(this), constituencies, founders);

        address[] memory treasurers = new address[](1);
        treasurers[0] = address(this);
        ledger = DisCOClones.ledger(membership, address(this), treasurers, DesignDefaults.ledgerSettings());
        vm.label(address(membership), "membership");
        vm.label(address(ledger), "ledger");
        governance = new ValueLedgerGovernanceHandler(ledger, membership, _actors);
        ledger.grantRole(bytes32(0), address(governance));
        membership.grantRole(bytes32(0), address(governance));
        _startPeriod(1);

        // Every campaign starts with reviewable work: each founder logs one entry in period 1.
        for (uint256 i = 0; i < 8; ++i) {
            uint8 stream = i < 4 ? 0 : (i < 7 ? 1 : 2);
            _logWork(_actors[i], stream, uint64(100 * (i + 1) + 25), 1, keccak256(abi.encode(i)), "ipfs://seed");
        }
    }

    // ------------------------------------------------------------------------------------------------ MEMBERS

    /// @dev Any actor (members of every stage and an outsider), any stream, any amount, mostly the open period;
    /// bad inputs of every kind now and then.
    function logWork(
        uint256 actorSeed,
        uint256 streamSeed,
        uint256 amountSeed,
        uint256 periodSeed,
        uint256 evidenceSeed
    ) external {
        ++calls;
        (bytes32 evidence, string memory uri) = _evidence(evidenceSeed);
        _logWork(_actor(actorSeed), _streamOf(streamSeed), _amount(amountSeed), _period(periodSeed), evidence, uri);
    }

    function approve(uint256 entrySeed, uint256 approverSeed) external {
        ++calls;
        _freezeFinal();
        uint256 entryId = _pickEntry(entrySeed, IValueLedger.EntryStatus.Pending, IValueLedger.EntryStatus.Pending);
        address approver = _reviewer(entryId, approverSeed);
        IValueLedger.Entry storage e = _entries[entryId];
        bool self = e.status != IValueLedger.EntryStatus.None && approver == e.author;
        bool committed = membership.stageOf(approver) == IMembership.Stage.Committed;

        bytes memory expected = _reviewError(
            entryId,
            approver,
            IValueLedger.EntryStatus.Pending,
            IValueLedger.EntryStatus.Pending
        );
        bool counts_ = e.approvals + 1 >= e.approvalsRequired;
        if (expected.length == 0 && _approvedBy[entryId][approver]) {
            expected = abi.encodeWithSelector(IValueLedger.LedgerAlreadyApproved.selector, entryId, approver);
        }
        if (self) ++selfApprovalAttempts;
        if (!committed) ++nonCommittedApprovalAttempts;

        vm.recordLogs();
        vm.prank(approver);
        try ledger.approve(entryId) {
            if (self) ++selfApprovalSuccesses;
            if (!committed) ++nonCommittedApprovalSuccesses;
            if (expected.length != 0) return _unexpectedSuccess("approve");
            _approvedBy[entryId][approver] = true;
            ++e.approvals;
            ++approvals;
            if (counts_) _countEntry(entryId);
            _scanLogs();
        } catch (bytes memory err) {
            vm.getRecordedLogs();
            if (self && _isError(err, abi.encodeWithSelector(IValueLedger.LedgerSelfReview.selector, entryId))) {
                ++selfReviewReverts;
            }
            _expectError("approve", err, expected);
        }
    }

    /// @dev Entries of the open period and of the last closed ones: a closed period's counted work is disputable
    /// until its finalAt.
    function dispute(uint256 entrySeed, uint256 disputerSeed) external {
        ++calls;
        _freezeFinal();
        uint256 entryId = _pickEntry(entrySeed, IValueLedger.EntryStatus.Pending, IValueLedger.EntryStatus.Counted);
        address disputer = _reviewer(entryId, disputerSeed);
        IValueLedger.Entry storage e = _entries[entryId];
        bytes memory expected = _disputeError(entryId, disputer);
        bool closedPeriod = e.status != IValueLedger.EntryStatus.None && e.period != ghostPeriod;

        vm.recordLogs();
        vm.prank(disputer);
        try ledger.dispute(entryId, "fuzzed dispute") {
            if (expected.length != 0) return _unexpectedSuccess("dispute");
            if (e.status == IValueLedger.EntryStatus.Counted) _uncountEntry(entryId);
            e.status = IValueLedger.EntryStatus.Disputed;
            ++ghostOpenDisputes[e.period];
            ++disputes;
            if (closedPeriod) ++closedPeriodDisputes;
            _scanLogs();
        } catch (bytes memory err) {
            vm.getRecordedLogs();
            if (_isError(err, abi.encodeWithSelector(IValueLedger.LedgerDisputeSettled.selector, entryId))) {
                ++settledDisputeRefusals;
            }
            if (bytes4(err) == IValueLedger.LedgerReviewWindowOver.selector) ++windowOverRefusals;
            _expectError("dispute", err, expected);
        }
    }

    /// @dev Mostly by the author, now and then by someone else.
    function withdraw(uint256 entrySeed, uint256 callerSeed) external {
        ++calls;
        _freezeFinal();
        uint256 entryId = _pickEntry(entrySeed, IValueLedger.EntryStatus.Pending, IValueLedger.EntryStatus.Pending);
        IValueLedger.Entry storage e = _entries[entryId];
        address caller = callerSeed % 4 != 0 && e.author != address(0) ? e.author : _actor(callerSeed >> 2);

        bytes memory expected = _openEntryError(entryId);
        if (expected.length == 0) {
            if (caller != e.author) {
                expected = abi.encodeWithSelector(IValueLedger.LedgerNotAuthor.selector, entryId, caller);
            } else if (e.status != IValueLedger.EntryStatus.Pending) {
                expected = abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, entryId, e.status);
            }
        }

        vm.recordLogs();
        vm.prank(caller);
        try ledger.withdraw(entryId) {
            if (expected.length != 0) return _unexpectedSuccess("withdraw");
            _logged[e.period][e.author][uint8(e.stream)] -= e.amount;
            e.status = IValueLedger.EntryStatus.Withdrawn;
            ++withdrawals;
            _scanLogs();
        } catch (bytes memory err) {
            vm.getRecordedLogs();
            _expectError("withdraw", err, expected);
        }
    }

    // ------------------------------------------------------------------------------------------------ ROLES

    /// @dev The timelock's part: accept (the entry counts) or reject (it never will) a dispute.
    function resolveDispute(uint256 entrySeed, bool accept) external {
        ++calls;
        _freezeFinal();
        _resolveDispute(
            _pickEntry(entrySeed, IValueLedger.EntryStatus.Disputed, IValueLedger.EntryStatus.Disputed),
            accept
        );
    }

    /// @dev The treasurer's part. Time passes first, so that periods have distinct dates and closed ones become
    /// final (by hours to a month: inside and past the review window); two times in three that is all (a period
    /// lasts a while: members log and review in it). Half the closes, governance first settles every open dispute
    /// of the period (each accepted or rejected), as a DisCO would before its monthly close; the other closes meet
    /// whatever disputes are open, and must never be refused for them.
    function closePeriod(uint256 warpSeed, bool settleFirst) external {
        ++calls;
        vm.warp(block.timestamp + (warpSeed % 2 == 0 ? _bound(warpSeed, 1, 31 days) : _bound(warpSeed, 1, 4 days)));
        _freezeFinal();
        if (uint256(keccak256(abi.encode("close", warpSeed))) % 3 != 0) return;
        uint32 open = ghostPeriod;
        if (settleFirst) {
            uint256[] storage ids = _periodEntries[open];
            for (uint256 i = 0; i < ids.length; ++i) {
                if (_entries[ids[i]].status == IValueLedger.EntryStatus.Disputed) {
                    _resolveDispute(ids[i], uint256(keccak256(abi.encode(warpSeed, i))) % 2 == 0);
                }
            }
        }
        uint32 openDisputes = ghostOpenDisputes[open];

        try ledger.closePeriod() returns (uint32 closed) {
            IValueLedger.PeriodInfo memory info = ledger.periodInfo(open);
            uint48 window = governance.ghostReviewWindow();
            // The open period closed now, final a window later, its disputes carried on; the next one opened now.
            if (
                closed != open ||
                info.closedAt != block.timestamp ||
                info.finalAt != block.timestamp + window ||
                info.openDisputes != openDisputes ||
                ledger.periodInfo(open + 1).openedAt != block.timestamp
            ) _violation("closePeriod: wrong period, dates or disputes");
            ghostFinalAt[open] = uint48(block.timestamp + window);
            ghostPeriod = open + 1;
            _startPeriod(open + 1);
            ++closes;
            if (openDisputes > 0) ++closesWithDisputes;
        } catch {
            ++refusedCloses;
            _violation("closePeriod was refused");
        }
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    function actorCount() external view returns (uint256) {
        return _actors.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return _actors[i];
    }

    /// @notice The actor's position in the pool, or reverts for an address outside it.
    function actorIndex(address account) external view returns (uint256) {
        uint256 i = _actorIndexPlusOne[account];
        require(i != 0, "not an actor");
        return i - 1;
    }

    /// @notice The model's entry as `entry` reports it: pending work of a closed period is Lapsed.
    function modelEntry(uint256 entryId) external view returns (IValueLedger.Entry memory e) {
        e = _entries[entryId];
        if (e.status == IValueLedger.EntryStatus.Pending && e.period != ghostPeriod) {
            e.status = IValueLedger.EntryStatus.Lapsed;
        }
    }

    /// @notice Whether the model holds `period` final: closed, and its review window over.
    function isFinalInModel(uint32 period) public view returns (bool) {
        uint48 finalAt = ghostFinalAt[period];
        return finalAt != 0 && block.timestamp >= finalAt;
    }

    function approvedInModel(uint256 entryId, address approver) external view returns (bool) {
        return _approvedBy[entryId][approver];
    }

    function periodEntries(uint32 period) external view returns (uint256[] memory) {
        return _periodEntries[period];
    }

    function ghostPeriodTotals(uint32 period) external view returns (uint256[3] memory, uint256[3] memory) {
        return (_periodHistorical[period], _periodPayable[period]);
    }

    function ghostMemberTotals(
        address member,
        uint32 period
    ) external view returns (uint256[3] memory, uint256[3] memory) {
        return (_memberHistorical[period][member], _memberPayable[period][member]);
    }

    function ghostLifetimeTotals(address member) external view returns (uint256[3] memory, uint256[3] memory) {
        return (_lifetimeHistorical[member], _lifetimePayable[member]);
    }

    function ghostLogged(address member, uint32 period) external view returns (uint256[3] memory) {
        return _logged[period][member];
    }

    /// @notice What late acceptances moved into a member's period (logged there, outside its cap).
    function ghostMovedIn(address member, uint32 period) external view returns (uint256[3] memory) {
        return _movedIn[period][member];
    }

    /// @notice A digest of what a final period keeps for ever: its totals and dates, every actor's totals in it, and
    /// each of its entries that is not in the `skip` set (those still disputed when it became final, which the
    /// members may still accept into the open period or reject), with their approvals.
    function periodDigest(uint32 period) public view returns (bytes32 digest) {
        IValueLedger.PeriodInfo memory info = ledger.periodInfo(period);
        digest = keccak256(abi.encode(ledger.periodTotals(period), info.openedAt, info.closedAt, info.finalAt));
        for (uint256 i = 0; i < _actors.length; ++i) {
            digest = keccak256(abi.encode(digest, ledger.memberPeriodTotals(_actors[i], period)));
        }
        uint256[] storage ids = _periodEntries[period];
        for (uint256 k = 0; k < ids.length; ++k) {
            if (_disputedWhenFinal[ids[k]]) continue;
            digest = keccak256(abi.encode(digest, ids[k], ledger.entry(ids[k])));
            for (uint256 i = 0; i < _actors.length; ++i) {
                digest = keccak256(abi.encode(digest, ledger.hasApproved(ids[k], _actors[i])));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ MODEL

    function _logWork(
        address author,
        uint8 stream,
        uint64 amount,
        uint32 period,
        bytes32 evidence,
        string memory uri
    ) internal {
        bytes memory expected = _logError(author, stream, amount, period, evidence, uri);

        vm.recordLogs();
        vm.prank(author);
        try ledger.logWork(stream, amount, period, evidence, uri) returns (uint256 entryId) {
            if (expected.length != 0) return _unexpectedSuccess("logWork");
            uint256 id = ++ghostEntryCount;
            if (entryId != id) _violation("logWork: unexpected id");
            IMembership.Stage stage = membership.stageOf(author);
            uint8 required = governance.ghostApprovalsRequired();
            _entries[id] = IValueLedger.Entry({
                author: author,
                period: period,
                weightBps: governance.weightOf(stage, stream),
                stream: IValueLedger.Stream(stream),
                status: IValueLedger.EntryStatus.Pending,
                approvals: 0,
                approvalsRequired: required,
                settled: false,
                amount: amount
            });
            _periodEntries[period].push(id);
            originPeriod[id] = period;
            _logged[period][author][stream] += amount;
            ++logs;
            if (required == 0) _countEntry(id);
            _scanLogs();
        } catch (bytes memory err) {
            vm.getRecordedLogs();
            if (bytes4(err) == IValueLedger.LedgerOverCap.selector) ++overCapRefusals;
            if (bytes4(err) == IValueLedger.LedgerAmountTooLarge.selector) ++tooLargeRefusals;
            _expectError("logWork", err, expected);
        }
    }

    /// @dev Any period: accepted after its period became final, the entry moves to the open one (EntryMoved).
    function _resolveDispute(uint256 entryId, bool accept) internal {
        IValueLedger.Entry storage e = _entries[entryId];
        bytes memory expected;
        if (e.status == IValueLedger.EntryStatus.None) {
            expected = abi.encodeWithSelector(IValueLedger.LedgerUnknownEntry.selector, entryId);
        } else if (e.status != IValueLedger.EntryStatus.Disputed) {
            expected = abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, entryId, e.status);
        }

        vm.recordLogs();
        try ledger.resolveDispute(entryId, accept) {
            if (expected.length != 0) return _unexpectedSuccess("resolveDispute");
            --ghostOpenDisputes[e.period];
            if (accept) {
                e.settled = true;
                if (isFinalInModel(e.period)) {
                    (_moveId, _moveFrom, _moveTo) = (entryId, e.period, ghostPeriod);
                    e.period = ghostPeriod;
                    // A moved entry is logged in the open period too, beyond its cap if need be.
                    _logged[ghostPeriod][e.author][uint8(e.stream)] += e.amount;
                    _movedIn[ghostPeriod][e.author][uint8(e.stream)] += e.amount;
                    _periodEntries[ghostPeriod].push(entryId);
                    ++moves;
                }
                _countEntry(entryId);
                ++accepted;
            } else {
                _logged[originPeriod[entryId]][e.author][uint8(e.stream)] -= e.amount;
                e.status = IValueLedger.EntryStatus.Rejected;
                ++rejected;
            }
            _scanLogs();
        } catch (bytes memory err) {
            vm.getRecordedLogs();
            _expectError("resolveDispute", err, expected);
        }
    }

    /// @dev The error logWork must raise, in the ledger's order of checks, or nothing.
    function _logError(
        address author,
        uint8 stream,
        uint64 amount,
        uint32 period,
        bytes32 evidence,
        string memory uri
    ) internal view returns (bytes memory) {
        if (stream >= STREAMS) return abi.encodeWithSelector(IValueLedger.LedgerUnknownStream.selector, stream);
        if (amount == 0) return abi.encodeWithSelector(IValueLedger.LedgerZeroAmount.selector);
        if (amount > _MAX_AMOUNT) {
            return abi.encodeWithSelector(IValueLedger.LedgerAmountTooLarge.selector, amount, _MAX_AMOUNT);
        }
        if (evidence == bytes32(0) || bytes(uri).length > _MAX_URI) {
            return abi.encodeWithSelector(IValueLedger.LedgerInvalidEvidence.selector);
        }
        if (period != ghostPeriod) {
            return abi.encodeWithSelector(IValueLedger.LedgerPeriodNotOpen.selector, period, ghostPeriod);
        }
        IMembership.Stage stage = membership.stageOf(author);
        if (stage == IMembership.Stage.None) {
            return abi.encodeWithSelector(IValueLedger.LedgerNotMember.selector, author);
        }
        if (stage == IMembership.Stage.Casual && stream == uint8(IValueLedger.Stream.Livelihood)) {
            return abi.encodeWithSelector(IValueLedger.LedgerStreamNotAllowed.selector, stage, stream);
        }
        uint256 total = _logged[period][author][stream] + amount;
        uint64 cap = governance.capOf(stream);
        if (cap != 0 && total > cap) {
            return abi.encodeWithSelector(IValueLedger.LedgerOverCap.selector, stream, cap, total);
        }
        return "";
    }

    /// @dev The error of an action on an entry that must exist and belong to the open period, or nothing.
    function _openEntryError(uint256 entryId) internal view returns (bytes memory) {
        IValueLedger.Entry storage e = _entries[entryId];
        if (e.status == IValueLedger.EntryStatus.None) {
            return abi.encodeWithSelector(IValueLedger.LedgerUnknownEntry.selector, entryId);
        }
        if (e.period != ghostPeriod) {
            return abi.encodeWithSelector(IValueLedger.LedgerPeriodNotOpen.selector, e.period, ghostPeriod);
        }
        return "";
    }

    /// @dev The error of a review (approve: Pending; dispute: Pending or Counted), in the ledger's order of checks.
    function _reviewError(
        uint256 entryId,
        address reviewer,
        IValueLedger.EntryStatus a,
        IValueLedger.EntryStatus b
    ) internal view returns (bytes memory expected) {
        expected = _openEntryError(entryId);
        if (expected.length != 0) return expected;
        IValueLedger.Entry storage e = _entries[entryId];
        if (e.status != a && e.status != b) {
            return abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, entryId, e.status);
        }
        if (membership.stageOf(reviewer) != IMembership.Stage.Committed) {
            return abi.encodeWithSelector(IValueLedger.LedgerNotCommitted.selector, reviewer);
        }
        if (reviewer == e.author) return abi.encodeWithSelector(IValueLedger.LedgerSelfReview.selector, entryId);
    }

    /// @dev The error of a dispute, in the ledger's order of checks: an unknown entry; in a closed period, the review
    /// window over (LedgerReviewWindowOver), then anything but Counted (a lapsed entry, stored Pending, named Lapsed); in the
    /// open period, anything but Pending or Counted; then the reviewer; then a settled entry.
    function _disputeError(uint256 entryId, address disputer) internal view returns (bytes memory) {
        IValueLedger.Entry storage e = _entries[entryId];
        if (e.status == IValueLedger.EntryStatus.None) {
            return abi.encodeWithSelector(IValueLedger.LedgerUnknownEntry.selector, entryId);
        }
        if (e.period != ghostPeriod) {
            uint48 finalAt = ghostFinalAt[e.period];
            if (block.timestamp >= finalAt) {
                return abi.encodeWithSelector(IValueLedger.LedgerReviewWindowOver.selector, entryId, finalAt);
            }
            if (e.status != IValueLedger.EntryStatus.Counted) {
                // A lapsed entry is stored Pending; the ledger names it Lapsed, as entry() reports it.
                IValueLedger.EntryStatus named =
                    e.status == IValueLedger.EntryStatus.Pending ? IValueLedger.EntryStatus.Lapsed : e.status;
                return abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, entryId, named);
            }
        } else if (e.status != IValueLedger.EntryStatus.Pending && e.status != IValueLedger.EntryStatus.Counted) {
            return abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, entryId, e.status);
        }
        if (membership.stageOf(disputer) != IMembership.Stage.Committed) {
            return abi.encodeWithSelector(IValueLedger.LedgerNotCommitted.selector, disputer);
        }
        if (disputer == e.author) return abi.encodeWithSelector(IValueLedger.LedgerSelfReview.selector, entryId);
        if (e.settled) return abi.encodeWithSelector(IValueLedger.LedgerDisputeSettled.selector, entryId);
        return "";
    }

    /// @dev Takes the digest of every period that has become final since the last call, before anything else can
    /// act on it; its entries under dispute then are left out (the members may still decide them).
    function _freezeFinal() internal {
        for (uint32 p = frozenThrough + 1; p < ghostPeriod && isFinalInModel(p); ++p) {
            uint256[] storage ids = _periodEntries[p];
            for (uint256 k = 0; k < ids.length; ++k) {
                if (_entries[ids[k]].status == IValueLedger.EntryStatus.Disputed) _disputedWhenFinal[ids[k]] = true;
            }
            closedDigest[p] = periodDigest(p);
            frozenThrough = p;
        }
    }

    function _countEntry(uint256 entryId) internal {
        IValueLedger.Entry storage e = _entries[entryId];
        (address author, uint32 period, uint8 stream, uint256 amount) = (e.author, e.period, uint8(e.stream), e.amount);
        uint256 payable_ = (amount * e.weightBps) / BPS;
        _periodHistorical[period][stream] += amount;
        _periodPayable[period][stream] += payable_;
        _memberHistorical[period][author][stream] += amount;
        _memberPayable[period][author][stream] += payable_;
        _lifetimeHistorical[author][stream] += amount;
        _lifetimePayable[author][stream] += payable_;
        e.status = IValueLedger.EntryStatus.Counted;
        countedAt[entryId] = block.timestamp;
        ++counts;
    }

    function _uncountEntry(uint256 entryId) internal {
        IValueLedger.Entry storage e = _entries[entryId];
        (address author, uint32 period, uint8 stream, uint256 amount) = (e.author, e.period, uint8(e.stream), e.amount);
        uint256 payable_ = (amount * e.weightBps) / BPS;
        _periodHistorical[period][stream] -= amount;
        _periodPayable[period][stream] -= payable_;
        _memberHistorical[period][author][stream] -= amount;
        _memberPayable[period][author][stream] -= payable_;
        _lifetimeHistorical[author][stream] -= amount;
        _lifetimePayable[author][stream] -= payable_;
        ++uncounts;
    }

    /// @dev Counts the ledger's EntryCounted / EntryUncounted events of the call just made, and checks each against
    /// the model's entry (author, period, stream, amount, payable = amount x weight / 10,000 rounded down).
    function _scanLogs() internal {
        Vm.Log[] memory recorded = vm.getRecordedLogs();
        for (uint256 i = 0; i < recorded.length; ++i) {
            Vm.Log memory entryLog = recorded[i];
            if (entryLog.emitter == address(ledger) && entryLog.topics[0] == IValueLedger.EntryMoved.selector) {
                (uint32 from, uint32 to) = abi.decode(entryLog.data, (uint32, uint32));
                (uint256 id, uint32 f, uint32 t) = (_moveId, _moveFrom, _moveTo);
                // The move the model expects, before the entry's EntryCounted.
                if (
                    uint256(entryLog.topics[1]) != id ||
                    from != f ||
                    to != t ||
                    countedEvents[id] != uncountedEvents[id]
                ) _violation("an unexpected EntryMoved");
                ++movedEvents[id];
                continue;
            }
            if (entryLog.emitter != address(ledger) || entryLog.topics.length != 4) continue;
            bool counted = entryLog.topics[0] == IValueLedger.EntryCounted.selector;
            if (!counted && entryLog.topics[0] != IValueLedger.EntryUncounted.selector) continue;
            uint256 entryId = uint256(entryLog.topics[1]);
            if (counted) ++countedEvents[entryId];
            else ++uncountedEvents[entryId];
            if (
                uncountedEvents[entryId] > countedEvents[entryId] ||
                countedEvents[entryId] > uncountedEvents[entryId] + 1
            ) {
                _violation("counted twice or uncounted uncounted");
            }
            IValueLedger.Entry storage e = _entries[entryId];
            (uint8 stream, uint64 amount, uint64 payable_) = abi.decode(entryLog.data, (uint8, uint64, uint64));
            if (
                address(uint160(uint256(entryLog.topics[2]))) != e.author ||
                uint256(entryLog.topics[3]) != e.period ||
                stream != uint8(e.stream) ||
                amount != e.amount ||
                payable_ != (uint256(e.amount) * e.weightBps) / BPS
            ) _violation("an EntryCounted/Uncounted event disagrees");
        }
    }

    function _startPeriod(uint32 period) internal {
        ghostPeriod = period;
        governance.startPeriod(period);
    }

    // ------------------------------------------------------------------------------------------------ INPUTS

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[uint256(keccak256(abi.encode(seed))) % _actors.length];
    }

    /// @dev Livelihood, Love or Care; one time in sixteen an unknown stream (3 to 255).
    function _streamOf(uint256 seed) internal pure returns (uint8) {
        return seed % 16 == 15 ? uint8(3 + ((seed >> 4) % 253)) : uint8(seed % STREAMS);
    }

    /// @dev Mostly 0.01 to 500; now and then zero, any uint64, next to the uint64 maximum (both all but always
    /// above MAX_AMOUNT, which the ledger refuses), or one below, at or one above MAX_AMOUNT.
    function _amount(uint256 seed) internal pure returns (uint64) {
        uint256 kind = seed % 64;
        if (kind == 0) return 0;
        if (kind <= 2) return uint64(seed >> 6);
        if (kind == 3) return type(uint64).max - uint64((seed >> 6) % 1_000);
        if (kind == 4) return _MAX_AMOUNT - 1 + uint64((seed >> 6) % 3);
        return uint64(1 + ((seed >> 6) % _SMALL_AMOUNT));
    }

    /// @dev Mostly the open period; now and then the next, the previous (0 before the first closes) or any.
    function _period(uint256 seed) internal view returns (uint32) {
        uint256 kind = seed % 16;
        if (kind == 0) return uint32(seed >> 4);
        if (kind == 1) return ghostPeriod + 1;
        if (kind == 2) return ghostPeriod - 1;
        return ghostPeriod;
    }

    /// @dev Mostly a hash and a short URI; now and then no hash, a URI one byte too long, exactly the longest
    /// allowed, or none at all.
    function _evidence(uint256 seed) internal pure returns (bytes32 evidence, string memory uri) {
        evidence = keccak256(abi.encode("evidence", seed));
        uint256 kind = seed % 16;
        if (kind == 0) return (bytes32(0), "ipfs://evidence");
        if (kind == 1) return (evidence, _uri(_MAX_URI + 1));
        if (kind == 2) return (evidence, _uri(_MAX_URI));
        if (kind == 3) return (evidence, "");
        return (evidence, "ipfs://evidence");
    }

    function _uri(uint256 length) internal pure returns (string memory) {
        bytes memory b = new bytes(length);
        for (uint256 i = 0; i < length; ++i) b[i] = "a";
        return string(b);
    }

    /// @dev Seven times in eight an entry of the open period in one of the wanted statuses, when there is one;
    /// otherwise any id from 0 to one past the last (unknown ids included).
    function _pickEntry(
        uint256 seed,
        IValueLedger.EntryStatus a,
        IValueLedger.EntryStatus b
    ) internal view returns (uint256) {
        seed = uint256(keccak256(abi.encode(seed)));
        uint256 n = ghostEntryCount;
        if (seed % 8 == 0 || n == 0) return (seed >> 3) % (n + 2);
        // Mostly the open period; one time in four one of the two before it (in or past its review window).
        uint32 back = (seed >> 3) % 4 == 0 ? uint32(1 + ((seed >> 5) % 2)) : 0;
        uint256[] storage ids = _periodEntries[ghostPeriod > back ? ghostPeriod - back : ghostPeriod];
        uint256 start = seed >> 7;
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 id = ids[(start + i) % ids.length];
            IValueLedger.EntryStatus status = _entries[id].status;
            if (status == a || status == b) return id;
        }
        return 1 + (start % n);
    }

    /// @dev One time in eight the entry's author, two in eight any actor, otherwise a Committed member other than
    /// the author (any actor when there is none).
    function _reviewer(uint256 entryId, uint256 seed) internal view returns (address) {
        address author = _entries[entryId].author;
        seed = uint256(keccak256(abi.encode("reviewer", seed)));
        uint256 kind = seed % 8;
        if (kind == 0 && author != address(0)) return author;
        if (kind <= 2) return _actor(seed >> 3);
        address reviewer = _committedOtherThan(author, seed >> 3);
        return reviewer == address(0) ? _actor(seed >> 3) : reviewer;
    }

    function _committedOtherThan(address account, uint256 seed) internal view returns (address) {
        uint256 n = _actors.length;
        for (uint256 i = 0; i < n; ++i) {
            address candidate = _actors[(seed + i) % n];
            if (candidate != account && membership.stageOf(candidate) == IMembership.Stage.Committed) {
                return candidate;
            }
        }
        return address(0);
    }

    function _addActor(string memory name) internal {
        address account = _makeAddr(name);
        _actors.push(account);
        _actorIndexPlusOne[account] = _actors.length;
    }

    // ------------------------------------------------------------------------------------------------ VIOLATIONS

    function _unexpectedSuccess(string memory action) internal {
        vm.getRecordedLogs();
        _violation(string.concat(action, " accepted what the model refuses"));
    }

    function _expectError(string memory action, bytes memory actual, bytes memory expected) internal {
        if (expected.length == 0) return _violation(string.concat(action, " refused what the model accepts"));
        if (!_isError(actual, expected)) return _violation(string.concat(action, " failed with an unexpected error"));
        ++refusals;
    }

    function _violation(string memory what) internal {
        if (violations == 0) firstViolation = what;
        ++violations;
    }
}
