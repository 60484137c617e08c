// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IDisCOGovernor} from "../../contracts/interfaces/IDisCOGovernor.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {DisCOFixture} from "../utils/DisCOFixture.sol";
import {DisCOGovernorHandler} from "./DisCOGovernorHandler.sol";

/// @notice Unit and fuzz tests of DisCOGovernor inside a whole DisCO: real timelock, membership administered by the
/// timelock, founders admitted at deployment.
contract DisCOGovernorTest is DisCOFixture {
    address internal outsider;
    address internal newcomer;

    function setUp() public {
        _deployDisCO();
        outsider = _makeAddr("outsider");
        newcomer = _makeAddr("newcomer");
        // Proposing reads the proposer's vote a second ago: let the founders' admission be in the past.
        vm.warp(START + 1);
    }

    // ------------------------------------------------------------------------------------------------ DEPLOYMENT

    function test_create_leavesEveryRightWithTheTimelock() public view {
        assertEq(address(governor.timelock()), address(timelock), "governor's timelock");
        assertEq(address(governor.token()), address(membership), "governor's token");
        assertTrue(membership.hasRole(bytes32(0), address(timelock)), "timelock administers membership");
        assertFalse(membership.hasRole(bytes32(0), address(this)), "creator administers membership");
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)), "governor proposes");
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)), "governor cancels");
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(governor)), "governor executes");
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(this)), "creator holds timelock admin");
        assertFalse(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "execution is open to anyone");
        assertEq(governor.clock(), block.timestamp, "clock is the timestamp");
        assertEq(membership.memberCount(), 11, "founders");
        assertEq(membership.bindingMembers(), 6, "binding founders");
        // The governor is a clone of the production artifact (viaIR, runs 1), not of this compilation's oversized
        // copy: the implementation's code keeps within DESIGN.md's 23,000 bytes.
        if (shipsProductionGovernor) {
            assertLe(factory.implementations().governor.code.length, 23_000, "governor's runtime code size");
        }
    }

    // ------------------------------------------------------------------------------------------------ WHO VOTES

    function testFuzz_castVote_committedMemberVotesBinding(uint8 who, uint8 supportSeed) public {
        uint256 proposalId = _proposeAndActivate();
        address voter = committed[who % committed.length];
        uint8 support = supportSeed % 3;

        vm.prank(voter);
        uint256 weight = governor.castVote(proposalId, support);

        assertEq(weight, 1, "weight");
        IDisCOGovernor.ProposalTally memory t = governor.proposalTally(proposalId);
        assertEq(t.againstVotes, support == 0 ? 1 : 0, "againstVotes");
        assertEq(t.forVotes, support == 1 ? 1 : 0, "forVotes");
        assertEq(t.abstainVotes, support == 2 ? 1 : 0, "abstainVotes");
        assertEq(_advisoryTotal(t), 0, "advisory votes");
        (bool voted, uint8 recorded) = governor.voteOf(proposalId, voter);
        assertTrue(voted && governor.hasVoted(proposalId, voter), "hasVoted");
        assertEq(recorded, support, "voteOf");
    }

    function testFuzz_castVote_datingMemberVotesAdvisoryOnly(uint8 who, uint8 supportSeed) public {
        uint256 proposalId = _proposeAndActivate();
        address voter = dating[who % dating.length];
        uint8 support = supportSeed % 3;

        vm.prank(voter);
        uint256 weight = governor.castVote(proposalId, support);

        assertEq(weight, 0, "weight");
        IDisCOGovernor.ProposalTally memory t = governor.proposalTally(proposalId);
        assertEq(_bindingTotal(t), 0, "binding votes");
        assertEq(t.advisoryAgainst, support == 0 ? 1 : 0, "advisoryAgainst");
        assertEq(t.advisoryFor, support == 1 ? 1 : 0, "advisoryFor");
        assertEq(t.advisoryAbstain, support == 2 ? 1 : 0, "advisoryAbstain");
        (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(against + for_ + abstain, 0, "proposalVotes");
        assertTrue(governor.hasVoted(proposalId, voter), "hasVoted");
    }

    function testFuzz_castVote_revertsForCasualMember(uint8 who, uint8 supportSeed) public {
        uint256 proposalId = _proposeAndActivate();
        address voter = casual[who % casual.length];
        _expectNotEligible(voter, proposalId);
        vm.prank(voter);
        governor.castVote(proposalId, supportSeed % 3);
    }

    function testFuzz_castVote_revertsForNonMember(address voter, uint8 supportSeed) public {
        _assumeNotFounder(voter);
        uint256 proposalId = _proposeAndActivate();
        _expectNotEligible(voter, proposalId);
        vm.prank(voter);
        governor.castVote(proposalId, supportSeed % 3);
        assertFalse(governor.hasVoted(proposalId, voter), "hasVoted");
    }

    function testFuzz_castVote_revertsOnSecondVote(uint8 who, uint8 firstSeed, uint8 secondSeed) public {
        uint256 proposalId = _proposeAndActivate();
        address voter = _voter(who);
        vm.prank(voter);
        governor.castVote(proposalId, firstSeed % 3);
        IDisCOGovernor.ProposalTally memory before = governor.proposalTally(proposalId);

        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, voter));
        vm.prank(voter);
        governor.castVoteWithReason(proposalId, secondSeed % 3, "changed my mind");

        IDisCOGovernor.ProposalTally memory afterwards = governor.proposalTally(proposalId);
        assertEq(_bindingTotal(afterwards), _bindingTotal(before), "binding votes");
        assertEq(_advisoryTotal(afterwards), _advisoryTotal(before), "advisory votes");
        assertEq(_bindingTotal(afterwards) + _advisoryTotal(afterwards), 1, "one vote in all");
    }

    /// @dev Late joiners: admitted after the snapshot, whatever their stage, they have no say on the proposal.
    function testFuzz_castVote_lateJoinerCountsZero(address account, uint8 stageSeed, uint256 joinDelay) public {
        _assumeNotFounder(account);
        uint256 proposalId = _propose(false);
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        vm.warp(snapshot + _bound(joinDelay, 1, VOTING_PERIOD - 1));
        IMembership.Stage stage = IMembership.Stage(1 + (stageSeed % 5));
        _admit(account, stage);

        _expectNotEligible(account, proposalId);
        vm.prank(account);
        governor.castVote(proposalId, 1);
        assertEq(membership.getPastTotalSupply(snapshot), COMMITTED_FOUNDERS, "supply at the snapshot");
    }

    /// @dev The snapshot, not the proposal's creation, is the cut-off: a member admitted in between votes.
    function testFuzz_castVote_memberAdmittedBeforeSnapshotVotes(address account, uint256 joinDelay) public {
        _assumeNotFounder(account);
        uint256 proposalId = _propose(false);
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        vm.warp(block.timestamp + _bound(joinDelay, 0, VOTING_DELAY));
        _admit(account, IMembership.Stage.Committed);
        vm.warp(snapshot + 1);

        vm.prank(account);
        assertEq(governor.castVote(proposalId, 1), 1, "weight");
        assertEq(governor.proposalTally(proposalId).forVotes, 1, "forVotes");
        assertEq(membership.getPastTotalSupply(snapshot), COMMITTED_FOUNDERS + 1, "supply at the snapshot");
    }

    /// @dev The snapshot's own second belongs to the snapshot: a member admitted then votes and is in the supply.
    function test_castVote_memberAdmittedAtTheSnapshotVotes() public {
        uint256 proposalId = _propose(false);
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        vm.warp(snapshot);
        _admit(newcomer, IMembership.Stage.Committed);
        vm.warp(snapshot + 1);

        vm.prank(newcomer);
        assertEq(governor.castVote(proposalId, 1), 1, "weight");
        assertEq(membership.getPastTotalSupply(snapshot), COMMITTED_FOUNDERS + 1, "supply at the snapshot");
    }

    /// @dev ... and a member who leaves in that second has no vote and is not in the supply.
    function test_castVote_memberLeavingAtTheSnapshotCountsZero() public {
        uint256 proposalId = _propose(false);
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        vm.warp(snapshot);
        _leave(committed[1]);
        vm.warp(snapshot + 1);

        _expectNotEligible(committed[1], proposalId);
        vm.prank(committed[1]);
        governor.castVote(proposalId, 1);
        assertEq(membership.getPastTotalSupply(snapshot), COMMITTED_FOUNDERS - 1, "supply at the snapshot");
    }

    /// @dev Members who left or were removed, before or after the snapshot, count zero.
    function testFuzz_castVote_departedMemberCountsZero(uint8 who, bool removed, uint256 departDelay) public {
        address voter = _voter(who);
        bool binding = membership.memberOf(voter).stage == IMembership.Stage.Committed;
        uint256 proposalId = _propose(false);
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        uint256 departAt = block.timestamp + _bound(departDelay, 0, VOTING_DELAY + VOTING_PERIOD / 2);
        vm.warp(departAt);
        if (removed) {
            vm.prank(address(timelock));
            membership.remove(voter, "inactive");
        } else {
            vm.prank(voter);
            membership.leave();
        }
        if (block.timestamp <= snapshot) vm.warp(snapshot + 1);

        _expectNotEligible(voter, proposalId);
        vm.prank(voter);
        governor.castVote(proposalId, 1);
        uint256 supply = COMMITTED_FOUNDERS - (binding && departAt <= snapshot ? 1 : 0);
        assertEq(membership.getPastTotalSupply(snapshot), supply, "supply at the snapshot");
    }

    /// @dev Leaving after the snapshot and being readmitted does not restore a say on the proposal.
    function testFuzz_castVote_rejoinerAfterSnapshotCountsZero(
        uint8 who,
        uint256 leaveDelay,
        uint256 rejoinDelay
    ) public {
        address voter = committed[who % committed.length];
        uint256 proposalId = _proposeAndActivate();
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        vm.warp(block.timestamp + _bound(leaveDelay, 0, 2 days));
        vm.prank(voter);
        membership.leave();
        vm.warp(block.timestamp + _bound(rejoinDelay, 0, 2 days));
        _admit(voter, IMembership.Stage.Committed);

        _expectNotEligible(voter, proposalId);
        vm.prank(voter);
        governor.castVote(proposalId, 1);
        assertEq(membership.getPastTotalSupply(snapshot), COMMITTED_FOUNDERS, "supply at the snapshot");
    }

    /// @dev A stage change after the snapshot does not change how the vote counts.
    function testFuzz_castVote_countsTheStageAtTheSnapshot(uint8 who, bool promote) public {
        uint256 proposalId = _proposeAndActivate();
        address voter;
        vm.prank(address(timelock));
        if (promote) {
            voter = dating[who % dating.length];
            membership.changeStage(voter, IMembership.Stage.Committed, address(0));
        } else {
            uint256 i = who % committed.length;
            voter = committed[i];
            membership.changeStage(voter, IMembership.Stage.Dating1, committed[(i + 1) % committed.length]);
        }

        vm.prank(voter);
        uint256 weight = governor.castVote(proposalId, 1);
        IDisCOGovernor.ProposalTally memory t = governor.proposalTally(proposalId);
        assertEq(weight, promote ? 0 : 1, "weight");
        assertEq(t.forVotes, promote ? 0 : 1, "forVotes");
        assertEq(t.advisoryFor, promote ? 1 : 0, "advisoryFor");
    }

    /// @dev Whatever happens to the membership around the snapshot and whoever tries to vote, binding votes are
    /// exactly the Committed founders who stayed, and never more than the binding members at the snapshot.
    function testFuzz_castVote_bindingVotesNeverExceedPastTotalSupply(uint256 churnSeed, uint256 supportSeed) public {
        (address[] memory founders, ) = _foundersList();
        uint256 proposalId = _propose(false);
        uint256 snapshot = governor.proposalSnapshot(proposalId);

        // Before the snapshot: some founders leave; two newcomers join as Committed.
        for (uint256 i = 0; i < founders.length; ++i) {
            if (_action(churnSeed, i) == 1) _leave(founders[i]);
        }
        _admit(newcomer, IMembership.Stage.Committed);
        vm.warp(snapshot + 1);
        // After the snapshot: others leave, the rest are promoted; late joiners arrive.
        for (uint256 i = 0; i < founders.length; ++i) {
            uint256 action = _action(churnSeed, i);
            if (action == 2) _leave(founders[i]);
            if (action == 3 && membership.memberOf(founders[i]).stage != IMembership.Stage.Committed) {
                vm.prank(address(timelock));
                membership.changeStage(founders[i], IMembership.Stage.Committed, address(0));
            }
        }
        _admit(outsider, IMembership.Stage.Committed);

        uint256 expectedBinding = 1; // the newcomer admitted before the snapshot
        for (uint256 i = 0; i < founders.length; ++i) {
            uint256 action = _action(churnSeed, i);
            if (i < COMMITTED_FOUNDERS && action != 1 && action != 2) ++expectedBinding;
        }
        for (uint256 i = 0; i < founders.length; ++i) _tryVote(proposalId, founders[i], supportSeed >> i);
        _tryVote(proposalId, newcomer, supportSeed >> 20);
        _tryVote(proposalId, outsider, supportSeed >> 21);

        uint256 binding = _bindingTotal(governor.proposalTally(proposalId));
        assertEq(binding, expectedBinding, "binding votes");
        assertLe(binding, membership.getPastTotalSupply(snapshot), "binding votes exceed the supply at the snapshot");
    }

    // ------------------------------------------------------------------------------------------------ SUPPORT VALUES

    function test_castVote_blockNeedsAReasonOnConsentProposals() public {
        uint256 proposalId = _propose(true);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.expectRevert(abi.encodeWithSelector(IDisCOGovernor.DisCOGovernorBlockWithoutReason.selector));
        vm.prank(committed[0]);
        governor.castVote(proposalId, 3);

        vm.prank(committed[0]);
        governor.castVoteWithReason(proposalId, 3, "breaks our care principles");
        vm.prank(dating[0]);
        governor.castVoteWithReason(proposalId, 3, "agree");
        IDisCOGovernor.ProposalTally memory t = governor.proposalTally(proposalId);
        assertEq(t.blockVotes, 1, "blockVotes");
        assertEq(t.advisoryBlock, 1, "advisoryBlock");
    }

    function test_castVote_blockRevertsOnStandardProposals() public {
        uint256 proposalId = _proposeAndActivate();
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidVoteType.selector));
        vm.prank(committed[0]);
        governor.castVoteWithReason(proposalId, 3, "no");
    }

    function testFuzz_castVote_revertsForUnknownSupport(uint8 support, uint8 who) public {
        support = uint8(_bound(support, 4, type(uint8).max));
        uint256 proposalId = _proposeAndActivate();
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidVoteType.selector));
        vm.prank(_voter(who));
        governor.castVote(proposalId, support);
    }

    // ------------------------------------------------------------------------------------------------ OUTCOMES

    function test_state_advisoryVotesDoNotCountTowardsQuorum() public {
        uint256 proposalId = _proposeAndActivate();
        for (uint256 i = 0; i < dating.length; ++i) {
            vm.prank(dating[i]);
            governor.castVote(proposalId, 1);
        }
        for (uint256 i = 0; i < 2; ++i) {
            vm.prank(committed[i]);
            governor.castVote(proposalId, 1);
        }
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(governor.quorum(governor.proposalSnapshot(proposalId)), 3, "quorum");
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated), "state");
    }

    /// @dev The path that does change settings and membership: a bylaw proposal, voted, queued and executed.
    function test_execute_bylawProposalChangesSettingsAndMembership() public {
        address[] memory targets = new address[](3);
        bytes[] memory calldatas = new bytes[](3);
        targets[0] = address(governor);
        calldatas[0] = abi.encodeCall(IDisCOGovernor.setSupermajority, (3, 4));
        targets[1] = address(governor);
        calldatas[1] = abi.encodeCall(governor.setVotingPeriod, (3 days));
        targets[2] = address(membership);
        calldatas[2] = abi.encodeCall(IMembership.admit, (newcomer, IMembership.Stage.Committed, 2, address(0)));
        uint256[] memory values = new uint256[](3);
        string memory description = "Raise the supermajority, shorten votes, admit a newcomer";
        assertEq(
            uint8(governor.classify(targets, calldatas, description)),
            uint8(IDisCOGovernor.ProposalKind.Bylaw),
            "kind"
        );

        vm.prank(committed[0]);
        uint256 proposalId = governor.propose(targets, values, calldatas, description);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        for (uint256 i = 0; i < committed.length; ++i) {
            vm.prank(committed[i]);
            governor.castVote(proposalId, i == 0 ? 0 : 1);
        }
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded), "succeeded");

        bytes32 descriptionHash = keccak256(bytes(description));
        governor.queue(targets, values, calldatas, descriptionHash);
        vm.warp(block.timestamp + TIMELOCK_DELAY + 1);
        governor.execute(targets, values, calldatas, descriptionHash);

        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed), "executed");
        (uint16 numerator, uint16 denominator) = governor.supermajority();
        assertEq(numerator, 3, "numerator");
        assertEq(denominator, 4, "denominator");
        assertEq(governor.votingPeriod(), 3 days, "votingPeriod");
        assertEq(uint8(membership.memberOf(newcomer).stage), uint8(IMembership.Stage.Committed), "newcomer");
    }

    // ------------------------------------------------------------------------------------------------ ONLY GOVERNANCE

    function testFuzz_setSupermajority_revertsForNonExecutor(
        address caller,
        uint16 numerator,
        uint16 denominator
    ) public {
        _expectOnlyExecutor(caller);
        governor.setSupermajority(numerator, denominator);
        (uint16 n, uint16 d) = governor.supermajority();
        assertEq(n, SUPERMAJORITY_NUMERATOR, "numerator");
        assertEq(d, SUPERMAJORITY_DENOMINATOR, "denominator");
    }

    function testFuzz_setConstituencyShares_revertsForNonExecutor(address caller, uint16[8] memory shares) public {
        _expectOnlyExecutor(caller);
        governor.setConstituencyShares(shares);
        uint16[8] memory current = governor.constituencyShares();
        for (uint256 c = 0; c < 8; ++c) assertEq(current[c], 0, "shares");
    }

    function testFuzz_setBylawFunction_revertsForNonExecutor(
        address caller,
        address target,
        bytes4 selector,
        bool isBylaw
    ) public {
        _expectOnlyExecutor(caller);
        governor.setBylawFunction(target, selector, isBylaw);
    }

    function testFuzz_updateQuorumNumerator_revertsForNonExecutor(address caller, uint256 numerator) public {
        _expectOnlyExecutor(caller);
        governor.updateQuorumNumerator(numerator);
        assertEq(governor.quorumNumerator(), QUORUM_BPS, "quorumNumerator");
    }

    function testFuzz_setVotingPeriod_revertsForNonExecutor(address caller, uint32 period) public {
        _expectOnlyExecutor(caller);
        governor.setVotingPeriod(period);
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "votingPeriod");
    }

    function testFuzz_setVotingDelay_revertsForNonExecutor(address caller, uint48 delay) public {
        _expectOnlyExecutor(caller);
        governor.setVotingDelay(delay);
        assertEq(governor.votingDelay(), VOTING_DELAY, "votingDelay");
    }

    function testFuzz_setProposalThreshold_revertsForNonExecutor(address caller, uint256 threshold) public {
        _expectOnlyExecutor(caller);
        governor.setProposalThreshold(threshold);
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD, "proposalThreshold");
    }

    function testFuzz_updateTimelock_revertsForNonExecutor(address caller, address newTimelock) public {
        _expectOnlyExecutor(caller);
        governor.updateTimelock(TimelockController(payable(newTimelock)));
        assertEq(governor.timelock(), address(timelock), "timelock");
    }

    function testFuzz_relay_revertsForNonExecutor(address caller, address account) public {
        bytes memory data = abi.encodeCall(IMembership.admit, (account, IMembership.Stage.Committed, 0, address(0)));
        _expectOnlyExecutor(caller);
        governor.relay(address(membership), 0, data);
    }

    /// @dev Even the timelock cannot call a setter outside the execution of a proposal.
    function test_setSupermajority_revertsForTimelockOutsideAProposal() public {
        vm.expectRevert();
        vm.prank(address(timelock));
        governor.setSupermajority(3, 4);
    }

    // ------------------------------------------------------------------------------------------------ MEMBERSHIP ADMIN

    function testFuzz_admit_revertsForAnyoneButTheTimelock(address caller, address account) public {
        _expectUnauthorizedMembershipAdmin(caller);
        membership.admit(account, IMembership.Stage.Committed, 0, address(0));
    }

    function testFuzz_changeStage_revertsForAnyoneButTheTimelock(address caller, uint8 who) public {
        _expectUnauthorizedMembershipAdmin(caller);
        membership.changeStage(_voter(who), IMembership.Stage.Casual, address(0));
    }

    function testFuzz_remove_revertsForAnyoneButTheTimelock(address caller, uint8 who) public {
        address member = _voter(who);
        _expectUnauthorizedMembershipAdmin(caller);
        membership.remove(member, "coup");
        assertTrue(membership.isMember(member), "still a member");
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    function _propose(bool consent) internal returns (uint256) {
        address[] memory targets = new address[](1);
        targets[0] = address(membership);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(IMembership.changeConstituency, (casual[0], 2));
        vm.prank(committed[0]);
        return
            governor.propose(
                targets,
                new uint256[](1),
                calldatas,
                consent ? "[consent] Move a casual member" : "Move a casual member"
            );
    }

    function _proposeAndActivate() internal returns (uint256 proposalId) {
        proposalId = _propose(false);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Active), "active");
    }

    function _admit(address account, IMembership.Stage stage) internal {
        address mentor =
            stage >= IMembership.Stage.Dating1 && stage <= IMembership.Stage.Dating3 ? committed[0] : address(0);
        vm.prank(address(timelock));
        membership.admit(account, stage, 0, mentor);
    }

    function _leave(address account) internal {
        vm.prank(account);
        membership.leave();
    }

    /// @dev Casts a vote and ignores a refusal; returns nothing, the tally tells.
    function _tryVote(uint256 proposalId, address voter, uint256 supportSeed) internal {
        vm.prank(voter);
        try governor.castVote(proposalId, uint8(supportSeed % 3)) {} catch {}
    }

    /// @dev For founder i: 0 nothing, 1 leaves before the snapshot, 2 leaves after it, 3 promoted after it.
    function _action(uint256 seed, uint256 i) internal pure returns (uint256) {
        return (seed >> (2 * i)) % 4;
    }

    /// @dev A founder with a say (Committed or Dating).
    function _voter(uint8 who) internal view returns (address) {
        uint256 i = who % (committed.length + dating.length);
        return i < committed.length ? committed[i] : dating[i - committed.length];
    }

    function _assumeNotFounder(address account) internal view {
        vm.assume(account != address(0));
        (address[] memory founders, ) = _foundersList();
        for (uint256 i = 0; i < founders.length; ++i) vm.assume(account != founders[i]);
    }

    function _expectNotEligible(address voter, uint256 proposalId) internal {
        vm.expectRevert(abi.encodeWithSelector(IDisCOGovernor.DisCOGovernorNotEligible.selector, voter, proposalId));
    }

    /// @dev Expects the next call, made by `caller`, to fail with GovernorOnlyExecutor.
    function _expectOnlyExecutor(address caller) internal {
        vm.assume(caller != address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, caller));
        vm.prank(caller);
    }

    /// @dev Expects the next call, made by `caller`, to fail with AccessControlUnauthorizedAccount.
    function _expectUnauthorizedMembershipAdmin(address caller) internal {
        vm.assume(caller != address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, bytes32(0))
        );
        vm.prank(caller);
    }

    function _bindingTotal(IDisCOGovernor.ProposalTally memory t) internal pure returns (uint256) {
        return uint256(t.forVotes) + t.againstVotes + t.abstainVotes + t.blockVotes;
    }

    function _advisoryTotal(IDisCOGovernor.ProposalTally memory t) internal pure returns (uint256) {
        return uint256(t.advisoryFor) + t.advisoryAgainst + t.advisoryAbstain + t.advisoryBlock;
    }
}

/// @notice Invariants of DisCOGovernor in a DisCO whose membership changes while proposals are open, checked against
/// DisCOGovernorHandler's model of who may vote on what.
contract DisCOGovernorInvariantTest is DisCOFixture {
    uint256 internal constant NEWCOMERS = 5;

    DisCOGovernorHandler internal handler;

    function setUp() public {
        _deployDisCO();
        (address[] memory founders, IMembership.Stage[] memory stages) = _foundersList();
        address[] memory newcomers = new address[](NEWCOMERS);
        for (uint256 i = 0; i < NEWCOMERS; ++i) {
            newcomers[i] = _makeAddr(string.concat("newcomer", string(abi.encodePacked(bytes1(uint8(48 + i))))));
        }
        handler = new DisCOGovernorHandler(governor, membership, timelock, founders, stages, newcomers);

        // Two proposals open for voting from the first call on; the handler makes more as time passes.
        vm.warp(START + 1);
        uint256 standard = handler.propose(0, false);
        handler.propose(1, true);
        vm.warp(governor.proposalSnapshot(standard) + 1);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_bindingVotesNeverExceedPastTotalSupply() public view {
        for (uint256 i = 0; i < handler.proposalCount(); ++i) {
            uint256 proposalId = handler.proposalAt(i);
            uint256 snapshot = governor.proposalSnapshot(proposalId);
            uint256 binding = _bindingTotal(governor.proposalTally(proposalId));
            if (snapshot >= block.timestamp) {
                assertEq(binding, 0, "votes before the snapshot");
                continue;
            }
            assertLe(
                binding,
                membership.getPastTotalSupply(snapshot),
                "binding votes exceed the supply at the snapshot"
            );
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_talliesMatchModel() public view {
        for (uint256 i = 0; i < handler.proposalCount(); ++i) {
            uint256 proposalId = handler.proposalAt(i);
            IDisCOGovernor.ProposalTally memory t = governor.proposalTally(proposalId);
            DisCOGovernorHandler.Tally memory m = handler.tallyOf(proposalId);
            assertEq(t.forVotes, m.forVotes, "forVotes");
            assertEq(t.againstVotes, m.againstVotes, "againstVotes");
            assertEq(t.abstainVotes, m.abstainVotes, "abstainVotes");
            assertEq(t.blockVotes, m.blockVotes, "blockVotes");
            assertEq(t.advisoryFor, m.advisoryFor, "advisoryFor");
            assertEq(t.advisoryAgainst, m.advisoryAgainst, "advisoryAgainst");
            assertEq(t.advisoryAbstain, m.advisoryAbstain, "advisoryAbstain");
            assertEq(t.advisoryBlock, m.advisoryBlock, "advisoryBlock");
        }
    }

    /// @dev Every counted vote is one address's only vote.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_eachAddressVotesOnce() public view {
        for (uint256 i = 0; i < handler.proposalCount(); ++i) {
            uint256 proposalId = handler.proposalAt(i);
            uint256 voters;
            for (uint256 j = 0; j < handler.actorCount(); ++j) {
                address actor = handler.actorAt(j);
                bool voted = governor.hasVoted(proposalId, actor);
                assertTrue(voted == handler.hasVotedInModel(proposalId, actor), "hasVoted against the model");
                if (voted) ++voters;
            }
            IDisCOGovernor.ProposalTally memory t = governor.proposalTally(proposalId);
            assertEq(_bindingTotal(t) + _advisoryTotal(t), voters, "votes counted against voters");
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_pastTotalSupplyMatchesModel() public view {
        for (uint256 i = 0; i < handler.proposalCount(); ++i) {
            uint256 snapshot = governor.proposalSnapshot(handler.proposalAt(i));
            if (snapshot >= block.timestamp) continue;
            assertEq(membership.getPastTotalSupply(snapshot), handler.committedAt(snapshot), "getPastTotalSupply");
        }
    }

    /// @dev Nothing in the campaign executes a proposal, so no setting may move.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_settingsChangeOnlyThroughGovernance() public view {
        (uint16 numerator, uint16 denominator) = governor.supermajority();
        assertEq(numerator, SUPERMAJORITY_NUMERATOR, "supermajority numerator");
        assertEq(denominator, SUPERMAJORITY_DENOMINATOR, "supermajority denominator");
        uint16[8] memory shares = governor.constituencyShares();
        for (uint256 c = 0; c < 8; ++c) assertEq(shares[c], 0, "constituency shares");
        assertEq(governor.quorumNumerator(), QUORUM_BPS, "quorumNumerator");
        assertEq(governor.votingDelay(), VOTING_DELAY, "votingDelay");
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "votingPeriod");
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD, "proposalThreshold");
        assertEq(governor.timelock(), address(timelock), "timelock");
        assertFalse(governor.isBylawFunction(address(membership), IMembership.admit.selector), "bylaw function");
        assertTrue(membership.hasRole(bytes32(0), address(timelock)), "membership admin");
    }

    /// @dev Votes were accepted exactly when the model says (binding for Committed at the snapshot and still a
    /// member since, advisory for Dating, refused for everyone else with the right error); forbidden calls failed.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_handlerSawNoViolation() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @dev Proves the campaign ran.
    function afterInvariant() public view {
        assertGt(handler.calls(), 0, "handler never called");
    }

    function _bindingTotal(IDisCOGovernor.ProposalTally memory t) internal pure returns (uint256) {
        return uint256(t.forVotes) + t.againstVotes + t.abstainVotes + t.blockVotes;
    }

    function _advisoryTotal(IDisCOGovernor.ProposalTally memory t) internal pure returns (uint256) {
        return uint256(t.advisoryFor) + t.advisoryAgainst + t.advisoryAbstain + t.advisoryBlock;
    }
}
