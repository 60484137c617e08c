// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IDisCOGovernor} from "../../contracts/interfaces/IDisCOGovernor.sol";
import {DisCOFixture} from "../utils/DisCOFixture.sol";

/// @notice The governor's default bylaw table, which lives in its code, and this DisCO's overrides of it, which only
/// governance sets: checked against the table written out independently (DisCOFixture._defaultBylawTable).
contract DisCOGovernorBylawsTest is DisCOFixture {
    /// @dev The default table's functions, entry k being (tableTargets[k], tableSelectors[k]).
    address[] internal tableTargets;
    bytes4[] internal tableSelectors;

    function setUp() public {
        _deployDisCO();
        (tableTargets, tableSelectors) = _defaultBylawTable(disco);
        // Proposing reads the proposer's vote a second ago: let the founders' admission be in the past.
        vm.warp(START + 1);
    }

    /// @dev With no override, the answer is the default table's: true inside it, false for any other function, be
    /// it another function of a contract of the table, a selector of the table on another of its contracts, or any
    /// function of any other address.
    function testFuzz_isBylawFunction_answersTheDefaultTable(
        uint8 whichTarget,
        address anyTarget,
        uint8 whichSelector,
        bytes4 anySelector
    ) public view {
        address[6] memory targets = [
            disco.membership,
            disco.ledger,
            disco.treasury,
            disco.capital,
            disco.audit,
            anyTarget
        ];
        address target = targets[whichTarget % targets.length];
        uint256 s = whichSelector % (tableSelectors.length + 1);
        bytes4 selector = s < tableSelectors.length ? tableSelectors[s] : anySelector;
        assertEq(
            governor.isBylawFunction(target, selector) ? 1 : 0,
            _inDefaultTable(target, selector) ? 1 : 0,
            "the default table's answer"
        );
    }

    /// @dev Nobody but the governance's executor sets an override: the default answer stands.
    function testFuzz_setBylawFunction_revertsForNonExecutor(address caller, uint8 entry, bool isBylaw) public {
        vm.assume(caller != address(timelock));
        (address target, bytes4 selector) = _entry(entry);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, caller));
        vm.prank(caller);
        governor.setBylawFunction(target, selector, isBylaw);
        assertTrue(governor.isBylawFunction(target, selector), "still the default");
    }

    /// @dev Nor the executor itself outside a proposal's execution: Governor checks the call against those of the
    /// proposal being executed, and with none its queue is empty (a pop from an empty queue panics, 0x31).
    function testFuzz_setBylawFunction_revertsForTimelockOutsideAProposal(uint8 entry, bool isBylaw) public {
        (address target, bytes4 selector) = _entry(entry);
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x31));
        vm.prank(address(timelock));
        governor.setBylawFunction(target, selector, isBylaw);
        assertTrue(governor.isBylawFunction(target, selector), "still the default");
    }

    /// @dev Through a proposal, the override decides for its function, both ways, and for no other: a proposal with
    /// that call is a Bylaw or Standard as the members set it.
    function testFuzz_setBylawFunction_overridesOneFunctionThroughGovernance(uint8 entry, bool isBylaw) public {
        (address target, bytes4 selector) = _entry(entry);
        _enact(
            _proposal(
                address(governor),
                abi.encodeCall(IDisCOGovernor.setBylawFunction, (target, selector, isBylaw)),
                "override a default bylaw function"
            )
        );
        assertEq(governor.isBylawFunction(target, selector) ? 1 : 0, isBylaw ? 1 : 0, "the override's answer");
        IDisCOGovernor.ProposalKind expected =
            isBylaw ? IDisCOGovernor.ProposalKind.Bylaw : IDisCOGovernor.ProposalKind.Standard;
        assertEq(
            _classify(_proposal(target, abi.encodePacked(selector), "a call to it")),
            uint8(expected),
            "a proposal calling it"
        );
        (address other, bytes4 otherSelector) = _entry(uint256(entry) + 1);
        assertTrue(governor.isBylawFunction(other, otherSelector), "another default entry is untouched");
    }

    function _entry(uint256 entry) internal view returns (address, bytes4) {
        uint256 k = entry % tableTargets.length;
        return (tableTargets[k], tableSelectors[k]);
    }

    function _inDefaultTable(address target, bytes4 selector) internal view returns (bool) {
        for (uint256 k = 0; k < tableTargets.length; ++k) {
            if (tableTargets[k] == target && tableSelectors[k] == selector) return true;
        }
        return false;
    }
}
