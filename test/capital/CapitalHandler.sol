// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ICapitalAccounts} from "../../contracts/interfaces/ICapitalAccounts.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {ITreasury} from "../../contracts/interfaces/ITreasury.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {CapitalAccounts} from "../../contracts/treasury/CapitalAccounts.sol";
import {DemoEuro} from "../../contracts/treasury/DemoEuro.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {Test} from "../utils/Test.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {DisCOClones} from "../utils/DisCOClones.sol";

/// @title CapitalHandler
/// @notice Drives CapitalAccounts, with the Treasury that holds its money (over a DemoEuro) and the ValueLedger its
/// patronage comes from, through random member, treasurer, timelock and outsider actions: pay-ins, work and period
/// closes, payout funding and claims, contributions, years closed at a surplus (at times above the unallocated
/// balance) or a loss, settlements, cash claims, members leaving and joining, redemptions over time, commons and
/// treasury spending, and new rules. It keeps a model of the money and of the capital books (index, shares,
/// accounts, reserve, commons, cash, redemptions, each closed year), computed from the rules in plain arithmetic.
/// It is the admin of the Membership and the admin (the timelock's role) and a treasurer of the ledger, the
/// treasury and the capital accounts; `bookkeeper` is a second treasurer of the ledger and the treasury (the capital accounts have none).
/// @dev Every entry point catches the contracts' reverts and predicts them: a call accepted while the model refuses
/// it, refused while the model accepts it, refused with another error, or moving another amount than the model
/// computes counts as a violation, as does any view of the books that disagrees with the model after a call. So a
/// handler call reverts only on a bug in the handler, and the invariant test reads `violations`.
contract CapitalHandler is Test {
    uint256 public constant BPS = 10_000;
    uint256 public constant RAY = 1e27;
    uint8 public constant STREAMS = 3;
    uint32 public constant MAX_YEAR_PERIODS = 13;
    uint256 public constant MIN_CASH_BPS = 2_000;
    bytes32 public constant ADMIN_ROLE = bytes32(0);
    bytes32 public constant TREASURER_ROLE = keccak256("TREASURER_ROLE");
    /// @dev The first MEMBER_SLOTS actors may be members: six founders (committed0-3, dating2, casual), then two
    /// people who join later. The outsider and the bookkeeper never are.
    uint256 public constant MEMBER_SLOTS = 8;
    uint256 internal constant _FAUCET_LIMIT = 10_000e6;
    uint256 internal constant _MAX_PAYMENT = 50_000e6;
    uint64 internal constant _SMALL_WORK = 100_000;
    uint64 internal constant _MAX_WORK = 1e12;
    /// @dev The buckets the treasury keeps (never changed here): care work is paid from the capital side only.
    uint16[3] internal _buckets = [uint16(7_500), 2_500, 0];

    Membership public immutable membership;
    ValueLedger public immutable ledger;
    DemoEuro public immutable euro;
    Treasury public immutable treasury;
    CapitalAccounts public immutable capital;
    address public immutable outsider;
    address public immutable bookkeeper;

    address[] internal _actors;

    // ------------------------------------------------------------------------------------------------ LEDGER MODEL

    /// @dev The open period, and each period's counted payable work (amount x the stage's weight, rounded down).
    uint32 public ghostPeriod;
    mapping(uint32 period => mapping(address member => uint256[3])) internal _memberPayable;
    mapping(uint32 period => uint256[3]) internal _periodPayable;

    struct PendingWork {
        address author;
        uint8 stream;
        uint256 payable_;
    }

    uint256[] internal _pending;
    mapping(uint256 entryId => PendingWork) internal _work;

    // ------------------------------------------------------------------------------------------------ MONEY MODEL

    uint256 public ghostPaidIn;
    uint256 public ghostContributed;
    uint256 public ghostPayouts;
    uint256 public ghostSpent;
    uint256 public ghostCashPaid;
    uint256 public ghostRedeemed;
    uint256 public ghostCommonsSpent;
    uint256 public ghostFundedTotal;
    mapping(uint32 period => uint256[3]) internal _streamPools;
    mapping(uint32 period => mapping(address member => bool)) internal _claimedPayout;
    uint32[] internal _fundedPeriods;

    // ------------------------------------------------------------------------------------------------ CAPITAL MODEL

    struct ModelYear {
        uint32 first;
        uint32 last;
        bool inHours;
        bool atLoss;
        uint256 totalPatronage;
        uint256 cashPool;
        uint256 charge;
        uint256 retainedShares;
        uint256 index;
    }

    struct ModelAccount {
        uint256 shares;
        uint256 cash;
        uint32 settled;
        bool contributed;
    }

    struct ModelRedemption {
        uint256 total;
        uint256 paid;
        uint256 start;
        uint256 period;
        uint256 n;
    }

    /// @dev An account as a settlement would leave it, and what the settlement writes off the books.
    struct Settled {
        uint256 shares;
        uint256 cash;
        uint256 sharesOut;
        uint256 valueOut;
        uint256 chargedShares;
    }

    ICapitalAccounts.Settings internal _rules;
    uint256 public mIndex = RAY;
    uint256 public mTotalShares;
    uint256 public mPendingLossShares;
    // Whether a member logged anything in a period (no entry is ever withdrawn or rejected here).
    mapping(uint32 period => mapping(address member => bool)) internal _logged;
    uint256 public mAccountsTotal;
    uint256 public mReserve;
    uint256 public mCommons;
    uint256 public mCashOwed;
    uint256 public mRedemptionsOwed;
    uint32 public mYearCount;
    uint32 public mClosedThrough;
    mapping(uint32 year => ModelYear) internal _years;
    mapping(address member => ModelAccount) internal _accounts;
    /// @dev Every amount moved into a redemption is a schedule of its own (finding 6).
    mapping(address member => ModelRedemption[]) internal _redemptions;
    /// @dev When each closed period becomes final (closedAt + DESIGN.md's 3-day review window).
    mapping(uint32 period => uint48) public ghostFinalAt;
    /// @dev A digest of each closed year's record and every actor's allocation of it, taken when it closed.
    mapping(uint32 year => bytes32) public closedYearDigest;

    // ------------------------------------------------------------------------------------------------ COUNTERS

    uint256 public calls;
    uint256 public closes;
    uint256 public fundings;
    uint256 public payouts;
    uint256 public contributions;
    uint256 public surplusYears;
    uint256 public lossYears;
    uint256 public settlements;
    uint256 public cashClaims;
    uint256 public departures;
    uint256 public admissions;
    uint256 public redemptionsStarted;
    uint256 public redemptionsPaid;
    uint256 public commonsSpends;
    uint256 public settingsSet;
    uint256 public spends;
    uint256 public refusals;
    uint256 public violations;
    string public firstViolation;

    constructor() {
        string[10] memory names = [
            "committed0",
            "committed1",
            "committed2",
            "committed3",
            "dating2",
            "casual",
            "joiner0",
            "joiner1",
            "outsider",
            "bookkeeper"
        ];
        for (uint256 i = 0; i < names.length; ++i) _actors.push(_makeAddr(names[i]));
        outsider = _actors[8];
        bookkeeper = _actors[9];

        IMembership.Founder[] memory founders = new IMembership.Founder[](6);
        for (uint256 i = 0; i < 4; ++i) {
            founders[i] = IMembership.Founder(_actors[i], IMembership.Stage.Committed, 0, address(0));
        }
        founders[4] = IMembership.Founder(_actors[4], IMembership.Stage.Dating2, 0, _actors[0]);
        founders[5] = IMembership.Founder(_actors[5], IMembership.Stage.Casual, 0, address(0));
        string[] memory constituencies = new string[](1);
        constituencies[0] = "worker";
        membership = DisCOClones.membership("DisCO Membership", "DISCO", address(this), constituencies, founders);

        address[] memory treasurers = new address[](1);
        treasurers[0] = address(this);
        ledger = DisCOClones.ledger(membership, address(this), treasurers, DesignDefaults.ledgerSettings());
        euro = new DemoEuro();
        _rules = DesignDefaults.capitalSettings();
        treasury = DisCOClones.treasury(euro, ledger, address(this), treasurers, _buckets, _rules);
        capital = CapitalAccounts(address(treasury.capital()));
        // The timelock names a second treasurer after deployment: one who funds periods but may neither spend nor
        // close a year (the members approve the year's accounts; finding 7).
        treasury.grantRole(TREASURER_ROLE, bookkeeper);
        ledger.grantRole(TREASURER_ROLE, bookkeeper);
        vm.label(address(membership), "membership");
        vm.label(address(ledger), "ledger");
        vm.label(address(euro), "euro");
        vm.label(address(treasury), "treasury");
        vm.label(address(capital), "capital");
        ghostPeriod = 1;

        // Every campaign starts with a closed period of work by each founder, three contributions and a client's
        // payment, so that a year can close at once.
        for (uint256 i = 0; i < 6; ++i) {
            uint8 stream = i < 4 ? uint8(i % 3) : (i == 4 ? 0 : 1);
            _logWork(_actors[i], stream, uint64(10_000 * (i + 1) + 25), true, i);
        }
        _closePeriod(30 days);
        for (uint256 i = 0; i < 3; ++i) _contribute(_actors[i], false);
        _payIn(outsider, 20_000e6);
    }

    // ------------------------------------------------------------------------------------------------ LEDGER

    /// @dev A member logs work in the open period (a stream their stage may log); three times in four a Committed
    /// member other than the author approves it at once, otherwise it waits for `approve`.
    function logWork(uint256 actorSeed, uint256 streamSeed, uint256 amountSeed, uint256 reviewSeed) external {
        ++calls;
        address author = _aMember(actorSeed);
        if (author == address(0)) return;
        uint8 stream =
            membership.stageOf(author) == IMembership.Stage.Casual
                ? uint8(1 + (streamSeed % 2))
                : uint8(streamSeed % STREAMS);
        uint64 amount =
            amountSeed % 16 == 0
                ? uint64(1 + ((amountSeed >> 4) % _MAX_WORK))
                : uint64(1 + ((amountSeed >> 4) % _SMALL_WORK));
        _logWork(author, stream, amount, reviewSeed % 4 != 0, reviewSeed >> 2);
    }

    /// @dev A Committed member approves someone else's pending entry of the open period.
    function approve(uint256 entrySeed, uint256 reviewerSeed) external {
        ++calls;
        if (_pending.length == 0) return;
        uint256 i = entrySeed % _pending.length;
        uint256 entryId = _pending[i];
        _pending[i] = _pending[_pending.length - 1];
        _pending.pop();
        _approve(entryId, reviewerSeed);
    }

    /// @dev The treasurer closes the open period (there are no disputes, so it always closes).
    function closePeriod(uint256 warpSeed) external {
        ++calls;
        _closePeriod(_bound(warpSeed, 1, 31 days));
    }

    // ------------------------------------------------------------------------------------------------ TREASURY

    /// @dev Anyone takes euros from the faucet and pays them in.
    function payIn(uint256 actorSeed, uint256 amountSeed) external {
        ++calls;
        uint256 kind = amountSeed % 8;
        uint256 amount = kind == 0 ? 1 + ((amountSeed >> 3) % 1_000) : 1 + ((amountSeed >> 3) % _MAX_PAYMENT);
        _payIn(_actors[actorSeed % _actors.length], amount);
    }

    /// @dev A treasurer funds the latest closed period not funded yet with livelihood or love work (the buckets
    /// with a share): mostly within the unallocated balance, now and then above it or tiny (nothing to fund).
    function fundPeriod(uint256 amountSeed, bool byBookkeeper) external {
        ++calls;
        uint32 period;
        for (uint32 p = ghostPeriod - 1; p >= 1 && period == 0; --p) {
            if (_isFunded(p)) continue;
            if (_periodPayable[p][0] != 0 || _periodPayable[p][1] != 0) period = p;
        }
        if (period == 0) return;
        uint256 free = modelUnallocated();
        uint256 amount = _amountWithin(amountSeed, free);
        uint256[3] memory pools;
        uint256 funded;
        for (uint8 s = 0; s < STREAMS; ++s) {
            if (_periodPayable[period][s] == 0) continue;
            pools[s] = (amount * _buckets[s]) / BPS;
            funded += pools[s];
        }
        bytes memory expected;
        if (block.timestamp < ghostFinalAt[period]) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryPeriodNotFinal.selector, period, ghostFinalAt[period]);
        } else if (amount > free) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryInsufficientUnallocated.selector, amount, free);
        } else if (funded == 0) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryNothingToFund.selector, period);
        }
        if (byBookkeeper) vm.prank(bookkeeper);
        try treasury.fundPeriod(period, amount) {
            if (expected.length != 0) return _violation("fundPeriod accepted what the model refuses");
            _streamPools[period] = pools;
            ghostFundedTotal += funded;
            _fundedPeriods.push(period);
            ++fundings;
            if (treasury.pool(period).funded != funded) _violation("fundPeriod: pool against the model");
        } catch (bytes memory err) {
            _expectError("fundPeriod", err, expected);
        }
    }

    /// @dev A possible member claims their payout of a funded period: paid their pro-rata share, or refused when
    /// they claimed it already or have no share.
    function claimPayout(uint256 actorSeed, uint256 periodSeed) external {
        ++calls;
        if (_fundedPeriods.length == 0) return;
        address member = _actors[actorSeed % MEMBER_SLOTS];
        uint32 period = _fundedPeriods[periodSeed % _fundedPeriods.length];
        uint256 share = _payoutShare(member, period);
        bytes memory expected;
        if (_claimedPayout[period][member]) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryAlreadyClaimed.selector, member, period);
        } else if (share == 0) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryNothingToClaim.selector, member, period);
        }
        uint32[] memory periods = new uint32[](1);
        periods[0] = period;
        uint256 before = euro.balanceOf(member);
        vm.prank(member);
        try treasury.claim(periods) returns (uint256 paid) {
            if (expected.length != 0) return _violation("claim accepted what the model refuses");
            if (paid != share || euro.balanceOf(member) != before + share) _violation("claim paid another share");
            _claimedPayout[period][member] = true;
            ghostPayouts += share;
            ++payouts;
        } catch (bytes memory err) {
            _expectError("claim", err, expected);
        }
    }

    /// @dev The timelock spends from the treasury: mostly to an actor within the unallocated balance (what the
    /// capital books hold is not in it); now and then to nobody, to the treasury itself, zero or too much.
    function spend(uint256 toSeed, uint256 amountSeed) external {
        ++calls;
        address to = _recipient(toSeed);
        uint256 free = modelUnallocated();
        uint256 amount = amountSeed % 16 == 0 ? 0 : _amountWithin(amountSeed, free);
        bytes memory expected;
        if (to == address(0)) expected = abi.encodeWithSelector(ITreasury.TreasuryInvalidRecipient.selector, to);
        else if (amount == 0) expected = abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector);
        else if (amount > free) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryInsufficientUnallocated.selector, amount, free);
        } else if (to == address(treasury)) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryInexactTransfer.selector, amount, 0);
        }
        uint256 before = euro.balanceOf(to);
        try treasury.spend(to, amount, "fuzzed spending") {
            if (expected.length != 0) return _violation("spend accepted what the model refuses");
            ghostSpent += amount;
            ++spends;
            if (euro.balanceOf(to) != before + amount) _violation("spend moved another amount");
        } catch (bytes memory err) {
            _expectError("spend", err, expected);
        }
    }

    // ------------------------------------------------------------------------------------------------ MEMBERS

    /// @dev A member leaves; half the time anyone starts their redemption at once.
    function leave(uint256 actorSeed, uint256 callerSeed) external {
        ++calls;
        address member = _aMember(actorSeed);
        if (member == address(0)) return;
        vm.prank(member);
        try membership.leave() {
            ++departures;
        } catch {
            return _violation("a member could not leave");
        }
        if (callerSeed % 2 == 0) _startRedemption(_actors[(callerSeed >> 1) % _actors.length], member);
    }

    /// @dev The admin admits someone who is not a member (a joiner, or a former member coming back) as Committed,
    /// Casual or Dating2 (mentored by a Committed member, when there is one).
    function admit(uint256 actorSeed, uint256 stageSeed) external {
        ++calls;
        address account;
        for (uint256 i = 0; i < MEMBER_SLOTS && account == address(0); ++i) {
            address a = _actors[(actorSeed + i) % MEMBER_SLOTS];
            if (!membership.isMember(a)) account = a;
        }
        if (account == address(0)) return;
        IMembership.Stage stage = IMembership.Stage.Committed;
        address mentor;
        if (stageSeed % 3 == 1) stage = IMembership.Stage.Casual;
        if (stageSeed % 3 == 2) {
            mentor = _aCommitted(stageSeed >> 2, account);
            if (mentor != address(0)) stage = IMembership.Stage.Dating2;
        }
        try membership.admit(account, stage, 0, mentor) {
            ++admissions;
        } catch {
            _violation("a valid admission was refused");
        }
    }

    /// @dev Three times in four a member who has not contributed yet (when there is one), otherwise anyone among
    /// the possible members and the outsider, pays the joining contribution: refused for a non-member, when none is
    /// asked, a second time, and (one time in eight) when the allowance is one unit short.
    function contribute(uint256 actorSeed, uint256 allowanceSeed) external {
        ++calls;
        address who = _actors[actorSeed % (MEMBER_SLOTS + 1)];
        for (uint256 i = 0; i < MEMBER_SLOTS && actorSeed % 4 != 0; ++i) {
            address a = _actors[(actorSeed + i) % MEMBER_SLOTS];
            if (membership.isMember(a) && !_accounts[a].contributed) {
                who = a;
                break;
            }
        }
        _contribute(who, allowanceSeed % 8 == 0);
    }

    /// @dev Anyone settles anyone (or someone without an account): only that account's allocations move in.
    function settle(uint256 callerSeed, uint256 memberSeed) external {
        ++calls;
        address member = _actors[memberSeed % _actors.length];
        Settled memory s = _settledView(member);
        vm.prank(_actors[callerSeed % _actors.length]);
        try capital.settle(member) {
            _commitSettlement(member, s);
            ++settlements;
            _checkBooks("settle", member);
        } catch (bytes memory err) {
            _expectError("settle", err, "");
        }
    }

    /// @dev Three times in four someone with patronage cash (once settled) claims it, otherwise anyone: paid all
    /// of it, or refused when there is none.
    function claimCash(uint256 actorSeed) external {
        ++calls;
        address member = _actors[actorSeed % _actors.length];
        for (uint256 i = 0; i < _actors.length && actorSeed % 4 != 0; ++i) {
            address a = _actors[(actorSeed + i) % _actors.length];
            if (_settledView(a).cash != 0) {
                member = a;
                break;
            }
        }
        Settled memory s = _settledView(member);
        bytes memory expected =
            s.cash == 0 ? abi.encodeWithSelector(ICapitalAccounts.CapitalNothingToClaim.selector, member) : bytes("");
        uint256 before = euro.balanceOf(member);
        vm.prank(member);
        try capital.claimCash() returns (uint256 amount) {
            if (expected.length != 0) return _violation("claimCash accepted what the model refuses");
            _commitSettlement(member, s);
            _accounts[member].cash = 0;
            mCashOwed -= s.cash;
            ghostCashPaid += s.cash;
            ++cashClaims;
            if (amount != s.cash || euro.balanceOf(member) != before + s.cash) _violation("claimCash paid otherwise");
            _checkBooks("claimCash", member);
        } catch (bytes memory err) {
            _expectError("claimCash", err, expected);
        }
    }

    /// @dev Anyone starts a redemption: three times in four of a former member with something in their account
    /// (when there is one), otherwise of anyone, refused for a member or an empty account.
    function startRedemption(uint256 callerSeed, uint256 memberSeed) external {
        ++calls;
        address member = _actors[memberSeed % _actors.length];
        for (uint256 i = 0; i < _actors.length && memberSeed % 4 != 0; ++i) {
            address a = _actors[(memberSeed + i) % _actors.length];
            if (!membership.isMember(a) && (_settledView(a).shares * mIndex) / RAY != 0) {
                member = a;
                break;
            }
        }
        _startRedemption(_actors[callerSeed % _actors.length], member);
    }

    /// @dev Three times in four a former member with an instalment due (when there is one) redeems, otherwise
    /// anyone: paid every instalment due, or refused with the next due time.
    function redeem(uint256 actorSeed) external {
        ++calls;
        address member = _actors[actorSeed % _actors.length];
        for (uint256 i = 0; i < _actors.length && actorSeed % 4 != 0; ++i) {
            address a = _actors[(actorSeed + i) % _actors.length];
            (uint256 owing, ) = modelDue(a);
            if (owing != 0) {
                member = a;
                break;
            }
        }
        (uint256 due, uint256 next) = modelDue(member);
        bytes memory expected =
            due == 0 ? abi.encodeWithSelector(ICapitalAccounts.CapitalNothingDue.selector, member, next) : bytes("");
        uint256 before = euro.balanceOf(member);
        vm.prank(member);
        try capital.redeem() returns (uint256 amount) {
            if (expected.length != 0) return _violation("redeem accepted what the model refuses");
            ModelRedemption[] storage schedules = _redemptions[member];
            for (uint256 i = 0; i < schedules.length; ++i) {
                (uint256 d, ) = _dueOf(schedules[i]);
                schedules[i].paid += d;
                if (capital.redemptionOf(member, i).paid != schedules[i].paid) _violation("redeem: a schedule's paid");
            }
            mRedemptionsOwed -= due;
            ghostRedeemed += due;
            ++redemptionsPaid;
            if (amount != due || euro.balanceOf(member) != before + due) _violation("redeem paid otherwise");
            _checkBooks("redeem", member);
        } catch (bytes memory err) {
            _expectError("redeem", err, expected);
        }
    }

    /// @dev Time passes: an hour to 400 days.
    function warp(uint256 seed) external {
        ++calls;
        vm.warp(block.timestamp + _bound(seed, 1 hours, 400 days));
    }

    // ------------------------------------------------------------------------------------------------ TREASURERS

    /// @dev The members (the admin) close the next year at a surplus: mostly through a final period within the
    /// longest year, with a surplus within the unallocated balance; now and then zero, all of it, more than it, a
    /// year already closed, one with a period not final, or one too long. Now and then the bookkeeper, a treasurer,
    /// tries it instead and is refused whatever the year (finding 7).
    function closeYear(uint256 periodSeed, uint256 surplusSeed, bool byBookkeeper) external {
        ++calls;
        uint32 last = _yearEnd(periodSeed);
        uint256 free = modelUnallocated();
        uint256 surplus = surplusSeed % 16 == 0 ? 0 : _amountWithin(surplusSeed, free);
        bytes memory expected = _yearError(last, surplus);
        if (expected.length == 0 && surplus > free) {
            expected = abi.encodeWithSelector(ICapitalAccounts.CapitalInsufficientUnallocated.selector, surplus, free);
        }
        if (byBookkeeper) {
            expected = abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                bookkeeper,
                ADMIN_ROLE
            );
        }
        if (byBookkeeper) vm.prank(bookkeeper);
        try capital.closeYear(last, surplus) {
            if (expected.length != 0) return _violation("closeYear accepted what the model refuses");
            _modelSurplusYear(last, surplus);
            ++surplusYears;
            _checkBooks("closeYear", address(0));
        } catch (bytes memory err) {
            _expectError("closeYear", err, expected);
        }
    }

    /// @dev The members (the admin) close the next year at a loss: mostly one the reserve covers, or the reserve and part of
    /// the accounts; now and then more than everything, zero, or a year refused as in closeYear.
    function closeYearAtLoss(uint256 periodSeed, uint256 lossSeed) external {
        ++calls;
        uint32 last = _yearEnd(periodSeed);
        uint256 kind = lossSeed % 8;
        uint256 x = lossSeed >> 3;
        uint256 loss;
        if (kind == 1) loss = 1 + (x % (mReserve + mAccountsTotal + 1));
        else if (kind == 2) loss = 1 + (x % (2 * modelHeld() + 10));
        else if (kind != 0) loss = 1 + (x % (mReserve / 2 + 10));
        bytes memory expected = _yearError(last, loss);
        // A loss above the reserve and every account together, less what earlier losses charged and settling has not
        // written off yet, is refused before the year is looked at (finding 3).
        uint256 pendingCharge = (mPendingLossShares * mIndex) / RAY;
        uint256 absorbable = mReserve + (mAccountsTotal > pendingCharge ? mAccountsTotal - pendingCharge : 0);
        if (loss != 0 && loss > absorbable) {
            expected = abi.encodeWithSelector(ICapitalAccounts.CapitalLossTooLarge.selector, loss, absorbable);
        }
        try capital.closeYearAtLoss(last, loss) {
            if (expected.length != 0) return _violation("closeYearAtLoss accepted what the model refuses");
            _modelLossYear(last, loss);
            ++lossYears;
            _checkBooks("closeYearAtLoss", address(0));
        } catch (bytes memory err) {
            _expectError("closeYearAtLoss", err, expected);
        }
    }

    // ------------------------------------------------------------------------------------------------ TIMELOCK

    /// @dev The timelock spends from the commons fund: mostly within it; now and then zero, all of it, more, to
    /// nobody or to the treasury itself (which the treasury's exact-transfer check refuses).
    function spendCommons(uint256 toSeed, uint256 amountSeed) external {
        ++calls;
        address to = _recipient(toSeed);
        uint256 amount = amountSeed % 16 == 0 ? 0 : _amountWithin(amountSeed, mCommons);
        bytes memory expected;
        if (to == address(0)) expected = abi.encodeWithSelector(ICapitalAccounts.CapitalInvalidRecipient.selector, to);
        else if (amount == 0) expected = abi.encodeWithSelector(ICapitalAccounts.CapitalZeroAmount.selector);
        else if (amount > mCommons) {
            expected = abi.encodeWithSelector(ICapitalAccounts.CapitalInsufficientCommons.selector, amount, mCommons);
        } else if (to == address(treasury)) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryInexactTransfer.selector, amount, 0);
        }
        uint256 before = euro.balanceOf(to);
        try capital.spendCommons(to, amount, "fuzzed commons") {
            if (expected.length != 0) return _violation("spendCommons accepted what the model refuses");
            mCommons -= amount;
            ghostCommonsSpent += amount;
            ++commonsSpends;
            if (euro.balanceOf(to) != before + amount) _violation("spendCommons moved another amount");
            _checkBooks("spendCommons", address(0));
        } catch (bytes memory err) {
            _expectError("spendCommons", err, expected);
        }
    }

    /// @dev The timelock sets new capital rules: seven times in eight valid ones (any contribution including none,
    /// any split, interest within a cap, either basis, 1-12 instalments over a second to four years); otherwise
    /// one rule broken, refused with its error and changing nothing.
    function setSettings(uint256 seed) external {
        ++calls;
        ICapitalAccounts.Settings memory s = _validRules(seed);
        bytes memory expected;
        if (seed % 8 == 0) expected = _breakRule(s, seed >> 3);
        try capital.setSettings(s) {
            if (expected.length != 0) return _violation("setSettings accepted what the model refuses");
            _rules = s;
            ++settingsSet;
        } catch (bytes memory err) {
            _expectError("setSettings", err, expected);
        }
        if (keccak256(abi.encode(capital.settings())) != keccak256(abi.encode(_rules))) {
            _violation("settings against the model");
        }
    }

    /// @dev Someone without the role tries what only the admin (the members' vote) may do: close a year, at a
    /// surplus or a loss, set rules, spend the commons: refused with AccessControlUnauthorizedAccount, changing
    /// nothing. The bookkeeper, a treasurer, is refused like anyone.
    function unauthorized(uint256 callerSeed, uint256 actionSeed) external {
        ++calls;
        uint256 action = actionSeed % 4;
        address caller = _actors[callerSeed % _actors.length];
        bytes32 role = ADMIN_ROLE;
        bytes memory data;
        uint32 last = ghostPeriod - 1;
        if (action == 0) data = abi.encodeCall(ICapitalAccounts.closeYear, (last, 1));
        else if (action == 1) data = abi.encodeCall(ICapitalAccounts.closeYearAtLoss, (last, 1));
        else if (action == 2) data = abi.encodeCall(ICapitalAccounts.setSettings, (DesignDefaults.capitalSettings()));
        else data = abi.encodeCall(ICapitalAccounts.spendCommons, (caller, 1, "mine"));
        bytes32 before = booksDigest();
        vm.prank(caller);
        (bool ok, bytes memory err) = address(capital).call(data);
        if (ok) return _violation("a caller without the role was let through");
        _expectError(
            "unauthorized call",
            err,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role)
        );
        if (booksDigest() != before) _violation("an unauthorized call changed the books");
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    function actorCount() external view returns (uint256) {
        return _actors.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return _actors[i];
    }

    /// @notice What came in (pay-ins, contributions) minus what went out (payouts, spending, cash, redemptions,
    /// commons).
    function modelBalance() public view returns (uint256) {
        return
            ghostPaidIn +
            ghostContributed -
            ghostPayouts -
            ghostSpent -
            ghostCashPaid -
            ghostRedeemed -
            ghostCommonsSpent;
    }

    function modelOwed() public view returns (uint256) {
        return ghostFundedTotal - ghostPayouts;
    }

    function modelHeld() public view returns (uint256) {
        return mAccountsTotal + mReserve + mCommons + mCashOwed + mRedemptionsOwed;
    }

    /// @notice The balance less what payouts and the capital books are owed (never below zero, as the treasury's).
    function modelUnallocated() public view returns (uint256) {
        uint256 committed = modelOwed() + modelHeld();
        uint256 balance = modelBalance();
        return balance > committed ? balance - committed : 0;
    }

    function mSharesOf(address member) external view returns (uint256) {
        return _accounts[member].shares;
    }

    function mCashOf(address member) external view returns (uint256) {
        return _accounts[member].cash;
    }

    /// @notice What a former member may redeem now and the next due time, from the model's schedule: floor(total x
    /// k / n) with k = min(n, elapsed x n / period), all of it at the end, less what was paid.
    /// Summed over the member's schedules; the next due time is the earliest of theirs.
    function modelDue(address member) public view returns (uint256 due, uint256 next) {
        ModelRedemption[] storage schedules = _redemptions[member];
        for (uint256 i = 0; i < schedules.length; ++i) {
            (uint256 d, uint256 n) = _dueOf(schedules[i]);
            due += d;
            if (n != 0 && (next == 0 || n < next)) next = n;
        }
    }

    function _dueOf(ModelRedemption storage r) internal view returns (uint256 due, uint256 next) {
        uint256 k = ((block.timestamp - r.start) * r.n) / r.period;
        if (k > r.n) k = r.n;
        uint256 cumulative = k == r.n ? r.total : (r.total * k) / r.n;
        due = cumulative - r.paid;
        if (k < r.n) next = r.start + ((k + 1) * r.period + r.n - 1) / r.n;
    }

    /// @notice How many redemption schedules the model holds for `member`.
    function modelRedemptionCount(address member) external view returns (uint256) {
        return _redemptions[member].length;
    }

    /// @notice A digest of a year's record and of every actor's allocation of it.
    function yearDigest(uint32 year) public view returns (bytes32 digest) {
        digest = keccak256(abi.encode(capital.yearOf(year)));
        for (uint256 i = 0; i < _actors.length; ++i) {
            (uint256 p, uint256 c, uint256 s, uint256 charge) = capital.allocationOf(_actors[i], year);
            digest = keccak256(abi.encode(digest, p, c, s, charge));
        }
    }

    /// @notice Everything an unauthorized call could change: the money, the books, the rules and the years.
    function booksDigest() public view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    euro.balanceOf(address(treasury)),
                    capital.held(),
                    capital.reserve(),
                    capital.commons(),
                    capital.index(),
                    capital.totalShares(),
                    capital.yearCount(),
                    capital.settings()
                )
            );
    }

    // ------------------------------------------------------------------------------------------------ LEDGER INTERNALS

    function _logWork(address author, uint8 stream, uint64 amount, bool approveNow, uint256 reviewSeed) internal {
        uint16 weight = DesignDefaults.ledgerSettings().weights[uint8(membership.stageOf(author)) - 1][stream];
        vm.prank(author);
        try ledger.logWork(stream, amount, ghostPeriod, keccak256(abi.encode(author, amount, calls)), "") returns (
            uint256 entryId
        ) {
            _work[entryId] = PendingWork(author, stream, (uint256(amount) * weight) / BPS);
            _logged[ghostPeriod][author] = true;
            if (approveNow) _approve(entryId, reviewSeed);
            else _pending.push(entryId);
        } catch {
            _violation("the ledger refused valid work");
        }
    }

    /// @dev Approval by a Committed member other than the author; without one, the entry keeps waiting.
    function _approve(uint256 entryId, uint256 reviewerSeed) internal {
        PendingWork storage w = _work[entryId];
        address reviewer = _aCommitted(reviewerSeed, w.author);
        if (reviewer == address(0)) {
            _pending.push(entryId);
            return;
        }
        vm.prank(reviewer);
        try ledger.approve(entryId) {
            _memberPayable[ghostPeriod][w.author][w.stream] += w.payable_;
            _periodPayable[ghostPeriod][w.stream] += w.payable_;
        } catch {
            _violation("the ledger refused a valid approval");
        }
    }

    function _closePeriod(uint256 duration) internal {
        vm.warp(block.timestamp + duration);
        uint32 open = ghostPeriod;
        try ledger.closePeriod() returns (uint32 closed) {
            if (closed != open) _violation("the ledger closed another period than the open one");
            ghostFinalAt[open] = uint48(block.timestamp + DesignDefaults.REVIEW_WINDOW);
            ghostPeriod = open + 1;
            delete _pending;
            ++closes;
            uint64[3] memory payable_ = ledger.periodTotals(open).payable_;
            for (uint8 s = 0; s < STREAMS; ++s) {
                if (payable_[s] != _periodPayable[open][s]) _violation("ledger payable totals disagree with the model");
            }
        } catch {
            _violation("the ledger refused to close a period without disputes");
        }
    }

    // ------------------------------------------------------------------------------------------------ MONEY INTERNALS

    function _payIn(address payer, uint256 amount) internal {
        _faucet(payer, amount);
        vm.prank(payer);
        euro.approve(address(treasury), amount);
        vm.prank(payer);
        try treasury.payIn(amount, "invoice") {
            ghostPaidIn += amount;
        } catch {
            _violation("a valid payIn was refused");
        }
    }

    function _isFunded(uint32 period) internal view returns (bool) {
        uint256[3] storage pools = _streamPools[period];
        return pools[0] != 0 || pools[1] != 0 || pools[2] != 0;
    }

    /// @dev Per stream, floor(pool x the member's payable / the period's payable).
    function _payoutShare(address member, uint32 period) internal view returns (uint256 share) {
        for (uint8 s = 0; s < STREAMS; ++s) {
            uint256 pool_ = _streamPools[period][s];
            uint256 mine = _memberPayable[period][member][s];
            if (pool_ != 0 && mine != 0) share += (pool_ * mine) / _periodPayable[period][s];
        }
    }

    // ------------------------------------------------------------------------------------------------ CAPITAL INTERNALS

    function _contribute(address who, bool shortAllowance) internal {
        uint256 amount = _rules.contribution;
        uint256 allowance = shortAllowance && amount != 0 ? amount - 1 : amount;
        bytes memory expected;
        if (!membership.isMember(who)) {
            expected = abi.encodeWithSelector(ICapitalAccounts.CapitalNotMember.selector, who);
        } else if (amount == 0) {
            expected = abi.encodeWithSelector(ICapitalAccounts.CapitalNoContribution.selector);
        } else if (_accounts[who].contributed) {
            expected = abi.encodeWithSelector(ICapitalAccounts.CapitalAlreadyContributed.selector, who);
        } else if (allowance < amount) {
            expected = abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(capital),
                allowance,
                amount
            );
        }
        if (expected.length == 0) _faucet(who, amount);
        vm.prank(who);
        euro.approve(address(capital), allowance);
        Settled memory s = _settledView(who);
        vm.prank(who);
        try capital.contribute() {
            if (expected.length != 0) return _violation("contribute accepted what the model refuses");
            _commitSettlement(who, s);
            uint256 toReserve = (amount * _rules.contributionReserveBps) / BPS;
            uint256 shares = ((amount - toReserve) * RAY) / mIndex;
            _accounts[who].shares += shares;
            _accounts[who].contributed = true;
            mTotalShares += shares;
            mAccountsTotal += amount - toReserve;
            mReserve += toReserve;
            ghostContributed += amount;
            ++contributions;
            _checkBooks("contribute", who);
        } catch (bytes memory err) {
            _expectError("contribute", err, expected);
        }
        // Leftover allowance would let a later call pull without asking.
        vm.prank(who);
        euro.approve(address(capital), 0);
    }

    function _startRedemption(address caller, address member) internal {
        Settled memory s = _settledView(member);
        uint256 amount = (s.shares * mIndex) / RAY;
        bytes memory expected;
        uint32 pending = _pendingResultsPeriod(member);
        if (membership.isMember(member)) {
            expected = abi.encodeWithSelector(ICapitalAccounts.CapitalStillMember.selector, member);
        } else if (pending != 0) {
            expected = abi.encodeWithSelector(ICapitalAccounts.CapitalResultsPending.selector, member, pending);
        } else if (amount == 0) {
            expected = abi.encodeWithSelector(ICapitalAccounts.CapitalNothingToRedeem.selector, member);
        }
        vm.prank(caller);
        try capital.startRedemption(member) {
            if (expected.length != 0) return _violation("startRedemption accepted what the model refuses");
            _commitSettlement(member, s);
            _accounts[member].shares = 0;
            mTotalShares -= s.shares;
            mAccountsTotal -= amount;
            mRedemptionsOwed += amount;
            // A fresh schedule for this amount, on the rules of the day, starting now.
            _redemptions[member].push(
                ModelRedemption(amount, 0, block.timestamp, _rules.revolvingPeriod, _rules.instalments)
            );
            ++redemptionsStarted;
            _checkBooks("startRedemption", member);
            uint256 last = _redemptions[member].length - 1;
            ICapitalAccounts.Redemption memory stored = capital.redemptionOf(member, last);
            if (
                capital.redemptionCount(member) != last + 1 ||
                stored.total != amount ||
                stored.paid != 0 ||
                stored.start != block.timestamp ||
                stored.period != _rules.revolvingPeriod ||
                stored.instalments != _rules.instalments
            ) _violation("startRedemption: schedule against the model");
        } catch (bytes memory err) {
            _expectError("startRedemption", err, expected);
        }
    }

    /// @dev The first period after the last closed year (the open one included) where `member` logged work, counted
    /// or not, or zero: a redemption waits for that year's result.
    function _pendingResultsPeriod(address member) internal view returns (uint32) {
        for (uint32 p = mClosedThrough + 1; p <= ghostPeriod; ++p) if (_logged[p][member]) return p;
        return 0;
    }

    /// @dev The model's settlement of every closed year not yet applied to the account, in order: a surplus year
    /// credits floor(pool x patronage / total) of cash and shares; a loss year writes off min(floor(floor(charge x
    /// patronage / total) x 1e27 / year index), shares), worth floor(shares x index / 1e27) now.
    function _settledView(address member) internal view returns (Settled memory s) {
        ModelAccount storage a = _accounts[member];
        (s.shares, s.cash) = (a.shares, a.cash);
        for (uint32 y = a.settled + 1; y <= mYearCount; ++y) {
            ModelYear storage year = _years[y];
            uint256 p = _patronage(member, year.first, year.last, year.inHours);
            if (p == 0) continue;
            if (year.atLoss) {
                uint256 out = ((((year.charge * p) / year.totalPatronage)) * RAY) / year.index;
                s.chargedShares += out;
                if (out > s.shares) out = s.shares;
                s.shares -= out;
                s.sharesOut += out;
                s.valueOut += (out * mIndex) / RAY;
            } else {
                s.shares += (year.retainedShares * p) / year.totalPatronage;
                s.cash += (year.cashPool * p) / year.totalPatronage;
            }
        }
    }

    function _commitSettlement(address member, Settled memory s) internal {
        ModelAccount storage a = _accounts[member];
        (a.shares, a.cash, a.settled) = (s.shares, s.cash, mYearCount);
        mTotalShares -= s.sharesOut;
        mAccountsTotal -= s.valueOut;
        mPendingLossShares -= s.chargedShares;
    }

    /// @dev The surplus split of the rules: interest min(floor(value x rate / 10,000), surplus) on the value of the
    /// accounts' shares net of pending loss charges, raising the index by floor(interest x 1e27 / all shares); of the rest, the reserve's and the commons'
    /// shares (rounded down), then the patronage pool, cash and retained (as shares at the new index); without
    /// patronage the pool goes to the reserve.
    function _modelSurplusYear(uint32 last, uint256 surplus) internal {
        ModelYear storage y = _openYear(last);
        uint256 interest;
        if (mTotalShares > mPendingLossShares) {
            interest = ((((mTotalShares - mPendingLossShares) * mIndex) / RAY) * _rules.interestBps) / BPS;
            if (interest > surplus) interest = surplus;
            mIndex += (interest * RAY) / mTotalShares;
        }
        uint256 rest = surplus - interest;
        uint256 toReserve = (rest * _rules.reserveBps) / BPS;
        uint256 toCommons = (rest * _rules.commonsBps) / BPS;
        uint256 pool = rest - toReserve - toCommons;
        if (y.totalPatronage == 0) {
            toReserve += pool;
            pool = 0;
        }
        y.cashPool = (pool * _rules.cashBps) / BPS;
        y.retainedShares = ((pool - y.cashPool) * RAY) / mIndex;
        y.index = mIndex;
        mTotalShares += y.retainedShares;
        mAccountsTotal += interest + pool - y.cashPool;
        mReserve += toReserve;
        mCommons += toCommons;
        mCashOwed += y.cashPool;
        _recordYear(mYearCount);
    }

    /// @dev The reserve absorbs what it can; the rest is charged to the accounts when there is patronage.
    function _modelLossYear(uint32 last, uint256 loss) internal {
        ModelYear storage y = _openYear(last);
        uint256 fromReserve = loss < mReserve ? loss : mReserve;
        mReserve -= fromReserve;
        y.atLoss = true;
        y.charge = y.totalPatronage == 0 ? 0 : loss - fromReserve;
        y.index = mIndex;
        mPendingLossShares += (y.charge * RAY) / mIndex;
        _recordYear(mYearCount);
    }

    function _openYear(uint32 last) internal returns (ModelYear storage y) {
        y = _years[++mYearCount];
        (y.first, y.last) = (mClosedThrough + 1, last);
        y.inHours = _rules.basis == ICapitalAccounts.PatronageBasis.Hours;
        for (uint32 p = y.first; p <= last; ++p) {
            uint256[3] storage work = _periodPayable[p];
            y.totalPatronage += y.inHours ? work[2] : work[0] + work[1];
        }
        mClosedThrough = last;
    }

    /// @dev Checks a year just closed against the model and keeps its digest.
    function _recordYear(uint32 year) internal {
        ModelYear storage m = _years[year];
        ICapitalAccounts.Year memory y = capital.yearOf(year);
        if (
            y.firstPeriod != m.first ||
            y.lastPeriod != m.last ||
            y.closedAt != block.timestamp ||
            (y.basis == ICapitalAccounts.PatronageBasis.Hours) != m.inHours ||
            y.atLoss != m.atLoss ||
            y.totalPatronage != m.totalPatronage ||
            y.cashPool != m.cashPool ||
            y.charge != m.charge ||
            y.retainedShares != m.retainedShares ||
            y.index != m.index
        ) _violation("a closed year's record against the model");
        closedYearDigest[year] = yearDigest(year);
    }

    function _patronage(address member, uint32 first, uint32 last, bool inHours) internal view returns (uint256 p) {
        for (uint32 period = first; period <= last; ++period) {
            uint256[3] storage work = _memberPayable[period][member];
            p += inHours ? work[2] : work[0] + work[1];
        }
    }

    /// @dev The books and (when given) one account against the model, after a call the contracts accepted.
    function _checkBooks(string memory action, address member) internal {
        if (
            capital.index() != mIndex ||
            capital.totalShares() != mTotalShares ||
            capital.pendingLossShares() != mPendingLossShares ||
            capital.accountsTotal() != mAccountsTotal ||
            capital.reserve() != mReserve ||
            capital.commons() != mCommons ||
            capital.cashOwed() != mCashOwed ||
            capital.redemptionsOwed() != mRedemptionsOwed ||
            capital.yearCount() != mYearCount
        ) return _violation(string.concat(action, ": the books against the model"));
        if (euro.balanceOf(address(treasury)) != modelBalance()) {
            return _violation(string.concat(action, ": balance against the model"));
        }
        if (member == address(0)) return;
        ICapitalAccounts.Account memory a = capital.accountOf(member);
        ModelAccount storage m = _accounts[member];
        if (a.shares != m.shares || a.cash != m.cash || a.settledYears != m.settled || a.contributed != m.contributed) {
            _violation(string.concat(action, ": an account against the model"));
        }
    }

    /// @dev The refusal closeYear and closeYearAtLoss share, in the order they check: zero, a year already closed,
    /// a year too long, then the first of its periods that is not final (open or later: finalAt 0).
    function _yearError(uint32 last, uint256 amount) internal view returns (bytes memory) {
        if (amount == 0) return abi.encodeWithSelector(ICapitalAccounts.CapitalZeroAmount.selector);
        if (last <= mClosedThrough) {
            return abi.encodeWithSelector(ICapitalAccounts.CapitalYearAlreadyClosed.selector, last, mClosedThrough);
        }
        if (last - mClosedThrough > MAX_YEAR_PERIODS) {
            return
                abi.encodeWithSelector(
                    ICapitalAccounts.CapitalYearTooLong.selector,
                    last - mClosedThrough,
                    MAX_YEAR_PERIODS
                );
        }
        for (uint32 p = mClosedThrough + 1; p <= last; ++p) {
            uint48 finalAt = ghostFinalAt[p];
            if (finalAt == 0 || block.timestamp < finalAt) {
                return abi.encodeWithSelector(ICapitalAccounts.CapitalPeriodNotFinal.selector, p, finalAt);
            }
        }
        return "";
    }

    /// @dev Mostly a closed period within the longest year after the last closed one; now and then one already in
    /// a closed year, the open period or a later one, or one too far.
    function _yearEnd(uint256 seed) internal view returns (uint32) {
        uint256 kind = seed % 8;
        uint256 x = seed >> 3;
        if (kind == 0) return uint32(x % (mClosedThrough + 1));
        if (kind == 1) return ghostPeriod + uint32(x % 3);
        if (kind == 2) return mClosedThrough + MAX_YEAR_PERIODS + 1 + uint32(x % 3);
        uint32 closedAfter = ghostPeriod - 1 - mClosedThrough;
        if (closedAfter == 0) return ghostPeriod;
        uint32 span = closedAfter < MAX_YEAR_PERIODS ? closedAfter : MAX_YEAR_PERIODS;
        // The latest closed period the year may end with, more often than any other.
        if (kind == 3) return mClosedThrough + span;
        return mClosedThrough + 1 + uint32(x % span);
    }

    function _validRules(uint256 seed) internal pure returns (ICapitalAccounts.Settings memory s) {
        uint256[8] memory r;
        for (uint256 i = 0; i < 8; ++i) r[i] = uint256(keccak256(abi.encode(seed, i)));
        uint256 kind = r[0] % 4;
        s.contribution = kind == 0 ? 0 : uint128(kind == 1 ? 1 + ((r[0] >> 2) % 1_000) : 1 + ((r[0] >> 2) % 1_000e6));
        s.contributionReserveBps = uint16(r[1] % (BPS + 1));
        s.reserveBps = uint16(r[2] % (BPS + 1));
        s.commonsBps = uint16((r[2] >> 16) % (BPS - s.reserveBps + 1));
        s.cashBps = uint16(MIN_CASH_BPS + (r[3] % (BPS - MIN_CASH_BPS + 1)));
        // A Mondragon-like cap most of the time, any cap now and then.
        s.interestCapBps = uint16(r[4] % 4 == 0 ? r[4] % (BPS + 1) : 700);
        s.interestBps = uint16((r[4] >> 8) % (uint256(s.interestCapBps) + 1));
        s.basis = ICapitalAccounts.PatronageBasis(r[5] % 2);
        s.instalments = uint8(1 + (r[6] % 12));
        s.revolvingPeriod = uint48(r[7] % 4 == 0 ? 1 + ((r[7] >> 2) % 1_000) : 1 + ((r[7] >> 2) % (4 * 365 days)));
    }

    /// @dev Breaks one rule of valid settings and returns the error that refuses it.
    function _breakRule(ICapitalAccounts.Settings memory s, uint256 seed) internal pure returns (bytes memory) {
        uint256 rule = seed % 8;
        uint256 x = seed >> 3;
        if (rule == 0) {
            s.contributionReserveBps = uint16(BPS + 1 + (x % (type(uint16).max - BPS)));
            return abi.encodeWithSelector(ICapitalAccounts.CapitalBpsAboveMax.selector, s.contributionReserveBps);
        }
        if (rule == 1) {
            s.commonsBps = uint16(BPS + 1 - s.reserveBps + (x % (type(uint16).max - BPS - 1 + s.reserveBps)));
            return
                abi.encodeWithSelector(ICapitalAccounts.CapitalInvalidYearSplit.selector, s.reserveBps, s.commonsBps);
        }
        if (rule == 2) {
            s.cashBps = uint16(x % MIN_CASH_BPS);
            return
                abi.encodeWithSelector(ICapitalAccounts.CapitalCashShareBelowMinimum.selector, s.cashBps, MIN_CASH_BPS);
        }
        if (rule == 3) {
            s.cashBps = uint16(BPS + 1 + (x % (type(uint16).max - BPS)));
            return abi.encodeWithSelector(ICapitalAccounts.CapitalBpsAboveMax.selector, s.cashBps);
        }
        if (rule == 4) {
            s.interestCapBps = uint16(BPS + 1 + (x % (type(uint16).max - BPS)));
            return abi.encodeWithSelector(ICapitalAccounts.CapitalBpsAboveMax.selector, s.interestCapBps);
        }
        if (rule == 5) {
            s.interestBps = uint16(s.interestCapBps + 1 + (x % (type(uint16).max - s.interestCapBps)));
            return
                abi.encodeWithSelector(
                    ICapitalAccounts.CapitalInterestAboveCap.selector,
                    s.interestBps,
                    s.interestCapBps
                );
        }
        if (rule == 6) s.instalments = 0;
        else s.revolvingPeriod = 0;
        return
            abi.encodeWithSelector(
                ICapitalAccounts.CapitalInvalidRedemption.selector,
                s.revolvingPeriod,
                s.instalments
            );
    }

    // ------------------------------------------------------------------------------------------------ HELPERS

    /// @dev A member among the member slots, from `seed` on (zero: nobody is a member).
    function _aMember(uint256 seed) internal view returns (address) {
        for (uint256 i = 0; i < MEMBER_SLOTS; ++i) {
            address a = _actors[(seed + i) % MEMBER_SLOTS];
            if (membership.isMember(a)) return a;
        }
        return address(0);
    }

    /// @dev A Committed member other than `not`, from `seed` on (zero: none).
    function _aCommitted(uint256 seed, address not) internal view returns (address) {
        for (uint256 i = 0; i < MEMBER_SLOTS; ++i) {
            address a = _actors[(seed + i) % MEMBER_SLOTS];
            if (a != not && membership.stageOf(a) == IMembership.Stage.Committed) return a;
        }
        return address(0);
    }

    /// @dev Mostly within `limit`; now and then 1 to 10 units (rounding), exactly `limit`, or above it.
    function _amountWithin(uint256 seed, uint256 limit) internal pure returns (uint256) {
        uint256 kind = (seed >> 4) % 16;
        uint256 x = seed >> 8;
        if (kind == 0) return 1 + (x % 10);
        if (kind == 1) return limit == 0 ? 1 : limit;
        if (kind == 2) return limit + 1 + (x % _MAX_PAYMENT);
        return limit == 0 ? 1 + (x % 10) : 1 + (x % limit);
    }

    function _recipient(uint256 seed) internal view returns (address) {
        uint256 kind = seed % 16;
        if (kind == 0) return address(0);
        if (kind == 1) return address(treasury);
        return _actors[(seed >> 4) % _actors.length];
    }

    function _faucet(address account, uint256 amount) internal {
        while (amount != 0) {
            uint256 chunk = amount > _FAUCET_LIMIT ? _FAUCET_LIMIT : amount;
            vm.prank(account);
            euro.faucet(chunk);
            amount -= chunk;
        }
    }

    function _expectError(string memory action, bytes memory actual, bytes memory expected) internal {
        if (expected.length == 0) return _violation(string.concat(action, " refused what the model accepts"));
        if (!_isError(actual, expected)) return _violation(string.concat(action, " failed with an unexpected error"));
        ++refusals;
    }

    function _violation(string memory what) internal {
        if (violations == 0) firstViolation = what;
        ++violations;
    }
}
