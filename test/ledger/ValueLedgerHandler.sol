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
    uint256 public constant BPS = 10_000;
    uint8 public constant STREAMS = 3;
    uint256 internal constant _MAX_URI = 256;
    /// @dev The ledger's MAX_AMOUNT: the largest amount of one entry. With it the uint64 totals and logged amounts
    /// would need millions of entries to overflow, far beyond any campaign, so the model predicts no overflow.
    uint64 internal constant _MAX_AMOUNT = 1e12;
    /// @dev Stage changes never leave fewer Committed members than this, so that reviews stay possible.
    uint256 internal constant _MIN_COMMITTED = 2;
    /// @dev Small amounts: most logged work is between 0.01 and 500 credits or hours.
    uint256 internal constant _SMALL_AMOUNT = 50_000;
    /// @dev The largest non-zero cap the handler sets: below two small entries, so that caps bite.
    uint256 internal constant _LARGEST_CAP = 60_000;

    Membership public immutable membership;
    ValueLedger public immutable ledger;

    /// @dev Founders: four Committed, Dating1-3 mentored by the first, one Casual; then an outsider who is not a
    /// member until the handler admits them.
    address[] internal _actors;
    mapping(address account => uint256) internal _actorIndexPlusOne;

    // ------------------------------------------------------------------------------------------------ MODEL

    mapping(uint256 entryId => IValueLedger.Entry) internal _entries;
    mapping(uint256 entryId => mapping(address approver => bool)) internal _approvedBy;
    mapping(uint32 period => uint256[]) internal _periodEntries;
    mapping(uint32 period => uint32) public ghostOpenDisputes;
    mapping(IMembership.Stage stage => uint16[3]) internal _weights;
    uint64[3] internal _caps;
    uint8 public ghostApprovalsRequired;
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

    /// @dev Caps in force at some moment of a period: whether the stream was ever uncapped, and its largest cap.
    mapping(uint32 period => bool[3]) internal _everUncapped;
    mapping(uint32 period => uint64[3]) internal _largestCap;

    /// @dev EntryCounted and EntryUncounted events seen per entry, from successful calls.
    mapping(uint256 entryId => uint256) public countedEvents;
    mapping(uint256 entryId => uint256) public uncountedEvents;

    /// @dev A digest of each closed period's totals, entries and approvals, taken from the ledger when it closed.
    mapping(uint32 period => bytes32) public closedDigest;

    // ------------------------------------------------------------------------------------------------ COUNTERS

    uint256 public calls;
    uint256 public logs;
    uint256 public approvals;
    uint256 public counts;
    uint256 public uncounts;
    uint256 public disputes;
    uint256 public accepted;
    uint256 public rejected;
    uint256 public withdrawals;
    uint256 public closes;
    uint256 public refusedCloses;
    uint256 public settingsChanges;
    uint256 public stageChanges;
    uint256 public overCapRefusals;
    uint256 public tooLargeRefusals;
    uint256 public settledDisputeRefusals;
    uint256 public selfApprovalAttempts;
    uint256 public selfReviewReverts;
    uint256 public selfApprovalSuccesses;
    uint256 public nonCommittedApprovalAttempts;
    uint256 public nonCommittedApprovalSuccesses;
    uint256 public refusals;
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
        membership = new Membership("DisCO Membership", "DISCO", address(this), constituencies, founders);

        address[] memory treasurers = new address[](1);
        treasurers[0] = address(this);
        ledger = new ValueLedger(membership, address(this), treasurers, DesignDefaults.ledgerSettings());
        vm.label(address(membership), "membership");
        vm.label(address(ledger), "ledger");

        ValueLedger.Settings memory s = DesignDefaults.ledgerSettings();
        for (uint256 stage = 0; stage < 5; ++stage) _weights[IMembership.Stage(stage + 1)] = s.weights[stage];
        ghostApprovalsRequired = s.approvalsRequired;
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

    function dispute(uint256 entrySeed, uint256 disputerSeed) external {
        ++calls;
        uint256 entryId = _pickEntry(entrySeed, IValueLedger.EntryStatus.Pending, IValueLedger.EntryStatus.Counted);
        address disputer = _reviewer(entryId, disputerSeed);
        IValueLedger.Entry storage e = _entries[entryId];
        bytes memory expected = _reviewError(
            entryId,
            disputer,
            IValueLedger.EntryStatus.Pending,
            IValueLedger.EntryStatus.Counted
        );
        // An entry the members accepted after a dispute is settled: checked after the review checks.
        if (expected.length == 0 && e.settled) {
            expected = abi.encodeWithSelector(IValueLedger.LedgerDisputeSettled.selector, entryId);
        }

        vm.recordLogs();
        vm.prank(disputer);
        try ledger.dispute(entryId, "fuzzed dispute") {
            if (expected.length != 0) return _unexpectedSuccess("dispute");
            if (e.status == IValueLedger.EntryStatus.Counted) _uncountEntry(entryId);
            e.status = IValueLedger.EntryStatus.Disputed;
            ++ghostOpenDisputes[e.period];
            ++disputes;
            _scanLogs();
        } catch (bytes memory err) {
            vm.getRecordedLogs();
            if (_isError(err, abi.encodeWithSelector(IValueLedger.LedgerDisputeSettled.selector, entryId))) {
                ++settledDisputeRefusals;
            }
            _expectError("dispute", err, expected);
        }
    }

    /// @dev Mostly by the author, now and then by someone else.
    function withdraw(uint256 entrySeed, uint256 callerSeed) external {
        ++calls;
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
        _resolveDispute(
            _pickEntry(entrySeed, IValueLedger.EntryStatus.Disputed, IValueLedger.EntryStatus.Disputed),
            accept
        );
    }

    /// @dev The treasurer's part. Time passes first, so that periods have distinct dates; two times in three that
    /// is all (a period lasts a while: members log and review in it). Half the closes, governance first settles
    /// every open dispute of the period (each accepted or rejected), as a DisCO would before its monthly close;
    /// the other closes meet whatever disputes are open.
    function closePeriod(uint256 warpSeed, bool settleFirst) external {
        ++calls;
        vm.warp(block.timestamp + _bound(warpSeed, 1, 31 days));
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
        bytes memory expected =
            openDisputes > 0
                ? abi.encodeWithSelector(IValueLedger.LedgerOpenDisputes.selector, open, openDisputes)
                : bytes("");

        try ledger.closePeriod() returns (uint32 closed) {
            if (expected.length != 0) return _violation("closePeriod closed a period with open disputes");
            if (closed != open) _violation("closePeriod closed another period than the open one");
            if (ledger.periodInfo(open).closedAt != block.timestamp) _violation("closedAt is not the close's time");
            if (ledger.periodInfo(open + 1).openedAt != block.timestamp) _violation("next period not opened");
            ghostPeriod = open + 1;
            _startPeriod(open + 1);
            closedDigest[open] = periodDigest(open);
            ++closes;
        } catch (bytes memory err) {
            ++refusedCloses;
            _expectError("closePeriod", err, expected);
        }
    }

    function setApprovalsRequired(uint256 seed) external {
        ++calls;
        uint8 value = seed % 8 == 7 ? uint8(17 + ((seed >> 3) % 239)) : uint8((seed >> 3) % 4);
        bytes memory expected =
            value > 16 ? abi.encodeWithSelector(IValueLedger.LedgerInvalidApprovals.selector, value) : bytes("");
        try ledger.setApprovalsRequired(value) {
            if (expected.length != 0) return _violation("setApprovalsRequired accepted an invalid value");
            ghostApprovalsRequired = value;
            ++settingsChanges;
        } catch (bytes memory err) {
            _expectError("setApprovalsRequired", err, expected);
        }
    }

    /// @dev Half the time no cap, otherwise a cap of up to 600 credits; an unknown stream now and then.
    function setCap(uint256 streamSeed, uint256 capSeed) external {
        ++calls;
        uint8 stream = _streamOf(streamSeed);
        uint64 cap = capSeed % 2 == 0 ? 0 : uint64(1 + ((capSeed >> 1) % _LARGEST_CAP));
        bytes memory expected =
            stream >= STREAMS ? abi.encodeWithSelector(IValueLedger.LedgerUnknownStream.selector, stream) : bytes("");
        try ledger.setCap(stream, cap) {
            if (expected.length != 0) return _violation("setCap accepted an unknown stream");
            _caps[stream] = cap;
            if (cap == 0) _everUncapped[ghostPeriod][stream] = true;
            else if (cap > _largestCap[ghostPeriod][stream]) _largestCap[ghostPeriod][stream] = cap;
            ++settingsChanges;
        } catch (bytes memory err) {
            _expectError("setCap", err, expected);
        }
    }

    /// @dev Any weight for any stage, so that payable amounts round in every way; invalid ones now and then.
    function setWeight(uint256 stageSeed, uint256 streamSeed, uint256 weightSeed) external {
        ++calls;
        IMembership.Stage stage = IMembership.Stage(stageSeed % 6);
        uint8 stream = _streamOf(streamSeed);
        uint16 weight =
            weightSeed % 8 == 0
                ? uint16(BPS + 1 + ((weightSeed >> 3) % (type(uint16).max - BPS)))
                : uint16((weightSeed >> 3) % (BPS + 1));
        bytes memory expected;
        if (stream >= STREAMS) {
            expected = abi.encodeWithSelector(IValueLedger.LedgerUnknownStream.selector, stream);
        } else if (stage == IMembership.Stage.None || weight > BPS) {
            expected = abi.encodeWithSelector(IValueLedger.LedgerInvalidWeight.selector, stage, weight);
        }
        try ledger.setWeight(stage, stream, weight) {
            if (expected.length != 0) return _violation("setWeight accepted an invalid weight");
            _weights[stage][stream] = weight;
            ++settingsChanges;
        } catch (bytes memory err) {
            _expectError("setWeight", err, expected);
        }
    }

    /// @dev Governance moves a member to another stage, admits the outsider or removes someone (never leaving fewer
    /// than two Committed members). Entries keep the weight of the stage they were logged at.
    function changeStage(uint256 actorSeed, uint256 stageSeed, uint256 mentorSeed) external {
        ++calls;
        address account = _actor(actorSeed);
        IMembership.Stage current = membership.stageOf(account);
        IMembership.Stage target =
            stageSeed % 8 == 7 ? IMembership.Stage.None : IMembership.Stage(1 + ((stageSeed >> 3) % 5));
        if (target == current) return;
        if (current == IMembership.Stage.Committed && _committedCount() <= _MIN_COMMITTED) return;
        address mentor;
        if (target >= IMembership.Stage.Dating1 && target <= IMembership.Stage.Dating3) {
            mentor = _committedOtherThan(account, mentorSeed);
            if (mentor == address(0)) return;
        }

        bool ok;
        if (current == IMembership.Stage.None) {
            (ok, ) = address(membership).call(abi.encodeCall(IMembership.admit, (account, target, 0, mentor)));
        } else if (target == IMembership.Stage.None) {
            (ok, ) = address(membership).call(abi.encodeCall(IMembership.remove, (account, "fuzzed removal")));
        } else {
            (ok, ) = address(membership).call(abi.encodeCall(IMembership.changeStage, (account, target, mentor)));
        }
        if (!ok) return _violation("the membership refused a valid stage change");
        ++stageChanges;
    }

    /// @dev Every role-gated function, called by anyone but its holder, must fail with AccessControl's error.
    function attemptRoleCall(address caller, uint256 functionSeed) external {
        ++calls;
        if (caller == address(this) || caller == address(0)) caller = _actor(functionSeed);
        uint256 which = functionSeed % 6;
        bytes32 role = which == 0 ? ledger.TREASURER_ROLE() : bytes32(0);
        bytes memory data;
        if (which == 0) data = abi.encodeCall(IValueLedger.closePeriod, ());
        else if (which == 1) data = abi.encodeCall(IValueLedger.resolveDispute, (1, functionSeed % 12 < 6));
        else if (which == 2) data = abi.encodeCall(IValueLedger.setWeight, (IMembership.Stage.Casual, 0, 10_000));
        else if (which == 3) data = abi.encodeCall(IValueLedger.setCap, (0, 1));
        else if (which == 4) data = abi.encodeCall(IValueLedger.setApprovalsRequired, (0));
        else data = abi.encodeCall(IValueLedger.setMinimumContribution, (0, 1));

        vm.prank(caller);
        (bool ok, bytes memory err) = address(ledger).call(data);
        if (ok) return _violation("a role-gated function obeyed someone without the role");
        _expectError(
            "role-gated call",
            err,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role)
        );
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

    function modelEntry(uint256 entryId) external view returns (IValueLedger.Entry memory) {
        return _entries[entryId];
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

    /// @notice Whether `stream` was ever uncapped during `period`, and the largest cap it had then.
    function capsDuring(uint32 period, uint8 stream) external view returns (bool everUncapped, uint64 largest) {
        return (_everUncapped[period][stream], _largestCap[period][stream]);
    }

    /// @notice A digest of everything the ledger holds for `period`: its totals and dates, every actor's totals and
    /// logged amounts in it, and each of its entries with their approvals.
    function periodDigest(uint32 period) public view returns (bytes32 digest) {
        digest = keccak256(abi.encode(ledger.periodTotals(period), ledger.periodInfo(period)));
        for (uint256 i = 0; i < _actors.length; ++i) {
            address a = _actors[i];
            digest = keccak256(
                abi.encode(digest, ledger.memberPeriodTotals(a, period), ledger.loggedInPeriod(a, period))
            );
        }
        uint256[] storage ids = _periodEntries[period];
        for (uint256 k = 0; k < ids.length; ++k) {
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
            if (entryId != id) _violation("logWork returned an unexpected id");
            IMembership.Stage stage = membership.stageOf(author);
            _entries[id] = IValueLedger.Entry({
                author: author,
                period: period,
                weightBps: _weights[stage][stream],
                stream: IValueLedger.Stream(stream),
                status: IValueLedger.EntryStatus.Pending,
                approvals: 0,
                approvalsRequired: ghostApprovalsRequired,
                settled: false,
                amount: amount
            });
            _periodEntries[period].push(id);
            _logged[period][author][stream] += amount;
            ++logs;
            if (ghostApprovalsRequired == 0) _countEntry(id);
            _scanLogs();
        } catch (bytes memory err) {
            vm.getRecordedLogs();
            if (bytes4(err) == IValueLedger.LedgerOverCap.selector) ++overCapRefusals;
            if (bytes4(err) == IValueLedger.LedgerAmountTooLarge.selector) ++tooLargeRefusals;
            _expectError("logWork", err, expected);
        }
    }

    function _resolveDispute(uint256 entryId, bool accept) internal {
        IValueLedger.Entry storage e = _entries[entryId];
        bytes memory expected = _openEntryError(entryId);
        if (expected.length == 0 && e.status != IValueLedger.EntryStatus.Disputed) {
            expected = abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, entryId, e.status);
        }

        vm.recordLogs();
        try ledger.resolveDispute(entryId, accept) {
            if (expected.length != 0) return _unexpectedSuccess("resolveDispute");
            --ghostOpenDisputes[e.period];
            if (accept) {
                e.settled = true;
                _countEntry(entryId);
                ++accepted;
            } else {
                _logged[e.period][e.author][uint8(e.stream)] -= e.amount;
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
        uint64 cap = _caps[stream];
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
                _violation("an entry was counted twice or uncounted while not counted");
            }
            IValueLedger.Entry storage e = _entries[entryId];
            (uint8 stream, uint64 amount, uint64 payable_) = abi.decode(entryLog.data, (uint8, uint64, uint64));
            if (
                address(uint160(uint256(entryLog.topics[2]))) != e.author ||
                uint256(entryLog.topics[3]) != e.period ||
                stream != uint8(e.stream) ||
                amount != e.amount ||
                payable_ != (uint256(e.amount) * e.weightBps) / BPS
            ) _violation("an EntryCounted or EntryUncounted event disagrees with the entry");
        }
    }

    function _startPeriod(uint32 period) internal {
        ghostPeriod = period;
        for (uint8 s = 0; s < STREAMS; ++s) {
            _everUncapped[period][s] = _caps[s] == 0;
            _largestCap[period][s] = _caps[s];
        }
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
        uint256[] storage ids = _periodEntries[ghostPeriod];
        uint256 start = seed >> 3;
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

    function _committedCount() internal view returns (uint256 count) {
        for (uint256 i = 0; i < _actors.length; ++i) {
            if (membership.stageOf(_actors[i]) == IMembership.Stage.Committed) ++count;
        }
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
