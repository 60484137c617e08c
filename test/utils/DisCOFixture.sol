// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {AuditRegistry} from "../../contracts/audit/AuditRegistry.sol";
import {MutualCredit} from "../../contracts/credit/MutualCredit.sol";
import {DisCOFactory} from "../../contracts/factory/DisCOFactory.sol";
import {DisCOGovernor} from "../../contracts/governance/DisCOGovernor.sol";
import {Federation} from "../../contracts/federation/Federation.sol";
import {DisCOTimelock} from "../../contracts/governance/DisCOTimelock.sol";
import {IDisCOGovernor} from "../../contracts/interfaces/IDisCOGovernor.sol";
import {IDisCOFactory} from "../../contracts/interfaces/IDisCOFactory.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {CapitalAccounts} from "../../contracts/treasury/CapitalAccounts.sol";
import {DemoEuro} from "../../contracts/treasury/DemoEuro.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {DesignDefaults} from "./DesignDefaults.sol";
import {Test} from "./Test.sol";

/// @title DisCOFixture
/// @notice Starts a whole DisCO through DisCOFactory.create, as a deployment does: a timelock that holds every right,
/// a Membership (and ledger, treasury, capital accounts and audit registry) administered by the timelock with its
/// founders, and a DisCOGovernor that alone proposes, cancels and executes through the timelock. The factory and the
/// test contract that calls it keep no role.
abstract contract DisCOFixture is Test {
    uint256 internal constant START = 1_750_000_000;
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 7 days;
    uint256 internal constant PROPOSAL_THRESHOLD = 1;
    uint256 internal constant QUORUM_BPS = 5_000;
    uint16 internal constant SUPERMAJORITY_NUMERATOR = 2;
    uint16 internal constant SUPERMAJORITY_DENOMINATOR = 3;
    uint16 internal constant WAGE_RATIO_CAP_X100 = 600;
    uint256 internal constant COMMITTED_FOUNDERS = 6;
    uint256 internal constant DATING_FOUNDERS = 3;
    uint256 internal constant CASUAL_FOUNDERS = 2;
    uint256 internal constant DEFAULT_BYLAW_FUNCTIONS = 25;
    string internal constant GOVERNOR_ARTIFACT = "contracts/governance/DisCOGovernor.sol:DisCOGovernor";
    /// @dev Where code instrumented by `hardhat test --coverage` reports its hits.
    address private constant COVERAGE_ADDRESS = 0xc0bEc0BEc0BeC0bEC0beC0bEC0bEC0beC0beC0BE;

    DisCOFactory internal factory;
    /// @dev Every contract of the fixture's DisCO; the three below are the ones the governance suites drive.
    IDisCOFactory.DisCO internal disco;
    /// @dev A DisCOTimelock clone, reached through TimelockController's ABI, which it shares.
    TimelockController internal timelock;
    Membership internal membership;
    DisCOGovernor internal governor;
    /// @dev The DisCO's currency (6 decimals, as DesignDefaults' capital contribution assumes).
    DemoEuro internal currency;
    /// @dev False only under coverage, where the governor is this compilation's instrumented copy (see _deployGovernor).
    bool internal shipsProductionGovernor;

    /// @dev Founders in admission order: Committed (constituencies 0, 0, 0, 1, 1, 2), then Dating1-3 (mentored by
    /// the first Committed founder), then Casual.
    address[] internal committed;
    address[] internal dating;
    address[] internal casual;

    function _deployDisCO() internal {
        vm.warp(START);
        for (uint256 i = 0; i < COMMITTED_FOUNDERS; ++i) committed.push(_makeAddr(_name("committed", i)));
        for (uint256 i = 0; i < DATING_FOUNDERS; ++i) dating.push(_makeAddr(_name("dating", i)));
        for (uint256 i = 0; i < CASUAL_FOUNDERS; ++i) casual.push(_makeAddr(_name("casual", i)));

        _deployFactory();
        currency = new DemoEuro();
        disco = factory.create(_params(_founders()));
        timelock = TimelockController(payable(disco.timelock));
        membership = Membership(disco.membership);
        governor = DisCOGovernor(payable(disco.governor));

        vm.label(address(factory), "factory");
        vm.label(disco.timelock, "timelock");
        vm.label(disco.membership, "membership");
        vm.label(disco.ledger, "ledger");
        vm.label(disco.treasury, "treasury");
        vm.label(disco.capital, "capital");
        vm.label(disco.audit, "audit");
        vm.label(disco.governor, "governor");
    }

    /// @dev Deploys every implementation, their initialisers locked, and a factory over them.
    function _deployFactory() internal {
        factory = new DisCOFactory(_implementations());
    }

    function _implementations() internal returns (IDisCOFactory.Implementations memory) {
        return
            IDisCOFactory.Implementations({
                membership: address(new Membership()),
                ledger: address(new ValueLedger()),
                treasury: address(new Treasury()),
                capital: address(new CapitalAccounts()),
                audit: address(new AuditRegistry()),
                governor: _deployGovernor(),
                timelock: address(new DisCOTimelock()),
                federation: address(new Federation()),
                credit: address(new MutualCredit())
            });
    }

    /// @dev The fixture's DisCO with the given founders: DESIGN.md's defaults, no founding treasurer (the timelock
    /// names them), `currency` as its money.
    function _params(IMembership.Founder[] memory founders) internal view returns (IDisCOFactory.Params memory) {
        return
            IDisCOFactory.Params({
                name: "DisCO Membership",
                symbol: "DISCO",
                constituencies: _constituencies(),
                founders: founders,
                treasurers: new address[](0),
                currency: currency,
                currencyDecimals: 6,
                timelockDelay: TIMELOCK_DELAY,
                buckets: [uint16(7_500), 2_500, 0],
                wageRatioCapX100: WAGE_RATIO_CAP_X100,
                governor: IDisCOGovernor.Settings({
                    votingDelay: VOTING_DELAY,
                    votingPeriod: VOTING_PERIOD,
                    proposalThreshold: PROPOSAL_THRESHOLD,
                    quorumBps: QUORUM_BPS,
                    supermajorityNumerator: SUPERMAJORITY_NUMERATOR,
                    supermajorityDenominator: SUPERMAJORITY_DENOMINATOR
                }),
                ledger: DesignDefaults.ledgerSettings(),
                capital: DesignDefaults.capitalSettings()
            });
    }

    /// @dev Deploys the governor implementation from its production artifact (viaIR, runs 1: hardhat.config.ts's
    /// override, which applies when DisCOGovernor.sol is compiled as a root file). This test compilation builds its
    /// own copy of the governor without viaIR, over EIP-170's 24,576 bytes: `new DisCOGovernor()` would test bytecode
    /// that never ships. EDR does not serve the deployCode cheatcode, so the artifact's creation code (getCode) is
    /// deployed with CREATE.
    /// Under `--coverage` getCode still serves the uninstrumented artifact, which would record no coverage: there the
    /// instrumented copy of this compilation is deployed instead (EDR's Solidity tests do not enforce EIP-170).
    function _deployGovernor() internal returns (address deployed) {
        shipsProductionGovernor = !_instrumentedForCoverage(type(DisCOGovernor).creationCode);
        bytes memory initCode =
            shipsProductionGovernor ? vm.getCode(GOVERNOR_ARTIFACT) : type(DisCOGovernor).creationCode;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            deployed := create(0, add(initCode, 0x20), mload(initCode))
        }
        require(deployed != address(0), "governor deployment failed");
    }

    /// @dev Whether `code` reports coverage hits: Hardhat's instrumentation pushes its coverage address (PUSH20).
    function _instrumentedForCoverage(bytes memory code) private pure returns (bool found) {
        bytes21 marker = bytes21(abi.encodePacked(bytes1(0x73), COVERAGE_ADDRESS));
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let start := add(code, 0x20)
            let end := add(start, sub(mload(code), 20))
            for {
                let p := start
            } lt(p, end) {
                p := add(p, 1)
            } {
                if eq(and(mload(p), not(0xffffffffffffffffffffff)), marker) {
                    found := 1
                    break
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ GOVERNANCE

    /// @dev One proposal's calls and description, kept together so that tests can propose, queue and execute it.
    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    /// @dev A proposal of one call with no value.
    function _proposal(
        address target,
        bytes memory data,
        string memory description
    ) internal pure returns (Proposal memory p) {
        p.targets = new address[](1);
        p.targets[0] = target;
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.calldatas[0] = data;
        p.description = description;
    }

    function _submit(Proposal memory p, address proposer) internal returns (uint256) {
        vm.prank(proposer);
        return governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function _proposalId(Proposal memory p) internal view returns (uint256) {
        return governor.hashProposal(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    function _classify(Proposal memory p) internal view returns (uint8) {
        return uint8(governor.classify(p.targets, p.calldatas, p.description));
    }

    /// @dev Binding votes of the first `forVotes` committed founders For, the next `againstVotes` Against.
    function _castVotes(uint256 proposalId, uint256 forVotes, uint256 againstVotes) internal {
        for (uint256 i = 0; i < forVotes + againstVotes; ++i) {
            vm.prank(committed[i]);
            governor.castVote(proposalId, i < forVotes ? 1 : 0);
        }
    }

    function _queue(Proposal memory p) internal {
        governor.queue(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    function _execute(Proposal memory p) internal {
        governor.execute(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    /// @dev Proposes, has every committed founder vote For, queues, waits out the timelock and executes.
    function _enact(Proposal memory p) internal returns (uint256 proposalId) {
        proposalId = _submit(p, committed[0]);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        _castVotes(proposalId, committed.length, 0);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        _queue(p);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        _execute(p);
    }

    /// @dev Every founder, in admission order, with their stage.
    function _foundersList() internal view returns (address[] memory accounts, IMembership.Stage[] memory stages) {
        uint256 n = committed.length + dating.length + casual.length;
        accounts = new address[](n);
        stages = new IMembership.Stage[](n);
        for (uint256 i = 0; i < n; ++i) {
            if (i < committed.length) {
                (accounts[i], stages[i]) = (committed[i], IMembership.Stage.Committed);
            } else if (i < committed.length + dating.length) {
                uint256 d = i - committed.length;
                (accounts[i], stages[i]) = (dating[d], IMembership.Stage(2 + d));
            } else {
                (accounts[i], stages[i]) = (casual[i - committed.length - dating.length], IMembership.Stage.Casual);
            }
        }
    }

    function _founders() internal view returns (IMembership.Founder[] memory founders) {
        founders = new IMembership.Founder[](COMMITTED_FOUNDERS + DATING_FOUNDERS + CASUAL_FOUNDERS);
        uint8[6] memory constituencies = [0, 0, 0, 1, 1, 2];
        uint256 k;
        for (uint256 i = 0; i < committed.length; ++i) {
            founders[k++] = IMembership.Founder(
                committed[i],
                IMembership.Stage.Committed,
                constituencies[i],
                address(0)
            );
        }
        for (uint256 i = 0; i < dating.length; ++i) {
            founders[k++] = IMembership.Founder(dating[i], IMembership.Stage(2 + i), 0, committed[0]);
        }
        for (uint256 i = 0; i < casual.length; ++i) {
            founders[k++] = IMembership.Founder(casual[i], IMembership.Stage.Casual, 1, address(0));
        }
    }

    function _constituencies() internal pure returns (string[] memory names) {
        names = new string[](3);
        names[0] = "worker";
        names[1] = "community";
        names[2] = "client";
    }

    /// @dev The 25 functions of the governor's default bylaw table, written out here independently of DisCOGovernor.
    function _defaultBylawTable(
        IDisCOFactory.DisCO memory d
    ) internal pure returns (address[] memory targets, bytes4[] memory selectors) {
        targets = new address[](DEFAULT_BYLAW_FUNCTIONS);
        selectors = new bytes4[](DEFAULT_BYLAW_FUNCTIONS);
        address[5] memory roleHolders = [d.membership, d.ledger, d.treasury, d.capital, d.audit];
        bytes4[3] memory roleFunctions = [
            IAccessControl.grantRole.selector,
            IAccessControl.revokeRole.selector,
            IAccessControl.renounceRole.selector
        ];
        uint256 k;
        for (uint256 c = 0; c < roleHolders.length; ++c) {
            for (uint256 f = 0; f < roleFunctions.length; ++f) {
                (targets[k], selectors[k]) = (roleHolders[c], roleFunctions[f]);
                ++k;
            }
        }
        address[10] memory ruleTargets = [
            d.membership,
            d.ledger,
            d.ledger,
            d.ledger,
            d.ledger,
            d.ledger,
            d.treasury,
            d.capital,
            d.capital,
            d.audit
        ];
        bytes4[10] memory ruleSelectors = [
            Membership.setConstituencyName.selector,
            ValueLedger.setWeight.selector,
            ValueLedger.setCap.selector,
            ValueLedger.setApprovalsRequired.selector,
            ValueLedger.setMinimumContribution.selector,
            ValueLedger.setReviewWindow.selector,
            Treasury.setBuckets.selector,
            CapitalAccounts.setSettings.selector,
            CapitalAccounts.closeYearAtLoss.selector,
            AuditRegistry.setWageRatioCap.selector
        ];
        for (uint256 i = 0; i < ruleTargets.length; ++i) {
            (targets[k], selectors[k]) = (ruleTargets[i], ruleSelectors[i]);
            ++k;
        }
    }

    function _name(string memory prefix, uint256 i) private pure returns (string memory) {
        return string.concat(prefix, string(abi.encodePacked(bytes1(uint8(48 + i)))));
    }
}
