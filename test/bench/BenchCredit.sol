// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MutualCredit} from "../../contracts/credit/MutualCredit.sol";

/// @notice A benchmark fixture, not part of the DisCO: the MutualCredit network, plus a way to give a line from a
/// placeholder member DisCO (seated by BenchFederation, with no timelock to act), so that a path of three lines ends
/// at one. The measured calls run MutualCredit's own code, by DisCOs that founded, applied and were admitted by vote.
contract BenchCredit is MutualCredit {
    /// @notice Sets the line `giver` extends to `receiver`, as its timelock would.
    function benchLine(address giver, address receiver, uint64 limit) external {
        (Pair storage p, bool low) = _pairView(giver, receiver);
        if (low) p.lowLimit = limit;
        else p.highLimit = limit;
    }
}
