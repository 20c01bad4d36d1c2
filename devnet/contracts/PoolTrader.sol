// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The Uniswap v3 pool calls this trader's callbacks; these are the parts of the pool it uses.
interface IUniswapV3PoolLike {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function mint(address recipient, int24 tickLower, int24 tickUpper, uint128 amount, bytes calldata data)
        external returns (uint256 amount0, uint256 amount1);
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external returns (int256 amount0, int256 amount1);
}

interface IERC20Like {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title DevnetPoolTrader
/// @notice For the local devnet only: adds liquidity to and swaps in a real Uniswap v3 pool. The pool pays out
/// first and then asks, through a callback, for what it is owed; the trader pulls that from the caller, who
/// approved it beforehand.
contract DevnetPoolTrader {
    // The price limits just inside Uniswap v3's sqrt-price range, so a swap is limited by its amount only.
    uint160 private constant MinSqrtRatioPlusOne = 4295128740;
    uint160 private constant MaxSqrtRatioMinusOne = 1461446703485210103287273052203988822378723970341;

    address private _pool;
    address private _payer;

    function mint(address pool, int24 tickLower, int24 tickUpper, uint128 liquidity) external {
        _begin(pool);
        IUniswapV3PoolLike(pool).mint(msg.sender, tickLower, tickUpper, liquidity, "");
        _end();
    }

    /// @notice Sells exactly `amountIn` of token0 (zeroForOne) or token1 into the pool; the output goes to the caller.
    function swapExactIn(address pool, bool zeroForOne, uint256 amountIn) external {
        require(amountIn > 0 && amountIn < uint256(type(int256).max), "DevnetPoolTrader: bad amount");
        _begin(pool);
        uint160 limit = zeroForOne ? MinSqrtRatioPlusOne : MaxSqrtRatioMinusOne;
        IUniswapV3PoolLike(pool).swap(msg.sender, zeroForOne, int256(amountIn), limit, "");
        _end();
    }

    function uniswapV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        _pay(amount0Owed, amount1Owed);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _pay(amount0Delta > 0 ? uint256(amount0Delta) : 0, amount1Delta > 0 ? uint256(amount1Delta) : 0);
    }

    function _begin(address pool) private {
        require(_pool == address(0), "DevnetPoolTrader: busy");
        _pool = pool;
        _payer = msg.sender;
    }

    function _end() private {
        _pool = address(0);
        _payer = address(0);
    }

    // Only the pool this trader is calling may ask to be paid, and only during that call.
    function _pay(uint256 amount0, uint256 amount1) private {
        require(msg.sender == _pool && _pool != address(0), "DevnetPoolTrader: unexpected callback");
        if (amount0 > 0) {
            require(IERC20Like(IUniswapV3PoolLike(_pool).token0()).transferFrom(_payer, _pool, amount0), "DevnetPoolTrader: token0");
        }
        if (amount1 > 0) {
            require(IERC20Like(IUniswapV3PoolLike(_pool).token1()).transferFrom(_payer, _pool, amount1), "DevnetPoolTrader: token1");
        }
    }
}
