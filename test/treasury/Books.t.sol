// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IValueLedger} from "../../contracts/interfaces/IValueLedger.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {CapitalAccounts} from "../../contracts/treasury/CapitalAccounts.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {Test} from "../utils/Test.sol";
import {BooksHandler} from "./BooksHandler.sol";

/// @notice Campaign (a), liveness: "no single member delays a period beyond the review window". Members log,
/// approve and dispute at will (a disputer may then leave or be removed), and governance resolves disputes only
/// after its modelled delay (BooksHandler.GOVERNANCE_DELAY). The handler records a violation whenever the treasurer
/// could not close the open period, could not fund a final period with work, funded one in its window, when a final
/// period's entry was disputed, or a resolution past its delay failed.
contract LivenessInvariantTest is Test {
    BooksHandler internal handler;
    ValueLedger internal ledger;

    function setUp() public {
        vm.warp(1_750_000_000);
        handler = new BooksHandler(false);
        ledger = handler.ledger();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev Finality depends on time only: every closed period's finalAt is its close plus the review window, and
    /// it is final exactly from then, whatever disputes are open, who raised them and whether they are still members.
    function invariant_finalityIsTheWindowOnly() public view {
        uint32 open = ledger.currentPeriod();
        for (uint32 p = 1; p < open; ++p) {
            IValueLedger.PeriodInfo memory info = ledger.periodInfo(p);
            assertEq(info.closedAt, handler.ghostClosedAt(p), "closedAt: the treasurer's close");
            assertEq(info.finalAt, uint256(info.closedAt) + handler.WINDOW(), "finalAt: close + window");
            assertTrue(ledger.isFinal(p) == (block.timestamp >= info.finalAt), "final exactly from finalAt");
        }
        assertFalse(ledger.isFinal(open), "the open period is never final");
    }

    /// @dev Every counted entry of a closed period was disputable for at least the review window: it counted by
    /// its period's close (so for the whole window after it), unless the members themselves settled it.
    function invariant_countedWorkHadItsWindow() public view {
        uint256 n = ledger.entryCount();
        for (uint256 id = 1; id <= n; ++id) {
            IValueLedger.Entry memory e = ledger.entry(id);
            if (e.status != IValueLedger.EntryStatus.Counted || e.settled) continue;
            uint48 closedAt = ledger.periodInfo(e.period).closedAt;
            if (closedAt == 0) continue;
            assertLe(handler.countedAt(id), closedAt, "work counted after its period closed, unsettled");
        }
    }

    /// @dev Final periods never change.
    function invariant_finalPeriodsNeverChange() public view {
        for (uint32 p = 1; p <= handler.frozenThrough(); ++p) {
            assertTrue(handler.periodDigest(p) == handler.finalDigest(p), "a final period changed");
        }
    }

    function invariant_handlerSawNoViolation() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    function afterInvariant() public view {
        assertGt(handler.calls(), 0, "handler never called");
    }
}

/// @notice The handler's paths, taken on purpose: a scripted run shows that each one the campaigns rely on is
/// reachable and that the handler's predictions hold on it (so that the invariants are not met vacuously).
contract BooksHandlerScriptTest is Test {
    function test_everyPathIsReachable() public {
        vm.warp(1_750_000_000);
        BooksHandler h = new BooksHandler(true);
        for (uint256 i = 0; i < 6; ++i) h.contribute(i);
        // Period 1: work, approvals, a dispute by member 5, who then leaves; the period closes with it open.
        h.logWork(0, 2 * 50_000);
        h.logWork(1, 2 * 40_000 + 1);
        h.logWork(2, 2 * 30_000);
        // With n entries, seed 1 + ((n - k) << 3) picks entry k.
        h.approve(17, 3); // entry 1
        h.approve(9, 3); // entry 2
        h.approve(1, 4); // entry 3
        h.dispute(1, 5, true); // entry 3
        h.leaveOrRejoin(5, 0);
        h.closePeriod();
        h.fundPeriod(0, 1_000e6); // in the window: refused
        // In the window a closed period's counted work is disputed; the resolutions wait for governance.
        h.dispute(17, 4, false); // entry 1
        h.warp(_by(3 days));
        h.dispute(9, 4, true); // entry 2, now after finalAt: refused
        h.fundPeriod(0, 1_000e6);
        h.warp(_by(10 days));
        h.executeResolution(0, false);
        h.executeResolution(1, false);
        h.claim(1, 0); // member 1: entry 2 counts in period 1
        h.closeYear(0, 3 * 1 + (1_000e6 << 2)); // 3 * k + 1: a surplus year
        h.claimCash(1);
        h.startRedemption(5);
        h.warp(_by(12 days));
        for (uint256 i = 0; i < 40; ++i) h.warp(_by(12 days));
        h.redeem(5);
        h.logWork(1, 2 * 10_000);
        h.approve(1, 2);
        h.closePeriod();
        h.warp(_by(4 days));
        h.closeYear(0, 0); // a loss year
        h.spend(1_000e6);

        assertEq(h.violations(), 0, h.firstViolation());
        assertGt(h.closesWithDisputes(), 0, "a close with open disputes");
        assertGt(h.closedPeriodDisputes(), 0, "a dispute in a closed period's window");
        assertGt(h.windowOverRefusals(), 0, "a dispute refused after the window");
        assertGt(h.notFinalRefusals(), 0, "funding refused in the window");
        assertGt(h.fundings(), 0, "a funding");
        assertGt(h.departures(), 0, "a disputer who left");
        assertGt(h.resolutions(), 1, "resolutions after the governance delay");
        assertGt(h.lateAcceptances(), 0, "an acceptance after the period became final");
        assertGt(h.years_(), 0, "a surplus year");
        assertGt(h.lossYears(), 0, "a loss year");
        assertGt(h.payouts(), 2, "payouts");
    }

    /// @dev The warp seed that moves time by exactly `duration` (an hour to twelve days).
    function _by(uint256 duration) internal pure returns (uint256) {
        return (duration - 1 hours) << 2;
    }
}

/// @notice Campaign (b): the ledger, the treasury and the capital accounts in one campaign, disputes and money
/// together (BooksHandler with money on).
contract BooksInvariantTest is Test {
    BooksHandler internal handler;
    Treasury internal treasury;
    CapitalAccounts internal capital;

    function setUp() public {
        vm.warp(1_750_000_000);
        handler = new BooksHandler(true);
        treasury = handler.treasury();
        capital = handler.capital();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev Conservation: the treasury's balance is owed + held + unallocated; it is exactly what came in (payments
    /// and contributions) less what its recipients received; nothing paid out exceeds what was paid in.
    function invariant_conservation() public view {
        uint256 balance = handler.euro().balanceOf(address(treasury));
        assertEq(balance, treasury.owed() + capital.held() + treasury.unallocated(), "balance: owed + held + free");
        assertLe(handler.ghostOut(), handler.ghostIn(), "more paid out than paid in");
        assertEq(balance, handler.ghostIn() - handler.ghostOut(), "a token created or lost");
    }

    /// @dev Final periods' totals never change, disputes and late resolutions notwithstanding.
    function invariant_finalPeriodsNeverChange() public view {
        for (uint32 p = 1; p <= handler.frozenThrough(); ++p) {
            assertTrue(handler.periodDigest(p) == handler.finalDigest(p), "a final period changed");
        }
    }

    /// @dev The reserve never decreases but by a loss year (the handler checks after every call).
    function invariant_reserveFallsOnlyByALossYear() public view {
        assertEq(capital.reserve(), handler.reserveFloor(), "the reserve moved outside a handler call");
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    function afterInvariant() public view {
        assertGt(handler.calls(), 0, "handler never called");
    }
}
