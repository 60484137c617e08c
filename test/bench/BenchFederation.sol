// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Federation} from "../../contracts/federation/Federation.sol";

/// @notice A benchmark fixture, not part of the DisCO: the Federation, plus a way to seat a crowd of member DisCOs
/// without their votes, so that the benchmark reaches 1,000 members (admitting each by a majority of those before it
/// would take about N^2 / 4 votes). The crowd's members are placeholders that never act; the measured calls run the
/// Federation's own code, on DisCOs that founded, applied and were admitted by vote.
contract BenchFederation is Federation {
    /// @notice Seats `disco` as a member, as an executed admission does, without a proposal.
    function benchSeat(address disco) external {
        _admit(disco, _members[disco], 0);
    }
}
