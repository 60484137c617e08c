// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {DemoEuro} from "../../contracts/treasury/DemoEuro.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {DesignDefaults} from "./DesignDefaults.sol";
import {DisCOClones} from "./DisCOClones.sol";

/// @notice A DisCO of Committed workers in one constituency, with DESIGN.md's defaults, made of clones as DisCOFactory
/// makes them, whose admin and only treasurer is the calling test contract: ledger, treasury and capital driven
/// directly, without the governor.
library WorkerDisCO {
    function deploy(
        address[] memory workers
    ) internal returns (Membership membership, ValueLedger ledger, DemoEuro euro, Treasury treasury) {
        IMembership.Founder[] memory founders = new IMembership.Founder[](workers.length);
        for (uint256 i = 0; i < workers.length; ++i) {
            founders[i] = IMembership.Founder(workers[i], IMembership.Stage.Committed, 0, address(0));
        }
        string[] memory constituencies = new string[](1);
        constituencies[0] = "worker";
        membership = DisCOClones.membership("DisCO Membership", "DISCO", address(this), constituencies, founders);
        address[] memory treasurers = new address[](1);
        treasurers[0] = address(this);
        ledger = DisCOClones.ledger(membership, address(this), treasurers, DesignDefaults.ledgerSettings());
        euro = new DemoEuro();
        treasury = DisCOClones.treasury(
            euro,
            ledger,
            address(this),
            treasurers,
            [uint16(7_500), 2_500, 0],
            DesignDefaults.capitalSettings()
        );
    }
}
