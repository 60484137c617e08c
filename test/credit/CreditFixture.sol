// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MutualCredit} from "../../contracts/credit/MutualCredit.sol";
import {IDisCOFactory} from "../../contracts/interfaces/IDisCOFactory.sol";
import {FederationFixture} from "../federation/FederationFixture.sol";
import {Vm} from "../utils/Vm.sol";

/// @title CreditFixture
/// @notice The federation fixture's factory-made DisCOs (each with a treasurer), a federation founded by the first
/// with its mutual-credit network, the next two admitted, and the last left outside. Accounts are named by index:
/// `_id(i)` is DisCO i's id, `_timelock(i)` acts for it by its members' vote, `treasurers[i]` by its treasurers.
abstract contract CreditFixture is FederationFixture {
    /// @dev Lines and amounts in credit units (cents): 100 euros.
    uint64 internal constant LINE = 10_000;

    MutualCredit internal credit;

    /// @dev `count` DisCOs, all but the last members of the federation (DisCO 0 founded it).
    function _deployCredit(uint256 count) internal {
        vm.recordLogs();
        _deployFederation(count);
        credit = MutualCredit(_creditOf(vm.getRecordedLogs()));
        vm.label(address(credit), "credit");
        for (uint256 i = 1; i + 1 < count; ++i) _join(i);
    }

    /// @dev The credit network named by the factory's FederationCreated among `logs`.
    function _creditOf(Vm.Log[] memory logs) internal view returns (address found) {
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter == address(factory) && logs[i].topics[0] == IDisCOFactory.FederationCreated.selector) {
                (, found) = abi.decode(logs[i].data, (string, address));
            }
        }
    }

    /// @dev DisCO `giver`'s timelock sets its line toward DisCO `receiver`.
    function _line(uint256 giver, uint256 receiver, uint64 limit) internal {
        vm.prank(_timelock(giver));
        credit.setCreditLine(_id(giver), _id(receiver), limit);
    }

    /// @dev DisCO `payer`'s timelock pays along the DisCOs `nodes` (by index), with reference "invoice".
    function _pay(uint256[] memory nodes, uint64 amount) internal {
        address[] memory path = _path(nodes);
        vm.prank(_timelock(nodes[0]));
        credit.pay(path[0], path[path.length - 1], path, amount, "invoice");
    }

    function _path(uint256[] memory nodes) internal view returns (address[] memory path) {
        path = new address[](nodes.length);
        for (uint256 i = 0; i < nodes.length; ++i) path[i] = _id(nodes[i]);
    }

    function _nodes(uint256 a, uint256 b) internal pure returns (uint256[] memory n) {
        n = new uint256[](2);
        (n[0], n[1]) = (a, b);
    }

    function _nodes(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory n) {
        n = new uint256[](3);
        (n[0], n[1], n[2]) = (a, b, c);
    }

    function _nodes(uint256 a, uint256 b, uint256 c, uint256 d) internal pure returns (uint256[] memory n) {
        n = new uint256[](4);
        (n[0], n[1], n[2], n[3]) = (a, b, c, d);
    }

    /// @dev DisCO i's balance toward DisCO j.
    function _balance(uint256 i, uint256 j) internal view returns (int256) {
        return credit.balanceOf(_id(i), _id(j));
    }

    function _assertBalance(uint256 i, uint256 j, int256 expected, string memory message) internal view {
        int256 actual = _balance(i, j);
        assertTrue(actual == expected, message);
        assertTrue(credit.balanceOf(_id(j), _id(i)) == -expected, "the other side's balance, opposite");
    }
}
