// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {AuditRegistry} from "../../contracts/audit/AuditRegistry.sol";
import {ICapitalAccounts} from "../../contracts/interfaces/ICapitalAccounts.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {IValueLedger} from "../../contracts/interfaces/IValueLedger.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {CapitalAccounts} from "../../contracts/treasury/CapitalAccounts.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";

/// @notice Initialised clones of the DisCO's contracts, made as DisCOFactory makes them, from the arguments that
/// their constructors took before they became implementations, one call for each contract.
/// Each `...Clone` function makes the clone alone, uninitialised, for a test that expects its `initialize` to revert.
/// @dev Every clone runs an implementation of its own, deployed here with its initialisers locked.
library DisCOClones {
    function membership(
        string memory name,
        string memory symbol,
        address admin,
        string[] memory constituencyNames,
        IMembership.Founder[] memory founders
    ) internal returns (Membership clone) {
        clone = membershipClone();
        clone.initialize(name, symbol, admin, constituencyNames, founders);
    }

    function membershipClone() internal returns (Membership) {
        return Membership(Clones.clone(address(new Membership())));
    }

    function ledger(
        IMembership membership_,
        address admin,
        address[] memory treasurers,
        IValueLedger.Settings memory settings
    ) internal returns (ValueLedger clone) {
        clone = ledgerClone(membership_);
        clone.initialize(admin, treasurers, settings);
    }

    function ledgerClone(IMembership membership_) internal returns (ValueLedger) {
        return ValueLedger(Clones.cloneWithImmutableArgs(address(new ValueLedger()), abi.encode(membership_)));
    }

    /// @dev A treasury and its capital accounts, both administered by `admin`: the capital accounts are initialised
    /// first, then the treasury that keeps their money, as DisCOFactory does.
    function treasury(
        IERC20 currency,
        IValueLedger ledger_,
        address admin,
        address[] memory treasurers,
        uint16[3] memory bucketsBps,
        ICapitalAccounts.Settings memory capitalSettings
    ) internal returns (Treasury clone) {
        CapitalAccounts capital;
        (clone, capital) = treasuryClones(currency, ledger_);
        capital.initialize(admin, capitalSettings);
        clone.initialize(admin, treasurers, bucketsBps, capital);
    }

    /// @dev A treasury clone and the capital accounts clone that names it, neither initialised.
    function treasuryClones(
        IERC20 currency,
        IValueLedger ledger_
    ) internal returns (Treasury clone, CapitalAccounts capital) {
        clone = Treasury(Clones.cloneWithImmutableArgs(address(new Treasury()), abi.encode(currency, ledger_)));
        capital = CapitalAccounts(
            Clones.cloneWithImmutableArgs(
                address(new CapitalAccounts()),
                abi.encode(clone, currency, ledger_, ledger_.membership())
            )
        );
    }

    function audit(
        IValueLedger ledger_,
        address admin,
        uint16 wageRatioCapX100
    ) internal returns (AuditRegistry clone) {
        clone = auditClone(ledger_);
        clone.initialize(admin, wageRatioCapX100);
    }

    function auditClone(IValueLedger ledger_) internal returns (AuditRegistry) {
        return AuditRegistry(Clones.cloneWithImmutableArgs(address(new AuditRegistry()), abi.encode(ledger_)));
    }
}
