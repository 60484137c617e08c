// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITreasury} from "../../contracts/interfaces/ITreasury.sol";
import {IValueLedger} from "../../contracts/interfaces/IValueLedger.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {DemoEuro} from "../../contracts/treasury/DemoEuro.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {DisCOClones} from "../utils/DisCOClones.sol";
import {WorkerDisCO} from "../utils/WorkerDisCO.sol";
import {TokenRecoveryChecks} from "../treasury/TokenRecoveryChecks.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice The review window and the liveness rules (DESIGN.md), and the attacks of findings 4 and 5 written as
/// attacks that must fail to do harm. A real Membership, ValueLedger and Treasury; this test contract is their admin
/// (the timelock's role) and the only treasurer. Five Committed founders: two colluders, an honest reviewer, a
/// disputer who is removed later, and an honest worker.
contract ReviewWindowTest is TokenRecoveryChecks {
    uint256 internal constant START = 1_750_000_000;
    uint48 internal constant WINDOW = DesignDefaults.REVIEW_WINDOW;
    bytes32 internal constant EVIDENCE = keccak256("timesheet");

    Membership internal membership;
    ValueLedger internal ledger;
    DemoEuro internal euro;
    Treasury internal treasury;

    address internal colluder1;
    address internal colluder2;
    address internal honest;
    address internal disputer;
    address internal worker;

    function setUp() public {
        vm.warp(START);
        colluder1 = _makeAddr("colluder1");
        colluder2 = _makeAddr("colluder2");
        honest = _makeAddr("honest");
        disputer = _makeAddr("disputer");
        worker = _makeAddr("worker");
        address[] memory people = new address[](5);
        (people[0], people[1], people[2], people[3], people[4]) = (colluder1, colluder2, honest, disputer, worker);
        (membership, ledger, euro, treasury) = WorkerDisCO.deploy(people);
    }

    // ------------------------------------------------------------------------------------------------ SETTINGS

    /// @dev Any window from an hour to 30 days is taken (ReviewWindowSet) and applies to periods closed afterwards
    /// only; outside those bounds it is refused with LedgerInvalidReviewWindow(window) and the window stays. A
    /// period closed before keeps the finalAt it got.
    function testFuzz_setReviewWindow_boundsAndLaterPeriodsOnly(uint48 window) public {
        ledger.closePeriod();
        uint48 firstFinal = uint48(START + WINDOW);
        bool valid = window >= 1 hours && window <= 30 days;
        if (valid) {
            vm.expectEmit(true, true, true, true, address(ledger));
            emit IValueLedger.ReviewWindowSet(window);
        } else {
            vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerInvalidReviewWindow.selector, window));
        }
        ledger.setReviewWindow(window);
        uint48 inForce = valid ? window : WINDOW;
        assertEq(ledger.reviewWindow(), inForce, "reviewWindow");
        assertEq(ledger.periodInfo(1).finalAt, firstFinal, "a closed period keeps its finalAt");
        vm.warp(START + 1 days);
        ledger.closePeriod();
        assertEq(ledger.periodInfo(2).finalAt, START + 1 days + inForce, "the next close takes the window in force");
    }

    /// @dev The bounds exactly: an hour and 30 days pass, a second less or more is refused.
    function test_setReviewWindow_exactBounds() public {
        ledger.setReviewWindow(1 hours);
        ledger.setReviewWindow(30 days);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerInvalidReviewWindow.selector, 1 hours - 1));
        ledger.setReviewWindow(1 hours - 1);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerInvalidReviewWindow.selector, 30 days + 1));
        ledger.setReviewWindow(30 days + 1);
        assertEq(ledger.reviewWindow(), 30 days, "window");
    }

    /// @dev A ledger set up with a window out of bounds is refused with the same error.
    function testFuzz_initialize_refusesAnInvalidWindow(uint48 window) public {
        vm.assume(window < 1 hours || window > 30 days);
        IValueLedger.Settings memory s = DesignDefaults.ledgerSettings();
        s.reviewWindow = window;
        address[] memory treasurers = new address[](0);
        ValueLedger clone = DisCOClones.ledgerClone(membership);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerInvalidReviewWindow.selector, window));
        clone.initialize(address(this), treasurers, s);
    }

    /// @dev Tokens sent to the ledger by mistake: only the admin sends them on, never to the zero address.
    function testFuzz_recoverTokens_fromTheLedger(address stranger, address to, uint256 amount) public {
        _checkRecovery(ledger, stranger, to, amount);
    }

    // ------------------------------------------------------------------------------------------------ DISPUTES AFTER CLOSE

    /// @dev A counted entry disputed in its closed period's window leaves that period's totals; accepted before
    /// finalAt it counts in its own period again (no EntryMoved); the period is final at finalAt as set at closing.
    function testFuzz_dispute_inTheWindowThenAcceptedInTime(uint64 amount, uint48 when) public {
        amount = uint64(_bound(amount, 1, 1e12));
        uint256 id = _counted(worker, amount);
        ledger.closePeriod();
        uint48 finalAt = uint48(START + WINDOW);
        vm.warp(START + _bound(when, 0, WINDOW - 2));
        vm.expectEmit(true, true, true, true, address(ledger));
        emit IValueLedger.EntryUncounted(id, worker, 1, IValueLedger.Stream.Livelihood, amount, amount);
        vm.prank(honest);
        ledger.dispute(id, "not our work");
        assertEq(ledger.periodTotals(1).historical[0], 0, "out of the closed period's totals");
        assertEq(ledger.periodInfo(1).openDisputes, 1, "the closed period's open dispute");

        vm.recordLogs();
        ledger.resolveDispute(id, true);
        assertEq(_moves(), 0, "no EntryMoved before finalAt");
        IValueLedger.Entry memory e = ledger.entry(id);
        assertEq(e.period, 1, "counts in its own period");
        assertEq(uint8(e.status), uint8(IValueLedger.EntryStatus.Counted), "counted");
        assertEq(ledger.periodTotals(1).historical[0], amount, "back in the period's totals");
        assertEq(ledger.periodInfo(1).openDisputes, 0, "no open dispute");
        assertEq(ledger.periodInfo(1).finalAt, finalAt, "finalAt unchanged");
    }

    /// @dev Pending work of a closed period has lapsed: reported Lapsed, never counted, and neither approved,
    /// withdrawn nor disputed (stored Pending, so a dispute in the window names that status; after it, the window).
    function test_pendingWorkLapsesAtClose() public {
        uint256 id = _log(worker, 10_000);
        ledger.closePeriod();
        assertEq(uint8(ledger.entry(id).status), uint8(IValueLedger.EntryStatus.Lapsed), "Lapsed");
        bytes memory notOpen = abi.encodeWithSelector(IValueLedger.LedgerPeriodNotOpen.selector, 1, 2);
        vm.expectRevert(notOpen);
        vm.prank(honest);
        ledger.approve(id);
        vm.expectRevert(notOpen);
        vm.prank(worker);
        ledger.withdraw(id);
        vm.expectRevert(
            abi.encodeWithSelector(IValueLedger.LedgerEntryStatus.selector, id, IValueLedger.EntryStatus.Lapsed)
        );
        vm.prank(honest);
        ledger.dispute(id, "lapsed");
        vm.warp(START + WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(IValueLedger.LedgerReviewWindowOver.selector, id, uint48(START + WINDOW))
        );
        vm.prank(honest);
        ledger.dispute(id, "lapsed");
        assertEq(ledger.periodTotals(1).historical[0], 0, "never counted");
        // The author logs the work again in the open period.
        _log(worker, 10_000);
        assertEq(ledger.loggedInPeriod(worker, 2)[0], 10_000, "logged again");
    }

    // ------------------------------------------------------------------------------------------------ FINDING 4

    /// @dev Finding 4, as the attack: one Committed member disputes entry after entry (again once the members
    /// accepted one, which is settled), leaving disputes open, and then leaves or is removed. The treasurer still closes the
    /// period at once; it is funded and closed into a year once the review window has passed; and every disputed
    /// entry's fate is explicit: still Disputed until the members decide; accepted after finalAt it counts in the
    /// open period (EntryMoved before its EntryCounted) and the final period's totals stay; rejected, Rejected.
    /// Pending work at close is reported Lapsed.
    function testFuzz_attack_oneMemberCannotHoldUpThePeriod(bool leaves) public {
        uint256 settled = _counted(worker, 10_000);
        uint256 movedLater = _counted(worker, 20_000);
        uint256 rejectedLater = _counted(honest, 30_000);
        uint256 kept = _counted(colluder1, 40_000);
        uint256 pending = _log(colluder2, 50_000);

        vm.prank(disputer);
        ledger.dispute(settled, "again");
        ledger.resolveDispute(settled, true);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerDisputeSettled.selector, settled));
        vm.prank(disputer);
        ledger.dispute(settled, "and again");
        vm.prank(disputer);
        ledger.dispute(movedLater, "again");
        vm.prank(disputer);
        ledger.dispute(rejectedLater, "again");
        if (leaves) {
            vm.prank(disputer);
            membership.leave();
        } else {
            membership.remove(disputer, "removed by the members");
        }

        // Ten days on, the treasurer closes: nothing the disputer did or left behind stops it.
        vm.warp(START + 10 days);
        assertEq(ledger.closePeriod(), 1, "closed despite two open disputes by a member gone");
        uint48 finalAt = uint48(START + 10 days + WINDOW);
        IValueLedger.PeriodInfo memory info = ledger.periodInfo(1);
        assertEq(info.openDisputes, 2, "the disputes carry on, visibly");
        assertEq(info.finalAt, finalAt, "final a review window later");
        assertEq(uint8(ledger.entry(pending).status), uint8(IValueLedger.EntryStatus.Lapsed), "pending: Lapsed");
        assertEq(uint8(ledger.entry(movedLater).status), uint8(IValueLedger.EntryStatus.Disputed), "still Disputed");
        uint64 finalTotal = 10_000 + 40_000;
        assertEq(ledger.periodTotals(1).historical[0], finalTotal, "the undisputed and settled work");

        // Funding waits for the window only, then works with both disputes still open.
        _payIn(10_000e6);
        vm.warp(finalAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryPeriodNotFinal.selector, 1, finalAt));
        treasury.fundPeriod(1, 1_000e6);
        vm.warp(finalAt);
        assertTrue(ledger.isFinal(1), "final with open disputes");
        treasury.fundPeriod(1, 1_000e6);
        assertEq(treasury.pool(1).periodPayable[0], finalTotal, "funded on the final totals");
        // A year closes too (the members' decision), and a removed member can't dispute any more.
        treasury.capital().closeYear(1, 1_000e6);
        assertEq(treasury.capital().yearCount(), 1, "the year closed");

        // Accepted after finalAt: it counts in the open period, announced by EntryMoved before EntryCounted.
        vm.expectEmit(true, true, true, true, address(ledger));
        emit IValueLedger.EntryMoved(movedLater, 1, 2);
        vm.expectEmit(true, true, true, true, address(ledger));
        emit IValueLedger.EntryCounted(movedLater, worker, 2, IValueLedger.Stream.Livelihood, 20_000, 20_000);
        ledger.resolveDispute(movedLater, true);
        assertEq(ledger.entry(movedLater).period, 2, "the entry now belongs to the open period");
        assertEq(ledger.periodTotals(2).historical[0], 20_000, "counted in the open period");
        // Rejected: never counted.
        ledger.resolveDispute(rejectedLater, false);
        assertEq(uint8(ledger.entry(rejectedLater).status), uint8(IValueLedger.EntryStatus.Rejected), "Rejected");
        assertEq(ledger.periodTotals(1).historical[0], finalTotal, "the final period never changed");
        assertEq(ledger.periodInfo(1).openDisputes, 0, "no dispute left");
        assertEq(uint8(ledger.entry(kept).status), uint8(IValueLedger.EntryStatus.Counted), "the rest counted");
    }

    // ------------------------------------------------------------------------------------------------ FINDING 5

    /// @dev Finding 5, as the attack: two colluders log 1e12 credits and approve them in the same block as the
    /// treasurer's routine close. The entry stays disputable for the review window after closing; an honest member
    /// disputes it inside the window and it leaves the period's totals; funding before finalAt is refused; after
    /// finalAt a second colluding entry can no longer be disputed (LedgerReviewWindowOver) but was in the totals
    /// for the whole window; the honest worker's payout is computed without the disputed entry.
    function testFuzz_attack_lastMinuteWorkStaysDisputable(uint48 late) public {
        uint256 honestWork = _counted(worker, 10_000);
        vm.warp(START + 30 days);
        uint256 huge = _log(colluder1, 1e12);
        vm.prank(colluder2);
        ledger.approve(huge);
        uint256 small = _counted(colluder2, 5_000);
        ledger.closePeriod();
        uint48 closedAt = uint48(START + 30 days);
        uint48 finalAt = closedAt + WINDOW;
        assertEq(ledger.periodTotals(1).historical[0], 10_000 + 1e12 + 5_000, "counted in the closing block");

        vm.warp(closedAt + _bound(late, 0, WINDOW - 1));
        vm.prank(honest);
        ledger.dispute(huge, "not real work");
        assertEq(ledger.periodTotals(1).historical[0], 10_000 + 5_000, "out of the period's totals");
        assertEq(uint8(ledger.entry(huge).status), uint8(IValueLedger.EntryStatus.Disputed), "Disputed");

        _payIn(10_000e6);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryPeriodNotFinal.selector, 1, finalAt));
        treasury.fundPeriod(1, 1_000e6);

        vm.warp(finalAt);
        vm.expectRevert(abi.encodeWithSelector(IValueLedger.LedgerReviewWindowOver.selector, small, finalAt));
        vm.prank(honest);
        ledger.dispute(small, "too late");
        treasury.fundPeriod(1, 1_000e6);
        // The livelihood pool (750) splits over 15,000 payable credits: the honest worker gets two thirds.
        assertEq(treasury.claimable(worker, 1), (750e6 * 10_000) / 15_000, "the worker's share without the attack");
        assertEq(treasury.claimable(colluder1, 1), 0, "nothing for the disputed entry");
        ledger.resolveDispute(huge, false);
        assertEq(uint8(ledger.entry(huge).status), uint8(IValueLedger.EntryStatus.Rejected), "rejected");
        assertEq(uint8(ledger.entry(honestWork).status), uint8(IValueLedger.EntryStatus.Counted), "honest work");
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    function _log(address author, uint64 amount) internal returns (uint256 id) {
        uint32 period = ledger.currentPeriod();
        vm.prank(author);
        id = ledger.logWork(0, amount, period, EVIDENCE, "");
    }

    /// @dev Livelihood work approved by a Committed member other than its author.
    function _counted(address author, uint64 amount) internal returns (uint256 id) {
        id = _log(author, amount);
        vm.prank(author == honest ? worker : honest);
        ledger.approve(id);
    }

    function _payIn(uint256 amount) internal {
        address payer = _makeAddr("payer");
        for (uint256 left = amount; left != 0;) {
            uint256 chunk = left > 10_000e6 ? 10_000e6 : left;
            vm.prank(payer);
            euro.faucet(chunk);
            left -= chunk;
        }
        vm.prank(payer);
        euro.approve(address(treasury), amount);
        vm.prank(payer);
        treasury.payIn(amount, "invoice");
    }

    /// @dev How many EntryMoved events the ledger emitted since recordLogs.
    function _moves() internal returns (uint256 n) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter == address(ledger) && logs[i].topics[0] == IValueLedger.EntryMoved.selector) ++n;
        }
    }
}
