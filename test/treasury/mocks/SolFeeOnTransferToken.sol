// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title SolFeeOnTransferToken
/// @notice A test ERC-20 that burns a fee of `feeBps` on every transfer (mints and burns are free). Either the fee
/// comes out of the amount sent (the recipient gets less: `chargeSender` false) or the sender pays it on top (the
/// sender loses more than it sent: `chargeSender` true). Only for the Solidity tests of test/treasury.
contract SolFeeOnTransferToken is ERC20 {
    uint256 public immutable feeBps;
    bool public immutable chargeSender;

    constructor(uint256 feeBps_, bool chargeSender_) ERC20("Solidity Fee Token", "SFEE") {
        require(feeBps_ <= 10_000, "fee above 100%");
        (feeBps, chargeSender) = (feeBps_, chargeSender_);
    }

    /// @notice Mints `amount` to `to` (anyone may).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The fee a transfer of `amount` pays, rounded down.
    function feeOf(uint256 amount) public view returns (uint256) {
        return (amount * feeBps) / 10_000;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = feeOf(value);
        super._update(from, to, chargeSender ? value : value - fee);
        if (fee != 0) super._update(from, address(0), fee);
    }
}
