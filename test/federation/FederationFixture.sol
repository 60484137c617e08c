// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Federation} from "../../contracts/federation/Federation.sol";
import {IDisCOFactory} from "../../contracts/interfaces/IDisCOFactory.sol";
import {IFederation} from "../../contracts/interfaces/IFederation.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {DisCOFixture} from "../utils/DisCOFixture.sol";

/// @title FederationFixture
/// @notice Factory-made DisCOs, each with a treasurer and an auditor of its own, and a federation founded by the
/// first (the fixture's DisCO) through the factory. Acting as a DisCO's timelock (`vm.prank(timelock)`) is what its
/// members' executed proposal does.
abstract contract FederationFixture is DisCOFixture {
    bytes32 internal constant TREASURER_ROLE = keccak256("TREASURER_ROLE");
    bytes32 internal constant AUDITOR_ROLE = keccak256("AUDITOR_ROLE");
    uint32 internal constant FEDERATION_VOTING_PERIOD = 5 days;
    string internal constant FEDERATION_NAME = "Commons Federation";
    string internal constant CHARTER_URI = "ipfs://charter-v1";
    bytes32 internal constant CHARTER_HASH = keccak256("charter v1");
    /// @dev The mutual-credit network's longest path, in hops, of the federation founded here.
    uint8 internal constant CREDIT_MAX_HOPS = 4;

    Federation internal federation;
    /// @dev The DisCOs made, the fixture's first; `treasurers[i]` and `auditors[i]` serve `discos[i]`.
    IDisCOFactory.DisCO[] internal discos;
    address[] internal treasurers;
    address[] internal auditors;

    /// @dev Makes `count` DisCOs (at least one) and the federation founded by the first.
    function _deployFederation(uint256 count) internal {
        _deployDisCO();
        discos.push(disco);
        for (uint256 i = 1; i < count; ++i) discos.push(factory.create(_params(_founders())));
        for (uint256 i = 0; i < count; ++i) {
            treasurers.push(_makeAddr(string.concat("treasurer", _digit(i))));
            auditors.push(_makeAddr(string.concat("auditor", _digit(i))));
            vm.prank(discos[i].timelock);
            IAccessControl(discos[i].ledger).grantRole(TREASURER_ROLE, treasurers[i]);
            vm.prank(discos[i].timelock);
            IAccessControl(discos[i].audit).grantRole(AUDITOR_ROLE, auditors[i]);
        }
        vm.prank(discos[0].timelock);
        federation = Federation(factory.createFederation(_federationParams()));
        vm.label(address(federation), "federation");
    }

    function _federationParams() internal pure returns (IDisCOFactory.FederationParams memory) {
        return
            IDisCOFactory.FederationParams({
                name: FEDERATION_NAME,
                charterURI: CHARTER_URI,
                charterHash: CHARTER_HASH,
                votingPeriod: FEDERATION_VOTING_PERIOD,
                maxHops: CREDIT_MAX_HOPS,
                memberAccounts: false
            });
    }

    /// @dev DisCO `i` applies, every member votes For, and the admission is executed.
    function _join(uint256 i) internal returns (uint256 id) {
        vm.prank(discos[i].timelock);
        id = federation.applyToJoin("we share the charter");
        _voteAll(id, true);
        federation.execute(id);
    }

    /// @dev Every fixture DisCO that can vote on `id` votes, through its timelock.
    function _voteAll(uint256 id, bool support) internal {
        for (uint256 k = 0; k < discos.length; ++k) {
            IFederation.Member memory m = federation.memberOf(discos[k].membership);
            if (!m.active || m.admission > federation.proposal(id).snapshot) continue;
            if (federation.state(id) != IFederation.ProposalState.Active) return;
            vm.prank(discos[k].timelock);
            federation.vote(id, discos[k].membership, support);
        }
    }

    /// @dev Closes DisCO `i`'s open period and waits out its review window: the period returned is final.
    function _finalPeriod(uint256 i) internal returns (uint32 period) {
        vm.prank(treasurers[i]);
        period = ValueLedger(discos[i].ledger).closePeriod();
        vm.warp(block.timestamp + DesignDefaults.REVIEW_WINDOW);
    }

    function _figures() internal pure returns (IFederation.Figures memory) {
        return
            IFederation.Figures({
                members: 11,
                bindingMembers: 6,
                payable_: [uint64(1_200), 300, 40],
                moneyIn: 5_000e6,
                moneyOut: 4_200e6,
                creditIn: 150_000,
                creditOut: 82_050
            });
    }

    function _id(uint256 i) internal view returns (address) {
        return discos[i].membership;
    }

    function _timelock(uint256 i) internal view returns (address) {
        return discos[i].timelock;
    }

    function _digit(uint256 i) internal pure returns (string memory) {
        return string(abi.encodePacked(bytes1(uint8(48 + i))));
    }
}
