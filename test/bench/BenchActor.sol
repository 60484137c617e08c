// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A benchmark fixture, not part of the DisCO: an account (a member, a payer) that makes many calls in one
/// transaction, so that the benchmark builds a history of 100,000 real events in a few hundred blocks. Anyone may
/// drive it; a failing call reverts the whole batch with its reason.
contract BenchActor {
    /// @notice Makes the same call `times` times.
    function repeat(address target, bytes calldata data, uint256 times) external {
        for (uint256 i = 0; i < times; ++i) _call(target, data);
    }

    /// @notice Makes each call in turn.
    function batch(address target, bytes[] calldata data) external {
        for (uint256 i = 0; i < data.length; ++i) _call(target, data[i]);
    }

    function _call(address target, bytes calldata data) private {
        (bool ok, bytes memory reason) = target.call(data);
        if (!ok) {
            // Bubbles the callee's revert data up unchanged, so that the caller sees the contract's own error.
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
    }
}
