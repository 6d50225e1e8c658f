"""Login throttling per address, per account and per account-and-address, counted atomically in the limiter's
store (Redis when REDIS_URL is set, so every worker shares it; this process's memory otherwise).

Red team 6: ten wrong passwords from anywhere used to lock the owner out for five minutes. Now:
- one address: at most LOGIN_RATE_LIMIT failed attempts (all accounts together), then 429 for that address;
- one account from one address: growing delays (1 s, 2 s, 4 s … at most 15 minutes) after the first ten;
- one account from any address: growing delays too, but short (at most a minute), and not at all from a
  browser where the owner has logged in before (a signed "known device" cookie): the owner is never locked
  out by others, a stranger's guesses still slow down to one a minute.

Each attempt is reserved before the password (or code) is checked: the count is increased first, in one
atomic step of the store, and given back when the attempt succeeds. So parallel attempts on many workers
cannot get past a limit between "check" and "count" (Flask-Limiter's deduct_when counts afterwards).
"""
import hashlib
import math
import time
from dataclasses import dataclass, field

from flask import current_app
from limits import parse
from limits.storage import MemoryStorage
from werkzeug.exceptions import TooManyRequests

from app.extensions import limiter

ACCOUNT_DELAY_CAP = 60
PAIR_DELAY_CAP = 15 * 60
GROWING_WINDOW = 3600  # failures are forgotten an hour after the first one
_fallback = MemoryStorage()


@dataclass(frozen=True)
class _Scope:
    key: str
    free: int  # attempts without any wait
    window: int  # seconds the count lives
    cap: int | None  # longest wait between attempts after the free ones; None: refused until the window ends


@dataclass
class Attempt:
    scopes: list = field(default_factory=list)  # the scopes whose count this attempt holds


def _storage():
    try:
        storage = limiter.storage
        if storage is not None and storage.check():
            return storage
    except Exception:  # Redis down: throttle in this process, as Flask-Limiter's in-memory fallback does
        current_app.logger.warning("throttle store unavailable: counting in this process")
    return _fallback


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:24]  # no e-mail address as a key in Redis


def _scopes(account: str, address: str, known_device: bool) -> list[_Scope]:
    limit = parse(current_app.config["LOGIN_RATE_LIMIT"])
    scopes = [_Scope(f"jb-throttle:address:{_digest(address)}", limit.amount, limit.get_expiry(), None),
              _Scope(f"jb-throttle:pair:{_digest(account + '|' + address)}", limit.amount, GROWING_WINDOW,
                     PAIR_DELAY_CAP)]
    if not known_device:
        scopes.append(_Scope(f"jb-throttle:account:{_digest(account)}", limit.amount, GROWING_WINDOW,
                             ACCOUNT_DELAY_CAP))
    return scopes


def _delay(scope: _Scope, count: int) -> int:
    return min(2 ** max(count - scope.free, 0), scope.cap)


def _refuse(storage, attempt: Attempt, wait: float):
    give_back(attempt, storage)
    raise TooManyRequests(retry_after=max(1, math.ceil(wait)))


def begin(account: str, address: str, *, known_device: bool = False) -> Attempt:
    """Reserve one attempt for account from address, or raise TooManyRequests (429 with Retry-After)."""
    storage = _storage()
    attempt = Attempt()
    for scope in _scopes(account, address, known_device):
        count = storage.incr(scope.key, scope.window)
        attempt.scopes.append(scope)
        if count > scope.free and scope.cap is None:
            _refuse(storage, attempt, storage.get_expiry(scope.key) - time.time())
        if count >= scope.free and scope.cap is not None:
            # From the last free attempt on, each attempt holds a gate that the next one must find gone.
            gate = scope.key + ":gate"
            if storage.get(gate) > 0 or storage.incr(gate, _delay(scope, count)) != 1:
                _refuse(storage, attempt, storage.get_expiry(gate) - time.time())
    return attempt


def give_back(attempt: Attempt, storage=None) -> None:
    """The attempt succeeded (or never ran): it does not count."""
    storage = storage or _storage()
    for scope in attempt.scopes:
        storage.incr(scope.key, scope.window, amount=-1)
    attempt.scopes = []


def succeeded(attempt: Attempt) -> None:
    """A right password or code: the attempt is given back, and this address's own mistakes are forgiven."""
    storage = _storage()
    pairs = [scope for scope in attempt.scopes if ":pair:" in scope.key]
    give_back(attempt, storage)
    for scope in pairs:
        storage.clear(scope.key)
        storage.clear(scope.key + ":gate")


def reset() -> None:
    """Forget every count kept in this process (tests)."""
    _fallback.reset()
