// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {IValueLedger} from "../../contracts/interfaces/IValueLedger.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {Test} from "../utils/Test.sol";
import {ValueLedgerHandler} from "./ValueLedgerHandler.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {DisCOClones} from "../utils/DisCOClones.sol";

/// @notice Unit and fuzz tests of ValueLedger, deployed with this test contract as admin (the timelock's role) and
/// only treasurer, over a Membership that this contract also administers.
contract ValueLedgerTest is Test {
    uint256 internal constant START = 1_750_000_000;
    uint256 internal constant BPS = 10_000;
    /// @dev The ledger's MAX_AMOUNT, stated here so that a change to it shows.
    uint64 internal constant MAX_AMOUNT = 1e12;
    bytes32 internal constant EVIDENCE = keccak256("timesheet");
    string internal constant URI = "ipfs://bafy-timesheet";

    Membership internal membership;
    ValueLedger internal ledger;

    /// @dev Four Committed founders, Dating1-3 mentored by the first, one Casual, and an outsider.
    address[] internal committed;
    address[] internal dating;
    address internal casual;
    address internal outsider;

    function setUp() public {
        vm.warp(START);
        for (uint256 i = 0; i < 4; ++i) committed.push(_makeAddr(string.concat("committed", _digit(i))));
        for (uint256 i = 0; i < 3; ++i) dating.push(_makeAddr(string.concat("dating", _digit(i + 1))));
        casual = _makeAddr("casual");
        outsider = _makeAddr("outsider");

        IMembership.Founder[] memory founders = new IMembership.Founder[](8);
        for (uint256 i = 0; i < 4; ++i) {
            founders[i] = IMembership.Founder(committed[i], IMembership.Stage.Committed, 0, address(0));
        }
        for (uint256 i = 0; i < 3; ++i) {
            founders[4 + i] = IMembership.Founder(dating[i], IMembership.Stage(2 + i), 0, committed[0]);
        }
        founders[7] = IMembership.Founder(casual, IMembership.Stage.Casual, 0, address(0));
        string[] memory constituencies = new string[](1);
        constituencies[0] = "worker";
        membership = DisCOClones.membership("DisCO Membership", "DISCO", address(this), constituencies, founders);

        address[] memory treasurers = new address[](1);
        treasurers[0] = address(this);
        ledger = DisCOClones.ledger(membership, address(this), treasurers, DesignDefaults.ledgerSettings());
    }

    // ------------------------------------------------------------------------------------------------ INITIALIZE

    function test_initialize_appliesTheDesignDefaults() public view {
        for (uint8 stage = 1; stage <= 5; ++stage) {
            for (uint8 stream = 0; stream < 3; ++stream) {
                assertEq(
                    ledger.weightOf(IMembership.Stage(stage), stream),
                    _designWeight(IMembership.Stage(stage), stream),
                    "weightOf"
                );
            }
        }
        for (uint8 stream = 0; stream < 3; ++stream) assertEq(ledger.capOf(stream), 0, "capOf");
        assertEq(ledger.approvalsRequired(), 1, "approvalsRequired");
        (uint64 credits, uint8 periods) = ledger.minimumContribution();
        assertEq(credits, 40_000, "minimum credits");
        assertEq(ledger.reviewWindow(), DesignDefaults.REVIEW_WINDOW, "reviewWindow");
        assertEq(periods, 3, "minimum periods");
        assertEq(ledger.currentPeriod(), 1, "currentPeriod");
        assertEq(ledger.periodInfo(1).openedAt, START, "openedAt");
        assertEq(ledger.entryCount(), 0, "entryCount");
        assertEq(ledger.MAX_AMOUNT(), MAX_AMOUNT, "MAX_AMOUNT");
        assertTrue(ledger.hasRole(bytes32(0), address(this)), "admin");
        assertTrue(ledger.hasRole(ledger.TREASURER_ROLE(), address(this)), "treasurer");
    }

    // ------------------------------------------------------------------------------------------------ LOG WORK

    function testFuzz_logWork_recordsAPendingEntry(uint8 who, uint8 streamSeed, uint64 amount) public {
        (address author, IMembership.Stage stage) = _member(who);
        uint8 stream = _allowedStream(stage, streamSeed);
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        uint16 weight = _designWeight(stage, stream);

        vm.expectEmit(true, true, true, true, address(ledger));
        emit IValueLedger.EntryLogged(1, author, 1, IValueLedger.Stream(stream), amount, weight, EVIDENCE, URI);
        uint256 entryId = _log(author, stream, amount);

        assertEq(entryId, 1, "entryId");
        assertEq(ledger.entryCount(), 1, "entryCount");
        IValueLedger.Entry memory e = ledger.entry(entryId);
        assertEq(e.author, author, "author");
        assertEq(e.period, 1, "period");
        assertEq(e.weightBps, weight, "weightBps");
        assertEq(uint8(e.stream), stream, "stream");
        assertEq(uint8(e.status), uint8(IValueLedger.EntryStatus.Pending), "status");
        assertEq(e.approvals, 0, "approvals");
        assertEq(e.approvalsRequired, 1, "approvalsRequired");
        assertFalse(e.settled, "settled");
        assertEq(e.amount, amount, "amount");
        assertEq(ledger.loggedInPeriod(author, 1)[stream], amount, "loggedInPeriod");
        _assertTotals(ledger.periodTotals(1), stream, 0, 0, "pending work is not in the period totals");
        _assertTotals(ledger.lifetimeTotals(author), stream, 0, 0, "pending work is not in the lifetime totals");
    }

    function testFuzz_logWork_revertsForUnknownStream(uint8 stream, uint64 amount, uint8 who) public {
        stream = uint8(_bound(stream, 3, type(uint8).max));
        (address author, ) = _member(who);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerUnknownStream.selector, stream));
        vm.prank(author);
        ledger.logWork(stream, amount, 1, EVIDENCE, URI);
    }

    function testFuzz_logWork_revertsForZeroAmount(uint8 streamSeed, uint8 who) public {
        (address author, IMembership.Stage stage) = _member(who);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerZeroAmount.selector));
        vm.prank(author);
        ledger.logWork(_allowedStream(stage, streamSeed), 0, 1, EVIDENCE, URI);
    }

    function testFuzz_logWork_revertsForInvalidEvidence(uint256 extra, uint64 amount) public {
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerInvalidEvidence.selector));
        vm.prank(committed[0]);
        ledger.logWork(1, amount, 1, bytes32(0), URI);

        string memory tooLong = _string(257 + _bound(extra, 0, 512));
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerInvalidEvidence.selector));
        vm.prank(committed[0]);
        ledger.logWork(1, amount, 1, EVIDENCE, tooLong);

        // The longest URI allowed, and none at all, both pass.
        vm.prank(committed[0]);
        ledger.logWork(1, amount, 1, EVIDENCE, _string(256));
        vm.prank(committed[1]);
        ledger.logWork(1, amount, 1, EVIDENCE, "");
        assertEq(ledger.entryCount(), 2, "entryCount");
    }

    /// @dev Past, future and far-off periods are all refused, before and after periods close.
    function testFuzz_logWork_revertsOutsideTheOpenPeriod(uint32 period, uint8 closes, uint64 amount) public {
        closes = uint8(_bound(closes, 0, 5));
        for (uint256 i = 0; i < closes; ++i) ledger.closePeriod();
        uint32 open = ledger.currentPeriod();
        vm.assume(period != open);
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerPeriodNotOpen.selector, period, open));
        vm.prank(committed[0]);
        ledger.logWork(0, amount, period, EVIDENCE, URI);
    }

    function testFuzz_logWork_revertsForNonMember(address account, uint8 streamSeed, uint64 amount) public {
        vm.assume(membership.stageOf(account) == IMembership.Stage.None);
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerNotMember.selector, account));
        vm.prank(account);
        ledger.logWork(streamSeed % 3, amount, 1, EVIDENCE, URI);
    }

    /// @dev Casual members log love and care, never livelihood; both count at weight 0.
    function testFuzz_logWork_casualMemberLogsLoveAndCareOnly(uint64 amount) public {
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        vm.expectRevert(
            abi.encodeWithSelector(
                IValueLedger.LedgerStreamNotAllowed.selector,
                IMembership.Stage.Casual,
                IValueLedger.Stream.Livelihood
            )
        );
        vm.prank(casual);
        ledger.logWork(0, amount, 1, EVIDENCE, URI);

        _approve(_log(casual, 1, amount), committed[0]);
        _approve(_log(casual, 2, amount), committed[0]);
        IValueLedger.Totals memory t = ledger.lifetimeTotals(casual);
        _assertTotals(t, 1, amount, 0, "casual love");
        _assertTotals(t, 2, amount, 0, "casual care");
    }

    /// @dev An entry passes while the member's logged total stays within the cap, and fails with the total otherwise.
    /// Caps of 2 x MAX_AMOUNT and more never bite on two entries, so the fuzzed cap stops there.
    function testFuzz_logWork_revertsOverCap(uint8 streamSeed, uint64 cap, uint64 first, uint64 second) public {
        uint8 stream = streamSeed % 3;
        cap = uint64(_bound(cap, 1, 2 * uint256(MAX_AMOUNT)));
        first = uint64(_bound(first, 1, cap < MAX_AMOUNT ? cap : MAX_AMOUNT));
        second = uint64(_bound(second, 1, MAX_AMOUNT));
        ledger.setCap(stream, cap);
        address author = committed[1];
        _log(author, stream, first);

        uint256 total = uint256(first) + second;
        if (total > cap) {
            vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerOverCap.selector, stream, cap, total));
            vm.prank(author);
            ledger.logWork(stream, second, 1, EVIDENCE, URI);
        } else {
            _log(author, stream, second);
        }
        uint256 logged = ledger.loggedInPeriod(author, 1)[stream];
        assertEq(logged, total > cap ? first : total, "loggedInPeriod");
        assertLe(logged, cap, "loggedInPeriod above the cap");
    }

    /// @dev A cap binds one member, in one stream, in one period: the others, other streams and the next period
    /// each start from zero.
    function testFuzz_logWork_capIsPerMemberStreamAndPeriod(uint8 streamSeed, uint64 cap) public {
        uint8 stream = streamSeed % 3;
        uint8 other = (stream + 1) % 3;
        cap = uint64(_bound(cap, 1, MAX_AMOUNT));
        ledger.setCap(stream, cap);
        _log(committed[1], stream, cap);

        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerOverCap.selector, stream, cap, uint256(cap) + 1));
        vm.prank(committed[1]);
        ledger.logWork(stream, 1, 1, EVIDENCE, URI);

        _log(committed[2], stream, cap);
        _log(committed[1], other, cap);
        ledger.closePeriod();
        vm.prank(committed[1]);
        ledger.logWork(stream, cap, 2, EVIDENCE, URI);
        assertEq(ledger.loggedInPeriod(committed[1], 1)[stream], cap, "period 1");
        assertEq(ledger.loggedInPeriod(committed[1], 2)[stream], cap, "period 2");
    }

    /// @dev Withdrawn work and work rejected in a dispute leave room under the cap; disputed work still takes it.
    function testFuzz_logWork_withdrawnOrRejectedWorkFreesCapRoom(uint64 cap, bool byDispute) public {
        cap = uint64(_bound(cap, 1, MAX_AMOUNT));
        ledger.setCap(1, cap);
        uint256 entryId = _log(committed[1], 1, cap);
        if (byDispute) {
            _dispute(entryId, committed[2]);
            assertEq(ledger.loggedInPeriod(committed[1], 1)[1], cap, "disputed work still takes room");
            ledger.resolveDispute(entryId, false);
        } else {
            vm.prank(committed[1]);
            ledger.withdraw(entryId);
        }
        assertEq(ledger.loggedInPeriod(committed[1], 1)[1], 0, "loggedInPeriod");
        _log(committed[1], 1, cap);
        assertEq(ledger.loggedInPeriod(committed[1], 1)[1], cap, "logged again");
    }

    /// @dev One entry is at most MAX_AMOUNT: any amount above it is refused with the amount and the bound, right
    /// after the stream and zero checks (before the evidence, the period and membership), and leaves no trace.
    function testFuzz_logWork_revertsAboveMaxAmount(uint64 amount, uint8 who, uint8 streamSeed) public {
        amount = uint64(_bound(amount, uint256(MAX_AMOUNT) + 1, type(uint64).max));
        (address author, IMembership.Stage stage) = _member(who);
        uint8 stream = _allowedStream(stage, streamSeed);
        ledger.setApprovalsRequired(0);
        bytes memory tooLarge = abi.encodeWithSelector(IValueLedger.LedgerAmountTooLarge.selector, amount, MAX_AMOUNT);

        vm.expectRevert(tooLarge);
        vm.prank(author);
        ledger.logWork(stream, amount, 1, EVIDENCE, URI);

        // An outsider, with no evidence and a too long URI, for another period: the amount is what is refused.
        vm.expectRevert(tooLarge);
        vm.prank(outsider);
        ledger.logWork(stream, amount, 2, bytes32(0), _string(257));

        assertEq(ledger.entryCount(), 0, "entryCount");
        assertEq(ledger.loggedInPeriod(author, 1)[stream], 0, "loggedInPeriod");
        _assertTotals(ledger.periodTotals(1), stream, 0, 0, "period");
    }

    function testFuzz_logWork_countsAtOnceWithoutApprovals(uint8 who, uint8 streamSeed, uint64 amount) public {
        ledger.setApprovalsRequired(0);
        (address author, IMembership.Stage stage) = _member(who);
        uint8 stream = _allowedStream(stage, streamSeed);
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        uint64 payable_ = uint64((uint256(amount) * _designWeight(stage, stream)) / BPS);

        vm.expectEmit(true, true, true, true, address(ledger));
        emit IValueLedger.EntryCounted(1, author, 1, IValueLedger.Stream(stream), amount, payable_);
        uint256 entryId = _log(author, stream, amount);

        assertEq(uint8(ledger.entry(entryId).status), uint8(IValueLedger.EntryStatus.Counted), "status");
        _assertTotals(ledger.periodTotals(1), stream, amount, payable_, "period");
        _assertTotals(ledger.memberPeriodTotals(author, 1), stream, amount, payable_, "member period");
        _assertTotals(ledger.lifetimeTotals(author), stream, amount, payable_, "lifetime");
    }

    /// @dev MAX_AMOUNT itself is accepted, and entries of that size leave room for everyone's: an entry close to the
    /// uint64 maximum (which, counted, used to make every later count in its stream and period overflow) is now
    /// refused, and the largest allowed ones count next to other members' work, at once or on approval, also in
    /// the logged amount, and after a dispute is accepted.
    function test_logWork_maxAmountIsAcceptedAndBlocksNoOtherCount() public {
        ledger.setApprovalsRequired(0);
        uint64 huge = type(uint64).max - 99;
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerAmountTooLarge.selector, huge, MAX_AMOUNT));
        vm.prank(committed[1]);
        ledger.logWork(1, huge, 1, EVIDENCE, URI);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerAmountTooLarge.selector, MAX_AMOUNT + 1, MAX_AMOUNT));
        vm.prank(committed[1]);
        ledger.logWork(1, MAX_AMOUNT + 1, 1, EVIDENCE, URI);

        uint256 largest = _log(committed[1], 1, MAX_AMOUNT);
        _log(committed[1], 1, MAX_AMOUNT);
        _log(committed[2], 1, 100);
        assertEq(uint8(ledger.entry(largest).status), uint8(IValueLedger.EntryStatus.Counted), "largest counted");
        assertEq(ledger.loggedInPeriod(committed[1], 1)[1], 2 * uint256(MAX_AMOUNT), "loggedInPeriod");

        // With approvals required, an honest entry counts on approval, and again after an accepted dispute.
        ledger.setApprovalsRequired(1);
        uint256 honest = _log(committed[2], 1, 100);
        _approve(honest, committed[3]);
        _dispute(largest, committed[3]);
        ledger.resolveDispute(largest, true);

        uint256 total = 2 * uint256(MAX_AMOUNT) + 200;
        _assertTotals(ledger.periodTotals(1), 1, total, total, "period");
        _assertTotals(
            ledger.memberPeriodTotals(committed[1], 1),
            1,
            2 * uint256(MAX_AMOUNT),
            2 * uint256(MAX_AMOUNT),
            "member"
        );
        _assertTotals(ledger.lifetimeTotals(committed[2]), 1, 200, 200, "lifetime of the other member");
    }

    // ------------------------------------------------------------------------------------------------ APPROVE

    /// @dev For any amount and any weight, payable = amount x weight / 10,000 rounded down, in every total and in
    /// the event.
    function testFuzz_approve_payableIsAmountTimesWeightRoundedDown(
        uint64 amount,
        uint16 weight,
        uint8 streamSeed
    ) public {
        uint8 stream = streamSeed % 3;
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        weight = uint16(_bound(weight, 0, BPS));
        ledger.setWeight(IMembership.Stage.Committed, stream, weight);
        uint256 entryId = _log(committed[1], stream, amount);
        uint64 payable_ = uint64((uint256(amount) * weight) / BPS);

        vm.expectEmit(true, true, true, true, address(ledger));
        emit IValueLedger.EntryCounted(entryId, committed[1], 1, IValueLedger.Stream(stream), amount, payable_);
        _approve(entryId, committed[2]);

        assertLe(payable_, amount, "payable above the amount");
        _assertTotals(ledger.periodTotals(1), stream, amount, payable_, "period");
        _assertTotals(ledger.memberPeriodTotals(committed[1], 1), stream, amount, payable_, "member period");
        _assertTotals(ledger.lifetimeTotals(committed[1]), stream, amount, payable_, "lifetime");
    }

    /// @dev The DESIGN weights: Dating care is historical only, Dating livelihood pays 0 / 50% / 75%, Casual
    /// pays nothing, Committed everything.
    function testFuzz_approve_appliesTheDesignWeightsByStage(uint8 who, uint8 streamSeed, uint64 amount) public {
        (address author, IMembership.Stage stage) = _member(who);
        uint8 stream = _allowedStream(stage, streamSeed);
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        uint256 entryId = _log(author, stream, amount);
        address approver = author == committed[1] ? committed[2] : committed[1];
        _approve(entryId, approver);

        uint256 expected = (uint256(amount) * _designWeight(stage, stream)) / BPS;
        _assertTotals(ledger.memberPeriodTotals(author, 1), stream, amount, expected, "member period");
        if (stream == 2 && stage != IMembership.Stage.Committed) {
            assertEq(ledger.lifetimeTotals(author).payable_[2], 0, "care pays only Committed members");
        }
    }

    /// @dev Weights are fixed when work is logged: later weight or stage changes do not reach a pending entry.
    function testFuzz_approve_keepsTheWeightFromLoggingTime(uint64 amount, uint16 newWeight) public {
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        newWeight = uint16(_bound(newWeight, 0, BPS));
        address author = dating[1];
        uint256 entryId = _log(author, 0, amount);
        ledger.setWeight(IMembership.Stage.Dating2, 0, newWeight);
        membership.changeStage(author, IMembership.Stage.Committed, address(0));
        _approve(entryId, committed[0]);

        assertEq(ledger.entry(entryId).weightBps, 5_000, "weightBps");
        _assertTotals(ledger.lifetimeTotals(author), 0, amount, (uint256(amount) * 5_000) / BPS, "lifetime");
    }

    function testFuzz_approve_revertsForSelfReview(uint8 who, uint8 streamSeed, uint64 amount) public {
        address author = committed[who % committed.length];
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        uint256 entryId = _log(author, streamSeed % 3, amount);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerSelfReview.selector, entryId));
        vm.prank(author);
        ledger.approve(entryId);
        assertFalse(ledger.hasApproved(entryId, author), "hasApproved");
        assertEq(uint8(ledger.entry(entryId).status), uint8(IValueLedger.EntryStatus.Pending), "status");
    }

    /// @dev Dating, Casual, removed members and outsiders cannot approve.
    function testFuzz_approve_revertsForNonCommitted(address approver, uint8 kind) public {
        kind = kind % 4;
        if (kind == 0) approver = dating[approver == address(0) ? 0 : uint160(approver) % 3];
        else if (kind == 1) approver = casual;
        else if (kind == 2) {
            approver = committed[3];
            membership.remove(approver, "left the collective");
        } else {
            vm.assume(membership.stageOf(approver) != IMembership.Stage.Committed);
        }
        uint256 entryId = _log(committed[0], 0, 100);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerNotCommitted.selector, approver));
        vm.prank(approver);
        ledger.approve(entryId);
        assertEq(uint8(ledger.entry(entryId).status), uint8(IValueLedger.EntryStatus.Pending), "status");
    }

    function test_approve_revertsWhenApprovedTwice() public {
        ledger.setApprovalsRequired(2);
        uint256 entryId = _log(dating[0], 1, 100);
        _approve(entryId, committed[1]);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerAlreadyApproved.selector, entryId, committed[1]));
        vm.prank(committed[1]);
        ledger.approve(entryId);
        assertEq(ledger.entry(entryId).approvals, 1, "approvals");
    }

    /// @dev The entry counts at exactly the required approval, and takes no more once counted.
    function testFuzz_approve_countsAtTheRequiredApproval(uint8 required, uint64 amount) public {
        required = uint8(_bound(required, 1, committed.length));
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        ledger.setApprovalsRequired(required);
        uint256 entryId = _log(dating[2], 1, amount);
        for (uint256 i = 0; i < required; ++i) {
            assertEq(uint8(ledger.entry(entryId).status), uint8(IValueLedger.EntryStatus.Pending), "pending");
            assertEq(ledger.periodTotals(1).historical[1], 0, "not counted yet");
            _approve(entryId, committed[i]);
        }
        assertEq(uint8(ledger.entry(entryId).status), uint8(IValueLedger.EntryStatus.Counted), "counted");
        assertEq(ledger.entry(entryId).approvals, required, "approvals");
        _assertTotals(ledger.periodTotals(1), 1, amount, amount, "period");
        if (required < committed.length) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IValueLedger.LedgerEntryStatus.selector,
                    entryId,
                    IValueLedger.EntryStatus.Counted
                )
            );
            vm.prank(committed[required]);
            ledger.approve(entryId);
        }
    }

    function testFuzz_approve_revertsForUnknownEntry(uint256 entryId) public {
        _log(committed[0], 0, 100);
        vm.assume(entryId != 1);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerUnknownEntry.selector, entryId));
        vm.prank(committed[1]);
        ledger.approve(entryId);
    }

    // ------------------------------------------------------------------------------------------------ DISPUTE

    /// @dev A dispute takes a counted entry back out of every total; it still takes room under the cap.
    function testFuzz_dispute_uncountsACountedEntry(uint8 streamSeed, uint64 amount) public {
        uint8 stream = streamSeed % 3;
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        uint256 entryId = _log(dating[2], stream, amount);
        _approve(entryId, committed[0]);
        uint64 payable_ = uint64((uint256(amount) * _designWeight(IMembership.Stage.Dating3, stream)) / BPS);

        vm.expectEmit(true, true, true, true, address(ledger));
        emit IValueLedger.EntryUncounted(entryId, dating[2], 1, IValueLedger.Stream(stream), amount, payable_);
        _dispute(entryId, committed[1]);

        assertEq(uint8(ledger.entry(entryId).status), uint8(IValueLedger.EntryStatus.Disputed), "status");
        assertEq(ledger.periodInfo(1).openDisputes, 1, "openDisputes");
        _assertTotals(ledger.periodTotals(1), stream, 0, 0, "period");
        _assertTotals(ledger.memberPeriodTotals(dating[2], 1), stream, 0, 0, "member period");
        _assertTotals(ledger.lifetimeTotals(dating[2]), stream, 0, 0, "lifetime");
        assertEq(ledger.loggedInPeriod(dating[2], 1)[stream], amount, "loggedInPeriod");
    }

    /// @dev A disputed entry takes no approval and counts only if governance accepts it; rejected, it never will.
    function testFuzz_dispute_keepsAnEntryOutUntilResolved(uint64 amount, bool wasCounted, bool accept) public {
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        uint256 entryId = _log(committed[1], 0, amount);
        if (wasCounted) _approve(entryId, committed[2]);
        _dispute(entryId, committed[3]);

        vm.expectRevert(
            abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, entryId, IValueLedger.EntryStatus.Disputed)
        );
        vm.prank(committed[0]);
        ledger.approve(entryId);

        vm.expectEmit(true, false, false, true, address(ledger));
        emit IValueLedger.DisputeResolved(entryId, accept);
        ledger.resolveDispute(entryId, accept);

        IValueLedger.EntryStatus status = accept ? IValueLedger.EntryStatus.Counted : IValueLedger.EntryStatus.Rejected;
        assertEq(uint8(ledger.entry(entryId).status), uint8(status), "status");
        assertTrue(ledger.entry(entryId).settled == accept, "settled exactly when accepted");
        assertEq(ledger.periodInfo(1).openDisputes, 0, "openDisputes");
        _assertTotals(ledger.periodTotals(1), 0, accept ? amount : 0, accept ? amount : 0, "period");
        assertEq(ledger.loggedInPeriod(committed[1], 1)[0], accept ? amount : 0, "loggedInPeriod");

        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, entryId, status));
        ledger.resolveDispute(entryId, !accept);
    }

    /// @dev Only a Committed member other than the author disputes.
    function testFuzz_dispute_revertsForAuthorOrNonCommitted(uint8 who) public {
        uint256 entryId = _log(committed[0], 1, 100);
        (address disputer, IMembership.Stage stage) = _member(who);
        if (disputer == committed[0]) {
            vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerSelfReview.selector, entryId));
        } else if (stage != IMembership.Stage.Committed) {
            vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerNotCommitted.selector, disputer));
        }
        vm.prank(disputer);
        ledger.dispute(entryId, "not our work");
        bool ok = disputer != committed[0] && stage == IMembership.Stage.Committed;
        assertEq(ledger.periodInfo(1).openDisputes, ok ? 1 : 0, "openDisputes");
    }

    function test_dispute_revertsForDisputedRejectedOrWithdrawnEntries() public {
        uint256 disputed = _log(committed[0], 1, 100);
        _dispute(disputed, committed[1]);
        uint256 rejectedEntry = _log(committed[0], 1, 200);
        _dispute(rejectedEntry, committed[1]);
        ledger.resolveDispute(rejectedEntry, false);
        uint256 withdrawn = _log(committed[0], 1, 300);
        vm.prank(committed[0]);
        ledger.withdraw(withdrawn);

        uint256[3] memory ids = [disputed, rejectedEntry, withdrawn];
        IValueLedger.EntryStatus[3] memory statuses = [
            IValueLedger.EntryStatus.Disputed,
            IValueLedger.EntryStatus.Rejected,
            IValueLedger.EntryStatus.Withdrawn
        ];
        for (uint256 i = 0; i < 3; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, ids[i], statuses[i]));
            vm.prank(committed[2]);
            ledger.dispute(ids[i], "again");
        }
        assertEq(ledger.periodInfo(1).openDisputes, 1, "openDisputes");
    }

    /// @dev An entry the members accepted after a dispute is settled: no one can dispute it again (and hold up the
    /// close once more). The open-period, status, Committed and self-review checks come first; a rejected entry is
    /// refused on its status, as before.
    function test_dispute_revertsOnceSettled() public {
        uint256 entryId = _log(committed[0], 1, 100);
        _approve(entryId, committed[1]);
        _dispute(entryId, committed[1]);
        assertFalse(ledger.entry(entryId).settled, "not settled while disputed");
        ledger.resolveDispute(entryId, true);
        IValueLedger.Entry memory e = ledger.entry(entryId);
        assertTrue(e.settled, "settled");
        assertEq(uint8(e.status), uint8(IValueLedger.EntryStatus.Counted), "status");

        bytes memory settled = abi.encodeWithSelector(IValueLedger.LedgerDisputeSettled.selector, entryId);
        for (uint256 i = 1; i < committed.length; ++i) {
            vm.expectRevert(settled);
            vm.prank(committed[i]);
            ledger.dispute(entryId, "again");
        }
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerNotCommitted.selector, dating[0]));
        vm.prank(dating[0]);
        ledger.dispute(entryId, "again");
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerSelfReview.selector, entryId));
        vm.prank(committed[0]);
        ledger.dispute(entryId, "again");
        assertEq(ledger.periodInfo(1).openDisputes, 0, "openDisputes");
        _assertTotals(ledger.periodTotals(1), 1, 100, 100, "the settled entry still counts");

        uint256 rejectedEntry = _log(committed[0], 1, 200);
        _dispute(rejectedEntry, committed[1]);
        ledger.resolveDispute(rejectedEntry, false);
        assertFalse(ledger.entry(rejectedEntry).settled, "a rejected entry is not settled");
        vm.expectRevert(
            abi.encodeWithSelector(
                IValueLedger.LedgerEntryStatus.selector,
                rejectedEntry,
                IValueLedger.EntryStatus.Rejected
            )
        );
        vm.prank(committed[2]);
        ledger.dispute(rejectedEntry, "again");

        // Nothing holds up the close. In the review window the settled entry is still refused as settled; after
        // it, the window is what is refused.
        assertEq(ledger.closePeriod(), 1, "closed");
        vm.expectRevert(settled);
        vm.prank(committed[2]);
        ledger.dispute(entryId, "after the close");
        uint48 finalAt = uint48(START + DesignDefaults.REVIEW_WINDOW);
        vm.warp(finalAt);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerReviewWindowOver.selector, entryId, finalAt));
        vm.prank(committed[2]);
        ledger.dispute(entryId, "after the window");
    }

    // ------------------------------------------------------------------------------------------------ WITHDRAW, RESOLVE

    function testFuzz_withdraw_revertsForAnyoneButTheAuthor(address caller) public {
        vm.assume(caller != committed[0]);
        uint256 entryId = _log(committed[0], 0, 100);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerNotAuthor.selector, entryId, caller));
        vm.prank(caller);
        ledger.withdraw(entryId);
    }

    function test_withdraw_revertsOnceCounted() public {
        uint256 entryId = _log(committed[0], 0, 100);
        _approve(entryId, committed[1]);
        vm.expectRevert(
            abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, entryId, IValueLedger.EntryStatus.Counted)
        );
        vm.prank(committed[0]);
        ledger.withdraw(entryId);
    }

    function testFuzz_resolveDispute_revertsForNonAdmin(address caller, bool accept) public {
        vm.assume(caller != address(this));
        uint256 entryId = _log(committed[0], 0, 100);
        _dispute(entryId, committed[1]);
        _expectUnauthorized(caller, bytes32(0));
        vm.prank(caller);
        ledger.resolveDispute(entryId, accept);
    }

    function test_resolveDispute_revertsForUndisputedEntry() public {
        uint256 entryId = _log(committed[0], 0, 100);
        vm.expectRevert(
            abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, entryId, IValueLedger.EntryStatus.Pending)
        );
        ledger.resolveDispute(entryId, true);
    }

    // ------------------------------------------------------------------------------------------------ CLOSE PERIOD

    /// @dev An open dispute no longer holds up the close: the period closes with it, final a review window later, and
    /// the dispute stays open (counted in the closed period's openDisputes) until the members decide.
    function test_closePeriod_neverWaitsForADispute() public {
        uint256 entryId = _log(committed[0], 0, 100);
        _dispute(entryId, committed[1]);
        vm.warp(START + 30 days);
        uint48 finalAt = uint48(START + 30 days + DesignDefaults.REVIEW_WINDOW);
        vm.expectEmit(true, true, false, true, address(ledger));
        emit IValueLedger.PeriodClosed(1, uint48(START + 30 days), finalAt, address(this));
        assertEq(ledger.closePeriod(), 1, "closed");
        assertEq(ledger.currentPeriod(), 2, "currentPeriod");
        IValueLedger.PeriodInfo memory info = ledger.periodInfo(1);
        assertEq(info.closedAt, START + 30 days, "closedAt");
        assertEq(info.finalAt, finalAt, "finalAt");
        assertEq(info.openDisputes, 1, "the dispute carries on");
        assertEq(ledger.periodInfo(2).openedAt, START + 30 days, "openedAt");
        assertEq(ledger.periodInfo(2).finalAt, 0, "open: no finalAt");
        assertFalse(ledger.isFinal(1), "in its review window");
        vm.warp(finalAt - 1);
        assertFalse(ledger.isFinal(1), "a second before finalAt");
        vm.warp(finalAt);
        assertTrue(ledger.isFinal(1), "final at finalAt, the dispute still open");
        assertFalse(ledger.isFinal(2), "the open period is never final");
        assertEq(uint8(ledger.entry(entryId).status), uint8(IValueLedger.EntryStatus.Disputed), "still disputed");
    }

    /// @dev Once closed, a period's entries can be neither approved, withdrawn nor added to; its pending entries
    /// lapse; its settled and counted entries can't be sent back to a vote once the review window is over; and its
    /// totals stay as they were.
    function testFuzz_closePeriod_freezesThePeriod(uint64 amount, uint256 gap) public {
        amount = uint64(_bound(amount, 1, MAX_AMOUNT));
        uint256 counted = _log(committed[0], 0, amount);
        _approve(counted, committed[1]);
        uint256 pending = _log(committed[1], 1, amount);
        uint256 disputedThenAccepted = _log(committed[2], 2, amount);
        _dispute(disputedThenAccepted, committed[3]);
        ledger.resolveDispute(disputedThenAccepted, true);
        uint256 closedAt = START + _bound(gap, 1, 365 days);
        vm.warp(closedAt);
        ledger.closePeriod();
        uint48 finalAt = uint48(closedAt + DesignDefaults.REVIEW_WINDOW);
        vm.warp(finalAt);

        IValueLedger.Totals memory before = ledger.periodTotals(1);
        bytes memory closed = abi.encodeWithSelector(IValueLedger.LedgerPeriodNotOpen.selector, 1, 2);
        vm.expectRevert(closed);
        vm.prank(committed[2]);
        ledger.approve(pending);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerReviewWindowOver.selector, counted, finalAt));
        vm.prank(committed[2]);
        ledger.dispute(counted, "too late");
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerReviewWindowOver.selector, pending, finalAt));
        vm.prank(committed[2]);
        ledger.dispute(pending, "too late");
        vm.expectRevert(closed);
        vm.prank(committed[1]);
        ledger.withdraw(pending);
        vm.expectRevert(
            abi.encodeWithSelector(
                IValueLedger.LedgerEntryStatus.selector,
                disputedThenAccepted,
                IValueLedger.EntryStatus.Counted
            )
        );
        ledger.resolveDispute(disputedThenAccepted, false);
        vm.expectRevert(closed);
        vm.prank(committed[3]);
        ledger.logWork(0, amount, 1, EVIDENCE, URI);

        IValueLedger.Totals memory afterwards = ledger.periodTotals(1);
        for (uint256 s = 0; s < 3; ++s) {
            assertEq(afterwards.historical[s], before.historical[s], "historical");
            assertEq(afterwards.payable_[s], before.payable_[s], "payable");
            assertEq(afterwards.historical[s], s == 1 ? 0 : amount, "counted livelihood and care, pending love");
        }
        assertEq(uint8(ledger.entry(pending).status), uint8(IValueLedger.EntryStatus.Lapsed), "pending lapsed");
    }

    function testFuzz_closePeriod_revertsForNonTreasurer(address caller) public {
        vm.assume(caller != address(this));
        _expectUnauthorized(caller, ledger.TREASURER_ROLE());
        vm.prank(caller);
        ledger.closePeriod();
        assertEq(ledger.currentPeriod(), 1, "currentPeriod");
    }

    // ------------------------------------------------------------------------------------------------ SETTINGS

    function testFuzz_setters_revertForNonAdmin(address caller, uint8 which) public {
        vm.assume(caller != address(this));
        which = which % 6;
        _expectUnauthorized(caller, bytes32(0));
        vm.prank(caller);
        if (which == 0) ledger.setWeight(IMembership.Stage.Casual, 0, 10_000);
        else if (which == 1) ledger.setCap(0, 1);
        else if (which == 2) ledger.setApprovalsRequired(0);
        else if (which == 3) ledger.setMinimumContribution(0, 1);
        else if (which == 4) ledger.setReviewWindow(1 days);
        else ledger.recoverTokens(IERC20(address(membership)), caller, 0);
    }

    function testFuzz_setWeight_revertsAboveBpsOrForStageNone(uint16 weight, uint8 streamSeed) public {
        uint8 stream = streamSeed % 3;
        uint16 tooHigh = uint16(_bound(weight, BPS + 1, type(uint16).max));
        vm.expectRevert(
            abi.encodeWithSelector(IValueLedger.LedgerInvalidWeight.selector, IMembership.Stage.Committed, tooHigh)
        );
        ledger.setWeight(IMembership.Stage.Committed, stream, tooHigh);
        vm.expectRevert(
            abi.encodeWithSelector(IValueLedger.LedgerInvalidWeight.selector, IMembership.Stage.None, weight)
        );
        ledger.setWeight(IMembership.Stage.None, stream, weight);
    }

    function testFuzz_setWeight_revertsForUnknownStream(uint8 stream) public {
        stream = uint8(_bound(stream, 3, type(uint8).max));
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerUnknownStream.selector, stream));
        ledger.setWeight(IMembership.Stage.Committed, stream, 0);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerUnknownStream.selector, stream));
        ledger.setCap(stream, 1);
    }

    function testFuzz_setApprovalsRequired_revertsAboveMax(uint8 value) public {
        value = uint8(_bound(value, ledger.MAX_APPROVALS() + 1, type(uint8).max));
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerInvalidApprovals.selector, value));
        ledger.setApprovalsRequired(value);
    }

    function testFuzz_setMinimumContribution_revertsForInvalidWindow(uint64 credits, uint8 periods) public {
        periods = periods % 2 == 0 ? 0 : uint8(_bound(periods, ledger.MAX_WINDOW() + 1, type(uint8).max));
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerInvalidWindow.selector, periods));
        ledger.setMinimumContribution(credits, periods);
    }

    /// @dev A cap applies to work logged after it is set: lowering it mid-period leaves work already logged in
    /// place (loggedInPeriod may then exceed it) and refuses any more.
    function testFuzz_setCap_loweringMidPeriodRefusesNewWorkOnly(uint64 logged, uint64 cap) public {
        logged = uint64(_bound(logged, 2, MAX_AMOUNT));
        cap = uint64(_bound(cap, 1, logged - 1));
        _log(committed[0], 2, logged);
        ledger.setCap(2, cap);
        assertEq(ledger.loggedInPeriod(committed[0], 1)[2], logged, "logged work stays");
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerOverCap.selector, 2, cap, uint256(logged) + 1));
        vm.prank(committed[0]);
        ledger.logWork(2, 1, 1, EVIDENCE, URI);
    }

    // ------------------------------------------------------------------------------------------------ MINIMUM CONTRIBUTION

    /// @dev Credits (livelihood + love, historical) over the last three closed periods, never the open one.
    function testFuzz_meetsMinimumContribution_sumsTheLastClosedPeriods(uint64[5] memory amounts, uint8 closes) public {
        closes = uint8(_bound(closes, 0, 5));
        uint256[] memory perPeriod = new uint256[](7);
        for (uint256 p = 1; p <= closes + 1; ++p) {
            uint64 amount = uint64(_bound(amounts[(p - 1) % 5], 1, 1_000_000));
            _approve(_log(dating[0], 1, amount), committed[0]);
            _approve(_log(dating[0], 2, amount), committed[0]);
            perPeriod[p] = amount;
            if (p <= closes) ledger.closePeriod();
        }
        uint256 expected;
        uint256 first = closes > 3 ? closes - 2 : 1;
        for (uint256 p = first; p <= closes; ++p) expected += perPeriod[p];

        (bool meets, uint256 credits, uint256 required) = ledger.meetsMinimumContribution(dating[0]);
        assertEq(credits, expected, "credits");
        assertEq(required, 40_000, "required");
        assertTrue(meets == (expected >= 40_000), "meets");
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    function _designWeight(IMembership.Stage stage, uint8 stream) internal pure returns (uint16) {
        return DesignDefaults.ledgerSettings().weights[uint8(stage) - 1][stream];
    }

    /// @dev Any of the eight founders, with their stage.
    function _member(uint8 seed) internal view returns (address, IMembership.Stage) {
        uint256 i = seed % 8;
        if (i < 4) return (committed[i], IMembership.Stage.Committed);
        if (i < 7) return (dating[i - 4], IMembership.Stage(i - 2));
        return (casual, IMembership.Stage.Casual);
    }

    /// @dev A stream the stage may log (Casual: love or care).
    function _allowedStream(IMembership.Stage stage, uint8 seed) internal pure returns (uint8) {
        return stage == IMembership.Stage.Casual ? 1 + (seed % 2) : seed % 3;
    }

    function _log(address author, uint8 stream, uint64 amount) internal returns (uint256) {
        uint32 period = ledger.currentPeriod();
        vm.prank(author);
        return ledger.logWork(stream, amount, period, EVIDENCE, URI);
    }

    function _approve(uint256 entryId, address approver) internal {
        vm.prank(approver);
        ledger.approve(entryId);
    }

    function _dispute(uint256 entryId, address disputer) internal {
        vm.prank(disputer);
        ledger.dispute(entryId, "fuzzed dispute");
    }

    function _assertTotals(
        IValueLedger.Totals memory t,
        uint8 stream,
        uint256 historical,
        uint256 payable_,
        string memory message
    ) internal pure {
        assertEq(t.historical[stream], historical, string.concat(message, ": historical"));
        assertEq(t.payable_[stream], payable_, string.concat(message, ": payable"));
    }

    function _expectUnauthorized(address caller, bytes32 role) internal {
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role));
    }

    function _string(uint256 length) internal pure returns (string memory) {
        bytes memory b = new bytes(length);
        for (uint256 i = 0; i < length; ++i) b[i] = "a";
        return string(b);
    }

    function _digit(uint256 i) internal pure returns (string memory) {
        return string(abi.encodePacked(bytes1(uint8(48 + i))));
    }
}

/// @notice Invariants of ValueLedger under random member, treasurer and governance actions, checked against the
/// ledger's own entries and against ValueLedgerHandler's model.
contract ValueLedgerInvariantTest is Test {
    uint256 internal constant BPS = 10_000;

    ValueLedgerHandler internal handler;
    ValueLedger internal ledger;

    function setUp() public {
        vm.warp(1_750_000_000);
        handler = new ValueLedgerHandler();
        ledger = handler.ledger();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](2);
        targets[0] = address(handler);
        targets[1] = address(handler.governance());
    }

    /// @dev Per period (and per member and period), historical and payable totals are the sums over the counted
    /// entries, payable = amount x weight / 10,000 rounded down per entry; lifetime totals are those sums over all
    /// periods, and equal the sum of the member's period totals.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_totalsEqualSumOfCountedEntries() public view {
        uint256 periods = ledger.currentPeriod();
        uint256 actors = handler.actorCount();
        uint256[] memory memberSums = new uint256[]((periods + 1) * actors * 6);
        uint256[] memory periodSums = new uint256[]((periods + 1) * 6);
        for (uint256 id = 1; id <= ledger.entryCount(); ++id) {
            IValueLedger.Entry memory e = ledger.entry(id);
            if (e.status != IValueLedger.EntryStatus.Counted) continue;
            uint256 payable_ = (uint256(e.amount) * e.weightBps) / BPS;
            uint256 p = (uint256(e.period) * 6) + uint8(e.stream);
            periodSums[p] += e.amount;
            periodSums[p + 3] += payable_;
            uint256 m = ((uint256(e.period) * actors + handler.actorIndex(e.author)) * 6) + uint8(e.stream);
            memberSums[m] += e.amount;
            memberSums[m + 3] += payable_;
        }
        for (uint256 a = 0; a < actors; ++a) {
            address member = handler.actorAt(a);
            uint256[6] memory lifetime;
            for (uint32 p = 1; p <= periods; ++p) {
                IValueLedger.Totals memory t = ledger.memberPeriodTotals(member, p);
                uint256 base = (uint256(p) * actors + a) * 6;
                _assertTotals(t, memberSums, base, "member period totals against counted entries");
                for (uint256 s = 0; s < 3; ++s) {
                    lifetime[s] += t.historical[s];
                    lifetime[s + 3] += t.payable_[s];
                }
            }
            IValueLedger.Totals memory life = ledger.lifetimeTotals(member);
            for (uint256 s = 0; s < 3; ++s) {
                assertEq(life.historical[s], lifetime[s], "lifetime historical against the sum over periods");
                assertEq(life.payable_[s], lifetime[s + 3], "lifetime payable against the sum over periods");
            }
        }
        for (uint32 p = 1; p <= periods; ++p) {
            _assertTotals(ledger.periodTotals(p), periodSums, uint256(p) * 6, "period totals against counted entries");
        }
    }

    /// @dev The same totals against the handler's ghost sums, kept from the model's own reasoning.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_totalsMatchGhostSums() public view {
        uint32 periods = ledger.currentPeriod();
        for (uint32 p = 1; p <= periods; ++p) {
            (uint256[3] memory historical, uint256[3] memory payable_) = handler.ghostPeriodTotals(p);
            _assertGhost(ledger.periodTotals(p), historical, payable_, "period totals against the model");
            for (uint256 a = 0; a < handler.actorCount(); ++a) {
                address member = handler.actorAt(a);
                (historical, payable_) = handler.ghostMemberTotals(member, p);
                _assertGhost(
                    ledger.memberPeriodTotals(member, p),
                    historical,
                    payable_,
                    "member totals against the model"
                );
            }
        }
        for (uint256 a = 0; a < handler.actorCount(); ++a) {
            address member = handler.actorAt(a);
            (uint256[3] memory historical, uint256[3] memory payable_) = handler.ghostLifetimeTotals(member);
            _assertGhost(ledger.lifetimeTotals(member), historical, payable_, "lifetime totals against the model");
        }
    }

    /// @dev Every final period's totals, dates, members' totals, entries and approvals are exactly what they were
    /// when it became final (but its entries still disputed then, which the members may accept into the open period
    /// or reject); isFinal agrees with the model; and every counted entry of a closed period counted by its close
    /// or was settled by the members: no work entered a period's totals without its review window.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_finalPeriodsNeverChange() public view {
        uint32 open = ledger.currentPeriod();
        assertEq(open, handler.ghostPeriod(), "currentPeriod against the model");
        for (uint32 p = 1; p < open; ++p) {
            IValueLedger.PeriodInfo memory info = ledger.periodInfo(p);
            assertEq(info.finalAt, handler.ghostFinalAt(p), "finalAt against the model");
            assertTrue(ledger.isFinal(p) == handler.isFinalInModel(p), "isFinal against the model");
            if (p <= handler.frozenThrough()) {
                assertTrue(handler.periodDigest(p) == handler.closedDigest(p), "a final period changed");
            }
            uint256[] memory ids = handler.periodEntries(p);
            for (uint256 k = 0; k < ids.length; ++k) {
                IValueLedger.Entry memory e = ledger.entry(ids[k]);
                if (e.period != p || e.status != IValueLedger.EntryStatus.Counted || e.settled) continue;
                assertLe(handler.countedAt(ids[k]), info.closedAt, "work counted after its period closed, unsettled");
            }
        }
        assertFalse(ledger.isFinal(open), "the open period is final");
    }

    /// @dev EntryCounted minus EntryUncounted is 0 or 1 for every entry, and 1 exactly when it is Counted.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_entryCountsAtMostOnce() public view {
        for (uint256 id = 1; id <= ledger.entryCount(); ++id) {
            uint256 counted = handler.countedEvents(id);
            uint256 uncounted = handler.uncountedEvents(id);
            assertTrue(
                counted == uncounted || counted == uncounted + 1,
                "EntryCounted minus EntryUncounted not 0 or 1"
            );
            bool isCounted = ledger.entry(id).status == IValueLedger.EntryStatus.Counted;
            assertTrue(isCounted == (counted == uncounted + 1), "events disagree with status Counted");
        }
    }

    /// @dev No one has approved their own entry and no approval by a non-Committed member succeeded; each entry's
    /// approvals are the distinct members the model saw approve it.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_noSelfOrNonCommittedApproval() public view {
        assertEq(handler.selfApprovalSuccesses(), 0, "a member approved their own work");
        assertEq(handler.nonCommittedApprovalSuccesses(), 0, "a non-Committed member approved work");
        for (uint256 id = 1; id <= ledger.entryCount(); ++id) {
            IValueLedger.Entry memory e = ledger.entry(id);
            assertFalse(ledger.hasApproved(id, e.author), "hasApproved by the author");
            uint256 approvers;
            for (uint256 a = 0; a < handler.actorCount(); ++a) {
                address actor = handler.actorAt(a);
                bool approved = ledger.hasApproved(id, actor);
                assertTrue(approved == handler.approvedInModel(id, actor), "hasApproved against the model");
                if (approved) ++approvers;
            }
            assertEq(e.approvals, approvers, "approvals against distinct approvers");
        }
    }

    /// @dev loggedInPeriod is the sum of the member's entries logged in the period, and of those a late acceptance
    /// moved into it, that are neither withdrawn nor rejected; what they logged themselves never exceeds a non-zero
    /// cap (when the stream had one throughout the period, the largest).
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_loggedMatchesLiveEntriesWithinCaps() public view {
        uint256 periods = ledger.currentPeriod();
        uint256 actors = handler.actorCount();
        uint256[] memory sums = new uint256[]((periods + 1) * actors * 3);
        for (uint256 id = 1; id <= ledger.entryCount(); ++id) {
            IValueLedger.Entry memory e = ledger.entry(id);
            if (e.status == IValueLedger.EntryStatus.Withdrawn || e.status == IValueLedger.EntryStatus.Rejected) {
                continue;
            }
            uint256 origin = handler.originPeriod(id);
            sums[((origin * actors + handler.actorIndex(e.author)) * 3) + uint8(e.stream)] += e.amount;
            // Moved by a late acceptance: logged in the period it counts in too.
            if (e.period != origin)
                sums[((e.period * actors + handler.actorIndex(e.author)) * 3) + uint8(e.stream)] += e.amount;
        }
        for (uint32 p = 1; p <= periods; ++p) {
            for (uint256 a = 0; a < actors; ++a) {
                address member = handler.actorAt(a);
                uint64[3] memory logged = ledger.loggedInPeriod(member, p);
                uint256[3] memory model = handler.ghostLogged(member, p);
                uint256[3] memory movedIn = handler.ghostMovedIn(member, p);
                for (uint8 s = 0; s < 3; ++s) {
                    assertEq(logged[s], sums[((uint256(p) * actors + a) * 3) + s], "loggedInPeriod against entries");
                    assertEq(logged[s], model[s], "loggedInPeriod against the model");
                    (bool everUncapped, uint64 largest) = handler.governance().capsDuring(p, s);
                    // What the member logged is capped; what the members accepted into the period by vote is not.
                    if (!everUncapped) assertLe(logged[s] - movedIn[s], largest, "loggedInPeriod above the cap");
                }
            }
        }
    }

    /// @dev Every entry is as the model says (settled ones Counted), and each period's open disputes are its
    /// Disputed entries.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_entriesMatchModel() public view {
        uint256 n = ledger.entryCount();
        assertEq(n, handler.ghostEntryCount(), "entryCount against the model");
        uint32 periods = ledger.currentPeriod();
        uint256[] memory disputed = new uint256[](uint256(periods) + 1);
        for (uint256 id = 1; id <= n; ++id) {
            IValueLedger.Entry memory e = ledger.entry(id);
            assertTrue(
                keccak256(abi.encode(e)) == keccak256(abi.encode(handler.modelEntry(id))),
                "entry against the model"
            );
            if (e.status == IValueLedger.EntryStatus.Disputed) ++disputed[e.period];
            if (e.settled) {
                assertEq(uint8(e.status), uint8(IValueLedger.EntryStatus.Counted), "a settled entry not Counted");
            }
        }
        assertEq(uint8(ledger.entry(n + 1).status), uint8(IValueLedger.EntryStatus.None), "an entry past the count");
        for (uint32 p = 1; p <= periods; ++p) {
            assertEq(ledger.periodInfo(p).openDisputes, disputed[p], "openDisputes against Disputed entries");
            assertEq(ledger.periodInfo(p).openDisputes, handler.ghostOpenDisputes(p), "openDisputes against the model");
        }
    }

    /// @dev The ledger accepted exactly what the model accepts and refused the rest with the expected error: in
    /// particular every self-approval reverted (LedgerSelfReview once the entry is reviewable by a Committed
    /// author), and every role-gated call by someone without the role failed.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_handlerSawNoViolation() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
        assertEq(handler.governance().violations(), 0, handler.governance().firstViolation());
    }

    /// @dev Proves the campaign ran.
    function afterInvariant() public view {
        assertGt(handler.calls(), 0, "handler never called");
    }

    function _assertTotals(
        IValueLedger.Totals memory t,
        uint256[] memory sums,
        uint256 base,
        string memory message
    ) internal pure {
        for (uint256 s = 0; s < 3; ++s) {
            assertEq(t.historical[s], sums[base + s], string.concat(message, " (historical)"));
            assertEq(t.payable_[s], sums[base + 3 + s], string.concat(message, " (payable)"));
        }
    }

    function _assertGhost(
        IValueLedger.Totals memory t,
        uint256[3] memory historical,
        uint256[3] memory payable_,
        string memory message
    ) internal pure {
        for (uint256 s = 0; s < 3; ++s) {
            assertEq(t.historical[s], historical[s], string.concat(message, " (historical)"));
            assertEq(t.payable_[s], payable_[s], string.concat(message, " (payable)"));
        }
    }
}
