// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @notice The benchmark baseline's voting token: a stock OpenZeppelin ERC20Votes (with ERC20Permit, as the
/// Wizard writes it). `mintDelegated` only sets the benchmark up quickly: it leaves each holder in the state that
/// minting and then calling `delegate(self)` would, many holders per transaction. Not part of the product.
contract BenchVotesToken is ERC20, ERC20Permit, ERC20Votes {
    constructor() ERC20("Bench Votes", "BVOTE") ERC20Permit("Bench Votes") {}

    /// @notice Mints `amount` to each holder and delegates each holder's votes to themself.
    function mintDelegated(address[] calldata holders, uint256 amount) external {
        for (uint256 i = 0; i < holders.length; ++i) {
            _mint(holders[i], amount);
            _delegate(holders[i], holders[i]);
        }
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
