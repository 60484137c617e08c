// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {ITreasury} from "../../contracts/interfaces/ITreasury.sol";
import {IValueLedger} from "../../contracts/interfaces/IValueLedger.sol";
import {ValueLedger} from "../../contracts/ledger/ValueLedger.sol";
import {Membership} from "../../contracts/membership/Membership.sol";
import {DemoEuro} from "../../contracts/treasury/DemoEuro.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {Test} from "../utils/Test.sol";
import {Vm} from "../utils/Vm.sol";
import {DesignDefaults} from "../utils/DesignDefaults.sol";
import {DisCOClones} from "../utils/DisCOClones.sol";

/// @title TreasuryHandler
/// @notice Drives a Treasury (over a DemoEuro and a ValueLedger) with random member, treasurer, timelock and
/// outsider actions, and keeps a model of its money: paid in, donated, claimed per member and period, spent, and
/// each funded period's stream pools. It is the admin of the Membership, and the admin (the timelock's role) and a
/// treasurer of the ledger and the treasury; `bookkeeper` is a second treasury treasurer who is not admin.
/// @dev Every entry point catches the contracts' reverts and predicts them: a call the treasury accepts while the
/// model refuses it, refuses while the model accepts it, refuses with another error, or that pays another amount
/// than the model computes counts as a violation. So a handler call reverts only on a bug in the handler, and the
/// invariant test reads `violations` rather than relying on fail-on-revert.
contract TreasuryHandler is Test {
    uint256 public constant BPS = 10_000;
    uint8 public constant STREAMS = 3;
    bytes32 public constant ADMIN_ROLE = bytes32(0);
    bytes32 public constant TREASURER_ROLE = keccak256("TREASURER_ROLE");
    /// @dev DemoEuro's faucet limit per call, and the most one pay-in or donation takes (five faucet calls).
    uint256 internal constant _FAUCET_LIMIT = 10_000e6;
    uint256 internal constant _MAX_PAYMENT = 50_000e6;
    /// @dev Most logged work is 0.01 to 1,000 credits or hours; now and then up to the ledger's MAX_AMOUNT.
    uint64 internal constant _SMALL_WORK = 100_000;
    uint64 internal constant _MAX_WORK = 1e12;
    /// @dev Members (4 Committed, a Dating2, a Casual) come first among the actors.
    uint256 public constant MEMBERS = 6;

    Membership public immutable membership;
    ValueLedger public immutable ledger;
    DemoEuro public immutable euro;
    Treasury public immutable treasury;
    address public immutable bookkeeper;
    address public immutable outsider;

    /// @dev committed0-3, dating2 (mentored by committed0), casual, outsider, bookkeeper.
    address[] internal _actors;

    // ------------------------------------------------------------------------------------------------ MODEL

    /// @dev The open period, and the work of each period that counted (payable = amount x weight, rounded down).
    uint32 public ghostPeriod;
    /// @dev When each closed period becomes final: closedAt + the review window (DESIGN.md's 3 days here).
    mapping(uint32 period => uint48) public ghostFinalAt;
    mapping(uint32 period => mapping(address member => uint256[3])) internal _memberPayable;
    mapping(uint32 period => uint256[3]) internal _periodPayable;

    struct PendingWork {
        address author;
        uint8 stream;
        uint256 payable_;
    }

    /// @dev Entries of the open period waiting for their approval.
    uint256[] internal _pending;
    mapping(uint256 entryId => PendingWork) internal _work;

    uint16[3] internal _buckets;
    uint256 public ghostPaidIn;
    uint256 public ghostDonated;
    uint256 public ghostClaimed;
    uint256 public ghostSpent;
    uint256 public ghostFundedTotal;

    mapping(uint32 period => uint256) public ghostFunded;
    mapping(uint32 period => uint256[3]) internal _streamPools;
    mapping(uint32 period => uint256[3]) internal _streamClaimed;
    mapping(uint32 period => uint256) public ghostPeriodClaimed;
    mapping(uint32 period => mapping(address member => bool)) public ghostHasClaimed;
    mapping(uint32 period => mapping(address member => uint256)) public ghostClaimOf;
    uint32[] internal _fundedPeriods;

    // ------------------------------------------------------------------------------------------------ COUNTERS

    uint256 public calls;
    uint256 public logs;
    uint256 public approvals;
    uint256 public closes;
    uint256 public payIns;
    uint256 public donations;
    uint256 public fundings;
    uint256 public claims;
    uint256 public claimCalls;
    uint256 public spends;
    uint256 public bucketSets;
    uint256 public unauthorizedAttempts;
    uint256 public unauthorizedSuccesses;
    uint256 public refusals;
    uint256 public violations;
    string public firstViolation;

    constructor() {
        string[8] memory names = [
            "committed0",
            "committed1",
            "committed2",
            "committed3",
            "dating2",
            "casual",
            "outsider",
            "bookkeeper"
        ];
        for (uint256 i = 0; i < names.length; ++i) _actors.push(_makeAddr(names[i]));
        outsider = _actors[6];
        bookkeeper = _actors[7];

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
        _buckets = [uint16(7_500), 2_500, 0];
        treasury = DisCOClones.treasury(
            euro,
            ledger,
            address(this),
            treasurers,
            _buckets,
            DesignDefaults.capitalSettings()
        );
        // The timelock names a second treasurer after deployment: one who funds but may not spend.
        treasury.grantRole(TREASURER_ROLE, bookkeeper);
        vm.label(address(membership), "membership");
        vm.label(address(ledger), "ledger");
        vm.label(address(euro), "euro");
        vm.label(address(treasury), "treasury");
        ghostPeriod = 1;

        // Every campaign starts with payable work in period 1 (each member logs an entry that another approves)
        // and a client's payment.
        for (uint256 i = 0; i < MEMBERS; ++i) {
            uint8 stream = i < 4 ? uint8(i % 3) : (i == 4 ? 0 : 1);
            _logWork(_actors[i], stream, uint64(10_000 * (i + 1) + 25), true, i);
        }
        _faucet(outsider, 20_000e6);
        vm.prank(outsider);
        euro.approve(address(treasury), 20_000e6);
        vm.prank(outsider);
        treasury.payIn(20_000e6, "first invoice");
        ghostPaidIn = 20_000e6;
    }

    // ------------------------------------------------------------------------------------------------ LEDGER

    /// @dev A member logs work in the open period (any stream their stage may log); three times in four another
    /// Committed member approves it at once, otherwise it waits for `approve`.
    function logWork(uint256 actorSeed, uint256 streamSeed, uint256 amountSeed, uint256 reviewSeed) external {
        ++calls;
        address author = _actors[actorSeed % MEMBERS];
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
        uint256 index = entrySeed % _pending.length;
        uint256 entryId = _pending[index];
        _pending[index] = _pending[_pending.length - 1];
        _pending.pop();
        _approve(entryId, reviewerSeed);
    }

    /// @dev The treasurer closes the open period (there are no disputes, so it always closes). Entries still
    /// pending stay out of its totals for good.
    function closePeriod(uint256 warpSeed) external {
        ++calls;
        vm.warp(block.timestamp + _bound(warpSeed, 1, 31 days));
        uint32 open = ghostPeriod;
        try ledger.closePeriod() returns (uint32 closed) {
            if (closed != open) _violation("the ledger closed another period than the open one");
            ghostFinalAt[open] = uint48(block.timestamp + DesignDefaults.REVIEW_WINDOW);
            if (ledger.periodInfo(open).finalAt != ghostFinalAt[open]) _violation("finalAt against the model");
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

    // ------------------------------------------------------------------------------------------------ MONEY IN

    /// @dev Anyone (members, an outsider, the bookkeeper) takes euros from the faucet, approves the treasury and pays
    /// in. Now and then zero, or an allowance one short.
    function payIn(uint256 actorSeed, uint256 amountSeed, uint256 refSeed) external {
        ++calls;
        address payer = _actors[actorSeed % _actors.length];
        uint256 amount = _payment(amountSeed);
        uint256 allowance = amount != 0 && refSeed % 16 == 0 ? amount - 1 : amount;
        _faucet(payer, amount);
        vm.prank(payer);
        euro.approve(address(treasury), allowance);

        bytes memory expected;
        if (amount == 0) expected = abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector);
        else if (allowance < amount) {
            expected = abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(treasury),
                allowance,
                amount
            );
        }
        uint256 balanceBefore = euro.balanceOf(address(treasury));
        vm.prank(payer);
        try treasury.payIn(amount, bytes32(refSeed)) {
            if (expected.length != 0) return _violation("payIn accepted what the model refuses");
            ghostPaidIn += amount;
            ++payIns;
            if (euro.balanceOf(address(treasury)) != balanceBefore + amount) _violation("payIn moved another amount");
        } catch (bytes memory err) {
            _expectError("payIn", err, expected);
        }
        // Leftover allowance would let a later call pull without asking.
        vm.prank(payer);
        euro.approve(address(treasury), 0);
    }

    /// @dev A direct transfer to the treasury, without payIn: it is unallocated money all the same.
    function donate(uint256 actorSeed, uint256 amountSeed) external {
        ++calls;
        address donor = _actors[actorSeed % _actors.length];
        uint256 amount = 1 + (amountSeed % _FAUCET_LIMIT);
        _faucet(donor, amount);
        vm.prank(donor);
        euro.transfer(address(treasury), amount);
        ghostDonated += amount;
        ++donations;
    }

    // ------------------------------------------------------------------------------------------------ TREASURERS

    /// @dev A treasurer (this handler or the bookkeeper) funds a period: mostly a closed, unfunded one with an amount
    /// within the unallocated balance; now and then the open period, a future one, period 0, a funded one, zero,
    /// tiny amounts (rounding), exactly the unallocated balance or more. A closed period in its review window is
    /// refused (TreasuryPeriodNotFinal); time passes here too, by up to a review window, so both sides of finalAt
    /// come up.
    function fundPeriod(uint256 periodSeed, uint256 amountSeed, bool byBookkeeper) external {
        ++calls;
        vm.warp(block.timestamp + ((amountSeed >> 128) % (DesignDefaults.REVIEW_WINDOW + 1)));
        uint32 period = _fundTarget(periodSeed);
        uint256 free = modelUnallocated();
        uint256 amount = _fundAmount(amountSeed, free);
        (uint256 funded, uint256[3] memory pools) = _split(period, amount);

        bytes memory expected;
        if (amount == 0) expected = abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector);
        else if (ghostFinalAt[period] == 0 || block.timestamp < ghostFinalAt[period]) {
            // Open, not opened yet, or in its review window: not final.
            expected = abi.encodeWithSelector(ITreasury.TreasuryPeriodNotFinal.selector, period, ghostFinalAt[period]);
        } else if (ghostFunded[period] != 0) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryPeriodAlreadyFunded.selector, period);
        } else if (amount > free) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryInsufficientUnallocated.selector, amount, free);
        } else if (funded == 0) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryNothingToFund.selector, period);
        }

        if (byBookkeeper) vm.prank(bookkeeper);
        try treasury.fundPeriod(period, amount) {
            if (expected.length != 0) return _violation("fundPeriod accepted what the model refuses");
            ghostFunded[period] = funded;
            _streamPools[period] = pools;
            ghostFundedTotal += funded;
            _fundedPeriods.push(period);
            ++fundings;
            ITreasury.Pool memory p = treasury.pool(period);
            if (p.funded != funded) _violation("fundPeriod: pool against the model");
            for (uint8 s = 0; s < STREAMS; ++s) {
                if (p.streamPools[s] != pools[s]) _violation("fundPeriod: stream pool against the model");
                if (p.periodPayable[s] != _periodPayable[period][s])
                    _violation("fundPeriod: payable against the model");
            }
        } catch (bytes memory err) {
            _expectError("fundPeriod", err, expected);
        }
    }

    // ------------------------------------------------------------------------------------------------ MEMBERS

    /// @dev Three times in four a member who may have earned something claims 1 to 3 funded periods they have a
    /// share of and have not claimed (when there are any); otherwise, or when there are none, any actor claims a
    /// list of 0 to 4 periods: mostly funded ones, now and then an unfunded one or a duplicate of the one before,
    /// claimed ones and ones they have no share of.
    function claim(uint256 actorSeed, uint256 listSeed) external {
        ++calls;
        ++claimCalls;
        bool wellFormed = listSeed % 4 != 0;
        address member = _actors[actorSeed % (wellFormed ? 5 : _actors.length)];
        uint32[] memory periods = wellFormed ? _claimableList(member, listSeed >> 2) : new uint32[](0);
        if (periods.length == 0) periods = _claimList(listSeed >> 2);

        bytes memory expected;
        uint256 total;
        for (uint256 i = 0; i < periods.length && expected.length == 0; ++i) {
            uint32 p = periods[i];
            if (ghostFunded[p] == 0) {
                expected = abi.encodeWithSelector(ITreasury.TreasuryPeriodNotFunded.selector, p);
            } else if (ghostHasClaimed[p][member] || _appearsBefore(periods, i)) {
                expected = abi.encodeWithSelector(ITreasury.TreasuryAlreadyClaimed.selector, member, p);
            } else {
                (uint256 share, ) = expectedShare(member, p);
                if (share == 0) expected = abi.encodeWithSelector(ITreasury.TreasuryNothingToClaim.selector, member, p);
                total += share;
            }
        }
        if (expected.length == 0 && total == 0)
            expected = abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector);

        uint256 before = euro.balanceOf(member);
        vm.recordLogs();
        vm.prank(member);
        try treasury.claim(periods) returns (uint256 paid) {
            if (expected.length != 0) return _violation("claim accepted what the model refuses");
            if (paid != total) _violation("claim paid another total than the pro-rata shares");
            if (euro.balanceOf(member) != before + total) _violation("claim moved another amount than it returned");
            _checkClaimEvents(member, periods);
            for (uint256 i = 0; i < periods.length; ++i) {
                uint32 p = periods[i];
                (uint256 share, uint256[3] memory parts) = expectedShare(member, p);
                ghostHasClaimed[p][member] = true;
                ghostClaimOf[p][member] = share;
                ghostPeriodClaimed[p] += share;
                for (uint8 s = 0; s < STREAMS; ++s) _streamClaimed[p][s] += parts[s];
                ++claims;
            }
            ghostClaimed += total;
        } catch (bytes memory err) {
            vm.getRecordedLogs();
            _expectError("claim", err, expected);
        }
    }

    // ------------------------------------------------------------------------------------------------ TIMELOCK

    /// @dev The admin spends: mostly to an actor within the unallocated balance; now and then to the zero address,
    /// to the treasury itself or to any address, zero, exactly the unallocated balance or more.
    function spend(uint256 toSeed, uint256 amountSeed) external {
        ++calls;
        address to = _recipient(toSeed);
        uint256 free = modelUnallocated();
        uint256 amount = _fundAmount(amountSeed, free);

        bytes memory expected;
        if (to == address(0)) expected = abi.encodeWithSelector(ITreasury.TreasuryInvalidRecipient.selector, to);
        else if (amount == 0) expected = abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector);
        else if (amount > free) {
            expected = abi.encodeWithSelector(ITreasury.TreasuryInsufficientUnallocated.selector, amount, free);
        } else if (to == address(treasury)) {
            // A transfer to itself leaves the balance as it was, which the exact-transfer check refuses.
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

    /// @dev The admin sets buckets: three times in four a valid split (extremes included), otherwise any three
    /// numbers, refused unless they happen to sum to 10,000.
    function setBuckets(uint256 seed) external {
        ++calls;
        uint16[3] memory b = _bucketsOf(seed);
        uint256 sum = uint256(b[0]) + b[1] + b[2];
        bytes memory expected =
            sum == BPS ? bytes("") : abi.encodeWithSelector(ITreasury.TreasuryInvalidBuckets.selector, sum);
        try treasury.setBuckets(b) {
            if (expected.length != 0) return _violation("setBuckets accepted what the model refuses");
            _buckets = b;
            ++bucketSets;
        } catch (bytes memory err) {
            _expectError("setBuckets", err, expected);
        }
        uint16[3] memory stored = treasury.buckets();
        for (uint8 s = 0; s < STREAMS; ++s) if (stored[s] != _buckets[s]) _violation("buckets against the model");
    }

    // ------------------------------------------------------------------------------------------------ INTRUDERS

    /// @dev Someone without the role tries what only treasurers (fundPeriod) or the admin (spend, setBuckets,
    /// grantRole) may do, with arguments that would otherwise pass: it must revert with
    /// AccessControlUnauthorizedAccount and change nothing. The bookkeeper, a treasurer, is among the non-admins.
    function unauthorized(uint256 callerSeed, uint256 actionSeed, uint256 argSeed) external {
        ++calls;
        ++unauthorizedAttempts;
        uint256 action = actionSeed % 4;
        // Members and the outsider hold no treasury role; the bookkeeper is a treasurer but not the admin.
        address caller = _actors[callerSeed % (action == 0 ? _actors.length - 1 : _actors.length)];
        bytes32 role = action == 0 ? TREASURER_ROLE : ADMIN_ROLE;
        uint32 period = _fundTarget(argSeed);
        uint256 free = modelUnallocated();
        bytes memory data;
        if (action == 0) {
            data = abi.encodeCall(ITreasury.fundPeriod, (period, free == 0 ? 1 : 1 + (argSeed % free)));
        } else if (action == 1) {
            data = abi.encodeCall(ITreasury.spend, (caller, free == 0 ? 1 : 1 + (argSeed % free), "mine"));
        } else if (action == 2) {
            data = abi.encodeCall(ITreasury.setBuckets, ([uint16(0), 0, 10_000]));
        } else {
            data = abi.encodeCall(IAccessControl.grantRole, (argSeed % 2 == 0 ? ADMIN_ROLE : TREASURER_ROLE, caller));
        }
        bytes32 before = stateDigest(period);
        vm.prank(caller);
        (bool ok, bytes memory err) = address(treasury).call(data);
        if (ok) {
            ++unauthorizedSuccesses;
            return _violation("a caller without the role was let through");
        }
        bytes memory expected = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector,
            caller,
            role
        );
        _expectError("unauthorized call", err, expected);
        if (stateDigest(period) != before) _violation("an unauthorized call changed the treasury");
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    function actorCount() external view returns (uint256) {
        return _actors.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return _actors[i];
    }

    function modelBalance() public view returns (uint256) {
        return ghostPaidIn + ghostDonated - ghostClaimed - ghostSpent;
    }

    function modelOwed() public view returns (uint256) {
        return ghostFundedTotal - ghostClaimed;
    }

    function modelUnallocated() public view returns (uint256) {
        return modelBalance() - modelOwed();
    }

    function modelBuckets() external view returns (uint16[3] memory) {
        return _buckets;
    }

    function streamPools(uint32 period) external view returns (uint256[3] memory) {
        return _streamPools[period];
    }

    function streamClaimed(uint32 period) external view returns (uint256[3] memory) {
        return _streamClaimed[period];
    }

    function memberPayable(uint32 period, address member) external view returns (uint256[3] memory) {
        return _memberPayable[period][member];
    }

    function periodPayable(uint32 period) external view returns (uint256[3] memory) {
        return _periodPayable[period];
    }

    /// @dev A member's share of a funded period from the model: per stream, floor(pool x member's payable / the
    /// period's payable).
    function expectedShare(address member, uint32 period) public view returns (uint256 share, uint256[3] memory parts) {
        for (uint8 s = 0; s < STREAMS; ++s) {
            uint256 pool_ = _streamPools[period][s];
            uint256 mine = _memberPayable[period][member][s];
            if (pool_ == 0 || mine == 0) continue;
            parts[s] = (pool_ * mine) / _periodPayable[period][s];
            share += parts[s];
        }
    }

    /// @dev Everything an unauthorized call could change: balance, owed, buckets, the targeted pool and the roles.
    function stateDigest(uint32 period) public view returns (bytes32) {
        bytes memory roles;
        for (uint256 i = 0; i < _actors.length; ++i) {
            roles = abi.encodePacked(
                roles,
                treasury.hasRole(ADMIN_ROLE, _actors[i]),
                treasury.hasRole(TREASURER_ROLE, _actors[i])
            );
        }
        return
            keccak256(
                abi.encode(
                    euro.balanceOf(address(treasury)),
                    treasury.owed(),
                    treasury.buckets(),
                    treasury.pool(period),
                    roles
                )
            );
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    function _logWork(address author, uint8 stream, uint64 amount, bool approveNow, uint256 reviewSeed) internal {
        vm.prank(author);
        try ledger.logWork(stream, amount, ghostPeriod, keccak256(abi.encode(author, amount, logs)), "") returns (
            uint256 entryId
        ) {
            ++logs;
            uint16 weight = DesignDefaults.ledgerSettings().weights[uint8(membership.stageOf(author)) - 1][stream];
            _work[entryId] = PendingWork(author, stream, (uint256(amount) * weight) / BPS);
            if (approveNow) _approve(entryId, reviewSeed);
            else _pending.push(entryId);
        } catch {
            _violation("the ledger refused valid work");
        }
    }

    /// @dev Approval by a Committed member other than the author: the entry counts (one approval is required).
    function _approve(uint256 entryId, uint256 reviewerSeed) internal {
        PendingWork storage w = _work[entryId];
        address reviewer = _actors[reviewerSeed % 4];
        if (reviewer == w.author) reviewer = _actors[(reviewerSeed + 1) % 4];
        vm.prank(reviewer);
        try ledger.approve(entryId) {
            ++approvals;
            _memberPayable[ghostPeriod][w.author][w.stream] += w.payable_;
            _periodPayable[ghostPeriod][w.stream] += w.payable_;
        } catch {
            _violation("the ledger refused a valid approval");
        }
    }

    /// @dev The pools a funding of `amount` would make: each bucket's share, for streams with payable work.
    function _split(uint32 period, uint256 amount) internal view returns (uint256 funded, uint256[3] memory pools) {
        for (uint8 s = 0; s < STREAMS; ++s) {
            if (_periodPayable[period][s] == 0) continue;
            pools[s] = (amount * _buckets[s]) / BPS;
            funded += pools[s];
        }
    }

    function _fundTarget(uint256 seed) internal view returns (uint32) {
        uint256 kind = seed % 16;
        if (kind == 0) return ghostPeriod;
        if (kind == 1) return ghostPeriod + 1 + uint32((seed >> 4) % 4);
        if (kind == 2) return 0;
        if (kind == 3 && _fundedPeriods.length != 0) return _fundedPeriods[(seed >> 4) % _fundedPeriods.length];
        if (kind == 4) return uint32(1 + ((seed >> 4) % ghostPeriod));
        // The latest closed period not funded yet with payable work, as a treasurer would pick; else the latest
        // unfunded one; else any.
        uint32 unfunded;
        for (uint32 p = ghostPeriod - 1; p >= 1; --p) {
            if (ghostFunded[p] != 0) continue;
            uint256[3] storage work = _periodPayable[p];
            if (work[0] != 0 || work[1] != 0 || work[2] != 0) return p;
            if (unfunded == 0) unfunded = p;
        }
        return unfunded != 0 ? unfunded : uint32(1 + ((seed >> 4) % ghostPeriod));
    }

    /// @dev Mostly within `free`; now and then zero, 1 to 10 (rounding), exactly `free`, or above it.
    function _fundAmount(uint256 seed, uint256 free) internal pure returns (uint256) {
        uint256 kind = seed % 16;
        if (kind == 0) return 0;
        if (kind == 1) return 1 + ((seed >> 4) % 10);
        if (kind == 2) return free;
        if (kind == 3) return free + 1 + ((seed >> 4) % _MAX_PAYMENT);
        return free == 0 ? 1 + ((seed >> 4) % 10) : 1 + ((seed >> 4) % free);
    }

    /// @dev Mostly 1 to 50,000 euros; now and then zero or 1 to 1,000 units (rounding).
    function _payment(uint256 seed) internal pure returns (uint256) {
        uint256 kind = seed % 16;
        if (kind == 0) return 0;
        if (kind <= 3) return 1 + ((seed >> 4) % 1_000);
        return 1 + ((seed >> 4) % _MAX_PAYMENT);
    }

    function _faucet(address account, uint256 amount) internal {
        while (amount != 0) {
            uint256 chunk = amount > _FAUCET_LIMIT ? _FAUCET_LIMIT : amount;
            vm.prank(account);
            euro.faucet(chunk);
            amount -= chunk;
        }
    }

    function _recipient(uint256 seed) internal view returns (address) {
        uint256 kind = seed % 16;
        if (kind == 0) return address(0);
        if (kind == 1) return address(treasury);
        if (kind == 2) return address(uint160(uint256(keccak256(abi.encode(seed)))));
        return _actors[(seed >> 4) % _actors.length];
    }

    function _claimList(uint256 seed) internal view returns (uint32[] memory periods) {
        periods = new uint32[](seed % 5);
        for (uint256 i = 0; i < periods.length; ++i) {
            uint256 k = uint256(keccak256(abi.encode(seed, i)));
            uint256 kind = k % 8;
            if (kind == 0 || _fundedPeriods.length == 0) periods[i] = uint32((k >> 3) % (ghostPeriod + 2));
            else if (kind == 1 && i > 0) periods[i] = periods[i - 1];
            else periods[i] = _fundedPeriods[(k >> 3) % _fundedPeriods.length];
        }
    }

    /// @dev The pool keeps no claimed total: what members claimed is in the PayoutClaimed events. A successful claim
    /// emits one per period, in the list's order, with the model's share.
    function _checkClaimEvents(address member, uint32[] memory periods) internal {
        Vm.Log[] memory recorded = vm.getRecordedLogs();
        uint256 seen;
        for (uint256 i = 0; i < recorded.length; ++i) {
            Vm.Log memory entry = recorded[i];
            if (entry.emitter != address(treasury) || entry.topics[0] != ITreasury.PayoutClaimed.selector) continue;
            if (seen >= periods.length) return _violation("claim emitted more PayoutClaimed events than periods");
            (uint256 share, ) = expectedShare(member, periods[seen]);
            if (
                address(uint160(uint256(entry.topics[1]))) != member ||
                uint256(entry.topics[2]) != periods[seen] ||
                abi.decode(entry.data, (uint256)) != share
            ) _violation("a PayoutClaimed event disagrees with the model");
            ++seen;
        }
        if (seen != periods.length) _violation("claim emitted fewer PayoutClaimed events than periods");
    }

    /// @dev Up to 1 + seed % 3 funded periods that `member` has an unclaimed, non-zero share of.
    function _claimableList(address member, uint256 seed) internal view returns (uint32[] memory periods) {
        uint256 n = _fundedPeriods.length;
        uint32[] memory found = new uint32[](3);
        uint256 wanted = 1 + (seed % 3);
        uint256 count;
        for (uint256 i = 0; i < n && count < wanted; ++i) {
            uint32 p = _fundedPeriods[((seed >> 2) + i) % n];
            if (ghostHasClaimed[p][member]) continue;
            (uint256 share, ) = expectedShare(member, p);
            if (share != 0) found[count++] = p;
        }
        periods = new uint32[](count);
        for (uint256 i = 0; i < count; ++i) periods[i] = found[i];
    }

    function _appearsBefore(uint32[] memory periods, uint256 i) internal pure returns (bool) {
        for (uint256 j = 0; j < i; ++j) if (periods[j] == periods[i]) return true;
        return false;
    }

    function _bucketsOf(uint256 seed) internal pure returns (uint16[3] memory b) {
        uint256 kind = seed % 8;
        if (kind == 0) return [uint16(seed >> 8), uint16(seed >> 24), uint16(seed >> 40)];
        if (kind == 1) return [uint16(10_000), 0, 0];
        if (kind == 2) return [uint16(0), 0, 10_000];
        if (kind == 3) return [uint16(5_000), 2_000, 3_000];
        uint256 first = (seed >> 8) % (BPS + 1);
        uint256 second = (seed >> 24) % (BPS - first + 1);
        uint256 third = BPS - first - second;
        uint256 rotation = (seed >> 40) % 3;
        b[rotation] = uint16(first);
        b[(rotation + 1) % 3] = uint16(second);
        b[(rotation + 2) % 3] = uint16(third);
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
