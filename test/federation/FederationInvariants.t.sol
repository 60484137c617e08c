// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFederation} from "../../contracts/interfaces/IFederation.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {FederationFixture} from "./FederationFixture.sol";
import {FederationHandler} from "./FederationHandler.sol";

/// @notice Fuzzed invariants of a federation driven by FederationHandler: only a DisCO's own timelock (or its
/// delegate, for proposals and votes) acts for it in membership, trust and delegates, and only the federation's
/// decisions otherwise change who is a member; a check-in and a verdict never change; at most one vote per member
/// DisCO per proposal; a proposal's For + Against never exceed its electorate; no trust holds from or toward a
/// non-member; a proposal is executed only within its window, never withdrawn or stale (the handler's checks).
contract FederationInvariantsTest is FederationFixture {
    FederationHandler internal handler;

    function setUp() public {
        _deployFederation(4);
        _join(1);
        _join(2);
        for (uint256 i = 0; i < discos.length; ++i) {
            for (uint256 p = 0; p < 3; ++p) {
                vm.prank(treasurers[i]);
                ValueLedger(discos[i].ledger).closePeriod();
            }
        }
        vm.warp(block.timestamp + DesignDefaults.REVIEW_WINDOW);
        handler = new FederationHandler(federation, discos, treasurers, auditors);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_handlerSawNoViolation() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @dev Membership, delegates, bounds and trust are those the model's allowed actions made.
    function invariant_onlyAllowedHandsChangeMembershipTrustAndDelegates() public view {
        uint256 active;
        for (uint256 i = 0; i < handler.count(); ++i) {
            address disco = handler.idAt(i);
            IFederation.Member memory m = federation.memberOf(disco);
            assertTrue(m.active == handler.ghostActive(disco), "membership as decided");
            assertEq(m.delegate, handler.ghostDelegate(disco), "delegate as its timelock named");
            assertEq(m.treasurerTrustBound, handler.ghostBound(disco), "bound as its timelock set");
            if (m.active) ++active;
            for (uint256 j = 0; j < handler.count(); ++j) {
                address to = handler.idAt(j);
                assertEq(federation.trustOf(disco, to), handler.ghostTrust(disco, to), "trust as its own hands set");
            }
        }
        assertEq(federation.memberCount(), active, "member count");
    }

    /// @dev No trust from or toward a DisCO that is not a member now (it lapsed when it left or was removed).
    function invariant_noTrustFromOrTowardANonMember() public view {
        for (uint256 i = 0; i < handler.count(); ++i) {
            address disco = handler.idAt(i);
            if (federation.isMember(disco)) continue;
            for (uint256 j = 0; j < handler.count(); ++j) {
                address other = handler.idAt(j);
                assertEq(federation.trustOf(disco, other), 0, "none from a non-member");
                assertEq(federation.trustOf(other, disco), 0, "none toward a non-member");
            }
        }
    }

    /// @dev Every check-in recorded stays; none appears that the model did not see; verdicts never change.
    function invariant_checkInsAndVerdictsNeverChange() public view {
        for (uint256 i = 0; i < handler.count(); ++i) {
            address disco = handler.idAt(i);
            for (uint32 p = 1; p <= handler.PERIODS() + 1; ++p) {
                assertTrue(federation.checkedIn(disco, p) == handler.ghostCheckedIn(disco, p), "check-in as made");
                for (uint256 k = 0; k < handler.count(); ++k) {
                    address peer = handler.idAt(k);
                    assertEq(
                        uint8(federation.verdictOf(disco, p, peer)),
                        uint8(handler.ghostVerdict(disco, p, peer)),
                        "verdict as given"
                    );
                }
            }
        }
    }

    /// @dev One vote per member DisCO per proposal, and no more votes than the electorate.
    function invariant_oneVotePerMemberDisCO() public view {
        for (uint256 id = 1; id <= federation.proposalCount(); ++id) {
            IFederation.Proposal memory p = federation.proposal(id);
            uint256 cast = uint256(p.forVotes) + p.againstVotes;
            assertEq(cast, handler.ghostVotes(id), "votes as cast");
            assertLe(cast, p.electorate, "For + Against within the electorate");
            for (uint256 i = 0; i < handler.count(); ++i) {
                address disco = handler.idAt(i);
                assertTrue(federation.hasVoted(id, disco) == handler.ghostVoted(id, disco), "hasVoted as cast");
            }
        }
    }
}
