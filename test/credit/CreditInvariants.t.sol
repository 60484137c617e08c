// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMutualCredit} from "../../contracts/interfaces/IMutualCredit.sol";
import {CreditFixture} from "./CreditFixture.sol";
import {CreditHandler} from "./CreditHandler.sol";

/// @notice Fuzzed invariants of the credit network driven by CreditHandler (DESIGN invariant 7): balances sum to zero
/// and are each pair's one value seen from both sides; every balance, line, freeze and budget is what the model's
/// allowed actions made (only a line's giver changes it; a failed call changes nothing; no hop past its line; a
/// cleared cycle moves no net position; treasurers within their budget: the handler checks these on every call).
contract CreditInvariantsTest is CreditFixture {
    CreditHandler internal handler;

    function setUp() public {
        _deployCredit(4);
        // Members extend lines to each other, so that payments go through from the first call.
        for (uint256 i = 0; i < 3; ++i) for (uint256 j = 0; j < 3; ++j) if (i != j) _line(i, j, LINE / 2);
        address[4] memory ids;
        address[4] memory timelocks;
        address[4] memory hands;
        for (uint256 i = 0; i < 4; ++i) (ids[i], timelocks[i], hands[i]) = (_id(i), _timelock(i), treasurers[i]);
        handler = new CreditHandler(credit, federation, ids, timelocks, hands);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_handlerSawNoViolation() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @dev Balances sum to zero, each pair's seen from both sides, and each is what the model's payments, clearings
    /// and nothing else made.
    function invariant_balancesSumToZeroAndFollowTheModel() public view {
        int256 sum;
        for (uint256 i = 0; i < 4; ++i) {
            for (uint256 j = 0; j < 4; ++j) {
                if (i == j) continue;
                int256 b = credit.balanceOf(handler.idAt(i), handler.idAt(j));
                assertTrue(b == -credit.balanceOf(handler.idAt(j), handler.idAt(i)), "one value per pair");
                assertTrue(b == handler.ghostBalance(i, j), "the model's balance");
                sum += b;
            }
        }
        assertTrue(sum == 0, "balances sum to zero");
    }

    /// @dev Only a line's giver (its timelock, or its treasurers within the bound, freezing but never thawing)
    /// changed it; budgets hold.
    function invariant_linesAndBudgetsAreTheGiversOwn() public view {
        for (uint256 i = 0; i < 4; ++i) {
            IMutualCredit.Treasurers memory t = credit.treasurersOf(handler.idAt(i));
            assertEq(t.budget, handler.ghostBudget(i), "budget as the timelock set");
            assertEq(t.lineBound, handler.ghostBound(i), "bound as the timelock set");
            assertEq(t.spent, handler.ghostSpent(i), "spent as the model counted");
            for (uint256 j = 0; j < 4; ++j) {
                if (i == j) continue;
                (uint64 limit, bool frozen) = credit.lineOf(handler.idAt(i), handler.idAt(j));
                assertEq(limit, handler.ghostLine(i, j), "line as its giver set");
                assertTrue(frozen == handler.ghostFrozen(i, j), "frozen as its giver set");
            }
        }
    }

    /// @dev The handler's own actions reach the network: payments and a clearing go through, as the model says.
    function test_handler_paysAndClears() public {
        handler.tradeAround(0, 500);
        assertEq(handler.payments(), 3, "three payments");
        handler.clearCycle(0, 3, 5);
        assertEq(handler.clearings(), 1, "a clearing");
        assertEq(handler.violations(), 0, handler.firstViolation());
    }
}
