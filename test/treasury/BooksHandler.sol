// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {ITreasury} from "../../contracts/interfaces/ITreasury.sol";
import {IValueLedger} from "../../contracts/interfaces/IValueLedger.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {CapitalAccounts} from "../../contracts/treasury/CapitalAccounts.sol";
import {DemoEuro} from "../../contracts/treasury/DemoEuro.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {WorkerDisCO} from "../utils/WorkerDisCO.sol";
import {Test} from "../utils/Test.sol";

/// @title BooksHandler
/// @notice Drives the ledger, the treasury and the capital accounts together, disputes and money at once: members
/// log, approve and dispute any entry (of the open period or a closed one), leave or are removed, and rejoin;
/// governance settles each dispute only through its modelled delay (a resolution asked for when the dispute is
/// raised takes effect no earlier than votingDelay + votingPeriod + the timelock's delay later: 1 + 7 + 2 days, as
/// in the Ignition module); the treasurer closes and funds periods; members claim payouts, contribute, leave and
/// redeem; the members (the admin) close years at a surplus or a loss and spend.
/// It is the admin of every contract and their only treasurer. It predicts only what the liveness and money rules
/// promise and records a violation otherwise: a close is never refused; a final period with payable work is always
/// funded (when the money is there) and a period in its window never is (TreasuryPeriodNotFinal); a dispute of a
/// final period's entry is always refused (LedgerReviewWindowOver); a resolution whose delay has run always executes;
/// the reserve never falls but by a loss year; and every token leaving the treasury arrives at its recipient.
/// @dev `money` false (the liveness campaign) leaves out contributions, years, redemptions and spending.
contract BooksHandler is Test {
    /// @dev votingDelay (1 day) + votingPeriod (7 days) + the timelock's delay (2 days), from ignition/modules/DisCO.ts.
    uint256 public constant GOVERNANCE_DELAY = 10 days;
    uint48 public constant WINDOW = DesignDefaults.REVIEW_WINDOW;
    uint256 internal constant _FAUCET = 10_000e6;

    Membership public immutable membership;
    ValueLedger public immutable ledger;
    DemoEuro public immutable euro;
    Treasury public immutable treasury;
    CapitalAccounts public immutable capital;
    bool public immutable money;
    address internal immutable _PAYER;
    address internal immutable _SINK;

    address[] internal _actors;

    struct Resolution {
        uint256 entryId;
        bool accept;
        uint256 executableAt;
        bool done;
    }

    Resolution[] internal _resolutions;
    mapping(uint32 period => uint48) public ghostClosedAt;
    mapping(uint256 entryId => uint256) public countedAt;
    uint32 public frozenThrough;
    mapping(uint32 period => bytes32) public finalDigest;

    uint256 public ghostIn;
    uint256 public ghostOut;
    uint256 public reserveFloor;

    uint256 public calls;
    /// @dev How often each path the campaign is about was taken (the scripted test checks they all can be).
    uint256 public closes;
    uint256 public closesWithDisputes;
    uint256 public closedPeriodDisputes;
    uint256 public windowOverRefusals;
    uint256 public resolutions;
    uint256 public lateAcceptances;
    uint256 public fundings;
    uint256 public notFinalRefusals;
    uint256 public departures;
    uint256 public years_;
    uint256 public lossYears;
    uint256 public payouts;
    uint256 public violations;
    string public firstViolation;

    constructor(bool money_) {
        money = money_;
        string[6] memory names = ["member0", "member1", "member2", "member3", "member4", "member5"];
        for (uint256 i = 0; i < 6; ++i) _actors.push(_makeAddr(names[i]));
        _PAYER = _makeAddr("client");
        _SINK = _makeAddr("supplier");
        (Membership membership_, ValueLedger ledger_, DemoEuro euro_, Treasury treasury_) = WorkerDisCO.deploy(_actors);
        (membership, ledger, euro, treasury) = (membership_, ledger_, euro_, treasury_);
        capital = CapitalAccounts(address(treasury.capital()));
        for (uint256 i = 0; i < 5; ++i) _payIn(_FAUCET);
    }

    // ------------------------------------------------------------------------------------------------ LEDGER

    function logWork(uint256 actorSeed, uint256 amountSeed) external {
        _begin();
        address author = _actor(actorSeed);
        uint32 period = ledger.currentPeriod();
        vm.prank(author);
        try ledger.logWork(uint8(amountSeed % 2), uint64(1 + ((amountSeed >> 1) % 100_000)), period, "e", "") {
            // Members log; outsiders and removed members are refused, which is not what this campaign checks.
        } catch {}
        _end(false);
    }

    function approve(uint256 entrySeed, uint256 actorSeed) external {
        _begin();
        uint256 id = _entry(entrySeed);
        vm.prank(_actor(actorSeed));
        try ledger.approve(id) {
            if (ledger.entry(id).status == IValueLedger.EntryStatus.Counted) countedAt[id] = block.timestamp;
        } catch {}
        _end(false);
    }

    /// @dev Anyone disputes any entry, the open period's or a closed one's; each dispute that goes through asks
    /// governance for a resolution (accept or reject), executable only after the governance delay. A dispute of a
    /// final period's entry must be refused with LedgerReviewWindowOver.
    function dispute(uint256 entrySeed, uint256 actorSeed, bool accept) external {
        _begin();
        uint256 id = _entry(entrySeed);
        IValueLedger.Entry memory e = ledger.entry(id);
        bool ofFinal = e.status != IValueLedger.EntryStatus.None && ledger.isFinal(e.period);
        vm.prank(_actor(actorSeed));
        try ledger.dispute(id, "fuzzed") {
            if (ofFinal) _violation("a final period's entry was disputed");
            if (e.period != ledger.currentPeriod()) ++closedPeriodDisputes;
            _resolutions.push(Resolution(id, accept, block.timestamp + GOVERNANCE_DELAY, false));
        } catch (bytes memory err) {
            bytes memory over = abi.encodeWithSelector(
                IValueLedger.LedgerReviewWindowOver.selector,
                id,
                ledger.periodInfo(e.period).finalAt
            );
            if (ofFinal && !_isError(err, over)) _violation("a final period's dispute refused otherwise");
            if (ofFinal) ++windowOverRefusals;
        }
        _end(false);
    }

    /// @dev The timelock executes a resolution whose governance delay has run; it always executes. Half the time
    /// the members' vote is first waited out: time moves to the earliest moment the chosen resolution may execute.
    function executeResolution(uint256 seed, bool wait) external {
        _begin();
        uint256 n = _resolutions.length;
        for (uint256 i = 0; i < n; ++i) {
            Resolution storage r = _resolutions[(seed + i) % n];
            if (r.done) continue;
            if (block.timestamp < r.executableAt) {
                if (!wait) continue;
                vm.warp(r.executableAt);
                _freeze();
            }
            r.done = true;
            bool late = ledger.isFinal(ledger.entry(r.entryId).period);
            try ledger.resolveDispute(r.entryId, r.accept) {
                ++resolutions;
                if (late && r.accept) ++lateAcceptances;
                if (r.accept) countedAt[r.entryId] = block.timestamp;
            } catch {
                _violation("a resolution whose delay ran did not execute");
            }
            break;
        }
        _end(false);
    }

    /// @dev A member leaves or is removed (a disputer among them, whose disputes stay open), keeping two Committed
    /// members; or a former member rejoins as Committed.
    function leaveOrRejoin(uint256 actorSeed, uint256 how) external {
        _begin();
        address a = _actor(actorSeed);
        if (!membership.isMember(a)) {
            membership.admit(a, IMembership.Stage.Committed, 0, address(0));
        } else if (_members() > 2) {
            if (how % 2 == 0) {
                vm.prank(a);
                membership.leave();
            } else {
                membership.remove(a, "fuzzed removal");
            }
            ++departures;
        }
        _end(false);
    }

    /// @dev Mostly an hour to two days (so that work is reviewed and disputed inside a window), now and then up to
    /// twelve days (past a window, and past the governance delay in one or two steps).
    function warp(uint256 seed) external {
        _begin();
        vm.warp(
            block.timestamp + (seed % 4 == 0 ? _bound(seed >> 2, 1 hours, 12 days) : _bound(seed >> 2, 1 hours, 2 days))
        );
        _end(false);
    }

    /// @dev The treasurer closes the open period, whatever is pending or disputed: it is never refused, and its
    /// finalAt is the close's time plus the window.
    function closePeriod() external {
        _begin();
        uint32 open = ledger.currentPeriod();
        try ledger.closePeriod() {
            ghostClosedAt[open] = uint48(block.timestamp);
            ++closes;
            if (ledger.periodInfo(open).openDisputes != 0) ++closesWithDisputes;
            if (ledger.periodInfo(open).finalAt != block.timestamp + WINDOW) _violation("finalAt not close + window");
        } catch {
            _violation("the treasurer could not close the period");
        }
        _end(false);
    }

    // ------------------------------------------------------------------------------------------------ TREASURY

    function payIn(uint256 amountSeed) external {
        _begin();
        _payIn(1 + (amountSeed % _FAUCET));
        _end(false);
    }

    /// @dev The treasurer funds a closed period with a small amount: refused while in its window
    /// (TreasuryPeriodNotFinal with its finalAt); once final, unfunded, with livelihood or love work and the money
    /// there, it is funded, whatever disputes are open or whoever left.
    function fundPeriod(uint256 periodSeed, uint256 amountSeed) external {
        _begin();
        uint32 open = ledger.currentPeriod();
        if (open == 1) return _end(false);
        uint32 p = uint32(1 + (periodSeed % (open - 1)));
        uint256 amount = 100 + (amountSeed % 1_000e6);
        uint48 finalAt = ledger.periodInfo(p).finalAt;
        bool isFinal = block.timestamp >= finalAt;
        uint64[3] memory work = ledger.periodTotals(p).payable_;
        bool mustFund =
            isFinal &&
                treasury.pool(p).funded == 0 &&
                (work[0] != 0 || work[1] != 0) &&
                amount <= treasury.unallocated();
        try treasury.fundPeriod(p, amount) {
            if (!isFinal) _violation("a period in its window was funded");
            ++fundings;
        } catch (bytes memory err) {
            if (mustFund) _violation("a final period could not be funded");
            bytes memory notFinal = abi.encodeWithSelector(ITreasury.TreasuryPeriodNotFinal.selector, p, finalAt);
            if (!isFinal && !_isError(err, notFinal)) _violation("a period in its window refused otherwise");
            if (!isFinal) ++notFinalRefusals;
        }
        _end(false);
    }

    function claim(uint256 actorSeed, uint256 periodSeed) external {
        _begin();
        address a = _actor(actorSeed);
        uint32[] memory periods = new uint32[](1);
        periods[0] = uint32(1 + (periodSeed % ledger.currentPeriod()));
        uint256 before = euro.balanceOf(a);
        vm.prank(a);
        try treasury.claim(periods) returns (uint256 paid) {
            _received(a, before, paid);
        } catch {}
        _end(false);
    }

    /// @dev The members spend part of the unallocated money on a supplier.
    function spend(uint256 amountSeed) external {
        _begin();
        uint256 free = treasury.unallocated();
        if (!money || free == 0) return _end(false);
        uint256 amount = 1 + (amountSeed % free);
        uint256 before = euro.balanceOf(_SINK);
        treasury.spend(_SINK, amount, "supplies");
        _received(_SINK, before, amount);
        _end(false);
    }

    // ------------------------------------------------------------------------------------------------ CAPITAL

    function contribute(uint256 actorSeed) external {
        _begin();
        address a = _actor(actorSeed);
        if (!money) return _end(false);
        uint256 amount = capital.settings().contribution;
        vm.prank(a);
        euro.faucet(amount);
        vm.prank(a);
        euro.approve(address(capital), amount);
        vm.prank(a);
        try capital.contribute() {
            ghostIn += amount;
        } catch {}
        vm.prank(a);
        euro.approve(address(capital), 0);
        _end(false);
    }

    /// @dev The members close the next year through a final period, at a surplus within the unallocated money or
    /// (one time in three) at a loss within the reserve and accounts. Only a loss year may lower the reserve.
    function closeYear(uint256 periodSeed, uint256 amountSeed) external {
        _begin();
        if (!money) return _end(false);
        uint32 closedYears = capital.yearCount();
        uint32 from = closedYears == 0 ? 0 : capital.yearOf(closedYears).lastPeriod;
        uint32 open = ledger.currentPeriod();
        if (from + 1 >= open) return _end(false);
        uint32 last = from + 1 + uint32(periodSeed % (open - 1 - from));
        bool atLoss = amountSeed % 3 == 0;
        if (atLoss) {
            uint256 absorbable = capital.reserve() + capital.accountsTotal();
            try capital.closeYearAtLoss(last, 1 + ((amountSeed >> 2) % (absorbable + 1))) {
                ++lossYears;
            } catch {}
        } else {
            uint256 free = treasury.unallocated();
            try capital.closeYear(last, 1 + ((amountSeed >> 2) % (free + 1))) {
                ++years_;
            } catch {}
        }
        _end(atLoss);
    }

    function claimCash(uint256 actorSeed) external {
        _begin();
        address a = _actor(actorSeed);
        uint256 before = euro.balanceOf(a);
        vm.prank(a);
        try capital.claimCash() returns (uint256 paid) {
            _received(a, before, paid);
        } catch {}
        _end(false);
    }

    function startRedemption(uint256 actorSeed) external {
        _begin();
        try capital.startRedemption(_actor(actorSeed)) {} catch {}
        _end(false);
    }

    function redeem(uint256 actorSeed) external {
        _begin();
        address a = _actor(actorSeed);
        uint256 before = euro.balanceOf(a);
        vm.prank(a);
        try capital.redeem() returns (uint256 paid) {
            _received(a, before, paid);
        } catch {}
        _end(false);
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    function actorCount() external view returns (uint256) {
        return _actors.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return _actors[i];
    }

    /// @notice What a final period keeps for ever: its totals and every actor's totals in it.
    function periodDigest(uint32 p) public view returns (bytes32 digest) {
        digest = keccak256(abi.encode(ledger.periodTotals(p), ledger.periodInfo(p).closedAt));
        for (uint256 i = 0; i < _actors.length; ++i) {
            digest = keccak256(abi.encode(digest, ledger.memberPeriodTotals(_actors[i], p)));
        }
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    /// @dev Before every action: the digest of each period that became final since, before anything acts on it.
    function _begin() internal {
        ++calls;
        _freeze();
    }

    function _freeze() internal {
        uint32 open = ledger.currentPeriod();
        for (uint32 p = frozenThrough + 1; p < open && ledger.isFinal(p); ++p) {
            finalDigest[p] = periodDigest(p);
            frozenThrough = p;
        }
    }

    /// @dev After every action: the reserve fell only by a loss year.
    function _end(bool lossYear) internal {
        uint256 reserve = capital.reserve();
        if (reserve < reserveFloor && !lossYear) _violation("the reserve fell without a loss year");
        reserveFloor = reserve;
    }

    function _payIn(uint256 amount) internal {
        vm.prank(_PAYER);
        euro.faucet(amount);
        vm.prank(_PAYER);
        euro.approve(address(treasury), amount);
        vm.prank(_PAYER);
        treasury.payIn(amount, "invoice");
        ghostIn += amount;
    }

    /// @dev What left the treasury arrived, exactly, at its recipient.
    function _received(address to, uint256 before, uint256 amount) internal {
        ++payouts;
        if (euro.balanceOf(to) != before + amount) _violation("a payment arrived otherwise");
        ghostOut += amount;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev Mostly one of the last eight entries; now and then any id up to one past the last.
    function _entry(uint256 seed) internal view returns (uint256) {
        uint256 n = ledger.entryCount();
        if (n == 0 || seed % 8 == 0) return seed % (n + 2);
        uint256 recent = n < 8 ? n : 8;
        return n - ((seed >> 3) % recent);
    }

    function _members() internal view returns (uint256 count) {
        for (uint256 i = 0; i < _actors.length; ++i) {
            if (membership.stageOf(_actors[i]) == IMembership.Stage.Committed) ++count;
        }
    }

    function _violation(string memory what) internal {
        if (violations == 0) firstViolation = what;
        ++violations;
    }
}
