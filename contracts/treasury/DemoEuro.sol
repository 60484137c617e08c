// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title DemoEuro
/// @notice A euro-like currency for the local chain and testnets: 6 decimals, and a faucet that gives anyone up
/// to FAUCET_LIMIT per call. Never deploy it as a real currency.
contract DemoEuro is ERC20, ERC20Permit {
    /// @notice The most one faucet call gives: 10,000 euros.
    uint256 public constant FAUCET_LIMIT = 10_000e6;

    /// @notice Thrown when a faucet call asks for nothing or for more than FAUCET_LIMIT.
    error DemoEuroFaucetLimit(uint256 amount, uint256 limit);

    constructor() ERC20("Demo Euro", "dEUR") ERC20Permit("Demo Euro") {}

    /// @notice Mints `amount` to the caller.
    /// @param amount In units of 1e-6 euro, from 1 to FAUCET_LIMIT
    function faucet(uint256 amount) external {
        if (amount == 0 || amount > FAUCET_LIMIT) revert DemoEuroFaucetLimit(amount, FAUCET_LIMIT);
        _mint(_msgSender(), amount);
    }

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
