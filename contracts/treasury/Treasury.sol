// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICapitalAccounts} from "../interfaces/ICapitalAccounts.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {IValueLedger} from "../interfaces/IValueLedger.sol";
import {CloneArgs} from "../utils/CloneArgs.sol";
import {TokenRecovery} from "../utils/TokenRecovery.sol";

/// @title Treasury
/// @notice Holds the DisCO's currency. Anyone pays in; treasurers fund closed periods; members pull their payout,
/// their share of each stream bucket in proportion to their payable work; the capital accounts (a clone that names this
/// treasury for good, as this treasury names it) keep their money here too; the timelock alone spends the rest.
/// @dev Nothing loops over members: a funding writes one pool, a claim reads two pool slots, the member's own
/// ledger totals and their claimed-periods bitmap, and writes that bitmap and the owed total. Every
/// transfer is checked to move exactly the amount asked, so that a fee-charging token is refused rather than
/// breaking the accounts. `unallocated` is the balance minus what payouts and the capital accounts are owed, so it
/// can't drift from the balance.
contract Treasury is ITreasury, TokenRecovery, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The role that funds periods (the same id as the ledger's treasurers).
    bytes32 public constant TREASURER_ROLE = keccak256("TREASURER_ROLE");

    uint16 private constant _BPS = 10_000;
    uint8 private constant _STREAMS = 3;

    // ------------------------------------------------------------------------------------------------ STORAGE

    /// @dev A pool packed in two slots, the stream pools beside the period's payable work that they are shared by
    /// (fixed at funding: a closed period never changes).
    struct PackedPool {
        uint96 livelihoodPool;
        uint96 lovePool;
        uint64 livelihoodPayable;
        uint96 carePool;
        uint64 lovePayable;
        uint64 carePayable;
    }

    mapping(uint32 period => PackedPool) private _pools;
    // Claimed periods, a bit each, 256 to a word: a member's monthly claims share one word for 21 years.
    mapping(address member => mapping(uint256 word => uint256 bits)) private _claimed;
    uint256 private _owed;
    // The capital accounts and the buckets share one slot: funding a period reads both.
    ICapitalAccounts private _capital;
    uint16 private _livelihoodBps;
    uint16 private _loveBps;
    uint16 private _careBps;

    /// @notice The implementation that clones run: its own initialiser is locked, so it holds no DisCO.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Sets up a clone, once: the factory calls it in the transaction that creates the clone.
    /// The clone's arguments: the currency token (6 decimals for a euro-like one; any exact ERC-20 works) and the
    /// value ledger whose payable totals payouts follow.
    /// @param admin The only holder of DEFAULT_ADMIN_ROLE: the DisCO's timelock
    /// @param treasurers The founding treasurers (the timelock grants and revokes the role afterwards)
    /// @param bucketsBps Livelihood, Love, Care in basis points, summing to 10,000
    /// @param capital_ The capital accounts kept here, a clone whose own argument names this treasury
    function initialize(
        address admin,
        address[] calldata treasurers,
        uint16[3] calldata bucketsBps,
        ICapitalAccounts capital_
    ) external initializer {
        _capital = capital_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i = 0; i < treasurers.length; ++i) _grantRole(TREASURER_ROLE, treasurers[i]);
        _setBuckets(bucketsBps);
    }

    // ------------------------------------------------------------------------------------------------ ACTIONS

    /// @inheritdoc ITreasury
    function payIn(uint256 amount, bytes32 paymentRef) external nonReentrant {
        if (amount == 0) revert TreasuryZeroAmount();
        address payer = _msgSender();
        uint256 before = _currency().balanceOf(address(this));
        _currency().safeTransferFrom(payer, address(this), amount);
        _requireExact(amount, _currency().balanceOf(address(this)) - before);
        emit PaidIn(payer, amount, paymentRef);
    }

    /// @inheritdoc ITreasury
    function fundPeriod(uint32 period, uint256 amount) external onlyRole(TREASURER_ROLE) nonReentrant {
        if (amount == 0) revert TreasuryZeroAmount();
        if (!_ledger().isFinal(period)) revert TreasuryPeriodNotFinal(period, _ledger().periodInfo(period).finalAt);
        if (_isFunded(_pools[period])) revert TreasuryPeriodAlreadyFunded(period);
        uint256 free = _unallocated();
        if (amount > free) revert TreasuryInsufficientUnallocated(amount, free);

        uint64[3] memory periodPayable = _ledger().periodTotals(period).payable_;
        uint16[3] memory bucketsBps = _buckets();
        uint96[3] memory streamPools;
        uint256 funded;
        for (uint256 s = 0; s < _STREAMS; ++s) {
            // A bucket nobody earned payable work in stays unallocated, as does the rounding of the split.
            if (periodPayable[s] == 0) continue;
            streamPools[s] = SafeCast.toUint96((amount * bucketsBps[s]) / _BPS);
            funded += streamPools[s];
        }
        if (funded == 0) revert TreasuryNothingToFund(period);

        _pools[period] = PackedPool({
            livelihoodPool: streamPools[0],
            lovePool: streamPools[1],
            livelihoodPayable: periodPayable[0],
            carePool: streamPools[2],
            lovePayable: periodPayable[1],
            carePayable: periodPayable[2]
        });
        _owed += funded;
        emit PeriodFunded(period, _msgSender(), funded, bucketsBps, streamPools);
    }

    /// @inheritdoc ITreasury
    function claim(uint32[] calldata periods) external nonReentrant returns (uint256 total) {
        address member = _msgSender();
        for (uint256 i = 0; i < periods.length; ++i) {
            uint32 period = periods[i];
            PackedPool storage stored = _pools[period];
            if (!_isFunded(stored)) revert TreasuryPeriodNotFunded(period);
            mapping(uint256 word => uint256 bits) storage claimed = _claimed[member];
            uint256 bit = 1 << (period % 256);
            uint256 bits = claimed[period / 256];
            if (bits & bit != 0) revert TreasuryAlreadyClaimed(member, period);
            uint256 share = _share(member, period, stored);
            if (share == 0) revert TreasuryNothingToClaim(member, period);
            claimed[period / 256] = bits | bit;
            total += share;
            emit PayoutClaimed(member, period, share);
        }
        if (total == 0) revert TreasuryZeroAmount();
        _owed -= total;
        _pay(member, total);
    }

    /// @inheritdoc ITreasury
    function spend(
        address to,
        uint256 amount,
        string calldata reason
    ) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (to == address(0)) revert TreasuryInvalidRecipient(to);
        if (amount == 0) revert TreasuryZeroAmount();
        uint256 free = _unallocated();
        if (amount > free) revert TreasuryInsufficientUnallocated(amount, free);
        emit Spent(to, amount, reason);
        _pay(to, amount);
    }

    /// @inheritdoc ITreasury
    function capitalPay(address to, uint256 amount) external nonReentrant {
        if (_msgSender() != address(_capital)) revert TreasuryOnlyCapital(_msgSender());
        _pay(to, amount);
    }

    /// @inheritdoc ITreasury
    function setBuckets(uint16[3] calldata bucketsBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setBuckets(bucketsBps);
    }

    // ------------------------------------------------------------------------------------------------ VIEWS

    /// @inheritdoc ITreasury
    function currency() external view returns (IERC20) {
        return _currency();
    }

    /// @inheritdoc ITreasury
    function ledger() external view returns (IValueLedger) {
        return _ledger();
    }

    /// @inheritdoc ITreasury
    function capital() external view returns (ICapitalAccounts) {
        return _capital;
    }

    /// @inheritdoc ITreasury
    function buckets() external view returns (uint16[3] memory) {
        return _buckets();
    }

    /// @inheritdoc ITreasury
    function owed() external view returns (uint256) {
        return _owed;
    }

    /// @inheritdoc ITreasury
    /// @dev Refused while one of the treasury's payments is under way: the balance and the books disagree until it
    /// ends. (During a contribution into the treasury the capital books count it before it lands, so the answer is
    /// low, never high.)
    function unallocated() external view nonReentrantView returns (uint256) {
        return _unallocated();
    }

    /// @inheritdoc ITreasury
    function pool(uint32 period) external view returns (Pool memory p) {
        PackedPool storage stored = _pools[period];
        p.streamPools = [stored.livelihoodPool, stored.lovePool, stored.carePool];
        p.periodPayable = [stored.livelihoodPayable, stored.lovePayable, stored.carePayable];
        p.funded = uint256(stored.livelihoodPool) + stored.lovePool + stored.carePool;
    }

    /// @inheritdoc ITreasury
    function claimable(address member, uint32 period) external view returns (uint256) {
        PackedPool storage stored = _pools[period];
        if (!_isFunded(stored) || hasClaimed(member, period)) return 0;
        return _share(member, period, stored);
    }

    /// @inheritdoc ITreasury
    function hasClaimed(address member, uint32 period) public view returns (bool) {
        return _claimed[member][period / 256] & (1 << (period % 256)) != 0;
    }

    // ------------------------------------------------------------------------------------------------ INTERNAL

    /// @dev Each stream pool x the member's payable work / the period's, rounded down: the dust stays owed. A share
    /// never exceeds its pool, since the members' payable work sums to the period's. A stream the member earned
    /// nothing in is not read (its pool and payable share a slot: a livelihood-only claim reads one slot of two).
    /// The period's payable is at least the member's, so never zero where it divides; a 96-bit pool times a 64-bit
    /// payable cannot overflow, so plain arithmetic rounds exactly as mulDiv would.
    function _share(address member, uint32 period, PackedPool storage stored) private view returns (uint256 share) {
        uint64[3] memory memberPayable = _ledger().memberPeriodPayable(member, period);
        if (memberPayable[0] != 0)
            share += (uint256(stored.livelihoodPool) * memberPayable[0]) / stored.livelihoodPayable;
        if (memberPayable[1] != 0) share += (uint256(stored.lovePool) * memberPayable[1]) / stored.lovePayable;
        if (memberPayable[2] != 0) share += (uint256(stored.carePool) * memberPayable[2]) / stored.carePayable;
    }

    /// @dev A funded pool has at least one non-empty stream pool (funding refuses to fund nothing).
    function _isFunded(PackedPool storage stored) private view returns (bool) {
        return stored.livelihoodPool != 0 || stored.lovePool != 0 || stored.carePool != 0;
    }

    function _unallocated() private view returns (uint256) {
        uint256 balance = _currency().balanceOf(address(this));
        uint256 committed = _owed + _capital.held();
        // Exact transfers keep the balance at or above what is owed; a token that took funds away by itself
        // would show here as nothing left to allocate rather than as a failing view.
        return balance > committed ? balance - committed : 0;
    }

    /// @dev Sends `amount` and checks that exactly that much left the treasury.
    function _pay(address to, uint256 amount) private {
        IERC20 token = _currency();
        uint256 before = token.balanceOf(address(this));
        token.safeTransfer(to, amount);
        _requireExact(amount, before - token.balanceOf(address(this)));
    }

    function _requireExact(uint256 expected, uint256 actual) private pure {
        if (actual != expected) revert TreasuryInexactTransfer(expected, actual);
    }

    /// @dev The currency is the DisCO's money: its free part is spent by vote through `spend`, never recovered.
    function _keptBalance() internal view override returns (uint256) {
        return _currency().balanceOf(address(this));
    }

    function _buckets() private view returns (uint16[3] memory) {
        return [_livelihoodBps, _loveBps, _careBps];
    }

    function _setBuckets(uint16[3] memory bucketsBps) private {
        uint256 sum = uint256(bucketsBps[0]) + bucketsBps[1] + bucketsBps[2];
        if (sum != _BPS) revert TreasuryInvalidBuckets(sum);
        (_livelihoodBps, _loveBps, _careBps) = (bucketsBps[0], bucketsBps[1], bucketsBps[2]);
        emit BucketsSet(bucketsBps);
    }

    /// @dev The currency token, the clone's argument 0.
    function _currency() private view returns (IERC20) {
        return IERC20(CloneArgs.addressAt(0));
    }

    /// @dev The value ledger whose payable totals payouts follow, the clone's argument 1.
    function _ledger() private view returns (IValueLedger) {
        return IValueLedger(CloneArgs.addressAt(1));
    }
}
