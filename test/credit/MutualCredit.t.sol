// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MutualCredit} from "../../contracts/credit/MutualCredit.sol";
import {Federation} from "../../contracts/federation/Federation.sol";
import {IDisCOFactory} from "../../contracts/interfaces/IDisCOFactory.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {IMutualCredit} from "../../contracts/interfaces/IMutualCredit.sol";
import {Vm} from "../utils/Vm.sol";
import {CreditFixture} from "./CreditFixture.sol";
import {CreditToken} from "./CreditToken.sol";

/// @notice The mutual-credit network's rules, one by one: its founding with the federation, lines and who sets them,
/// payments along paths (and every path refused), the treasurers' budget, cycle clearing, settlement in money, and
/// people's accounts. DisCOs 0-2 are members; DisCO 3 is not.
contract MutualCreditTest is CreditFixture {
    address internal outsider;

    function setUp() public {
        _deployCredit(4);
        outsider = _makeAddr("outsider");
    }

    // ------------------------------------------------------------------------------------------------ FOUNDING

    function test_founding_sealsTheSettingsInTheClone() public {
        assertEq(credit.federation(), address(federation), "its federation");
        assertEq(credit.maxHops(), CREDIT_MAX_HOPS, "maxHops");
        assertFalse(credit.memberAccounts(), "no member accounts");
        assertEq(credit.MAX_HOPS(), 8, "MAX_HOPS");
        assertEq(credit.PERIOD(), 30 days, "PERIOD");
        assertTrue(factory.implementations().credit != address(credit), "a clone");

        IDisCOFactory.FederationParams memory p = _federationParams();
        p.maxHops = 8;
        p.memberAccounts = true;
        vm.recordLogs();
        vm.prank(_timelock(3));
        address second = factory.createFederation(p);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        MutualCredit other = MutualCredit(_creditOf(logs));
        assertEq(other.federation(), second, "the second federation's own network");
        assertEq(other.maxHops(), 8, "its maxHops");
        assertTrue(other.memberAccounts(), "its member accounts");
        bool founded;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter == address(other) && logs[i].topics[0] == IMutualCredit.CreditNetworkFounded.selector) {
                assertEq(address(uint160(uint256(logs[i].topics[1]))), second, "founded for its federation");
                assertTrue(keccak256(logs[i].data) == keccak256(abi.encode(uint8(8), true)), "its settings");
                founded = true;
            }
        }
        assertTrue(founded, "CreditNetworkFounded");
    }

    function test_founding_refusesMaxHopsOutOfRange() public {
        IDisCOFactory.FederationParams memory p = _federationParams();
        uint8[2] memory wrong = [0, 9];
        for (uint256 i = 0; i < 2; ++i) {
            p.maxHops = wrong[i];
            vm.prank(_timelock(3));
            vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditInvalidMaxHops.selector, wrong[i]));
            factory.createFederation(p);
        }
    }

    function test_initialize_onlyOnceAndOnlyByTheFactory() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        credit.initialize();
        address impl = factory.implementations().credit;
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        MutualCredit(impl).initialize();
        address clone = Clones.cloneWithImmutableArgs(impl, abi.encode(address(federation), uint8(2), false));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditNotFactory.selector, address(this)));
        MutualCredit(clone).initialize();
    }

    // ------------------------------------------------------------------------------------------------ LINES

    function test_setCreditLine_byTheTimelockEitherSideOfThePair() public {
        vm.expectEmit(true, true, false, true, address(credit));
        emit IMutualCredit.CreditLineSet(_id(0), _id(1), LINE, _timelock(0));
        _line(0, 1, LINE);
        _line(1, 0, 300);
        (uint64 limit, bool frozen) = credit.lineOf(_id(0), _id(1));
        assertEq(limit, LINE, "0's line to 1");
        assertFalse(frozen, "not frozen");
        (limit, ) = credit.lineOf(_id(1), _id(0));
        assertEq(limit, 300, "1's line to 0");
    }

    function test_setCreditLine_byATreasurerWithinTheBound() public {
        vm.prank(_timelock(0));
        credit.setTreasurerLimits(_id(0), 0, 500);
        vm.prank(treasurers[0]);
        credit.setCreditLine(_id(0), _id(1), 500);
        vm.prank(treasurers[0]);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditLineOverBound.selector, _id(0), 501, 500));
        credit.setCreditLine(_id(0), _id(1), 501);
        // A line the members set above the bound is theirs to change.
        _line(0, 2, 600);
        vm.prank(treasurers[0]);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditLineOverBound.selector, _id(0), 600, 500));
        credit.setCreditLine(_id(0), _id(2), 100);
        vm.prank(treasurers[0]);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditLineOverBound.selector, _id(0), 600, 500));
        credit.freezeCreditLine(_id(0), _id(2), true);
    }

    /// @dev Attack (issue 17's review, M1): a treasurer thawed a line the members froze. Treasurers may freeze (it
    /// protects), within their bound as for any line; only the members' vote unfreezes.
    function test_attack_aTreasurerCantThawALineTheMembersFroze() public {
        vm.prank(_timelock(0));
        credit.setTreasurerLimits(_id(0), 0, LINE);
        _line(0, 1, 500);
        vm.prank(_timelock(0));
        credit.freezeCreditLine(_id(0), _id(1), true);
        vm.prank(treasurers[0]);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditThawByVote.selector, _id(0), _id(1)));
        credit.freezeCreditLine(_id(0), _id(1), false);
        (, bool frozen) = credit.lineOf(_id(0), _id(1));
        assertTrue(frozen, "still frozen as the members froze it");

        _line(0, 2, 500);
        vm.prank(treasurers[0]);
        vm.expectEmit(true, true, false, true, address(credit));
        emit IMutualCredit.CreditLineFrozen(_id(0), _id(2), true, treasurers[0]);
        credit.freezeCreditLine(_id(0), _id(2), true);
        vm.prank(treasurers[0]);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditThawByVote.selector, _id(0), _id(2)));
        credit.freezeCreditLine(_id(0), _id(2), false);
        vm.prank(_timelock(0));
        credit.freezeCreditLine(_id(0), _id(2), false);
        (, frozen) = credit.lineOf(_id(0), _id(2));
        assertFalse(frozen, "thawed by the members' vote");
    }

    function test_setCreditLine_refusesOthersNonAccountsAndItself() public {
        address[3] memory hands = [outsider, treasurers[1], _timelock(1)];
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(hands[i]);
            vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditUnauthorized.selector, hands[i], _id(0)));
            credit.setCreditLine(_id(0), _id(1), LINE);
        }
        vm.prank(_timelock(3));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditNotAccount.selector, _id(3)));
        credit.setCreditLine(_id(3), _id(0), LINE);
        vm.prank(_timelock(0));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditNotAccount.selector, _id(3)));
        credit.setCreditLine(_id(0), _id(3), LINE);
        vm.prank(_timelock(0));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditSelfLine.selector, _id(0)));
        credit.setCreditLine(_id(0), _id(0), LINE);
    }

    function test_freezeCreditLine_aFrozenLineCarriesNothingAndKeepsItsLimit() public {
        _line(1, 0, LINE);
        vm.prank(_timelock(1));
        vm.expectEmit(true, true, false, true, address(credit));
        emit IMutualCredit.CreditLineFrozen(_id(1), _id(0), true, _timelock(1));
        credit.freezeCreditLine(_id(1), _id(0), true);
        (uint64 limit, bool frozen) = credit.lineOf(_id(1), _id(0));
        assertEq(limit, LINE, "the limit kept");
        assertTrue(frozen, "frozen");
        address[] memory path = _path(_nodes(0, 1));
        vm.prank(_timelock(0));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditOverLine.selector, _id(0), _id(1), int256(-1), 0));
        credit.pay(_id(0), _id(1), path, 1, "x");
        vm.prank(_timelock(1));
        credit.freezeCreditLine(_id(1), _id(0), false);
        _pay(_nodes(0, 1), 1);
        _assertBalance(0, 1, -1, "carries again");
        // The lower address's side freezes too.
        _line(0, 1, LINE);
        vm.prank(_timelock(0));
        credit.freezeCreditLine(_id(0), _id(1), true);
        (, frozen) = credit.lineOf(_id(0), _id(1));
        assertTrue(frozen, "the other side frozen");
        vm.prank(_timelock(1));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditOverLine.selector, _id(1), _id(0), int256(-1), 0));
        credit.pay(_id(1), _id(0), _path(_nodes(1, 0)), 2, "x");
    }

    /// @dev Lowering a line below the current debt claws nothing back and freezes further debt; the debtor may still
    /// pay down. (A front-runner who sees the lowering coming and pays first keeps only what the old line allowed.)
    function test_setCreditLine_loweringBelowTheDebtMovesNoBalance() public {
        _line(1, 0, LINE);
        _pay(_nodes(0, 1), 8_000);
        _line(1, 0, 5_000);
        _assertBalance(0, 1, -8_000, "nothing clawed back");
        address[] memory path = _path(_nodes(0, 1));
        vm.prank(_timelock(0));
        vm.expectRevert(
            abi.encodeWithSelector(IMutualCredit.CreditOverLine.selector, _id(0), _id(1), int256(-8_001), 5_000)
        );
        credit.pay(_id(0), _id(1), path, 1, "x");
        _pay(_nodes(1, 0), 3_000);
        _assertBalance(0, 1, -5_000, "paid down");
    }

    // ------------------------------------------------------------------------------------------------ PAYMENTS

    function test_pay_directWithinTheLine() public {
        _line(1, 0, LINE);
        address[] memory path = _path(_nodes(0, 1));
        vm.expectEmit(true, true, true, true, address(credit));
        emit IMutualCredit.CreditPaid(_id(0), _id(1), 2_500, "invoice", path, _timelock(0));
        _pay(_nodes(0, 1), 2_500);
        _assertBalance(0, 1, -2_500, "0 owes 1");
        _pay(_nodes(0, 1), LINE - 2_500);
        _assertBalance(0, 1, -int256(uint256(LINE)), "up to the line");
        vm.prank(_timelock(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMutualCredit.CreditOverLine.selector,
                _id(0),
                _id(1),
                -int256(uint256(LINE)) - 1,
                LINE
            )
        );
        credit.pay(_id(0), _id(1), path, 1, "x");
    }

    /// @dev Each hop within the line the next node extended; the middle node's net position does not move; a hop
    /// over its line fails the whole payment.
    function test_pay_alongAPathAllOrNothing() public {
        _line(1, 0, LINE);
        _line(2, 1, 1_000);
        _pay(_nodes(0, 1, 2), 1_000);
        _assertBalance(0, 1, -1_000, "0 owes 1");
        _assertBalance(1, 2, -1_000, "1 owes 2");
        address[] memory path = _path(_nodes(0, 1, 2));
        vm.prank(_timelock(0));
        vm.expectRevert(
            abi.encodeWithSelector(IMutualCredit.CreditOverLine.selector, _id(1), _id(2), int256(-1_001), 1_000)
        );
        credit.pay(_id(0), _id(2), path, 1, "x");
        _assertBalance(0, 1, -1_000, "the first hop undone");
    }

    /// @dev A node's line is its consent: a payment goes through DisCO 1 only along lines 1 and 2 extended; 1's net
    /// position does not move (what 0 owes it, it owes 2), and without 2's line toward 1 nothing passes.
    function test_pay_throughAnotherOnlyAlongTheLinesItsNeighboursExtended() public {
        _line(1, 0, LINE);
        address[] memory path = _path(_nodes(0, 1, 2));
        vm.prank(_timelock(0));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditOverLine.selector, _id(1), _id(2), int256(-5), 0));
        credit.pay(_id(0), _id(2), path, 5, "x");
        _line(2, 1, LINE);
        _pay(_nodes(0, 1, 2), 5);
        assertTrue(_balance(1, 0) + _balance(1, 2) == 0, "the middle node's net position unchanged");
        _assertBalance(0, 1, -5, "0 owes 1");
        _assertBalance(1, 2, -5, "1 owes 2");
    }

    function test_pay_refusesMalformedPaths() public {
        _line(1, 0, LINE);
        _line(2, 1, LINE);
        _line(0, 2, LINE);
        address a = _id(0);
        address b = _id(1);
        address c = _id(2);
        _refusedPay(a, c, _path(_nodes(0, 1, 2)), 0, abi.encodeWithSelector(IMutualCredit.CreditZeroAmount.selector));
        _refusedPay(a, a, _path(new uint256[](1)), 1, _lengthError(1));
        address[] memory long = new address[](CREDIT_MAX_HOPS + 2);
        _refusedPay(a, a, long, 1, _lengthError(long.length));
        bytes4 ends = IMutualCredit.CreditPathEnds.selector;
        _refusedPay(b, c, _path(_nodes(0, 1, 2)), 1, abi.encodeWithSelector(ends, b, a));
        // A path that ends elsewhere than the payee named.
        _refusedPay(a, b, _path(_nodes(0, 1, 2)), 1, abi.encodeWithSelector(ends, b, c));
        bytes4 repeated = IMutualCredit.CreditRepeatedNode.selector;
        _refusedPay(a, b, _path(_nodes(0, 1, 2, 1)), 1, abi.encodeWithSelector(repeated, b));
        _refusedPay(a, a, _path(_nodes(0, 1, 0)), 1, abi.encodeWithSelector(repeated, a));
        // Through a DisCO that is not a member, and to one.
        bytes memory notAccount = abi.encodeWithSelector(IMutualCredit.CreditNotAccount.selector, _id(3));
        _refusedPay(a, c, _path(_nodes(0, 3, 2)), 1, notAccount);
        _refusedPay(a, _id(3), _path(_nodes(0, 3)), 1, notAccount);
    }

    function test_pay_onlyByWhoActsForThePayer() public {
        _line(1, 0, LINE);
        address[] memory path = _path(_nodes(0, 1));
        address[3] memory hands = [outsider, treasurers[1], _timelock(1)];
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(hands[i]);
            vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditUnauthorized.selector, hands[i], _id(0)));
            credit.pay(_id(0), _id(1), path, 1, "x");
        }
        vm.prank(_timelock(3));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditNotAccount.selector, _id(3)));
        credit.pay(_id(3), _id(0), _path(_nodes(3, 0)), 1, "x");
    }

    /// @dev A DisCO that left can't pay, set lines nor carry a payment; its balances stay and can be settled.
    function test_aDisCOThatLeft_keepsItsBalancesOnly() public {
        _line(1, 0, LINE);
        _line(2, 1, LINE);
        _line(1, 2, LINE);
        _pay(_nodes(0, 1), 700);
        vm.prank(_timelock(1));
        federation.leave(_id(1));
        _assertBalance(0, 1, -700, "its balance stays");
        bytes memory notAccount = abi.encodeWithSelector(IMutualCredit.CreditNotAccount.selector, _id(1));
        _refusedPay(_id(0), _id(2), _path(_nodes(0, 1, 2)), 1, notAccount);
        vm.prank(_timelock(1));
        vm.expectRevert(notAccount);
        credit.pay(_id(1), _id(2), _path(_nodes(1, 2)), 1, "x");
        vm.prank(_timelock(1));
        vm.expectRevert(notAccount);
        credit.setCreditLine(_id(1), _id(0), 0);
        vm.prank(_timelock(1));
        vm.expectRevert(notAccount);
        credit.setTreasurerLimits(_id(1), 1, 1);
    }

    // ------------------------------------------------------------------------------------------------ BUDGETS

    function test_treasurers_payWithinTheBudgetOfThePeriod() public {
        _line(1, 0, LINE);
        vm.prank(_timelock(0));
        vm.expectEmit(true, false, false, true, address(credit));
        emit IMutualCredit.TreasurerLimitsSet(_id(0), 1_000, 0);
        credit.setTreasurerLimits(_id(0), 1_000, 0);
        address[] memory path = _path(_nodes(0, 1));
        vm.prank(treasurers[0]);
        credit.pay(_id(0), _id(1), path, 600, "a");
        vm.prank(treasurers[0]);
        credit.pay(_id(0), _id(1), path, 400, "b");
        IMutualCredit.Treasurers memory t = credit.treasurersOf(_id(0));
        assertEq(t.spent, 1_000, "spent");
        assertEq(t.period, uint32(block.timestamp / 30 days), "this period");
        vm.prank(treasurers[0]);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditOverBudget.selector, _id(0), 1_001, 1_000));
        credit.pay(_id(0), _id(1), path, 1, "c");
        // The members' own vote is not bound by the budget.
        _pay(_nodes(0, 1), 1);
        vm.warp(block.timestamp + 30 days);
        vm.prank(treasurers[0]);
        credit.pay(_id(0), _id(1), path, 1_000, "d");
        assertEq(credit.treasurersOf(_id(0)).spent, 1_000, "a new period's budget");
        _assertBalance(0, 1, -2_001, "every payment counted");
    }

    function test_setTreasurerLimits_onlyByTheTimelock() public {
        vm.prank(treasurers[0]);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditUnauthorized.selector, treasurers[0], _id(0)));
        credit.setTreasurerLimits(_id(0), 1, 1);
    }

    // ------------------------------------------------------------------------------------------------ CLEARING

    /// @dev 0 owes 1, 1 owes 2, 2 owes 0: anyone clears the cycle; every balance moves toward zero by the same
    /// amount and nobody's net position changes.
    function test_clearCycle_byAnyoneLeavesNetPositions() public {
        _line(1, 0, LINE);
        _line(2, 1, LINE);
        _line(0, 2, LINE);
        _pay(_nodes(0, 1), 500);
        _pay(_nodes(1, 2), 300);
        _pay(_nodes(2, 0), 400);
        int256[3] memory nets = [_net(0), _net(1), _net(2)];
        address[] memory cycle = _path(_nodes(0, 1, 2, 0));
        vm.prank(outsider);
        vm.expectEmit(false, false, false, true, address(credit));
        emit IMutualCredit.CycleCleared(cycle, 300, outsider);
        credit.clearCycle(cycle, 300);
        _assertBalance(0, 1, -200, "0 owes 1 less");
        _assertBalance(1, 2, 0, "1 owes 2 nothing");
        _assertBalance(2, 0, -100, "2 owes 0 less");
        for (uint256 i = 0; i < 3; ++i) assertTrue(_net(i) == nets[i], "net positions unchanged");
        // A DisCO that left is cleared too.
        vm.prank(_timelock(1));
        federation.leave(_id(1));
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditOverDebt.selector, _id(1), _id(2), 0, 100));
        credit.clearCycle(cycle, 100);
    }

    function test_clearCycle_refusesMalformedCycles() public {
        _line(1, 0, LINE);
        _pay(_nodes(0, 1), 500);
        address[] memory cycle = _path(_nodes(0, 1, 2, 0));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditZeroAmount.selector));
        credit.clearCycle(cycle, 0);
        vm.expectRevert(_lengthError(3));
        credit.clearCycle(_path(_nodes(0, 1, 0)), 1);
        vm.expectRevert(_lengthError(CREDIT_MAX_HOPS + 2));
        credit.clearCycle(new address[](CREDIT_MAX_HOPS + 2), 1);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditCycleNotClosed.selector, _id(0), _id(1)));
        credit.clearCycle(_path(_nodes(0, 1, 2, 1)), 1);
        address[] memory repeated = new address[](5);
        (repeated[0], repeated[1], repeated[2], repeated[3], repeated[4]) = (_id(0), _id(1), _id(1), _id(2), _id(0));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditRepeatedNode.selector, _id(1)));
        credit.clearCycle(repeated, 1);
        // 1 does not owe 2 (1 is owed by 0): the second hop fails the whole clearing.
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditOverDebt.selector, _id(1), _id(2), 0, 1));
        credit.clearCycle(cycle, 1);
        // 1 is owed by 0 in the opposite direction.
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditOverDebt.selector, _id(1), _id(0), 0, 1));
        credit.clearCycle(_path(_nodes(1, 0, 2, 1)), 1);
        _assertBalance(0, 1, -500, "nothing moved");
    }

    // ------------------------------------------------------------------------------------------------ SETTLEMENT

    function test_settle_paysTheCreditorsTreasuryInMoney() public {
        _line(1, 0, LINE);
        _pay(_nodes(0, 1), 2_500);
        // The debtor's proposal: treasury.spend to its timelock, approve, settle (the money stands in the timelock).
        vm.prank(_timelock(0));
        currency.faucet(25e6);
        vm.prank(_timelock(0));
        IERC20(address(currency)).approve(address(credit), 25e6);
        vm.prank(_timelock(0));
        vm.expectEmit(true, true, false, true, address(credit));
        emit IMutualCredit.Settled(_id(0), _id(1), 2_500, address(currency), 25e6, _timelock(0));
        credit.settle(_id(0), _id(1), 2_500);
        assertEq(IERC20(address(currency)).balanceOf(discos[1].treasury), 25e6, "25 euros in 1's treasury");
        _assertBalance(0, 1, 0, "settled");
    }

    function test_settle_refusals() public {
        _line(1, 0, LINE);
        _pay(_nodes(0, 1), 100);
        vm.prank(_timelock(0));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditZeroAmount.selector));
        credit.settle(_id(0), _id(1), 0);
        vm.prank(treasurers[0]);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditUnauthorized.selector, treasurers[0], _id(0)));
        credit.settle(_id(0), _id(1), 100);
        vm.prank(_timelock(0));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditNotAccount.selector, outsider));
        credit.settle(_id(0), outsider, 100);
        vm.prank(_timelock(0));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditOverDebt.selector, _id(0), _id(1), 100, 101));
        credit.settle(_id(0), _id(1), 101);
        // Without the money approved, the transfer fails and the debt stays.
        vm.prank(_timelock(0));
        vm.expectRevert();
        credit.settle(_id(0), _id(1), 100);
        _assertBalance(0, 1, -100, "still owed");
    }

    function test_settle_refusesAnotherCurrencyOrOneWithoutCents() public {
        CreditToken other = new CreditToken(6);
        uint256 a = _member(other, 6);
        _line(a, 0, LINE);
        _pay(_nodes(0, a), 100);
        vm.prank(_timelock(0));
        vm.expectRevert(
            abi.encodeWithSelector(IMutualCredit.CreditCurrencyMismatch.selector, address(currency), address(other))
        );
        credit.settle(_id(0), _id(a), 100);

        CreditToken coarse = new CreditToken(1);
        uint256 b = _member(coarse, 1);
        uint256 c = _member(coarse, 1);
        _line(c, b, LINE);
        _pay(_nodes(b, c), 100);
        vm.prank(_timelock(b));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditCurrencyDecimals.selector, address(coarse), 1));
        credit.settle(_id(b), _id(c), 100);
    }

    /// @dev A hostile currency calls back into settle (and clearCycle) during the transfer: the debt is already paid
    /// down, the reentrant settle is not the timelock's, and a currency that refuses the transfer changes nothing.
    function test_settle_aHostileCurrencyGainsNothing() public {
        CreditToken hostile = new CreditToken(6);
        uint256 a = _member(hostile, 6);
        uint256 b = _member(hostile, 6);
        _line(b, a, LINE);
        _pay(_nodes(a, b), 1_000);
        hostile.mint(_timelock(a), 10e6);
        vm.prank(_timelock(a));
        hostile.approve(address(credit), 10e6);
        hostile.arm(address(credit), abi.encodeCall(MutualCredit.settle, (_id(a), _id(b), 1)));
        vm.prank(_timelock(a));
        credit.settle(_id(a), _id(b), 600);
        assertEq(hostile.attempts(), 1, "it called back");
        assertTrue(
            hostile.lastRevertWas(
                abi.encodeWithSelector(IMutualCredit.CreditUnauthorized.selector, address(hostile), _id(a))
            ),
            "refused"
        );
        _assertBalance(a, b, -400, "paid down once");
        assertEq(hostile.balanceOf(discos[b].treasury), 6e6, "six euros moved");

        hostile.setRefuse(true);
        vm.prank(_timelock(a));
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(hostile)));
        credit.settle(_id(a), _id(b), 400);
        _assertBalance(a, b, -400, "a refused transfer changes nothing");
    }

    // ------------------------------------------------------------------------------------------------ PEOPLE

    function test_memberAccounts_committedMembersOfMemberDisCOs() public {
        vm.prank(committed[0]);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditMemberAccountsOff.selector));
        credit.openAccount(_id(0));

        IDisCOFactory.FederationParams memory p = _federationParams();
        p.memberAccounts = true;
        vm.recordLogs();
        vm.prank(_timelock(0));
        factory.createFederation(p);
        MutualCredit people = MutualCredit(_creditOf(vm.getRecordedLogs()));
        address person = committed[0];
        address dater = dating[0];
        vm.prank(dater);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditNotCommittedMember.selector, dater, _id(0)));
        people.openAccount(_id(0));
        vm.prank(person);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditNotCommittedMember.selector, person, _id(1)));
        people.openAccount(_id(1));
        vm.prank(person);
        vm.expectEmit(true, true, false, false, address(people));
        emit IMutualCredit.AccountOpened(person, _id(0));
        people.openAccount(_id(0));
        assertEq(people.homeOf(person), _id(0), "its home");

        // The person and its DisCO extend lines to each other; the person pays, by itself alone.
        vm.prank(person);
        people.setCreditLine(person, _id(0), 50);
        vm.prank(_timelock(0));
        people.setCreditLine(_id(0), person, 100);
        address[] memory path = new address[](2);
        (path[0], path[1]) = (person, _id(0));
        vm.prank(_timelock(0));
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditUnauthorized.selector, _timelock(0), person));
        people.pay(person, _id(0), path, 100, "x");
        vm.prank(person);
        people.pay(person, _id(0), path, 100, "lunch");
        assertTrue(people.balanceOf(person, _id(0)) == -100, "the person owes its DisCO");

        // No longer Committed: no longer an account, its balance stays.
        vm.prank(_timelock(0));
        IMembership(_id(0)).changeStage(person, IMembership.Stage.Casual, address(0));
        vm.prank(person);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditNotAccount.selector, person));
        people.pay(person, _id(0), path, 1, "x");
        assertTrue(people.balanceOf(person, _id(0)) == -100, "its balance stays");
    }

    /// @dev Attack (issue 17's review, H1): a treasurer who holds a person's account extended their DisCO's line to
    /// it and paid another DisCO from it through their DisCO, outside the budget. Lines to persons are now the
    /// members' vote alone (set or changed); a treasurer may still freeze one, and a person thaws their own.
    function test_attack_aTreasurerCantLendTheDisCOsCreditToTheirOwnAccount() public {
        MutualCredit people = _peopleNetwork();
        address person = committed[0];
        vm.prank(_timelock(0));
        IAccessControl(discos[0].ledger).grantRole(TREASURER_ROLE, person);
        vm.prank(_timelock(0));
        people.setTreasurerLimits(_id(0), 0, LINE);
        vm.prank(_timelock(1));
        people.setCreditLine(_id(1), _id(0), LINE);
        vm.prank(person);
        people.openAccount(_id(0));
        address[] memory direct = new address[](2);
        (direct[0], direct[1]) = (_id(0), _id(1));
        vm.prank(person);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditOverBudget.selector, _id(0), 5_000, 0));
        people.pay(_id(0), _id(1), direct, 5_000, "x");

        // The bypass: the DisCO's line to the treasurer's own account, then a payment from it through the DisCO.
        vm.prank(person);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditPersonLineByVote.selector, person));
        people.setCreditLine(_id(0), person, LINE);
        address[] memory around = new address[](3);
        (around[0], around[1], around[2]) = (person, _id(0), _id(1));
        vm.prank(person);
        vm.expectRevert(
            abi.encodeWithSelector(IMutualCredit.CreditOverLine.selector, person, _id(0), int256(-5_000), 0)
        );
        people.pay(person, _id(1), around, 5_000, "x");
        assertTrue(people.balanceOf(_id(0), _id(1)) == 0, "the DisCO owes nothing");

        // A line the members set toward a person is theirs to change, even down; a treasurer may freeze it.
        vm.prank(_timelock(0));
        people.setCreditLine(_id(0), person, 100);
        vm.prank(person);
        vm.expectRevert(abi.encodeWithSelector(IMutualCredit.CreditPersonLineByVote.selector, person));
        people.setCreditLine(_id(0), person, 0);
        vm.prank(person);
        people.freezeCreditLine(_id(0), person, true);
        (uint64 limit, bool frozen) = people.lineOf(_id(0), person);
        assertEq(limit, 100, "the members' line");
        assertTrue(frozen, "frozen by a treasurer");
        // A person's own line is theirs alone, thawing too.
        vm.prank(person);
        people.setCreditLine(person, _id(0), 50);
        vm.prank(person);
        people.freezeCreditLine(person, _id(0), true);
        vm.prank(person);
        people.freezeCreditLine(person, _id(0), false);
        (, frozen) = people.lineOf(person, _id(0));
        assertFalse(frozen, "thawed by the person");
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    /// @dev A second federation, founded by DisCO 0 with member accounts on, DisCO 1 admitted: its credit network.
    function _peopleNetwork() private returns (MutualCredit people) {
        IDisCOFactory.FederationParams memory p = _federationParams();
        p.memberAccounts = true;
        vm.recordLogs();
        vm.prank(_timelock(0));
        Federation fed = Federation(factory.createFederation(p));
        people = MutualCredit(_creditOf(vm.getRecordedLogs()));
        vm.prank(_timelock(1));
        uint256 id = fed.applyToJoin("we share the charter");
        vm.prank(_timelock(0));
        fed.vote(id, _id(0), true);
        fed.execute(id);
    }

    function _refusedPay(address payer, address payee, address[] memory path, uint64 amount, bytes memory err) private {
        vm.prank(_timelock(0));
        vm.expectRevert(err);
        credit.pay(payer, payee, path, amount, "x");
    }

    function _lengthError(uint256 length) private pure returns (bytes memory) {
        return abi.encodeWithSelector(IMutualCredit.CreditInvalidPathLength.selector, length);
    }

    /// @dev DisCO i's net position over DisCOs 0-2.
    function _net(uint256 i) private view returns (int256 net) {
        for (uint256 j = 0; j < 3; ++j) if (j != i) net += _balance(i, j);
    }

    /// @dev A new DisCO holding `token`, admitted to the federation; returns its index.
    function _member(CreditToken token, uint8 decimals) private returns (uint256 i) {
        IDisCOFactory.Params memory p = _params(_founders());
        p.currency = IERC20(address(token));
        p.currencyDecimals = decimals;
        discos.push(factory.create(p));
        treasurers.push(outsider);
        i = discos.length - 1;
        _join(i);
    }
}
