// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A fee-charging token for the Mocha tests. `feeBps` of each transfer is burnt out of the amount (the
/// recipient gets less); `surchargeBps` is burnt from the sender on top of it (the sender loses more). Anyone can
/// mint, set the fees, and `seize` tokens from any holder (a token that moves funds by itself).
contract MochaFeeToken is ERC20 {
    uint16 public feeBps;
    uint16 public surchargeBps;

    constructor(uint16 feeBps_) ERC20("Mocha Fee Token", "FEE") {
        feeBps = feeBps_;
    }

    function setFees(uint16 feeBps_, uint16 surchargeBps_) external {
        feeBps = feeBps_;
        surchargeBps = surchargeBps_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function seize(address from, uint256 amount) external {
        _burn(from, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = (value * feeBps) / 10_000;
        uint256 surcharge = (value * surchargeBps) / 10_000;
        if (fee + surcharge != 0) super._update(from, address(0), fee + surcharge);
        super._update(from, to, value - fee);
    }
}
