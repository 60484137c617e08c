// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Assertions} from "./Assertions.sol";
import {CheatCodes} from "./Vm.sol";

/// @title Test
/// @notice Base of this project's Solidity tests and handlers: cheatcodes, assertions and input shaping.
abstract contract Test is CheatCodes, Assertions {
    /// @dev Maps any fuzzed `x` into [min, max] (inclusive) without discarding runs.
    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "_bound: min > max");
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @dev A labelled address derived from a name, like forge-std's makeAddr.
    function _makeAddr(string memory name) internal returns (address account) {
        account = address(uint160(uint256(keccak256(bytes(name)))));
        vm.label(account, name);
    }

    /// @dev Whether a call's revert data is exactly `expected`.
    function _isError(bytes memory actual, bytes memory expected) internal pure returns (bool) {
        return keccak256(actual) == keccak256(expected);
    }
}
