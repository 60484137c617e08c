// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {DemoEuro} from "../../contracts/treasury/DemoEuro.sol";
import {IDisCOGovernor} from "../../contracts/interfaces/IDisCOGovernor.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {DisCOFixture} from "../utils/DisCOFixture.sol";

/// @notice Attacks on the decision table, written as tests that must fail to do harm: a minority spending by consent
/// (finding 1), a majority silencing its dissenters or promoting around a supermajority (finding 2), and signed
/// ballots that spend each other's nonces.
contract DisCOGovernorAttacksTest is DisCOFixture {
    uint256 internal constant FUNDS = 10_000e6;
    uint8 internal constant STANDARD = uint8(IDisCOGovernor.ProposalKind.Standard);
    uint8 internal constant BYLAW = uint8(IDisCOGovernor.ProposalKind.Bylaw);
    uint8 internal constant CONSENT = uint8(IDisCOGovernor.ProposalKind.Consent);

    DemoEuro internal euro;
    address internal attacker;

    function setUp() public {
        _deployDisCO();
        attacker = _makeAddr("attacker");
        euro = new DemoEuro();
        euro.faucet(FUNDS);
        euro.transfer(address(timelock), FUNDS);
        vm.warp(START + 1);
    }

    // ------------------------------------------------------------------------------------------------ FINDING 1

    /// @dev 0 For / 4 Against met quorum and used to pass: Against must never help a consent proposal.
    function test_consent_zeroForFourAgainstIsDefeatedAndCannotSpend() public {
        _assertSpendRefused(true, 0, 4);
    }

    function test_consent_oneForTwoAgainstIsDefeatedAndCannotSpend() public {
        _assertSpendRefused(true, 1, 2);
    }

    /// @dev Any split with For <= Against, with or without quorum, defeats a spend of either ordinary kind.
    function testFuzz_spend_forNotAboveAgainstIsDefeated(uint8 forSeed, uint8 againstSeed, bool consent) public {
        uint256 forVotes = forSeed % (COMMITTED_FOUNDERS / 2 + 1);
        uint256 againstVotes = _bound(againstSeed, forVotes, COMMITTED_FOUNDERS - forVotes);
        _assertSpendRefused(consent, forVotes, againstVotes);
    }

    function test_consent_forAboveAgainstWithoutBlockSpends() public {
        Proposal memory p = _spend(true);
        uint256 proposalId = _submit(p, committed[0]);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        _castVotes(proposalId, 2, 1);
        vm.prank(committed[3]);
        governor.castVote(proposalId, 2);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded), "state");

        _queue(p);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        _execute(p);
        assertEq(euro.balanceOf(attacker), FUNDS, "paid");
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed), "executed");
    }

    /// @dev One binding Block stops a consent proposal that everyone else supports.
    function test_consent_oneBlockDefeatsIt() public {
        Proposal memory p = _spend(true);
        uint256 proposalId = _submit(p, committed[0]);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        _castVotes(proposalId, COMMITTED_FOUNDERS - 1, 0);
        vm.prank(committed[COMMITTED_FOUNDERS - 1]);
        governor.castVoteWithReason(proposalId, 3, "not with our reserve");
        vm.warp(governor.proposalDeadline(proposalId) + 1);

        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated), "state");
        _expectNotSucceeded(proposalId);
        _queue(p);
        assertEq(euro.balanceOf(address(timelock)), FUNDS, "funds stay");
    }

    // ------------------------------------------------------------------------------------------------ FINDING 2

    /// @dev Five Committed members; three of them try to demote or remove the other two with a Standard proposal.
    /// The proposals are Bylaws (classify and ProposalClassified say so), and 3 For / 2 Against is 60%, short of 2/3.
    function testFuzz_majority_cannotSilenceDissentersByStandardProposal(bool removeThem) public {
        vm.prank(committed[5]);
        membership.leave();
        vm.warp(block.timestamp + 1);
        address[] memory targets = new address[](2);
        bytes[] memory calldatas = new bytes[](2);
        for (uint256 i = 0; i < 2; ++i) {
            address dissenter = committed[3 + i];
            targets[i] = address(membership);
            calldatas[i] =
                removeThem
                    ? abi.encodeCall(IMembership.remove, (dissenter, "disagrees too often"))
                    : abi.encodeCall(IMembership.changeStage, (dissenter, IMembership.Stage.Dating1, committed[0]));
        }
        Proposal memory p = Proposal(targets, new uint256[](2), calldatas, "Tidy up the membership");
        assertEq(_classify(p), BYLAW, "classify");

        uint256 proposalId = _proposalId(p);
        vm.expectEmit(true, false, false, true, address(governor));
        emit IDisCOGovernor.ProposalClassified(
            proposalId,
            IDisCOGovernor.ProposalKind.Bylaw,
            SUPERMAJORITY_NUMERATOR,
            SUPERMAJORITY_DENOMINATOR,
            _noShares()
        );
        _submit(p, committed[0]);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        _castVotes(proposalId, 3, 2);
        vm.warp(governor.proposalDeadline(proposalId) + 1);

        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated), "state");
        _expectNotSucceeded(proposalId);
        _queue(p);
        for (uint256 i = 0; i < 2; ++i) {
            assertEq(
                uint8(membership.memberOf(committed[3 + i]).stage),
                uint8(IMembership.Stage.Committed),
                "dissenter"
            );
        }
        assertEq(membership.bindingMembers(), 5, "bindingMembers");
    }

    /// @dev The two-step bypass: a Standard proposal to demote or remove a Dating member passes; a bylaw promotes the
    /// member to Committed before it executes; executing the Standard proposal must not remove a binding vote.
    function testFuzz_standardProposal_revertsWhenItsMemberBecameCommitted(bool removeThem) public {
        address target = dating[0];
        Proposal memory standard = _proposal(
            address(membership),
            removeThem
                ? abi.encodeCall(IMembership.remove, (target, "step two"))
                : abi.encodeCall(IMembership.changeStage, (target, IMembership.Stage.Casual, address(0))),
            "Step two: move a dating member out"
        );
        Proposal memory promote = _proposal(
            address(membership),
            abi.encodeCall(IMembership.changeStage, (target, IMembership.Stage.Committed, address(0))),
            "Step one: promote the same member"
        );
        assertEq(_classify(standard), STANDARD, "standard while Dating");
        assertEq(_classify(promote), BYLAW, "promotion");

        uint256 standardId = _submit(standard, committed[0]);
        uint256 promoteId = _submit(promote, committed[1]);
        vm.warp(governor.proposalSnapshot(standardId) + 1);
        _castVotes(standardId, 4, 2);
        _castVotes(promoteId, COMMITTED_FOUNDERS, 0);
        vm.warp(governor.proposalDeadline(standardId) + 1);
        _queue(standard);
        _queue(promote);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        _execute(promote);
        assertEq(uint8(membership.memberOf(target).stage), uint8(IMembership.Stage.Committed), "promoted");
        assertEq(_classify(standard), BYLAW, "standard's calls need a bylaw now");

        vm.expectRevert(abi.encodeWithSelector(IDisCOGovernor.DisCOGovernorNeedsBylaw.selector, standardId));
        _execute(standard);
        assertEq(uint8(membership.memberOf(target).stage), uint8(IMembership.Stage.Committed), "still Committed");
        assertEq(uint8(governor.state(standardId)), uint8(IGovernor.ProposalState.Queued), "still queued");
    }

    /// @dev The classification table for membership calls, weighting off.
    function test_classify_membershipCallsByWhetherTheyChangeBindingVotes() public {
        address m = address(membership);
        address newcomer = _makeAddr("newcomer");
        IMembership.Stage committedStage = IMembership.Stage.Committed;
        IMembership.Stage dating1 = IMembership.Stage.Dating1;
        // Admit or promote to Committed: Bylaw.
        _assertKind(m, abi.encodeCall(IMembership.admit, (newcomer, committedStage, 0, address(0))), BYLAW);
        _assertKind(m, abi.encodeCall(IMembership.changeStage, (dating[1], committedStage, address(0))), BYLAW);
        _assertKind(m, abi.encodeCall(IMembership.changeStage, (casual[0], committedStage, address(0))), BYLAW);
        // Demote or remove a Committed member: Bylaw.
        _assertKind(m, abi.encodeCall(IMembership.changeStage, (committed[2], dating1, committed[0])), BYLAW);
        _assertKind(
            m,
            abi.encodeCall(IMembership.changeStage, (committed[2], IMembership.Stage.Casual, address(0))),
            BYLAW
        );
        _assertKind(m, abi.encodeCall(IMembership.remove, (committed[2], "reason")), BYLAW);
        // Admit or move within Casual and Dating, remove a non-Committed member: Standard.
        _assertKind(m, abi.encodeCall(IMembership.admit, (newcomer, dating1, 0, committed[0])), STANDARD);
        _assertKind(
            m,
            abi.encodeCall(IMembership.admit, (newcomer, IMembership.Stage.Casual, 1, address(0))),
            STANDARD
        );
        _assertKind(m, abi.encodeCall(IMembership.changeStage, (casual[0], dating1, committed[0])), STANDARD);
        _assertKind(
            m,
            abi.encodeCall(IMembership.changeStage, (dating[0], IMembership.Stage.Dating3, committed[1])),
            STANDARD
        );
        _assertKind(m, abi.encodeCall(IMembership.remove, (dating[2], "reason")), STANDARD);
        _assertKind(m, abi.encodeCall(IMembership.remove, (casual[1], "reason")), STANDARD);
        // A constituency change, weighting off: a bylaw for a Committed member (weighting may come on before it
        // executes), Standard for anyone else.
        _assertKind(m, abi.encodeCall(IMembership.changeConstituency, (committed[0], 2)), BYLAW);
        _assertKind(m, abi.encodeCall(IMembership.changeConstituency, (dating[0], 2)), STANDARD);
        // A registered bylaw function and any call to the governor or timelock: Bylaw.
        _assertKind(m, abi.encodeCall(IMembership.setConstituencyName, (1, "neighbours")), BYLAW);
        _assertKind(address(governor), abi.encodeCall(IDisCOGovernor.setSupermajority, (3, 4)), BYLAW);
        _assertKind(address(timelock), abi.encodeCall(timelock.updateDelay, (1 days)), BYLAW);
    }

    /// @dev A consent proposal never carries a bylaw change.
    function test_classify_consentBylawReverts() public {
        Proposal memory p = _proposal(
            address(membership),
            abi.encodeCall(IMembership.changeStage, (dating[0], IMembership.Stage.Committed, address(0))),
            "[consent] promote by consent"
        );
        vm.expectRevert(abi.encodeWithSelector(IDisCOGovernor.DisCOGovernorConsentBylaw.selector));
        governor.classify(p.targets, p.calldatas, p.description);
        vm.expectRevert(abi.encodeWithSelector(IDisCOGovernor.DisCOGovernorConsentBylaw.selector));
        _submit(p, committed[0]);
    }

    /// @dev With weighting on too, moving a Committed member between constituencies is a Bylaw; moving a Dating or
    /// Casual member (no binding vote) stays Standard.
    function test_classify_changeConstituencyOfCommittedIsBylawWithWeighting() public {
        uint16[8] memory shares = [uint16(5_000), 3_000, 2_000, 0, 0, 0, 0, 0];
        _enact(
            _proposal(
                address(governor),
                abi.encodeCall(IDisCOGovernor.setConstituencyShares, (shares)),
                "Weight the constituencies"
            )
        );
        address m = address(membership);
        _assertKind(m, abi.encodeCall(IMembership.changeConstituency, (committed[0], 2)), BYLAW);
        _assertKind(m, abi.encodeCall(IMembership.changeConstituency, (dating[0], 2)), STANDARD);
        _assertKind(m, abi.encodeCall(IMembership.changeConstituency, (casual[0], 0)), STANDARD);
    }

    // ------------------------------------------------------------------------------------------------ KEYED NONCES

    /// @dev A member signs ballots for two proposals before either is relayed; both count, in either order, and
    /// neither can be replayed.
    function testFuzz_castVoteBySig_twoOutstandingBallotsBothRelay(
        bool reverse,
        uint8 supportA,
        uint8 supportB
    ) public {
        uint256 key = 0xA11CE;
        address voter = vm.addr(key);
        vm.prank(address(timelock));
        membership.admit(voter, IMembership.Stage.Committed, 0, address(0));
        vm.warp(block.timestamp + 1);
        uint256 first = _submit(_proposal(address(euro), abi.encodeCall(euro.transfer, (attacker, 1)), "A"), voter);
        uint256 second = _submit(_proposal(address(euro), abi.encodeCall(euro.transfer, (attacker, 2)), "B"), voter);
        vm.warp(governor.proposalSnapshot(first) + 1);
        supportA %= 3;
        supportB %= 3;
        bytes memory ballotA = _signBallot(key, first, supportA);
        bytes memory ballotB = _signBallot(key, second, supportB);

        if (reverse) {
            governor.castVoteBySig(second, supportB, voter, ballotB);
            governor.castVoteBySig(first, supportA, voter, ballotA);
        } else {
            governor.castVoteBySig(first, supportA, voter, ballotA);
            governor.castVoteBySig(second, supportB, voter, ballotB);
        }
        _assertVoted(first, voter, supportA);
        _assertVoted(second, voter, supportB);
        assertEq(governor.nonces(voter, uint192(first)), (uint256(uint192(first)) << 64) | 1, "first's keyed nonce");
        assertEq(governor.nonces(voter, uint192(second)), (uint256(uint192(second)) << 64) | 1, "second's nonce");
        assertEq(governor.nonces(voter), 0, "plain nonce untouched");

        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, voter));
        governor.castVoteBySig(first, supportA, voter, ballotA);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, voter));
        governor.castVoteBySig(second, supportB, voter, ballotB);
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    function _spend(bool consent) internal view returns (Proposal memory) {
        return
            _proposal(
                address(euro),
                abi.encodeCall(euro.transfer, (attacker, FUNDS)),
                consent ? "[consent] Pay the whole float out" : "Pay the whole float out"
            );
    }

    /// @dev Votes `forVotes` For and `againstVotes` Against on a spend, then tries to queue and execute it.
    function _assertSpendRefused(bool consent, uint256 forVotes, uint256 againstVotes) internal {
        Proposal memory p = _spend(consent);
        assertEq(_classify(p), consent ? CONSENT : STANDARD, "kind");
        uint256 proposalId = _submit(p, committed[0]);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        _castVotes(proposalId, forVotes, againstVotes);
        vm.warp(governor.proposalDeadline(proposalId) + 1);

        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated), "state");
        _expectNotSucceeded(proposalId);
        _queue(p);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        // With a timelock, only a Queued proposal executes.
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Defeated,
                bytes32(1 << uint8(IGovernor.ProposalState.Queued))
            )
        );
        _execute(p);
        assertEq(euro.balanceOf(address(timelock)), FUNDS, "funds stay");
        assertEq(euro.balanceOf(attacker), 0, "attacker paid");
    }

    function _expectNotSucceeded(uint256 proposalId) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Defeated,
                bytes32(1 << uint8(IGovernor.ProposalState.Succeeded))
            )
        );
    }

    function _assertKind(address target, bytes memory data, uint8 kind) internal view {
        assertEq(_classify(_proposal(target, data, "classified")), kind, "kind");
    }

    function _assertVoted(uint256 proposalId, address voter, uint8 support) internal view {
        (bool voted, uint8 recorded) = governor.voteOf(proposalId, voter);
        assertTrue(voted, "voted");
        assertEq(recorded, support, "support");
    }

    function _noShares() internal pure returns (uint16[8] memory shares) {}

    /// @dev An EIP-712 Ballot signed with the keyed nonce of this proposal, in the domain the governor reports through
    /// `eip712Domain()` (ERC-5267), as the SDK and the app read it.
    function _signBallot(uint256 key, uint256 proposalId, uint8 support) internal view returns (bytes memory) {
        address voter = vm.addr(key);
        bytes32 structHash = keccak256(
            abi.encode(
                governor.BALLOT_TYPEHASH(),
                proposalId,
                support,
                voter,
                governor.nonces(voter, uint192(proposalId))
            )
        );
        (, string memory name, string memory version, uint256 chainId, address verifyingContract, , ) = governor
            .eip712Domain();
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            key,
            keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash))
        );
        return abi.encodePacked(r, s, v);
    }
}
