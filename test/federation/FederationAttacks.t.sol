// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFederation} from "../../contracts/interfaces/IFederation.sol";
import {FederationFixture} from "./FederationFixture.sol";

/// @notice The attack review of the mends, each attack written as the test it fails: a majority, one treasurer, a
/// delegate, a DisCO that left, and a front-runner (anyone who calls `execute` first) trying to get around the rules.
/// DisCOs 0 (the founder), 1 and 2 are members; DisCO 3 is a factory-made DisCO outside.
contract FederationAttacksTest is FederationFixture {
    address internal delegate;

    function setUp() public {
        _deployFederation(4);
        _join(1);
        _join(2);
        delegate = _makeAddr("delegate");
    }

    // ------------------------------------------------------------------------------------------------ A DISCO THAT LEFT

    /// @dev Vote, leave, be admitted again, vote again on the same proposal: refused (one vote per DisCO).
    function test_attack_voteLeaveRejoinVoteAgain() public {
        uint256 id = _proposeCharter(0);
        _vote(id, 2, false);
        vm.prank(_timelock(2));
        federation.leave(_id(2));
        _join(2);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotEligible.selector, id, _id(2)));
        _vote(id, 2, false);
        assertEq(federation.proposal(id).againstVotes, 1, "one Against");
    }

    /// @dev A DisCO that left acts in nothing: no check-in, verdict, trust, proposal or vote, through any hand.
    function test_attack_aDisCOThatLeftActsInNothing() public {
        vm.prank(_timelock(0));
        federation.setDelegate(_id(0), delegate);
        uint256 id = _proposeCharter(1);
        vm.prank(_timelock(0));
        federation.leave(_id(0));
        bytes memory notMember = abi.encodeWithSelector(IFederation.FederationNotMember.selector, _id(0));

        vm.expectRevert(notMember);
        vm.prank(treasurers[0]);
        federation.checkIn(_id(0), 1, keccak256("books"), _figures());
        vm.expectRevert(notMember);
        vm.prank(auditors[0]);
        federation.confirmCheckIn(_id(0), _id(1), 1);
        vm.expectRevert(notMember);
        vm.prank(auditors[0]);
        federation.challengeCheckIn(_id(0), _id(1), 1, uint8(IFederation.Figure.MoneyIn), "x");
        vm.expectRevert(notMember);
        vm.prank(_timelock(0));
        federation.setTrust(_id(0), _id(1), 10);
        vm.expectRevert(notMember);
        vm.prank(_timelock(0));
        federation.propose(_id(0), uint8(IFederation.ProposalKind.Charter), address(0), "ipfs://x", "x");
        vm.expectRevert(notMember);
        vm.prank(_timelock(0));
        federation.vote(id, _id(0), true);
        // Its delegate was cleared when it left: named again while it is out, it still acts in nothing.
        vm.prank(_timelock(0));
        federation.setDelegate(_id(0), delegate);
        vm.expectRevert(notMember);
        vm.prank(delegate);
        federation.vote(id, _id(0), true);
    }

    /// @dev Leaving and coming back rewrites no history: the check-in and the verdict it made before stay as they
    /// were, and can't be made again.
    function test_attack_rejoinToRewriteACheckInOrAVerdict() public {
        uint32 period = _finalPeriod(0);
        vm.prank(treasurers[0]);
        federation.checkIn(_id(0), period, keccak256("wrong books"), _figures());
        vm.prank(auditors[1]);
        federation.challengeCheckIn(_id(1), _id(0), period, uint8(IFederation.Figure.Digest), "differs");
        for (uint256 i = 0; i < 2; ++i) {
            vm.prank(_timelock(i));
            federation.leave(_id(i));
        }
        _join(0);
        _join(1);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationAlreadyCheckedIn.selector, _id(0), period));
        vm.prank(treasurers[0]);
        federation.checkIn(_id(0), period, keccak256("right books"), _figures());
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationAlreadyJudged.selector, _id(0), period, _id(1)));
        vm.prank(auditors[1]);
        federation.confirmCheckIn(_id(1), _id(0), period);
        assertEq(uint8(federation.verdictOf(_id(0), period, _id(1))), uint8(IFederation.Verdict.Challenged), "kept");
    }

    // ------------------------------------------------------------------------------------------------ A MAJORITY

    /// @dev A majority keeps a passed Remove in reserve while the subject leaves and is admitted again: the old
    /// Remove can't expel it, nor can a second Remove passed at the same time be executed after the first.
    function test_attack_aRemoveKeptInReserve() public {
        uint256 first = _proposeRemove(0, 2);
        uint256 second = _proposeRemove(1, 2);
        for (uint256 i = 0; i < 2; ++i) {
            _vote(first, i, true);
            _vote(second, i, true);
        }
        federation.execute(first);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationProposalStale.selector, second));
        federation.execute(second);
        _join(2);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationProposalStale.selector, second));
        federation.execute(second);
        assertTrue(federation.isMember(_id(2)), "the readmitted DisCO stays");
    }

    /// @dev A majority that passed an application can't admit the DisCO once it withdrew, nor through an older
    /// application it withdrew before applying again.
    function test_attack_admitAgainstTheApplicantsWithdrawal() public {
        vm.prank(_timelock(3));
        uint256 old = federation.applyToJoin("in");
        _voteAll(old, true);
        vm.prank(_timelock(3));
        federation.withdrawApplication(_id(3));
        vm.prank(_timelock(3));
        uint256 fresh = federation.applyToJoin("in, later");
        vm.expectRevert(
            abi.encodeWithSelector(
                IFederation.FederationProposalNotPassed.selector,
                old,
                IFederation.ProposalState.Withdrawn
            )
        );
        federation.execute(old);
        vm.prank(_timelock(3));
        federation.withdrawApplication(_id(3));
        vm.expectRevert(
            abi.encodeWithSelector(
                IFederation.FederationProposalClosed.selector,
                fresh,
                IFederation.ProposalState.Withdrawn
            )
        );
        _vote(fresh, 0, true);
        assertFalse(federation.isMember(_id(3)), "not admitted");
    }

    // ------------------------------------------------------------------------------------------------ A FRONT-RUNNER

    /// @dev Whoever executes first can't choose the charter: executing the newer change first makes the older stale,
    /// and an expired change can't be revived.
    function test_attack_executeChartersOutOfOrderOrLate() public {
        uint256 older = _proposeCharter(0);
        vm.prank(_timelock(1));
        uint256 newer = federation.propose(
            _id(1),
            uint8(IFederation.ProposalKind.Charter),
            address(0),
            "ipfs://v3",
            "v3"
        );
        for (uint256 i = 0; i < 2; ++i) {
            _vote(older, i, true);
            _vote(newer, i, true);
        }
        federation.execute(newer);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationProposalStale.selector, older));
        federation.execute(older);

        uint256 late = _proposeCharter(2);
        _vote(late, 0, true);
        _vote(late, 2, true);
        vm.warp(uint256(federation.proposal(late).deadline) + FEDERATION_VOTING_PERIOD + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFederation.FederationProposalNotPassed.selector,
                late,
                IFederation.ProposalState.Expired
            )
        );
        federation.execute(late);
        (string memory uri, ) = federation.charter();
        assertEq(uri, "ipfs://v3", "the newest executed charter stands");
    }

    /// @dev A race, not a bypass: anyone may execute a Passed admission before the applicant's withdrawal lands; the
    /// withdrawal then finds nothing open, and the DisCO leaves by its own vote.
    function test_attack_executeBeforeTheWithdrawalLands() public {
        vm.prank(_timelock(3));
        federation.applyToJoin("in");
        _voteAll(federation.proposalCount(), true);
        federation.execute(federation.proposalCount());
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNoApplication.selector, _id(3)));
        vm.prank(_timelock(3));
        federation.withdrawApplication(_id(3));
        vm.prank(_timelock(3));
        federation.leave(_id(3));
        assertFalse(federation.isMember(_id(3)), "out by its own decision");
    }

    // ------------------------------------------------------------------------------------------------ ONE TREASURER

    /// @dev A treasurer can't move a value the members set above the bound, nor, once the members lower the bound,
    /// one the treasurer set under the old bound; nor raise the bound.
    function test_attack_aTreasurerAroundTheBound() public {
        vm.prank(_timelock(0));
        federation.setTreasurerTrustBound(_id(0), 50);
        vm.prank(treasurers[0]);
        federation.setTrust(_id(0), _id(1), 50);
        vm.prank(_timelock(0));
        federation.setTreasurerTrustBound(_id(0), 10);
        vm.expectRevert(
            abi.encodeWithSelector(IFederation.FederationTrustOverBound.selector, _id(0), uint8(50), uint8(10))
        );
        vm.prank(treasurers[0]);
        federation.setTrust(_id(0), _id(1), 5);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationUnauthorized.selector, treasurers[0], _id(0)));
        vm.prank(treasurers[0]);
        federation.setTreasurerTrustBound(_id(0), 100);
        assertEq(federation.trustOf(_id(0), _id(1)), 50, "unchanged");
    }

    // ------------------------------------------------------------------------------------------------ A DELEGATE

    /// @dev A delegate proposes and votes, and nothing else: it can't leave, withdraw, set trust or bounds, or name
    /// another delegate; revoked or cleared, it can't vote even on a proposal it made.
    function test_attack_aDelegateBeyondItsMandate() public {
        vm.prank(_timelock(2));
        federation.setDelegate(_id(2), delegate);
        vm.prank(delegate);
        uint256 id = federation.propose(_id(2), uint8(IFederation.ProposalKind.Charter), address(0), "ipfs://d", "d");
        bytes memory unauthorized = abi.encodeWithSelector(
            IFederation.FederationUnauthorized.selector,
            delegate,
            _id(2)
        );
        vm.expectRevert(unauthorized);
        vm.prank(delegate);
        federation.leave(_id(2));
        vm.expectRevert(unauthorized);
        vm.prank(delegate);
        federation.withdrawApplication(_id(2));
        vm.expectRevert(unauthorized);
        vm.prank(delegate);
        federation.setTrust(_id(2), _id(0), 100);
        vm.expectRevert(unauthorized);
        vm.prank(delegate);
        federation.setTreasurerTrustBound(_id(2), 100);
        vm.expectRevert(unauthorized);
        vm.prank(delegate);
        federation.setDelegate(_id(2), _makeAddr("another"));

        // Removed by the others (its delegate is cleared) and admitted again: the delegate no longer acts.
        uint256 remove = _proposeRemove(0, 2);
        _vote(remove, 0, true);
        _vote(remove, 1, true);
        federation.execute(remove);
        _join(2);
        vm.expectRevert(abi.encodeWithSelector(IFederation.FederationNotEligible.selector, id, _id(2)));
        vm.prank(_timelock(2));
        federation.vote(id, _id(2), true);
        uint256 next = _proposeCharter(0);
        vm.expectRevert(unauthorized);
        vm.prank(delegate);
        federation.vote(next, _id(2), true);
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    function _proposeCharter(uint256 i) internal returns (uint256) {
        vm.prank(_timelock(i));
        return federation.propose(_id(i), uint8(IFederation.ProposalKind.Charter), address(0), "ipfs://next", "next");
    }

    function _proposeRemove(uint256 i, uint256 subject) internal returns (uint256) {
        vm.prank(_timelock(i));
        return federation.propose(_id(i), uint8(IFederation.ProposalKind.Remove), _id(subject), "", bytes32(0));
    }

    function _vote(uint256 id, uint256 i, bool support) internal {
        vm.prank(_timelock(i));
        federation.vote(id, _id(i), support);
    }
}
