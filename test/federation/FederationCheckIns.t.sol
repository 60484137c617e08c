// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFederation} from "../../contracts/interfaces/IFederation.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {FederationFixture} from "./FederationFixture.sol";

/// @notice Check-ins of final periods by a member's treasurers and auditors, peers' verdicts on them, and trust
/// between members. DisCOs 0, 1 and 2 are members; DisCO 3 is a factory-made DisCO outside.
contract FederationCheckInsTest is FederationFixture {
    bytes32 internal constant DIGEST = keccak256("period books");

    uint32 internal period;

    function setUp() public {
        _deployFederation(4);
        _join(1);
        _join(2);
        period = _finalPeriod(0);
    }

    // ------------------------------------------------------------------------------------------------ CHECK-IN

    /// @dev A treasurer or an auditor checks in a final period, once; the digest and figures are in the event.
    function test_checkIn_byATreasurerOrAnAuditor() public {
        vm.expectEmit(true, true, true, true, address(federation));
        emit IFederation.CheckedIn(_id(0), period, DIGEST, _figures(), treasurers[0]);
        vm.prank(treasurers[0]);
        federation.checkIn(_id(0), period, DIGEST, _figures());
        assertTrue(federation.checkedIn(_id(0), period), "checked in");
        assertFalse(federation.checkedIn(_id(0), period + 1), "not the next period");
        assertFalse(federation.checkedIn(_id(1), period), "not another DisCO");

        uint32 next = _finalPeriod(0);
        vm.expectEmit(true, true, true, true, address(federation));
        emit IFederation.CheckedIn(_id(0), next, DIGEST, _figures(), auditors[0]);
        vm.prank(auditors[0]);
        federation.checkIn(_id(0), next, DIGEST, _figures());
        assertTrue(federation.checkedIn(_id(0), next), "checked in by the auditor");
    }

    /// @dev A check-in never changes: a second one of the same period is refused, by anyone allowed.
    function test_checkIn_revertsASecondTime() public {
        vm.prank(treasurers[0]);
        federation.checkIn(_id(0), period, DIGEST, _figures());
        address[2] memory agents = [treasurers[0], auditors[0]];
        for (uint256 i = 0; i < 2; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IFederation.FederationAlreadyCheckedIn.selector, _id(0), period));
            vm.prank(agents[i]);
            federation.checkIn(_id(0), period, keccak256("other books"), _figures());
        }
    }

    /// @dev Neither the timelock, a member, the delegate, nor another DisCO's treasurer or auditor checks in.
    function test_checkIn_onlyItsTreasurersAndAuditors() public {
        address delegate = _makeAddr("delegate");
        vm.prank(_timelock(0));
        federation.setDelegate(_id(0), delegate);
        address[5] memory actors = [_timelock(0), committed[0], delegate, treasurers[1], auditors[1]];
        for (uint256 i = 0; i < actors.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IFederation.FederationUnauthorized.selector, actors[i], _id(0)));
            vm.prank(actors[i]);
            federation.checkIn(_id(0), period, DIGEST, _figures());
        }
    }

    /// @dev A period still in its review window, or still open, is not final.
    function test_checkIn_revertsForAPeriodNotFinal() public {
        vm.prank(treasurers[0]);
        uint32 closed = ValueLedger(discos[0].ledger).closePeriod();
        uint32[2] memory periods = [closed, closed + 1];
        for (uint256 i = 0; i < 2; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IFederation.FederationPeriodNotFinal.selector, _id(0), periods[i]));
            vm.prank(treasurers[0]);
            federation.checkIn(_id(0), periods[i], DIGEST, _figures());
        }
    }

    function test_checkIn_revertsForBadFigures() public {
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationEmptyDigest.selector));
        vm.prank(treasurers[0]);
        federation.checkIn(_id(0), period, bytes32(0), _figures());

        IFederation.Figures memory f = _figures();
        f.bindingMembers = f.members + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IFederation.FederationInvalidFigures.selector, f.members, f.bindingMembers)
        );
        vm.prank(treasurers[0]);
        federation.checkIn(_id(0), period, DIGEST, f);
        assertFalse(federation.checkedIn(_id(0), period), "nothing recorded");
    }

    /// @dev A DisCO that left, or was never admitted, checks in nothing.
    function test_checkIn_revertsForANonMember() public {
        vm.prank(_timelock(0));
        federation.leave(_id(0));
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotMember.selector, _id(0)));
        vm.prank(treasurers[0]);
        federation.checkIn(_id(0), period, DIGEST, _figures());

        uint32 final3 = _finalPeriod(3);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotMember.selector, _id(3)));
        vm.prank(treasurers[3]);
        federation.checkIn(_id(3), final3, DIGEST, _figures());
    }

    // ------------------------------------------------------------------------------------------------ VERDICTS

    function test_confirmCheckIn_byAPeersAuditor() public {
        _checkIn();
        vm.expectEmit(true, true, true, true, address(federation));
        emit IFederation.CheckInConfirmed(_id(0), period, _id(1), auditors[1]);
        vm.prank(auditors[1]);
        federation.confirmCheckIn(_id(1), _id(0), period);
        assertEq(uint8(federation.verdictOf(_id(0), period, _id(1))), uint8(IFederation.Verdict.Confirmed), "1");
        assertEq(uint8(federation.verdictOf(_id(0), period, _id(2))), uint8(IFederation.Verdict.None), "not 2");
        assertEq(uint8(federation.verdictOf(_id(0), period, _id(3))), uint8(IFederation.Verdict.None), "never in");
    }

    function test_challengeCheckIn_namesTheFigure() public {
        _checkIn();
        vm.expectEmit(true, true, true, true, address(federation));
        emit IFederation.CheckInChallenged(
            _id(0),
            period,
            _id(2),
            IFederation.Figure.LovePayable,
            "love payable is 280 in the logs",
            auditors[2]
        );
        vm.prank(auditors[2]);
        federation.challengeCheckIn(
            _id(2),
            _id(0),
            period,
            uint8(IFederation.Figure.LovePayable),
            "love payable is 280 in the logs"
        );
        assertEq(uint8(federation.verdictOf(_id(0), period, _id(2))), uint8(IFederation.Verdict.Challenged), "2");
    }

    /// @dev The mutual-credit figures are the last two: a challenge names them like any other.
    function test_challengeCheckIn_namesACreditFigure() public {
        _checkIn();
        vm.expectEmit(true, true, true, true, address(federation));
        emit IFederation.CheckInChallenged(
            _id(0),
            period,
            _id(1),
            IFederation.Figure.CreditOut,
            "credit out is 820.50 in the network",
            auditors[1]
        );
        vm.prank(auditors[1]);
        federation.challengeCheckIn(
            _id(1),
            _id(0),
            period,
            uint8(IFederation.Figure.CreditOut),
            "credit out is 820.50 in the network"
        );
        assertEq(uint8(type(IFederation.Figure).max), uint8(IFederation.Figure.CreditOut), "the last figure");
    }

    /// @dev One verdict per check-in and peer, never changed: confirm then challenge, or confirm twice, is refused.
    function test_verdicts_oneAndNeverChanged() public {
        _checkIn();
        vm.prank(auditors[1]);
        federation.confirmCheckIn(_id(1), _id(0), period);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationAlreadyJudged.selector, _id(0), period, _id(1)));
        vm.prank(auditors[1]);
        federation.challengeCheckIn(_id(1), _id(0), period, uint8(IFederation.Figure.Digest), "changed our mind");
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationAlreadyJudged.selector, _id(0), period, _id(1)));
        vm.prank(auditors[1]);
        federation.confirmCheckIn(_id(1), _id(0), period);

        vm.prank(auditors[2]);
        federation.challengeCheckIn(_id(2), _id(0), period, uint8(IFederation.Figure.Digest), "digest differs");
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationAlreadyJudged.selector, _id(0), period, _id(2)));
        vm.prank(auditors[2]);
        federation.confirmCheckIn(_id(2), _id(0), period);
        assertEq(uint8(federation.verdictOf(_id(0), period, _id(1))), uint8(IFederation.Verdict.Confirmed), "1");
        assertEq(uint8(federation.verdictOf(_id(0), period, _id(2))), uint8(IFederation.Verdict.Challenged), "2");
    }

    /// @dev A figure outside the enum is refused with a named error, before anything else.
    function testFuzz_challengeCheckIn_revertsForAnUnknownFigure(uint8 figure) public {
        figure = uint8(_bound(figure, uint8(type(IFederation.Figure).max) + 1, type(uint8).max));
        _checkIn();
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationInvalidFigure.selector, figure));
        vm.prank(auditors[1]);
        federation.challengeCheckIn(_id(1), _id(0), period, figure, "no such figure");
        assertEq(uint8(federation.verdictOf(_id(0), period, _id(1))), uint8(IFederation.Verdict.None), "none");
    }

    function test_verdicts_revertForOwnCheckIn() public {
        _checkIn();
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationOwnDisCO.selector, _id(0)));
        vm.prank(auditors[0]);
        federation.confirmCheckIn(_id(0), _id(0), period);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationOwnDisCO.selector, _id(0)));
        vm.prank(auditors[0]);
        federation.challengeCheckIn(_id(0), _id(0), period, uint8(IFederation.Figure.MoneyIn), "ours");
    }

    function test_verdicts_revertForAnUnknownCheckIn() public {
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationUnknownCheckIn.selector, _id(0), period));
        vm.prank(auditors[1]);
        federation.confirmCheckIn(_id(1), _id(0), period);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationUnknownCheckIn.selector, _id(0), period));
        vm.prank(auditors[1]);
        federation.challengeCheckIn(_id(1), _id(0), period, uint8(IFederation.Figure.MoneyOut), "none");
    }

    /// @dev Only an auditor of the judging DisCO: not its timelock, treasurer, members, delegate, nor another
    /// DisCO's auditor.
    function test_verdicts_onlyThePeersAuditors() public {
        _checkIn();
        address delegate = _makeAddr("delegate");
        vm.prank(_timelock(1));
        federation.setDelegate(_id(1), delegate);
        address[5] memory actors = [_timelock(1), treasurers[1], committed[0], delegate, auditors[2]];
        for (uint256 i = 0; i < actors.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IFederation.FederationUnauthorized.selector, actors[i], _id(1)));
            vm.prank(actors[i]);
            federation.confirmCheckIn(_id(1), _id(0), period);
        }
    }

    /// @dev A DisCO that left, or never joined, gives no verdict; a check-in of a DisCO that left is still judged.
    function test_verdicts_byMembersOnly() public {
        _checkIn();
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotMember.selector, _id(3)));
        vm.prank(auditors[3]);
        federation.confirmCheckIn(_id(3), _id(0), period);
        vm.prank(_timelock(1));
        federation.leave(_id(1));
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotMember.selector, _id(1)));
        vm.prank(auditors[1]);
        federation.confirmCheckIn(_id(1), _id(0), period);

        vm.prank(_timelock(0));
        federation.leave(_id(0));
        vm.prank(auditors[2]);
        federation.confirmCheckIn(_id(2), _id(0), period);
        assertEq(uint8(federation.verdictOf(_id(0), period, _id(2))), uint8(IFederation.Verdict.Confirmed), "2");
    }

    // ------------------------------------------------------------------------------------------------ TRUST

    function test_setTrust_byTheTimelockAnyValue() public {
        for (uint8 value = 0; value <= 100; value += 50) {
            vm.expectEmit(true, true, true, true, address(federation));
            emit IFederation.TrustSet(_id(0), _id(1), value, _timelock(0));
            vm.prank(_timelock(0));
            federation.setTrust(_id(0), _id(1), value);
            assertEq(federation.trustOf(_id(0), _id(1)), value, "set");
        }
        assertEq(federation.trustOf(_id(1), _id(0)), 0, "directed");
    }

    /// @dev A treasurer sets trust up to the bound its DisCO's timelock set, and no further.
    function testFuzz_setTrust_byATreasurerWithinTheBound(uint8 bound, uint8 value) public {
        bound = uint8(_bound(bound, 0, 100));
        value = uint8(_bound(value, 0, 100));
        vm.expectEmit(true, true, true, true, address(federation));
        emit IFederation.TreasurerTrustBoundSet(_id(0), bound);
        vm.prank(_timelock(0));
        federation.setTreasurerTrustBound(_id(0), bound);
        assertEq(federation.memberOf(_id(0)).treasurerTrustBound, bound, "bound");

        if (value > bound) {
            vm.expectRevert(
                abi.encodeWithSelector(IFederation.FederationTrustOverBound.selector, _id(0), value, bound)
            );
        } else {
            vm.expectEmit(true, true, true, true, address(federation));
            emit IFederation.TrustSet(_id(0), _id(2), value, treasurers[0]);
        }
        vm.prank(treasurers[0]);
        federation.setTrust(_id(0), _id(2), value);
        assertEq(federation.trustOf(_id(0), _id(2)), value > bound ? 0 : value, "trust");
    }

    function test_setTrust_revertsForBadInput() public {
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationInvalidTrust.selector, uint8(101)));
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(1), 101);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationOwnDisCO.selector, _id(0)));
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(0), 50);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotMember.selector, _id(3)));
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(3), 50);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotMember.selector, _id(3)));
        vm.prank(_timelock(3));
        federation.setTrust(_id(3), _id(0), 50);
    }

    /// @dev Only from's timelock, or its treasurer: not its auditor, members, delegate, nor another DisCO's timelock
    /// or treasurer.
    function test_setTrust_onlyItsTimelockOrTreasurer() public {
        vm.prank(_timelock(0));
        federation.setTreasurerTrustBound(_id(0), 100);
        address delegate = _makeAddr("delegate");
        vm.prank(_timelock(0));
        federation.setDelegate(_id(0), delegate);
        address[5] memory actors = [auditors[0], committed[0], delegate, _timelock(1), treasurers[1]];
        for (uint256 i = 0; i < actors.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IFederation.FederationUnauthorized.selector, actors[i], _id(0)));
            vm.prank(actors[i]);
            federation.setTrust(_id(0), _id(1), 10);
        }
    }

    /// @dev A DisCO that left sets and receives no trust, and the values from and toward it read 0 (the events keep
    /// the history).
    function test_setTrust_notOnceLeft() public {
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(1), 70);
        vm.prank(_timelock(1));
        federation.setTrust(_id(1), _id(0), 60);
        vm.prank(_timelock(2));
        federation.setTrust(_id(2), _id(0), 50);
        vm.prank(_timelock(1));
        federation.leave(_id(1));
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotMember.selector, _id(1)));
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(1), 80);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotMember.selector, _id(1)));
        vm.prank(_timelock(1));
        federation.setTrust(_id(1), _id(0), 80);
        assertEq(federation.trustOf(_id(0), _id(1)), 0, "toward it: lapsed");
        assertEq(federation.trustOf(_id(1), _id(0)), 0, "from it: lapsed");
        assertEq(federation.trustOf(_id(2), _id(0)), 50, "between the others: kept");
    }

    /// @dev Trust does not come back with a DisCO that rejoins, whether it left or was removed, from either side;
    /// values set after its return hold.
    function test_setTrust_startsAfreshOnRejoining() public {
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(1), 70);
        vm.prank(_timelock(1));
        federation.setTrust(_id(1), _id(0), 60);
        vm.prank(_timelock(1));
        federation.leave(_id(1));
        _join(1);
        assertEq(federation.trustOf(_id(0), _id(1)), 0, "toward the rejoined DisCO");
        assertEq(federation.trustOf(_id(1), _id(0)), 0, "from the rejoined DisCO");

        vm.prank(_timelock(1));
        federation.setTrust(_id(1), _id(0), 65);
        assertEq(federation.trustOf(_id(1), _id(0)), 65, "set again");

        // Removed by the others and admitted again: the same.
        vm.prank(_timelock(0));
        uint256 id = federation.propose(_id(0), uint8(IFederation.ProposalKind.Remove), _id(1), "", bytes32(0));
        vm.prank(_timelock(0));
        federation.vote(id, _id(0), true);
        vm.prank(_timelock(2));
        federation.vote(id, _id(2), true);
        federation.execute(id);
        assertEq(federation.trustOf(_id(1), _id(0)), 0, "lapsed on removal");
        _join(1);
        assertEq(federation.trustOf(_id(1), _id(0)), 0, "not back after removal");
    }

    /// @dev Trust from or toward a DisCO that is not a member (never was, or left) reads 0.
    function test_trustOf_zeroForNonMembers() public {
        assertEq(federation.trustOf(_id(0), _id(3)), 0, "never a member");
        assertEq(federation.trustOf(_id(3), _id(0)), 0, "never a member, from");
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(2), 40);
        vm.prank(_timelock(0));
        federation.leave(_id(0));
        assertEq(federation.trustOf(_id(0), _id(2)), 0, "from a DisCO that left");
    }

    /// @dev A treasurer may not change a value the members set above the bound, lowering it included: the current
    /// value is named. Within the bound both ways, they may.
    function test_setTrust_aTreasurerLeavesAValueOverTheBoundToTheMembers() public {
        vm.prank(_timelock(0));
        federation.setTreasurerTrustBound(_id(0), 30);
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(1), 90);
        for (uint8 value = 0; value <= 30; value += 15) {
            vm.expectRevert(
                abi.encodeWithSelector(IFederation.FederationTrustOverBound.selector, _id(0), uint8(90), uint8(30))
            );
            vm.prank(treasurers[0]);
            federation.setTrust(_id(0), _id(1), value);
        }
        vm.expectRevert(
            abi.encodeWithSelector(IFederation.FederationTrustOverBound.selector, _id(0), uint8(95), uint8(30))
        );
        vm.prank(treasurers[0]);
        federation.setTrust(_id(0), _id(1), 95);
        assertEq(federation.trustOf(_id(0), _id(1)), 90, "the members' value stands");

        // The members bring it within the bound: the treasurer may change it again.
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(1), 25);
        vm.prank(treasurers[0]);
        federation.setTrust(_id(0), _id(1), 5);
        assertEq(federation.trustOf(_id(0), _id(1)), 5, "lowered within the bound");
    }

    /// @dev A value that lapsed (its DisCO left and rejoined) counts as 0 for the bound, whatever it was.
    function test_setTrust_aLapsedValueIsZeroForTheBound() public {
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(1), 90);
        vm.prank(_timelock(1));
        federation.leave(_id(1));
        _join(1);
        vm.prank(_timelock(0));
        federation.setTreasurerTrustBound(_id(0), 20);
        vm.prank(treasurers[0]);
        federation.setTrust(_id(0), _id(1), 20);
        assertEq(federation.trustOf(_id(0), _id(1)), 20, "set within the bound");
    }

    function test_setTreasurerTrustBound_revertsForBadInput() public {
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationInvalidTrust.selector, uint8(101)));
        vm.prank(_timelock(0));
        federation.setTreasurerTrustBound(_id(0), 101);
        address[3] memory actors = [treasurers[0], committed[0], _timelock(1)];
        for (uint256 i = 0; i < actors.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IFederation.FederationUnauthorized.selector, actors[i], _id(0)));
            vm.prank(actors[i]);
            federation.setTreasurerTrustBound(_id(0), 100);
        }
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    function _checkIn() internal {
        vm.prank(treasurers[0]);
        federation.checkIn(_id(0), period, DIGEST, _figures());
    }
}
