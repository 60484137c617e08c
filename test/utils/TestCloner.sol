// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @title TestCloner
/// @notice Makes single clones of the DisCO implementations for the TypeScript tests (test/helpers/clones.ts):
/// DisCOFactory makes only whole DisCOs, while a test of one contract wants that contract alone.
contract TestCloner {
    /// @notice One clone to make.
    /// @param implementation The implementation the clone runs
    /// @param args The clone's immutable arguments; none for a plain ERC-1167 clone (the membership's, the timelock's)
    /// @param initialisation The clone's `initialize` call; none to leave it uninitialised
    struct Clone {
        address implementation;
        bytes args;
        bytes initialisation;
    }

    /// @notice Makes and initialises the clones in order, as DisCOFactory does, in one transaction: this contract's
    /// n-th clone (from 0) is its CREATE at nonce n + 1, an address known before the transaction, so that two clones
    /// can name each other (a treasury and its capital accounts).
    function clone(Clone[] calldata clones) external returns (address[] memory instances) {
        instances = new address[](clones.length);
        for (uint256 i = 0; i < clones.length; ++i) {
            Clone calldata c = clones[i];
            instances[i] =
                c.args.length == 0
                    ? Clones.clone(c.implementation)
                    : Clones.cloneWithImmutableArgs(c.implementation, c.args);
            if (c.initialisation.length != 0) Address.functionCall(instances[i], c.initialisation);
        }
    }
}
