// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ITokenRecovery} from "../../contracts/interfaces/ITokenRecovery.sol";
import {DemoEuro} from "../../contracts/treasury/DemoEuro.sol";
import {Test} from "../utils/Test.sol";

/// @notice The attack on `recoverTokens` that every DisCO contract must refuse, in one place: tokens sent to the
/// contract by mistake go back only by the admin's (the timelock's) decision, never to the zero address, never by
/// anyone else; and what the admin recovers arrives exactly.
abstract contract TokenRecoveryChecks is Test {
    /// @dev Sends `amount` of a stray token to `target`, then: `stranger` can't recover it
    /// (AccessControlUnauthorizedAccount), the admin can't send it to the zero address (RecoveryInvalidRecipient),
    /// and the admin (this test contract) sends it on to `to` with TokensRecovered. Returns the stray token.
    function _checkRecovery(
        ITokenRecovery target,
        address stranger,
        address to,
        uint256 amount
    ) internal returns (IERC20) {
        amount = _bound(amount, 1, 10_000e6);
        vm.assume(stranger != address(this) && to != address(0) && to != address(target));
        DemoEuro stray = new DemoEuro();
        stray.faucet(amount);
        stray.transfer(address(target), amount);

        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, bytes32(0))
        );
        vm.prank(stranger);
        target.recoverTokens(stray, stranger, amount);

        vm.expectRevert(abi.encodeWithSelector(ITokenRecovery.RecoveryInvalidRecipient.selector, address(0)));
        target.recoverTokens(stray, address(0), amount);
        assertEq(stray.balanceOf(address(target)), amount, "nothing moved by a refused recovery");

        uint256 before = stray.balanceOf(to);
        vm.expectEmit(true, true, true, true, address(target));
        emit ITokenRecovery.TokensRecovered(stray, to, amount);
        target.recoverTokens(stray, to, amount);
        assertEq(stray.balanceOf(address(target)), 0, "all sent on");
        assertEq(stray.balanceOf(to) - before, amount, "recipient got exactly the amount");
        return stray;
    }
}
