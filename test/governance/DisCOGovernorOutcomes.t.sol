// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IDisCOGovernor} from "../../contracts/interfaces/IDisCOGovernor.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {DisCOFixture} from "../utils/DisCOFixture.sol";
import {DisCOGovernorOutcomesHandler} from "./DisCOGovernorOutcomesHandler.sol";

/// @notice DESIGN.md's invariant 3 (outcomes), fuzzed through whole proposals that really execute through the
/// timelock: every proposal's state is the decision table applied to its tallies; no proposal succeeds with Against
/// above For; the electorate changes only by executed Bylaw proposals or by members leaving.
abstract contract DisCOGovernorOutcomesInvariants is DisCOFixture {
    uint256 internal constant NEWCOMERS = 3;

    DisCOGovernorOutcomesHandler internal handler;

    function setUp() public {
        _deployDisCO();
        vm.warp(START + 1);
        _beforeCampaign();
        (address[] memory founders, ) = _foundersList();
        address[] memory actors = new address[](founders.length + NEWCOMERS);
        for (uint256 i = 0; i < founders.length; ++i) actors[i] = founders[i];
        for (uint256 i = 0; i < NEWCOMERS; ++i) {
            actors[founders.length + i] = _makeAddr(
                string.concat("joiner", string(abi.encodePacked(bytes1(uint8(48 + i)))))
            );
        }
        handler = new DisCOGovernorOutcomesHandler(governor, membership, actors);
        vm.warp(block.timestamp + 1);
    }

    /// @dev What the DisCO looks like when the campaign starts.
    function _beforeCampaign() internal virtual;

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_outcomesFollowTheDecisionTable() public view {
        for (uint256 i = 0; i < handler.recordCount(); ++i) {
            DisCOGovernorOutcomesHandler.Record memory r = handler.recordAt(i);
            assertEq(uint8(governor.state(r.id)), uint8(_expectedState(r)), "state against the decision table");
            IDisCOGovernor.ProposalTally memory t = governor.proposalTally(r.id);
            assertEq(t.forVotes, r.forVotes, "forVotes");
            assertEq(t.againstVotes, r.againstVotes, "againstVotes");
            assertEq(t.abstainVotes, r.abstainVotes, "abstainVotes");
            assertEq(t.blockVotes, r.blockVotes, "blockVotes");
        }
    }

    function invariant_noProposalSucceedsWithAgainstAboveFor() public view {
        for (uint256 i = 0; i < handler.recordCount(); ++i) {
            DisCOGovernorOutcomesHandler.Record memory r = handler.recordAt(i);
            IGovernor.ProposalState s = governor.state(r.id);
            bool passed =
                s == IGovernor.ProposalState.Succeeded ||
                    s == IGovernor.ProposalState.Queued ||
                    s == IGovernor.ProposalState.Executed;
            if (!passed) continue;
            (uint256 forVotes, uint256 againstVotes) = _decisiveVotes(r);
            assertGt(forVotes, againstVotes, "a proposal passed with Against >= For");
            // DESIGN.md: no proposal passes when more binding members voted Against than For, weighted or not.
            assertLe(r.againstVotes, r.forVotes, "a proposal passed with more binding members Against than For");
        }
    }

    /// @dev The handler checked each executed proposal's effect on the binding count; here the contract's present and
    /// past counts must be the model's, which only executed Bylaw proposals and departures move.
    function invariant_electorateChangesOnlyByBylawOrLeaving() public view {
        assertEq(membership.bindingMembers(), handler.bindingAt(block.timestamp), "bindingMembers");
        for (uint256 i = 0; i < handler.electorateCount(); ++i) {
            DisCOGovernorOutcomesHandler.Electorate memory e = handler.electorateAt(i);
            if (e.timepoint >= block.timestamp) continue;
            assertEq(membership.getPastTotalSupply(e.timepoint), e.binding, "getPastTotalSupply");
        }
    }

    function invariant_handlerSawNoViolation() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @dev Proves the campaign ran.
    function afterInvariant() public view {
        assertGt(handler.calls(), 0, "handler never called");
    }

    // ------------------------------------------------------------------------------------------------ THE TABLE

    /// @dev OpenZeppelin's lifecycle around the decision: Pending until the snapshot, Active until the deadline, then
    /// Defeated unless the table says it passes; a passed proposal is Succeeded, Queued or Executed as the handler
    /// took it (nothing cancels).
    function _expectedState(
        DisCOGovernorOutcomesHandler.Record memory r
    ) internal view returns (IGovernor.ProposalState) {
        if (governor.proposalSnapshot(r.id) >= block.timestamp) return IGovernor.ProposalState.Pending;
        if (governor.proposalDeadline(r.id) >= block.timestamp) return IGovernor.ProposalState.Active;
        if (!_passes(r)) return IGovernor.ProposalState.Defeated;
        if (r.executed) return IGovernor.ProposalState.Executed;
        if (r.queued) return IGovernor.ProposalState.Queued;
        return IGovernor.ProposalState.Succeeded;
    }

    /// @dev Quorum: ceil(binding members at the snapshot x quorum / 10,000) <= binding For + Against + Abstain +
    /// Block. Then never more binding members Against than For; For > Against for every kind (weighted when
    /// weighted); Consent: no Block; Bylaw: For x den >= (For + Against) x num.
    function _passes(DisCOGovernorOutcomesHandler.Record memory r) internal view returns (bool) {
        uint256 snapshot = governor.proposalSnapshot(r.id);
        uint256 quorum = Math.mulDiv(handler.bindingAt(snapshot), QUORUM_BPS, 10_000, Math.Rounding.Ceil);
        uint256 participation = r.forVotes + r.againstVotes + r.abstainVotes + r.blockVotes;
        if (participation < quorum) return false;
        if (r.againstVotes > r.forVotes) return false;
        (uint256 forVotes, uint256 againstVotes) = _decisiveVotes(r);
        if (forVotes <= againstVotes) return false;
        if (r.kind == IDisCOGovernor.ProposalKind.Consent) return r.blockVotes == 0;
        if (r.kind == IDisCOGovernor.ProposalKind.Standard) return true;
        return forVotes * r.supermajorityDenominator >= (forVotes + againstVotes) * r.supermajorityNumerator;
    }

    /// @dev Head counts, or the weighted votes when the proposal was made with weighting on.
    function _decisiveVotes(
        DisCOGovernorOutcomesHandler.Record memory r
    ) internal view returns (uint256 forVotes, uint256 againstVotes) {
        if (!r.weighted) return (r.forVotes, r.againstVotes);
        (againstVotes, forVotes, ) = governor.weightedVotes(r.id);
    }
}

/// @notice The outcome invariants from one member, one vote (the handler may switch weighting on by a bylaw).
contract DisCOGovernorOutcomesTest is DisCOGovernorOutcomesInvariants {
    function _beforeCampaign() internal override {}
}

/// @notice The outcome invariants with constituency weighting on from the start (the handler may switch it off).
contract DisCOGovernorWeightedOutcomesTest is DisCOGovernorOutcomesInvariants {
    function _beforeCampaign() internal override {
        uint16[8] memory shares = [uint16(5_000), 3_000, 2_000, 0, 0, 0, 0, 0];
        _enact(
            _proposal(
                address(governor),
                abi.encodeCall(IDisCOGovernor.setConstituencyShares, (shares)),
                "Weight the constituencies"
            )
        );
        assertEq(governor.constituencyShares()[0], 5_000, "weighting on");
    }
}
