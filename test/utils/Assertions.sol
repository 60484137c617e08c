// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title Assertions
/// @notice The few assertions these tests use (forge-std's are not available here). A failed assertion reverts with
/// a message that names both values, which the Solidity test runner prints.
abstract contract Assertions {
    using Strings for uint256;
    using Strings for address;

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert(message);
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) revert(message);
    }

    function assertEq(uint256 actual, uint256 expected, string memory message) internal pure {
        if (actual != expected) {
            revert(string.concat(message, ": ", actual.toString(), " != ", expected.toString()));
        }
    }

    function assertEq(address actual, address expected, string memory message) internal pure {
        if (actual != expected) {
            revert(string.concat(message, ": ", actual.toHexString(), " != ", expected.toHexString()));
        }
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory message) internal pure {
        if (actual != expected) {
            revert(
                string.concat(message, ": ", uint256(actual).toHexString(32), " != ", uint256(expected).toHexString(32))
            );
        }
    }

    function assertEq(string memory actual, string memory expected, string memory message) internal pure {
        if (keccak256(bytes(actual)) != keccak256(bytes(expected))) {
            revert(string.concat(message, ": ", actual, " != ", expected));
        }
    }

    function assertLe(uint256 actual, uint256 bound, string memory message) internal pure {
        if (actual > bound) {
            revert(string.concat(message, ": ", actual.toString(), " > ", bound.toString()));
        }
    }

    function assertGt(uint256 actual, uint256 bound, string memory message) internal pure {
        if (actual <= bound) {
            revert(string.concat(message, ": ", actual.toString(), " <= ", bound.toString()));
        }
    }
}
