// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {ITreasury} from "../../contracts/interfaces/ITreasury.sol";
import {IValueLedger} from "../../contracts/interfaces/IValueLedger.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {CapitalAccounts} from "../../contracts/treasury/CapitalAccounts.sol";
import {DemoEuro} from "../../contracts/treasury/DemoEuro.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {ITokenRecovery} from "../../contracts/interfaces/ITokenRecovery.sol";
import {Test} from "../utils/Test.sol";
import {TokenRecoveryChecks} from "./TokenRecoveryChecks.sol";
import {SolFeeOnTransferToken} from "./mocks/SolFeeOnTransferToken.sol";
import {SolHostileToken} from "./mocks/SolHostileToken.sol";
import {TreasuryHandler} from "./TreasuryHandler.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {DisCOClones} from "../utils/DisCOClones.sol";

/// @notice Unit and fuzz tests of Treasury over a DemoEuro and a ValueLedger. This test contract is the admin (the
/// timelock's role) and only treasurer of the ledger and the treasury, and the admin of the Membership.
contract TreasuryTest is TokenRecoveryChecks {
    uint256 internal constant START = 1_750_000_000;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant FAUCET_LIMIT = 10_000e6;
    bytes32 internal constant ADMIN_ROLE = bytes32(0);
    bytes32 internal constant TREASURER_ROLE = keccak256("TREASURER_ROLE");
    bytes32 internal constant EVIDENCE = keccak256("timesheet");

    Membership internal membership;
    ValueLedger internal ledger;
    DemoEuro internal euro;
    Treasury internal treasury;

    /// @dev Four Committed founders, a Dating2 mentored by the first, a Casual, an outsider and a payer.
    address[] internal committed;
    address internal dating2;
    address internal casual;
    address internal outsider;
    address internal payer;

    function setUp() public {
        vm.warp(START);
        for (uint256 i = 0; i < 4; ++i) committed.push(_makeAddr(string.concat("committed", _digit(i))));
        dating2 = _makeAddr("dating2");
        casual = _makeAddr("casual");
        outsider = _makeAddr("outsider");
        payer = _makeAddr("payer");

        IMembership.Founder[] memory founders = new IMembership.Founder[](6);
        for (uint256 i = 0; i < 4; ++i) {
            founders[i] = IMembership.Founder(committed[i], IMembership.Stage.Committed, 0, address(0));
        }
        founders[4] = IMembership.Founder(dating2, IMembership.Stage.Dating2, 0, committed[0]);
        founders[5] = IMembership.Founder(casual, IMembership.Stage.Casual, 0, address(0));
        string[] memory constituencies = new string[](1);
        constituencies[0] = "worker";
        membership = DisCOClones.membership("DisCO Membership", "DISCO", address(this), constituencies, founders);

        ledger = DisCOClones.ledger(membership, address(this), _self(), DesignDefaults.ledgerSettings());
        euro = new DemoEuro();
        treasury = DisCOClones.treasury(
            euro,
            ledger,
            address(this),
            _self(),
            [uint16(7_500), 2_500, 0],
            DesignDefaults.capitalSettings()
        );
    }

    // ------------------------------------------------------------------------------------------------ INITIALIZE

    function test_initialize_setsCurrencyLedgerRolesAndBuckets() public view {
        assertEq(address(treasury.currency()), address(euro), "currency");
        assertEq(address(treasury.ledger()), address(ledger), "ledger");
        uint16[3] memory b = treasury.buckets();
        assertEq(b[0], 7_500, "livelihood bucket");
        assertEq(b[1], 2_500, "love bucket");
        assertEq(b[2], 0, "care bucket");
        assertTrue(treasury.hasRole(ADMIN_ROLE, address(this)), "admin");
        assertTrue(treasury.hasRole(TREASURER_ROLE, address(this)), "treasurer");
        assertTrue(treasury.TREASURER_ROLE() == ledger.TREASURER_ROLE(), "the ledger's treasurer role id");
        assertEq(treasury.owed(), 0, "owed");
        assertEq(treasury.unallocated(), 0, "unallocated");
    }

    function testFuzz_initialize_revertsForInvalidBuckets(uint16[3] memory b) public {
        uint256 sum = uint256(b[0]) + b[1] + b[2];
        vm.assume(sum != BPS);
        (Treasury clone, CapitalAccounts capital) = DisCOClones.treasuryClones(euro, ledger);
        capital.initialize(address(this), DesignDefaults.capitalSettings());
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInvalidBuckets.selector, sum));
        clone.initialize(address(this), _self(), b, capital);
    }

    // ------------------------------------------------------------------------------------------------ PAY IN

    /// @dev Any amount paid in lands in the balance and is unallocated; zero is refused.
    function testFuzz_payIn_addsToUnallocated(uint256 amount, bytes32 ref) public {
        amount = _bound(amount, 1, 200_000e6);
        _faucet(payer, amount);
        vm.prank(payer);
        euro.approve(address(treasury), amount);
        vm.expectEmit(true, true, true, true, address(treasury));
        emit ITreasury.PaidIn(payer, amount, ref);
        vm.prank(payer);
        treasury.payIn(amount, ref);
        assertEq(euro.balanceOf(address(treasury)), amount, "balance");
        assertEq(treasury.unallocated(), amount, "unallocated");
        assertEq(treasury.owed(), 0, "owed");

        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector));
        vm.prank(payer);
        treasury.payIn(0, ref);
    }

    /// @dev A token that takes a fee out of what it delivers is refused on the way in: payIn reverts with the
    /// amount asked and the amount received, unless the fee rounds down to nothing.
    function testFuzz_payIn_refusesFeeOnTransfer(uint256 amount, uint256 feeBps) public {
        amount = _bound(amount, 1, type(uint128).max);
        SolFeeOnTransferToken token = new SolFeeOnTransferToken(_bound(feeBps, 1, BPS), false);
        Treasury feeTreasury = DisCOClones.treasury(
            token,
            ledger,
            address(this),
            _self(),
            [uint16(7_500), 2_500, 0],
            DesignDefaults.capitalSettings()
        );
        token.mint(payer, amount);
        vm.prank(payer);
        token.approve(address(feeTreasury), amount);

        uint256 fee = token.feeOf(amount);
        if (fee != 0) {
            vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInexactTransfer.selector, amount, amount - fee));
        }
        vm.prank(payer);
        feeTreasury.payIn(amount, "invoice");
        uint256 expected = fee == 0 ? amount : 0;
        assertEq(token.balanceOf(address(feeTreasury)), expected, "balance");
        _assertConservation(feeTreasury, token, expected);
    }

    // ------------------------------------------------------------------------------------------------ FUND PERIOD

    /// @dev For any amount and buckets, each stream with payable work gets amount x bucket / 10,000 (rounded down),
    /// a stream without gets nothing, and the rest (empty streams' buckets and rounding) stays unallocated. When
    /// nothing would be funded the call is refused and changes nothing.
    function testFuzz_fundPeriod_splitsIntoBuckets(
        uint256 paid,
        uint256 amount,
        uint256 bucketSeed,
        uint8 streamMask,
        uint64 work
    ) public {
        work = uint64(_bound(work, 1, 1e12));
        for (uint8 s = 0; s < 3; ++s) if ((streamMask >> s) & 1 == 1) _work(committed[s], s, work + s);
        uint32 period = _close();
        uint16[3] memory b = _validBuckets(bucketSeed);
        treasury.setBuckets(b);
        paid = _bound(paid, 1, 200_000e6);
        amount = _bound(amount, 1, paid);
        _payIn(paid);

        uint96[3] memory pools;
        uint256 funded;
        for (uint8 s = 0; s < 3; ++s) {
            if ((streamMask >> s) & 1 == 0) continue;
            pools[s] = uint96((amount * b[s]) / BPS);
            funded += pools[s];
        }
        if (funded == 0) {
            vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryNothingToFund.selector, period));
            treasury.fundPeriod(period, amount);
        } else {
            vm.expectEmit(true, true, true, true, address(treasury));
            emit ITreasury.PeriodFunded(period, address(this), funded, b, pools);
            treasury.fundPeriod(period, amount);
        }
        ITreasury.Pool memory p = treasury.pool(period);
        assertEq(p.funded, funded, "funded");
        IValueLedger.Totals memory totals = ledger.periodTotals(period);
        for (uint8 s = 0; s < 3; ++s) {
            assertEq(p.streamPools[s], pools[s], "stream pool");
            assertEq(p.periodPayable[s], funded == 0 ? 0 : totals.payable_[s], "period payable");
        }
        assertLe(funded, amount, "funded above the amount");
        assertEq(treasury.owed(), funded, "owed");
        assertEq(treasury.unallocated(), paid - funded, "the rest stays unallocated");
        _assertConservation(treasury, euro, paid);
    }

    /// @dev Zero, period 0, the open period and later ones, more than the unallocated balance, a period already
    /// funded and a closed period without payable work are all refused with their error, and change nothing.
    /// @dev A closed period is funded only once its review window is over: a second before finalAt the treasurer is
    /// refused with the period and its finalAt, and at finalAt the funding goes through.
    function testFuzz_fundPeriod_waitsForTheReviewWindow(uint256 paid, uint256 early) public {
        _work(committed[1], 0, 10_000);
        vm.warp(block.timestamp + 30 days);
        uint32 period = ledger.closePeriod();
        uint48 finalAt = uint48(block.timestamp + DesignDefaults.REVIEW_WINDOW);
        assertEq(ledger.periodInfo(period).finalAt, finalAt, "finalAt");
        paid = _bound(paid, 2, 100_000e6);
        _payIn(paid);
        vm.warp(block.timestamp + _bound(early, 0, DesignDefaults.REVIEW_WINDOW - 1));
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryPeriodNotFinal.selector, period, finalAt));
        treasury.fundPeriod(period, paid);
        assertEq(treasury.owed(), 0, "nothing funded in the review window");
        vm.warp(finalAt);
        treasury.fundPeriod(period, paid);
        assertEq(treasury.pool(period).funded, (paid * 7_500) / BPS, "funded at finalAt");
        _assertConservation(treasury, euro, paid);
    }

    function testFuzz_fundPeriod_refusesZeroUnclosedOverdrawnFundedAndEmpty(
        uint256 paid,
        uint256 extra,
        uint32 future
    ) public {
        _work(committed[1], 0, 10_000);
        uint32 period = _close();
        paid = _bound(paid, 2, 100_000e6);
        _payIn(paid);
        future = uint32(_bound(future, period + 1, type(uint32).max));
        extra = _bound(extra, 1, type(uint128).max);

        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector));
        treasury.fundPeriod(period, 0);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryPeriodNotFinal.selector, 0, 0));
        treasury.fundPeriod(0, paid);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryPeriodNotFinal.selector, future, 0));
        treasury.fundPeriod(future, paid);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInsufficientUnallocated.selector, paid + extra, paid));
        treasury.fundPeriod(period, paid + extra);
        assertEq(treasury.owed(), 0, "nothing funded");

        treasury.fundPeriod(period, paid);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryPeriodAlreadyFunded.selector, period));
        treasury.fundPeriod(period, 1);

        _payIn(paid);
        uint32 empty = _close();
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryNothingToFund.selector, empty));
        treasury.fundPeriod(empty, paid);
        assertEq(treasury.owed(), (paid * 7_500) / BPS, "owed: the first funding only");
        _assertConservation(treasury, euro, 2 * paid);
    }

    function testFuzz_fundPeriod_revertsForNonTreasurer(address caller, uint256 amount) public {
        vm.assume(!treasury.hasRole(TREASURER_ROLE, caller));
        _work(committed[1], 0, 10_000);
        uint32 period = _close();
        _payIn(50_000e6);
        amount = _bound(amount, 1, 50_000e6);
        _expectUnauthorized(caller, TREASURER_ROLE);
        vm.prank(caller);
        treasury.fundPeriod(period, amount);
        assertEq(treasury.pool(period).funded, 0, "pool");
        assertEq(treasury.owed(), 0, "owed");
        assertEq(treasury.unallocated(), 50_000e6, "unallocated");
    }

    // ------------------------------------------------------------------------------------------------ CLAIM

    /// @dev Members of every stage log any work; after a funding each one's claim is, per stream,
    /// floor(pool x member's payable / period's payable) with payable = amount x the stage's weight (computed here,
    /// not read from the treasury). Those without payable work in a funded stream can claim nothing. The claims
    /// never exceed the pool, and what is left (the dust) is under one unit per member and stream, stays owed and
    /// keeps the balance equal to owed + unallocated.
    function testFuzz_claim_shareIsProRata(uint64[6][3] memory amounts, uint256 paid, uint256 bucketSeed) public {
        address[6] memory members = [committed[0], committed[1], committed[2], committed[3], dating2, casual];
        uint256[3][6] memory memberPayable;
        uint256[3] memory periodPayable;
        // At least one entry pays, so that the period can be funded.
        amounts[0][0] = uint64(_bound(amounts[0][0], 1, 1e12));
        for (uint256 m = 0; m < 6; ++m) {
            for (uint8 s = 0; s < 3; ++s) {
                if (m == 5 && s == 0) continue; // Casual members log no livelihood.
                uint64 amount = uint64(_bound(amounts[s][m], 0, 1e12));
                if (amount == 0) continue;
                _work(members[m], s, amount);
                uint256 payable_ = (uint256(amount) * DesignDefaults.weight(membership.stageOf(members[m]), s)) / BPS;
                memberPayable[m][s] = payable_;
                periodPayable[s] += payable_;
            }
        }
        uint32 period = _close();
        treasury.setBuckets(_validBuckets(bucketSeed));
        paid = _bound(paid, 1, 200_000e6);
        _payIn(paid);
        // Buckets only on streams nobody earned in would fund nothing: then livelihood takes it all.
        uint16[3] memory b = treasury.buckets();
        if (b[0] == 0 && (b[1] == 0 || periodPayable[1] == 0) && (b[2] == 0 || periodPayable[2] == 0)) {
            treasury.setBuckets([uint16(BPS), 0, 0]);
        }
        try treasury.fundPeriod(period, paid) {} catch (bytes memory err) {
            // Only rounding can leave nothing to fund (tiny amounts): then there is nothing to claim either.
            assertTrue(
                _isError(err, abi.encodeWithSelector(ITreasury.TreasuryNothingToFund.selector, period)),
                "fundPeriod failed for another reason than nothing to fund"
            );
            return;
        }
        ITreasury.Pool memory pool_ = treasury.pool(period);

        uint256 claimedTotal;
        uint256 payees;
        for (uint256 m = 0; m < 6; ++m) {
            uint256 expected;
            for (uint8 s = 0; s < 3; ++s) {
                if (memberPayable[m][s] == 0 || pool_.streamPools[s] == 0) continue;
                expected += (uint256(pool_.streamPools[s]) * memberPayable[m][s]) / periodPayable[s];
                ++payees;
            }
            claimedTotal += _claimAndCheck(members[m], period, expected);
        }
        _claimAndCheck(outsider, period, 0);

        assertLe(claimedTotal, pool_.funded, "claims above the pool");
        assertLe(pool_.funded - claimedTotal, payees, "dust above one unit per member and stream");
        assertEq(treasury.owed(), pool_.funded - claimedTotal, "the dust stays owed");
        _assertConservation(treasury, euro, paid - claimedTotal);
    }

    /// @dev Several funded periods are claimed in one transfer; each period is claimed once: claimed again, listed
    /// twice, not funded or an empty list, the call is refused and pays nothing.
    function testFuzz_claim_paysEachFundedPeriodOnce(uint64 workA, uint64 workB, uint256 paid) public {
        workA = uint64(_bound(workA, 1, 1e12));
        workB = uint64(_bound(workB, 1, 1e12));
        paid = _bound(paid, 10, 100_000e6);
        _work(committed[0], 0, workA);
        _work(committed[1], 0, workB);
        uint32 first = _close();
        _work(committed[0], 1, workB);
        _work(committed[1], 1, workA);
        uint32 second = _close();
        uint32 unfunded = _close();
        _payIn(paid);
        treasury.fundPeriod(first, paid / 2);
        treasury.fundPeriod(second, paid - paid / 2);

        uint256 shareFirst = treasury.claimable(committed[0], first);
        uint256 shareSecond = treasury.claimable(committed[0], second);
        uint32[] memory both = new uint32[](2);
        (both[0], both[1]) = (first, second);
        if (shareFirst == 0 || shareSecond == 0) {
            uint32 zeroAt = shareFirst == 0 ? first : second;
            vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryNothingToClaim.selector, committed[0], zeroAt));
            vm.prank(committed[0]);
            treasury.claim(both);
            return;
        }
        vm.prank(committed[0]);
        assertEq(treasury.claim(both), shareFirst + shareSecond, "one transfer for both periods");
        assertEq(euro.balanceOf(committed[0]), shareFirst + shareSecond, "paid");
        assertTrue(treasury.hasClaimed(committed[0], first) && treasury.hasClaimed(committed[0], second), "claimed");
        assertEq(treasury.claimable(committed[0], first), 0, "claimable once claimed");

        uint32[] memory again = new uint32[](1);
        again[0] = second;
        _expectClaimRevert(committed[0], again, ITreasury.TreasuryAlreadyClaimed.selector, committed[0], second);
        uint32[] memory twice = new uint32[](2);
        (twice[0], twice[1]) = (first, first);
        _expectClaimRevert(committed[1], twice, ITreasury.TreasuryAlreadyClaimed.selector, committed[1], first);
        uint32[] memory notFunded = new uint32[](2);
        (notFunded[0], notFunded[1]) = (unfunded, second);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryPeriodNotFunded.selector, unfunded));
        vm.prank(committed[1]);
        treasury.claim(notFunded);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector));
        vm.prank(committed[1]);
        treasury.claim(new uint32[](0));

        assertFalse(treasury.hasClaimed(committed[1], first), "a refused claim marks nothing");
        assertEq(euro.balanceOf(committed[1]), 0, "a refused claim pays nothing");
        _assertConservation(treasury, euro, paid - shareFirst - shareSecond);
    }

    /// @dev Claims are kept a bit per period, 256 periods to a word: periods on both sides of the word boundaries
    /// (and bit 0 of a word) are claimed once each, marked for the claimant only, and refused the second time.
    function test_claim_marksEachPeriodOnceAcrossBitmapWords() public {
        uint32[6] memory chosen = [uint32(1), 8, 255, 256, 257, 512];
        uint256 next;
        for (uint32 p = 1; p <= 512; ++p) {
            if (p == chosen[next]) {
                _work(committed[1], 0, 100);
                _work(committed[2], 0, 300);
                ++next;
            }
            _close();
        }
        _payIn(600e6);
        uint32[] memory periods = new uint32[](6);
        for (uint256 i = 0; i < 6; ++i) {
            periods[i] = chosen[i];
            treasury.fundPeriod(chosen[i], 100e6);
        }
        vm.prank(committed[1]);
        assertEq(treasury.claim(periods), 6 * ((75e6 * 100) / 400), "a quarter of each livelihood pool");
        for (uint256 i = 0; i < 6; ++i) {
            uint32 p = chosen[i];
            assertTrue(treasury.hasClaimed(committed[1], p), "claimed");
            assertFalse(treasury.hasClaimed(committed[2], p), "another member is not marked");
            assertEq(treasury.claimable(committed[1], p), 0, "claimable once claimed");
            uint32[] memory again = new uint32[](1);
            again[0] = p;
            _expectClaimRevert(committed[1], again, ITreasury.TreasuryAlreadyClaimed.selector, committed[1], p);
        }
        uint32[8] memory others = [uint32(0), 2, 7, 9, 254, 258, 511, 513];
        for (uint256 i = 0; i < 8; ++i) assertFalse(treasury.hasClaimed(committed[1], others[i]), "a neighbour");
        vm.prank(committed[2]);
        assertEq(treasury.claim(periods), 6 * ((75e6 * 300) / 400), "the other member's three quarters");
        _assertConservation(treasury, euro, 600e6 - 6 * 75e6);
    }

    // ------------------------------------------------------------------------------------------------ SPEND

    /// @dev The admin can spend any part of the unallocated balance and not one unit of what is owed: after
    /// spending, every member can still claim their whole payout.
    function testFuzz_spend_cannotTouchOwed(uint256 paid, uint256 funding, uint256 amount, uint64 work) public {
        work = uint64(_bound(work, 1, 1e12));
        _work(committed[0], 0, work);
        _work(committed[1], 0, work / 3 + 1);
        _work(dating2, 0, work);
        _work(committed[2], 1, work);
        uint32 period = _close();
        paid = _bound(paid, 1, 100_000e6);
        _payIn(paid);
        funding = _bound(funding, 1, paid);
        (bool funded, ) = address(treasury).call(abi.encodeCall(ITreasury.fundPeriod, (period, funding)));
        uint256 owed = treasury.owed();
        uint256 free = paid - owed;
        assertTrue(funded || owed == 0, "funding");
        assertEq(treasury.unallocated(), free, "unallocated");

        amount = _bound(amount, 1, paid + 1);
        if (amount > free) {
            vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInsufficientUnallocated.selector, amount, free));
            treasury.spend(outsider, amount, "too much");
            amount = 0;
        } else {
            vm.expectEmit(true, true, true, true, address(treasury));
            emit ITreasury.Spent(outsider, amount, "bill");
            treasury.spend(outsider, amount, "bill");
        }
        assertEq(euro.balanceOf(outsider), amount, "recipient");
        assertEq(treasury.owed(), owed, "owed untouched");
        // Whatever is left unallocated can go, one unit more can't.
        if (free - amount != 0) treasury.spend(outsider, free - amount, "the rest");
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInsufficientUnallocated.selector, 1, 0));
        treasury.spend(outsider, 1, "one more");
        assertEq(euro.balanceOf(address(treasury)), owed, "only what is owed is left");

        uint256 claimed;
        address[4] memory workers = [committed[0], committed[1], dating2, committed[2]];
        for (uint256 i = 0; i < 4 && funded; ++i) {
            claimed += _claimAndCheck(workers[i], period, treasury.claimable(workers[i], period));
        }
        assertEq(treasury.owed(), owed - claimed, "owed after claims");
        _assertConservation(treasury, euro, owed - claimed);
    }

    function testFuzz_spend_refusesZeroAmountAndZeroRecipient(uint256 paid, address to) public {
        paid = _bound(paid, 1, 100_000e6);
        _payIn(paid);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInvalidRecipient.selector, address(0)));
        treasury.spend(address(0), paid, "nowhere");
        vm.assume(to != address(0));
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector));
        treasury.spend(to, 0, "nothing");
        _assertConservation(treasury, euro, paid);
    }

    /// @dev A token that charges the sender a fee on top is refused on the way out: the treasury would lose more
    /// than it sent.
    function testFuzz_spend_refusesFeeOnTransfer(uint256 amount, uint256 feeBps) public {
        amount = _bound(amount, 1, type(uint64).max);
        SolFeeOnTransferToken token = new SolFeeOnTransferToken(_bound(feeBps, 1, BPS), true);
        Treasury feeTreasury = DisCOClones.treasury(
            token,
            ledger,
            address(this),
            _self(),
            [uint16(7_500), 2_500, 0],
            DesignDefaults.capitalSettings()
        );
        token.mint(address(feeTreasury), 2 * amount);
        uint256 fee = token.feeOf(amount);
        if (fee != 0) {
            vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInexactTransfer.selector, amount, amount + fee));
        }
        feeTreasury.spend(outsider, amount, "bill");
        uint256 left = fee == 0 ? amount : 2 * amount;
        _assertConservation(feeTreasury, token, left);
    }

    /// @dev Neither a member, an outsider nor a treasurer who is not admin may spend, set buckets or grant roles.
    function testFuzz_adminActions_revertForNonAdmin(address caller, bool treasurer, uint256 amount) public {
        vm.assume(caller != address(this));
        if (treasurer) treasury.grantRole(TREASURER_ROLE, caller);
        _payIn(10_000e6);
        amount = _bound(amount, 1, 10_000e6);

        _expectUnauthorized(caller, ADMIN_ROLE);
        vm.prank(caller);
        treasury.spend(caller, amount, "mine");
        _expectUnauthorized(caller, ADMIN_ROLE);
        vm.prank(caller);
        treasury.setBuckets([uint16(0), 0, 10_000]);
        _expectUnauthorized(caller, ADMIN_ROLE);
        vm.prank(caller);
        treasury.grantRole(ADMIN_ROLE, caller);

        assertEq(treasury.buckets()[0], 7_500, "buckets unchanged");
        assertFalse(treasury.hasRole(ADMIN_ROLE, caller), "no admin role");
        _assertConservation(treasury, euro, 10_000e6);
    }

    // ------------------------------------------------------------------------------------------------ RECOVERY

    /// @dev A stray token sent to the treasury goes back only by the admin's decision, never to the zero address;
    /// the DisCO's own currency is never "recovered" (its free part is spent by vote through `spend`), not even by
    /// the admin, and the books stay whole.
    function testFuzz_recoverTokens_refusesTheCurrency(address stranger, address to, uint256 amount) public {
        _checkRecovery(treasury, stranger, to, amount);
        _payIn(10_000e6);
        vm.expectRevert(abi.encodeWithSelector(ITokenRecovery.RecoveryProtectedToken.selector, address(euro)));
        treasury.recoverTokens(euro, address(this), 1);
        _assertConservation(treasury, euro, 10_000e6);
    }

    /// @dev Tokens sent to the capital accounts by mistake go back the same way (only the admin, a real recipient).
    function testFuzz_recoverTokens_fromTheCapitalAccounts(address stranger, address to, uint256 amount) public {
        _checkRecovery(ITokenRecovery(address(treasury.capital())), stranger, to, amount);
    }

    // ------------------------------------------------------------------------------------------------ BUCKETS

    function testFuzz_setBuckets_acceptsOnlySplitsOfTenThousand(uint16[3] memory b, bool makeValid) public {
        if (makeValid) b = _validBuckets(uint256(keccak256(abi.encode(b))));
        uint256 sum = uint256(b[0]) + b[1] + b[2];
        if (sum == BPS) {
            vm.expectEmit(true, true, true, true, address(treasury));
            emit ITreasury.BucketsSet(b);
        } else {
            vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInvalidBuckets.selector, sum));
        }
        treasury.setBuckets(b);
        uint16[3] memory stored = treasury.buckets();
        uint16[3] memory expected = sum == BPS ? b : [uint16(7_500), 2_500, 0];
        for (uint8 s = 0; s < 3; ++s) assertEq(stored[s], expected[s], "buckets");
    }

    // ------------------------------------------------------------------------------------------------ REENTRANCY

    /// @dev A second Treasury over SolHostileToken, which calls the treasury back on every transfer into or out of
    /// it, before or after the balances move. The token holds the admin and treasurer roles there (so a reentrant
    /// spend or fundPeriod gets past the role check), a balance and an allowance (so a reentrant payIn could pay),
    /// and a closed, unfunded period with work is there to fund. Whatever the outer call (payIn, claim, spend) and
    /// the reentrant one (claim, payIn, spend, fundPeriod), the reentry fails with ReentrancyGuardReentrantCall,
    /// the outer call moves exactly its amount, nothing gets funded, and the balance stays owed + unallocated =
    /// paid - claimed - spent.
    function testFuzz_reentrancy_everyReentryFails(
        uint8 outer,
        uint8 reentry,
        bool beforeMove,
        uint256 paid,
        uint256 amount
    ) public {
        (SolHostileToken token, Treasury hostile, uint32 period) = _hostileTreasury();
        uint32 spare = _closedPeriodWithWork();
        // Stream pools are uint96: up to about 7.9e28 units each.
        paid = _bound(paid, 10, 1e28);
        _hostilePayIn(token, hostile, paid);
        hostile.fundPeriod(period, paid / 2);
        uint256 owed = hostile.owed();
        amount = _bound(amount, 1, paid - owed);
        token.mint(address(token), amount);
        token.approveFromToken(address(hostile), type(uint256).max);
        token.mint(payer, amount);
        vm.prank(payer);
        token.approve(address(hostile), amount);

        bytes memory data = _reentryCall(reentry % 4, period, spare);
        token.arm(address(hostile), address(hostile), data, beforeMove);
        uint256 expectedBalance = paid;
        outer = outer % 3;
        if (outer == 0) {
            vm.prank(payer);
            hostile.payIn(amount, "outer");
            expectedBalance += amount;
        } else if (outer == 1) {
            uint32[] memory periods = new uint32[](1);
            periods[0] = period;
            vm.prank(committed[1]);
            uint256 share = hostile.claim(periods);
            assertEq(token.balanceOf(committed[1]), share, "claimed");
            expectedBalance -= share;
            owed -= share;
        } else {
            hostile.spend(outsider, amount, "outer");
            assertEq(token.balanceOf(outsider), amount, "spent");
            expectedBalance -= amount;
        }
        token.disarm();

        assertGt(token.attempts(), 0, "the token never reentered");
        assertEq(token.successes(), 0, "a reentrant call succeeded");
        assertTrue(
            token.lastRevertWas(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "the reentry failed for another reason than the guard"
        );
        assertEq(hostile.owed(), owed, "owed");
        assertEq(hostile.pool(spare).funded, 0, "a period funded by reentry");
        _assertConservation(hostile, token, expectedBalance);
    }

    /// @dev Regression: a currency that calls out before moving the balance, reaching a treasurer, could fund a
    /// period in the middle of an outgoing transfer while the balance still held the amount on its way out; after
    /// the transfer owed exceeded the balance and the last claims could not be paid (fundPeriod had no guard).
    /// The reentrant funding must fail and conservation hold.
    function test_reentrancy_fundPeriodDuringSpendIsRefused() public {
        (SolHostileToken token, Treasury hostile, uint32 first) = _hostileTreasury();
        uint32 second = _closedPeriodWithWork();
        _hostilePayIn(token, hostile, 1_000e6);
        hostile.fundPeriod(first, 400e6);
        uint256 free = hostile.unallocated();

        token.arm(address(hostile), address(hostile), abi.encodeCall(ITreasury.fundPeriod, (second, free)), true);
        hostile.spend(outsider, free, "all that is free");
        token.disarm();

        assertEq(token.attempts(), 1, "the token reentered once");
        assertEq(token.successes(), 0, "fundPeriod reentered during a spend");
        assertTrue(
            token.lastRevertWas(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "the reentry failed for another reason than the guard"
        );
        assertEq(hostile.pool(second).funded, 0, "funded by reentry");
        _assertConservation(hostile, token, 1_000e6 - free);
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    function _self() internal view returns (address[] memory accounts) {
        accounts = new address[](1);
        accounts[0] = address(this);
    }

    /// @dev Logs work in the open period and has a Committed member other than the author approve it.
    function _work(address author, uint8 stream, uint64 amount) internal {
        uint32 period = ledger.currentPeriod();
        vm.prank(author);
        uint256 entryId = ledger.logWork(stream, amount, period, EVIDENCE, "");
        vm.prank(author == committed[3] ? committed[2] : committed[3]);
        ledger.approve(entryId);
    }

    /// @dev Closes the open period a month on, and waits out its review window: the period returned is final.
    function _close() internal returns (uint32 period) {
        vm.warp(block.timestamp + 30 days);
        period = ledger.closePeriod();
        vm.warp(block.timestamp + DesignDefaults.REVIEW_WINDOW);
    }

    function _faucet(address account, uint256 amount) internal {
        while (amount != 0) {
            uint256 chunk = amount > FAUCET_LIMIT ? FAUCET_LIMIT : amount;
            vm.prank(account);
            euro.faucet(chunk);
            amount -= chunk;
        }
    }

    function _payIn(uint256 amount) internal {
        _faucet(payer, amount);
        vm.prank(payer);
        euro.approve(address(treasury), amount);
        vm.prank(payer);
        treasury.payIn(amount, "invoice");
    }

    /// @dev Any valid split (extremes included) from a seed.
    function _validBuckets(uint256 seed) internal pure returns (uint16[3] memory b) {
        uint256 first = seed % (BPS + 1);
        uint256 second = (seed >> 16) % (BPS - first + 1);
        uint256 rotation = (seed >> 32) % 3;
        b[rotation] = uint16(first);
        b[(rotation + 1) % 3] = uint16(second);
        b[(rotation + 2) % 3] = uint16(BPS - first - second);
    }

    /// @dev Claims one period, expecting `expected` (or NothingToClaim when it is zero); returns what was paid.
    function _claimAndCheck(address member, uint32 period, uint256 expected) internal returns (uint256) {
        assertEq(treasury.claimable(member, period), expected, "claimable");
        uint32[] memory periods = new uint32[](1);
        periods[0] = period;
        if (expected == 0) {
            _expectClaimRevert(member, periods, ITreasury.TreasuryNothingToClaim.selector, member, period);
            return 0;
        }
        uint256 before = euro.balanceOf(member);
        vm.expectEmit(true, true, true, true, address(treasury));
        emit ITreasury.PayoutClaimed(member, period, expected);
        vm.prank(member);
        assertEq(treasury.claim(periods), expected, "claim");
        assertEq(euro.balanceOf(member), before + expected, "paid");
        assertTrue(treasury.hasClaimed(member, period), "hasClaimed");
        assertEq(treasury.claimable(member, period), 0, "claimable once claimed");
        return expected;
    }

    function _expectClaimRevert(
        address member,
        uint32[] memory periods,
        bytes4 selector,
        address who,
        uint32 period
    ) internal {
        vm.expectRevert(abi.encodeWithSelector(selector, who, period));
        vm.prank(member);
        treasury.claim(periods);
    }

    function _expectUnauthorized(address caller, bytes32 role) internal {
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role));
    }

    /// @dev The token balance is owed + unallocated and equals what the test expects (no unit created or lost).
    function _assertConservation(Treasury t, IERC20 token, uint256 expected) internal view {
        uint256 balance = token.balanceOf(address(t));
        assertEq(balance, expected, "balance against what came in and went out");
        assertEq(balance, t.owed() + t.unallocated(), "balance against owed + unallocated");
    }

    /// @dev A Treasury over SolHostileToken whose admin roles include the token, and a closed period with payable
    /// work of committed1 (livelihood) and committed2 (love).
    function _hostileTreasury() internal returns (SolHostileToken token, Treasury hostile, uint32 period) {
        token = new SolHostileToken();
        hostile = DisCOClones.treasury(
            token,
            ledger,
            address(this),
            _self(),
            [uint16(7_500), 2_500, 0],
            DesignDefaults.capitalSettings()
        );
        hostile.grantRole(ADMIN_ROLE, address(token));
        hostile.grantRole(TREASURER_ROLE, address(token));
        _work(committed[1], 0, 30_000);
        _work(committed[2], 1, 10_000);
        period = _close();
    }

    function _hostilePayIn(SolHostileToken token, Treasury hostile, uint256 amount) internal {
        token.mint(payer, amount);
        vm.prank(payer);
        token.approve(address(hostile), amount);
        vm.prank(payer);
        hostile.payIn(amount, "invoice");
    }

    function _reentryCall(uint8 which, uint32 period, uint32 spare) internal view returns (bytes memory) {
        if (which == 0) {
            uint32[] memory periods = new uint32[](1);
            periods[0] = period;
            return abi.encodeCall(ITreasury.claim, (periods));
        }
        if (which == 1) return abi.encodeCall(ITreasury.payIn, (1, "reentry"));
        if (which == 2) return abi.encodeCall(ITreasury.spend, (outsider, 1, "reentry"));
        return abi.encodeCall(ITreasury.fundPeriod, (spare, 1_000));
    }

    function _closedPeriodWithWork() internal returns (uint32) {
        _work(committed[2], 1, 10_000);
        return _close();
    }

    function _digit(uint256 i) internal pure returns (string memory) {
        return string(abi.encodePacked(bytes1(uint8(48 + i))));
    }
}

/// @notice Invariants of Treasury under TreasuryHandler's random actions, checked against the treasury's own
/// views, the ledger's totals and the handler's model.
contract TreasuryInvariantTest is Test {
    TreasuryHandler internal handler;
    Treasury internal treasury;
    DemoEuro internal euro;
    ValueLedger internal ledger;

    function setUp() public {
        vm.warp(1_750_000_000);
        handler = new TreasuryHandler();
        treasury = handler.treasury();
        euro = handler.euro();
        ledger = handler.ledger();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev 1. Conservation: the balance is owed + unallocated, and paid in + donated - claimed - spent (no unit
    /// created or lost); owed is the sum over funded periods of funded - claimed (the dust included).
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_conservation() public view {
        uint256 balance = euro.balanceOf(address(treasury));
        uint256 owed = treasury.owed();
        assertEq(balance, owed + treasury.unallocated(), "balance against owed + unallocated");
        assertEq(balance, handler.modelBalance(), "balance against paid in + donated - claimed - spent");
        uint256 outstanding;
        uint32 open = ledger.currentPeriod();
        for (uint32 p = 1; p <= open; ++p) {
            ITreasury.Pool memory pool_ = treasury.pool(p);
            outstanding += pool_.funded - handler.ghostPeriodClaimed(p);
        }
        assertEq(owed, outstanding, "owed against the funded pools' unclaimed rest");
        assertEq(owed, handler.modelOwed(), "owed against the model");
        assertEq(treasury.unallocated(), handler.modelUnallocated(), "unallocated against the model");
    }

    /// @dev 2. Every funded period: the pool is the model's; its claims never exceed it, nor any stream's claims
    /// its stream pool; each member's claim flag is the model's, and what they claimed (or can claim) is, per
    /// stream, floor(pool x member's payable / period's payable), from the ledger's totals of the closed period.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_poolsAndClaimsMatchTheLedger() public view {
        uint32 open = ledger.currentPeriod();
        for (uint32 p = 0; p <= open + 1; ++p) {
            ITreasury.Pool memory pool_ = treasury.pool(p);
            assertEq(pool_.funded, handler.ghostFunded(p), "funded against the model");
            // What members claimed is in the PayoutClaimed events, which the handler checks against its model.
            assertLe(handler.ghostPeriodClaimed(p), pool_.funded, "claims above the pool");
            if (pool_.funded == 0) continue;
            assertTrue(p >= 1 && p < open, "a period funded before it closed");
            _checkStreams(p, pool_);
            for (uint256 a = 0; a < handler.actorCount(); ++a) _checkMember(handler.actorAt(a), p, pool_);
        }
    }

    /// @dev 3. Only treasurers fund, only the admin spends, sets buckets and grants roles: no unauthorized call
    /// went through (each reverted with AccessControlUnauthorizedAccount and changed nothing, which the handler
    /// checks), the roles are as deployed, and the buckets are the last ones the admin set.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_onlyTreasurersAndAdminMoveMoney() public view {
        assertEq(handler.unauthorizedSuccesses(), 0, "an unauthorized call went through");
        bytes32 treasurerRole = treasury.TREASURER_ROLE();
        assertTrue(treasury.hasRole(bytes32(0), address(handler)), "the admin lost its role");
        for (uint256 a = 0; a < handler.actorCount(); ++a) {
            address actor = handler.actorAt(a);
            assertFalse(treasury.hasRole(bytes32(0), actor), "an actor became admin");
            assertTrue(
                treasury.hasRole(treasurerRole, actor) == (actor == handler.bookkeeper()),
                "treasurers are the handler and the bookkeeper only"
            );
        }
        uint16[3] memory stored = treasury.buckets();
        uint16[3] memory model = handler.modelBuckets();
        for (uint8 s = 0; s < 3; ++s) assertEq(stored[s], model[s], "buckets against the model");
    }

    /// @dev Every call went as the model predicts: accepted or refused with the expected error, paying exactly the
    /// pro-rata shares, moving exactly the amounts asked.
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 50
    function invariant_handlerSawNoViolation() public view {
        assertEq(handler.violations(), 0, handler.firstViolation());
    }

    /// @dev Proves the campaign ran.
    function afterInvariant() public view {
        assertGt(handler.calls(), 0, "handler never called");
    }

    function _checkStreams(uint32 p, ITreasury.Pool memory pool_) internal view {
        IValueLedger.Totals memory totals = ledger.periodTotals(p);
        uint256[3] memory modelPools = handler.streamPools(p);
        uint256[3] memory claimed = handler.streamClaimed(p);
        uint256[3] memory modelPayable = handler.periodPayable(p);
        uint256 sum;
        for (uint8 s = 0; s < 3; ++s) {
            assertEq(pool_.streamPools[s], modelPools[s], "stream pool against the model");
            assertEq(totals.payable_[s], modelPayable[s], "ledger payable against the model");
            assertEq(pool_.periodPayable[s], totals.payable_[s], "pool's period payable against the ledger");
            if (totals.payable_[s] == 0) assertEq(pool_.streamPools[s], 0, "a pool for a stream without work");
            assertLe(claimed[s], pool_.streamPools[s], "a stream's claims above its pool");
            sum += pool_.streamPools[s];
        }
        assertEq(sum, pool_.funded, "stream pools against funded");
    }

    function _checkMember(address member, uint32 p, ITreasury.Pool memory pool_) internal view {
        IValueLedger.Totals memory totals = ledger.periodTotals(p);
        IValueLedger.Totals memory mine = ledger.memberPeriodTotals(member, p);
        uint256 share;
        for (uint8 s = 0; s < 3; ++s) {
            if (pool_.streamPools[s] == 0 || mine.payable_[s] == 0) continue;
            share += (uint256(pool_.streamPools[s]) * mine.payable_[s]) / totals.payable_[s];
        }
        bool claimed = treasury.hasClaimed(member, p);
        assertTrue(claimed == handler.ghostHasClaimed(p, member), "hasClaimed against the model");
        if (claimed) {
            assertEq(handler.ghostClaimOf(p, member), share, "a claim against the ledger's pro-rata share");
            assertEq(treasury.claimable(member, p), 0, "claimable after the claim");
        } else {
            assertEq(treasury.claimable(member, p), share, "claimable against the ledger's pro-rata share");
        }
    }
}
