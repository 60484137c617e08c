// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title CloneArgs
/// @notice Reads the addresses a DisCO contract's clone was created with (OpenZeppelin's
/// `Clones.cloneWithImmutableArgs(implementation, abi.encode(a, b, ...))`), its stand-in for immutables.
/// @dev One word read from the clone's own code: cheaper than OpenZeppelin's `Clones.fetchCloneArgs`, which copies
/// every argument, on calls where a few hundred gas matter (a member's claim). The arguments start after the 45-byte
/// ERC-1167 proxy. Called on anything but such a clone (an implementation itself) it reads whatever code lies there:
/// no address to trust, and none is used, the implementations' initialisers being locked so that none runs a DisCO.
library CloneArgs {
    uint256 private constant _PROXY_LENGTH = 0x2d;

    /// @notice The `index`-th address of the running clone's arguments, counted from 0.
    function addressAt(uint256 index) internal view returns (address value) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let word := mload(0x40)
            extcodecopy(address(), word, add(_PROXY_LENGTH, mul(index, 0x20)), 0x20)
            value := and(mload(word), 0xffffffffffffffffffffffffffffffffffffffff)
        }
    }

    /// @notice The `index`-th address of another clone's arguments, counted from 0: what `instance` would read with
    /// `addressAt(index)`. Past the end of its code it reads zero.
    function addressOf(address instance, uint256 index) internal view returns (address value) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let word := mload(0x40)
            extcodecopy(instance, word, add(_PROXY_LENGTH, mul(index, 0x20)), 0x20)
            value := and(mload(word), 0xffffffffffffffffffffffffffffffffffffffff)
        }
    }
}
